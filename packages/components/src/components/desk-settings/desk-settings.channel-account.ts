/**
 * @license MIT
 * One SMS or WhatsApp account at its provider: the provider's endpoint, the number we send
 * from, on or off, text only or with files; and the webhook URL to give the provider. Its
 * two secrets are shown once, when first made or rotated; after that only their last four
 * characters (as the payments provider's).
 */
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { RouterOutputs } from '@deskkit/client';
import { onceShownSecrets, secretFacts, type ProviderSecrets } from './desk-settings.secrets.js';
import type { LocalizeController } from '../../utilities/localize.js';
import { SettingsPanel, type ChannelsTermKey, type SettingsHost } from './desk-settings.panel.js';

type Account = RouterOutputs['channels']['list'][number];
export type PhoneChannel = Account['channel'];
interface ChannelDraft {
  endpoint: string;
  fromNumber: string;
  enabled: boolean;
  media: boolean;
}

export class ChannelAccountPanel extends SettingsPanel {
  private account: Account | null = null;
  private draft: ChannelDraft | null = null;
  /** Secrets just made: shown until the tab is left or the admin signs out. */
  private secrets: ProviderSecrets | null = null;

  constructor(
    host: SettingsHost,
    private readonly terms: LocalizeController<ChannelsTermKey>,
    /** Also the section's name (in ids and `desk-settings-change`). */
    readonly section: PhoneChannel,
  ) {
    super(host);
  }

  protected override get t(): LocalizeController<ChannelsTermKey> {
    return this.terms;
  }

  private get selector() {
    return `[part~=channel][data-channel=${this.section}]`;
  }

  protected override async load(): Promise<void> {
    this.account = (await this.client.channels.list.query()).find((a) => a.channel === this.section) ?? null;
    const a = this.account;
    this.draft = { endpoint: a?.endpoint ?? '', fromNumber: a?.fromNumber ?? '', enabled: a?.enabled ?? true, media: a?.media ?? true };
  }

  protected override clear(): void {
    this.account = null;
    this.draft = null;
    this.secrets = null;
  }

  private set(change: Partial<ChannelDraft>) {
    this.draft = { ...this.draft!, ...change };
    this.host.requestUpdate();
  }

  private readonly handleSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const d = this.draft!;
    void this.run(async () => {
      const result = await this.client.channels.configure.mutate({ channel: this.section, provider: 'http', ...d });
      this.account = result.account;
      this.secrets = result.secrets;
      if (result.secrets) this.focusLater(`${this.selector} [part~=secrets]`);
    });
  };

  private rotate() {
    void this.run(
      async () => {
        const result = await this.client.channels.rotateSecret.mutate({ channel: this.section, which: 'both' });
        this.account = result.account;
        this.secrets = result.secrets;
        this.focusLater(`${this.selector} [part~=secrets]`);
      },
      { notice: this.t.term('settingsRotated') },
    );
  }

  /** Where the provider posts its webhooks: the account's path on the desk's URL. */
  private webhookUrl(account: Account) {
    return `${(this.host.server ?? '').replace(/\/+$/, '')}${account.webhookPath}`;
  }

  render() {
    const t = this.t;
    const d = this.draft;
    const c = this.section;
    const name = t.term(`settingsChannel_${c}`);
    if (!d) return html`${this.renderStatus()}`;
    const a = this.account;
    const text = (field: 'endpoint' | 'fromNumber', label: string, type: string, hint?: string) => html`<label class="field"
        >${label}
        <input
          name=${field}
          type=${type}
          required
          autocomplete="off"
          inputmode=${type === 'tel' ? 'tel' : nothing}
          aria-invalid=${this.ariaInvalid(field)}
          aria-describedby=${this.describedBy(field, ...(hint ? [`${c}-${field}-hint`] : []))}
          .value=${live(d[field])}
          @input=${(e: Event) => this.set({ [field]: (e.target as HTMLInputElement).value })}
        />
        ${hint ? html`<span class="hint" id=${`${c}-${field}-hint`}>${hint}</span>` : nothing}</label
      >${this.fieldError(field)}`;
    return html`<form part="form channel" data-channel=${c} aria-busy=${this.busy ? 'true' : 'false'} aria-labelledby=${`${c}-title`} @submit=${this.handleSubmit}>
      <h3 id=${`${c}-title`}>${t.term('settingsChannelTitle', name)}</h3>
      ${this.renderStatus()}
      ${text('endpoint', t.term('settingsChannelEndpoint'), 'url')}
      ${text('fromNumber', t.term('settingsChannelFromNumber'), 'tel', t.term('settingsChannelFromNumberHint'))}
      <label class="choice"
        ><input type="checkbox" name="enabled" .checked=${live(d.enabled)} @change=${(e: Event) => this.set({ enabled: (e.target as HTMLInputElement).checked })} />
        ${t.term('settingsEnabled')}</label
      >
      <label class="choice"
        ><input type="checkbox" name="media" .checked=${live(d.media)} @change=${(e: Event) => this.set({ media: (e.target as HTMLInputElement).checked })} />
        ${t.term('settingsChannelMedia')}</label
      >
      ${a
        ? html`<dl part="channel-account" class="facts">
            <dt>${t.term('settingsWebhookUrl')}</dt>
            <dd><code part="webhook-url">${this.webhookUrl(a)}</code></dd>
            ${secretFacts(t, a)}
          </dl>`
        : html`<p class="muted">${t.term('settingsChannelNone', name)}</p>`}
      ${this.secrets ? onceShownSecrets(t, this.secrets, `${this.section}-secrets-title`) : nothing}
      <div class="actions">
        <button type="submit" class="primary" ?disabled=${this.busy}>${t.term('settingsSave')}</button>
        ${a
          ? html`<button type="button" data-action="rotate" aria-label=${t.term('settingsRotateNamed', name)} ?disabled=${this.busy} @click=${() => this.rotate()}>
              ${t.term('settingsRotate')}
            </button>`
          : nothing}
      </div>
    </form>`;
  }
}
