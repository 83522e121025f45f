/**
 * @license MIT
 * The optional LLM behind suggested replies: an OpenAI-compatible API. The API key is
 * write-only: the desk says whether one is stored, never what it is.
 */
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { RouterOutputs } from '@deskkit/client';
import { SettingsPanel } from './desk-settings.panel.js';

type LlmSettings = RouterOutputs['suggestions']['llmSettings'];
interface LlmDraft {
  enabled: boolean;
  baseUrl: string;
  model: string;
  /** A new key; empty keeps the stored one. */
  apiKey: string;
  removeKey: boolean;
}

const draftOf = (s: LlmSettings): LlmDraft => ({ enabled: s.enabled, baseUrl: s.baseUrl ?? '', model: s.model ?? '', apiKey: '', removeKey: false });

export class LlmPanel extends SettingsPanel {
  readonly section = 'llm';
  private stored: LlmSettings | null = null;
  private draft: LlmDraft | null = null;

  protected override async load(): Promise<void> {
    this.stored = await this.client.suggestions.llmSettings.query();
    this.draft = draftOf(this.stored);
  }

  protected override clear(): void {
    this.stored = null;
    this.draft = null;
  }

  private set(change: Partial<LlmDraft>) {
    this.draft = { ...this.draft!, ...change };
    this.host.requestUpdate();
  }

  private readonly handleSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const d = this.draft!;
    void this.run(async () => {
      this.stored = await this.client.suggestions.configureLlm.mutate({
        enabled: d.enabled,
        baseUrl: d.baseUrl,
        model: d.model,
        ...(d.removeKey ? { apiKey: null } : d.apiKey ? { apiKey: d.apiKey } : {}),
      });
      this.draft = draftOf(this.stored);
    });
  };

  render() {
    const t = this.t;
    const d = this.draft;
    if (!d) return html`${this.renderStatus()}`;
    const text = (name: 'baseUrl' | 'model', label: string, type = 'text') => html`<label class="field"
        >${label}
        <input name=${name} type=${type} required autocomplete="off" aria-invalid=${this.ariaInvalid(name)} aria-describedby=${this.describedBy(name)}
          .value=${live(d[name])} @input=${(e: Event) => this.set({ [name]: (e.target as HTMLInputElement).value })} /></label
      >${this.fieldError(name)}`;
    return html`<form part="form llm" aria-busy=${this.busy ? 'true' : 'false'} aria-labelledby="llm-title" @submit=${this.handleSubmit}>
      <h3 id="llm-title">${t.term('settingsLlm')}</h3>
      <p class="hint">${t.term('settingsLlmHint')}</p>
      ${this.renderStatus()}
      <label class="choice"
        ><input type="checkbox" name="enabled" .checked=${live(d.enabled)} @change=${(e: Event) => this.set({ enabled: (e.target as HTMLInputElement).checked })} />
        ${t.term('settingsLlmEnabled')}</label
      >
      ${text('baseUrl', t.term('settingsLlmBaseUrl'), 'url')} ${text('model', t.term('settingsLlmModel'))}
      <label class="field"
        >${t.term('settingsLlmKey')}
        <input
          name="apiKey"
          type="password"
          autocomplete="new-password"
          ?disabled=${d.removeKey}
          placeholder=${this.stored?.hasApiKey ? t.term('settingsKeyKeep') : t.term('settingsSecretOptional')}
          aria-invalid=${this.ariaInvalid('apiKey')}
          aria-describedby=${this.describedBy('apiKey')}
          .value=${live(d.apiKey)}
          @input=${(e: Event) => this.set({ apiKey: (e.target as HTMLInputElement).value })}
      /></label>
      ${this.fieldError('apiKey')}
      ${this.stored?.hasApiKey
        ? html`<label class="choice"
            ><input type="checkbox" name="removeKey" .checked=${live(d.removeKey)} @change=${(e: Event) => this.set({ removeKey: (e.target as HTMLInputElement).checked })} />
            ${t.term('settingsKeyRemove')}</label
          >`
        : nothing}
      <div class="actions"><button type="submit" class="primary" ?disabled=${this.busy}>${t.term('settingsSave')}</button></div>
    </form>`;
  }
}
