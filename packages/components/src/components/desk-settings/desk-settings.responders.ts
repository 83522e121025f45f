/**
 * @license MIT
 * Auto responders: the greeting, "no agent available", "outside business hours" and the
 * inactivity warning, each switched on with its message. They go to web chats, SMS and
 * WhatsApp alike. "Outside business hours" on without opening hours (always closed) is
 * warned about, with a way to the opening hours.
 */
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { DeskSettings as Settings } from '@deskkit/client';
import { SettingsPanel } from './desk-settings.panel.js';

type Responders = Settings['autoResponders'];
type ResponderKind = keyof Responders;
const kinds: ResponderKind[] = ['greeting', 'noAgent', 'outsideHours', 'inactivity'];

export class RespondersPanel extends SettingsPanel {
  readonly section = 'responders';
  private draft: Responders | null = null;

  protected override clear(): void {
    this.draft = null;
  }

  private set(kind: ResponderKind, change: Partial<Responders[ResponderKind]>) {
    this.draft = { ...this.draft!, [kind]: { ...this.draft![kind], ...change } };
    this.host.requestUpdate();
  }

  private readonly handleSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const draft = this.draft!;
    void this.run(async () => {
      this.host.settings = await this.client.settings.updateAutoResponders.mutate(draft);
      this.draft = structuredClone(this.host.settings.autoResponders);
    });
  };

  render() {
    const s = this.host.settings;
    if (!s) return html``;
    const d = (this.draft ??= structuredClone(s.autoResponders));
    const t = this.t;
    return html`<form part="form responders" aria-busy=${this.busy ? 'true' : 'false'} aria-labelledby="responders-title" @submit=${this.handleSubmit}>
      <h3 id="responders-title">${t.term('settingsAutoResponders')}</h3>
      <p class="hint">${t.term('settingsRespondersHint')}</p>
      ${this.renderStatus()}
      ${kinds.map((kind) => {
        const label = t.term(`settingsResponder_${kind}`);
        return html`<fieldset part="responder" data-kind=${kind}>
          <legend>
            <label class="choice"
              ><input type="checkbox" name=${`${kind}.enabled`} .checked=${live(d[kind].enabled)} @change=${(e: Event) => this.set(kind, { enabled: (e.target as HTMLInputElement).checked })} />
              ${label}</label
            >
          </legend>
          <textarea
            name=${`${kind}.message`}
            maxlength="1000"
            rows="2"
            aria-label=${t.term('settingsResponderMessage', label)}
            aria-invalid=${this.ariaInvalid(`${kind}.message`)}
            aria-describedby=${this.describedBy(`${kind}.message`)}
            .value=${live(d[kind].message)}
            @input=${(e: Event) => this.set(kind, { message: (e.target as HTMLTextAreaElement).value })}
          ></textarea>
          ${this.fieldError(`${kind}.message`)}
          ${kind === 'outsideHours' && d.outsideHours.enabled && !s.profile.hours.length ? this.renderNoHours() : nothing}
        </fieldset>`;
      })}
      <div class="actions"><button type="submit" class="primary" ?disabled=${this.busy}>${t.term('settingsSave')}</button></div>
    </form>`;
  }

  /** Empty opening hours mean always closed: every chat would get the outside-hours message. */
  private renderNoHours() {
    const t = this.t;
    return html`<div part="hours-warning" class="warning" role="alert">
      <p>${t.term('settingsNoHoursWarning')}</p>
      <button type="button" data-action="set-hours" @click=${() => void this.host.open('profile', true)}>${t.term('settingsSetHours')}</button>
    </div>`;
  }
}
