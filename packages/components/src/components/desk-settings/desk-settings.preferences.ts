/**
 * @license MIT
 * Preferences: the default chat cap per agent, closing chats after customer inactivity
 * (and the warning before), and how chats are assigned.
 */
import { html } from 'lit';
import { live } from 'lit/directives/live.js';
import type { DeskSettings as Settings } from '@deskkit/client';
import { SettingsPanel } from './desk-settings.panel.js';

type Preferences = Settings['preferences'];
type NumberField = 'defaultMaxChats' | 'autoCloseMinutes' | 'inactivityWarningMinutes';

const limits: Record<NumberField, { min: number; max: number }> = {
  defaultMaxChats: { min: 0, max: 100 },
  autoCloseMinutes: { min: 0, max: 7 * 24 * 60 },
  inactivityWarningMinutes: { min: 1, max: 24 * 60 },
};

export class PreferencesPanel extends SettingsPanel {
  readonly section = 'preferences';
  private draft: Preferences | null = null;

  protected override clear(): void {
    this.draft = null;
  }

  private readonly handleSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const d = this.draft!;
    void this.run(async () => {
      this.host.settings = await this.client.settings.updatePreferences.mutate(d);
      this.draft = { ...this.host.settings.preferences };
    });
  };

  render() {
    const s = this.host.settings;
    if (!s) return html``;
    const d = (this.draft ??= { ...s.preferences });
    const t = this.t;
    const number = (name: NumberField, label: string, hint: string) => html`<label class="field"
        >${label}
        <input
          type="number"
          name=${name}
          inputmode="numeric"
          required
          min=${limits[name].min}
          max=${limits[name].max}
          step="1"
          .value=${live(String(d[name]))}
          aria-invalid=${this.ariaInvalid(name)}
          aria-describedby=${this.describedBy(name, `${name}-hint`)}
          @input=${(e: Event) => {
            this.draft = { ...this.draft!, [name]: (e.target as HTMLInputElement).valueAsNumber };
            this.host.requestUpdate();
          }}
        />
        <span class="hint" id=${`${name}-hint`}>${hint}</span></label
      >${this.fieldError(name)}`;
    return html`<form part="form preferences" aria-busy=${this.busy ? 'true' : 'false'} aria-labelledby="preferences-title" @submit=${this.handleSubmit}>
      <h3 id="preferences-title">${t.term('settingsPreferences')}</h3>
      ${this.renderStatus()} ${number('defaultMaxChats', t.term('settingsMaxChats'), t.term('settingsMaxChatsHint'))}
      ${number('autoCloseMinutes', t.term('settingsAutoClose'), t.term('settingsAutoCloseHint'))}
      ${number('inactivityWarningMinutes', t.term('settingsWarning'), t.term('settingsWarningHint'))}
      <fieldset part="routing">
        <legend>${t.term('settingsRouting')}</legend>
        ${(['manual', 'auto'] as const).map(
          (mode) => html`<label class="choice"
            ><input
              type="radio"
              name="routingMode"
              value=${mode}
              .checked=${live(d.routingMode === mode)}
              @change=${() => {
                this.draft = { ...this.draft!, routingMode: mode };
                this.host.requestUpdate();
              }}
            />
            ${t.term(mode === 'auto' ? 'settingsRoutingAuto' : 'settingsRoutingManual')}</label
          >`,
        )}
        ${this.fieldError('routingMode')}
      </fieldset>
      <div class="actions"><button type="submit" class="primary" ?disabled=${this.busy}>${t.term('settingsSave')}</button></div>
    </form>`;
  }
}
