/**
 * @license MIT
 * The payments provider for chat-to-pay: the desk's demo checkout (`local`) or a provider
 * at an HTTPS endpoint. Its two secrets are shown once, when first made or rotated; after
 * that only their last four characters.
 */
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { RouterOutputs } from '@deskkit/client';
import { onceShownSecrets, secretFacts, type ProviderSecrets } from './desk-settings.secrets.js';
import { SettingsPanel } from './desk-settings.panel.js';

type Account = RouterOutputs['payments']['account'];
interface PaymentsDraft {
  provider: 'local' | 'http';
  endpoint: string;
  enabled: boolean;
}

export class PaymentsPanel extends SettingsPanel {
  readonly section = 'payments';
  private account: Account = null;
  private draft: PaymentsDraft | null = null;
  /** Secrets just made: shown until the tab is left or the admin signs out. */
  private secrets: ProviderSecrets | null = null;

  protected override async load(): Promise<void> {
    this.account = await this.client.payments.account.query();
    this.draft = { provider: this.account?.provider ?? 'local', endpoint: this.account?.endpoint ?? '', enabled: this.account?.enabled ?? true };
  }

  protected override clear(): void {
    this.account = null;
    this.draft = null;
    this.secrets = null;
  }

  private set(change: Partial<PaymentsDraft>) {
    this.draft = { ...this.draft!, ...change };
    this.host.requestUpdate();
  }

  private readonly handleSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const d = this.draft!;
    void this.run(async () => {
      const result = await this.client.payments.configure.mutate({ provider: d.provider, enabled: d.enabled, ...(d.provider === 'http' ? { endpoint: d.endpoint } : {}) });
      this.account = result.account;
      this.secrets = result.secrets;
    });
  };

  private rotate() {
    void this.run(
      async () => {
        const result = await this.client.payments.rotateSecret.mutate({ which: 'both' });
        this.account = result.account;
        this.secrets = result.secrets;
        this.focusLater('[part~=secrets]');
      },
      { notice: this.t.term('settingsRotated') },
    );
  }

  render() {
    const t = this.t;
    const d = this.draft;
    if (!d) return html`${this.renderStatus()}`;
    const a = this.account;
    return html`<form part="form payments" aria-busy=${this.busy ? 'true' : 'false'} aria-labelledby="payments-title" @submit=${this.handleSubmit}>
      <h3 id="payments-title">${t.term('settingsPayments')}</h3>
      ${this.renderStatus()}
      <label class="field"
        >${t.term('settingsPaymentsProvider')}
        <select name="provider" .value=${live(d.provider)} @change=${(e: Event) => this.set({ provider: (e.target as HTMLSelectElement).value as 'local' | 'http' })}>
          <option value="local" ?selected=${d.provider === 'local'}>${t.term('settingsPaymentsLocal')}</option>
          <option value="http" ?selected=${d.provider === 'http'}>${t.term('settingsPaymentsHttp')}</option>
        </select></label
      >
      ${d.provider === 'http'
        ? html`<label class="field"
              >${t.term('settingsPaymentsEndpoint')}
              <input name="endpoint" type="url" required aria-invalid=${this.ariaInvalid('endpoint')} aria-describedby=${this.describedBy('endpoint')}
                .value=${live(d.endpoint)} @input=${(e: Event) => this.set({ endpoint: (e.target as HTMLInputElement).value })} /></label
            >${this.fieldError('endpoint')}`
        : nothing}
      <label class="choice"
        ><input type="checkbox" name="enabled" .checked=${live(d.enabled)} @change=${(e: Event) => this.set({ enabled: (e.target as HTMLInputElement).checked })} />
        ${t.term('settingsEnabled')}</label
      >
      ${a
        ? html`<dl part="payments-account" class="facts">
            <dt>${t.term('settingsWebhookPath')}</dt>
            <dd><code>${a.webhookPath}</code></dd>
            ${secretFacts(t, a)}
          </dl>`
        : html`<p class="muted">${t.term('settingsPaymentsNone')}</p>`}
      ${this.secrets ? onceShownSecrets(t, this.secrets, 'secrets-title') : nothing}
      <div class="actions">
        <button type="submit" class="primary" ?disabled=${this.busy}>${t.term('settingsSave')}</button>
        ${a ? html`<button type="button" data-action="rotate" ?disabled=${this.busy} @click=${() => this.rotate()}>${t.term('settingsRotate')}</button>` : nothing}
      </div>
    </form>`;
  }
}
