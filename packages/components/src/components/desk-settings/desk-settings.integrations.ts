/**
 * @license MIT
 * Connected apps: HTTPS endpoints the desk asks about a customer, whose fields show in
 * `<customer-profile>`. Secrets are write-only: only their last four characters come back.
 */
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import type { IntegrationView } from '@deskkit/client';
import { SettingsPanel } from './desk-settings.panel.js';

interface IntegrationDraft {
  id: string | null;
  name: string;
  endpoint: string;
  /** A new secret; empty keeps the stored one. */
  secret: string;
  removeSecret: boolean;
  timeoutMs: number;
  cacheTtlSeconds: number;
  enabled: boolean;
}

export class IntegrationsPanel extends SettingsPanel {
  readonly section = 'integrations';
  private integrations: IntegrationView[] = [];
  private draft: IntegrationDraft | null = null;
  private confirming: string | null = null;

  protected override async load(): Promise<void> {
    this.integrations = await this.client.integrations.list.query();
  }

  protected override clear(): void {
    this.integrations = [];
    this.draft = null;
    this.confirming = null;
  }

  private open(integration: IntegrationView | null) {
    const i = integration;
    this.draft = {
      id: i?.id ?? null,
      name: i?.name ?? '',
      endpoint: i?.endpoint ?? '',
      secret: '',
      removeSecret: false,
      timeoutMs: i?.timeoutMs ?? 3_000,
      cacheTtlSeconds: i?.cacheTtlSeconds ?? 300,
      enabled: i?.enabled ?? true,
    };
    this.fields = {};
    this.notice = '';
    this.host.requestUpdate();
    this.focusLater('[part~=integration-form] [name=name]');
  }

  private close(focusId: string | null) {
    this.draft = null;
    this.host.requestUpdate();
    this.focusLater(focusId ? `[part~=integration][data-id="${focusId}"] [data-action=edit]` : '[data-action=new-integration]');
  }

  private readonly handleSave = (event: SubmitEvent) => {
    event.preventDefault();
    const d = this.draft!;
    const input = { name: d.name, endpoint: d.endpoint, timeoutMs: d.timeoutMs, cacheTtlSeconds: d.cacheTtlSeconds, enabled: d.enabled };
    const secret = d.removeSecret ? { secret: null } : d.secret ? { secret: d.secret } : {};
    void this.run(async () => {
      const saved = d.id
        ? await this.client.integrations.update.mutate({ id: d.id, ...input, ...secret })
        : await this.client.integrations.create.mutate({ ...input, ...secret });
      await this.load();
      this.close(saved.id);
    });
  };

  private remove(integration: IntegrationView) {
    void this.run(async () => {
      await this.client.integrations.remove.mutate({ id: integration.id });
      this.confirming = null;
      await this.load();
      this.focusLater('[data-action=new-integration]');
    });
  }

  render() {
    const t = this.t;
    return html`<section part="form integrations" aria-busy=${this.busy ? 'true' : 'false'} aria-labelledby="integrations-title">
      <h3 id="integrations-title">${t.term('settingsIntegrations')}</h3>
      <p class="hint">${t.term('settingsIntegrationsHint')}</p>
      ${this.renderStatus()}
      <ul class="rows" role="list">
        ${repeat(
          this.integrations,
          (i) => i.id,
          (i) => html`<li part="integration" data-id=${i.id}>
            ${this.draft?.id === i.id
              ? this.renderEditor()
              : html`<div class="row-main">
                    <strong>${i.name}</strong> <span class="chip">${i.enabled ? t.term('settingsOn') : t.term('settingsOff')}</span>
                    <span class="muted">${i.endpoint}</span>
                    <span class="muted" data-secret>${i.hasSecret ? t.term('settingsSecretSet', i.secretLast4 ?? '') : t.term('settingsNoSecret')}</span>
                  </div>
                  <span class="row-actions">${this.renderActions(i)}</span>`}
          </li>`,
        )}
      </ul>
      ${this.draft && !this.draft.id
        ? this.renderEditor()
        : html`<div class="actions"><button type="button" data-action="new-integration" @click=${() => this.open(null)}>${t.term('settingsNewIntegration')}</button></div>`}
    </section>`;
  }

  private renderActions(i: IntegrationView) {
    const t = this.t;
    if (this.confirming === i.id) {
      return html`<button type="button" class="danger" data-action="confirm-remove" ?disabled=${this.busy} @click=${() => this.remove(i)}>
          ${t.term('settingsConfirmRemove', i.name)}
        </button>
        <button type="button" @click=${() => ((this.confirming = null), this.host.requestUpdate())}>${t.term('settingsCancel')}</button>`;
    }
    return html`<button type="button" data-action="edit" aria-label=${t.term('settingsEditNamed', i.name)} @click=${() => this.open(i)}>${t.term('settingsEdit')}</button>
      <button
        type="button"
        data-action="remove"
        aria-label=${t.term('settingsRemoveNamed', i.name)}
        @click=${() => {
          this.confirming = i.id;
          this.host.requestUpdate();
          this.focusLater(`[part~=integration][data-id="${i.id}"] [data-action=confirm-remove]`);
        }}
      >
        ${t.term('settingsRemove')}
      </button>`;
  }

  private renderEditor() {
    const t = this.t;
    const d = this.draft!;
    const stored = d.id ? this.integrations.find((i) => i.id === d.id) : undefined;
    const set = (change: Partial<IntegrationDraft>) => {
      this.draft = { ...this.draft!, ...change };
      this.host.requestUpdate();
    };
    const text = (name: 'name' | 'endpoint', label: string, type = 'text') => html`<label class="field"
        >${label}
        <input name=${name} type=${type} required autocomplete="off" aria-invalid=${this.ariaInvalid(name)} aria-describedby=${this.describedBy(name)}
          .value=${live(d[name])} @input=${(e: Event) => set({ [name]: (e.target as HTMLInputElement).value })} /></label
      >${this.fieldError(name)}`;
    const number = (name: 'timeoutMs' | 'cacheTtlSeconds', label: string, min: number, max: number) => html`<label class="field"
        >${label}
        <input name=${name} type="number" min=${min} max=${max} step="1" required aria-invalid=${this.ariaInvalid(name)} aria-describedby=${this.describedBy(name)}
          .value=${live(String(d[name]))} @input=${(e: Event) => set({ [name]: (e.target as HTMLInputElement).valueAsNumber })} /></label
      >${this.fieldError(name)}`;
    return html`<form part="integration-form" class="editor" aria-label=${d.id ? t.term('settingsEditNamed', stored?.name ?? '') : t.term('settingsNewIntegration')} @submit=${this.handleSave}>
      ${text('name', t.term('settingsIntegrationName'))} ${text('endpoint', t.term('settingsIntegrationEndpoint'), 'url')}
      <label class="field"
        >${t.term('settingsSigningSecret')}
        <input
          name="secret"
          type="password"
          autocomplete="new-password"
          ?disabled=${d.removeSecret}
          placeholder=${stored?.hasSecret ? t.term('settingsSecretKeep', stored.secretLast4 ?? '') : t.term('settingsSecretOptional')}
          aria-invalid=${this.ariaInvalid('secret')}
          aria-describedby=${this.describedBy('secret')}
          .value=${live(d.secret)}
          @input=${(e: Event) => set({ secret: (e.target as HTMLInputElement).value })}
      /></label>
      ${this.fieldError('secret')}
      ${stored?.hasSecret
        ? html`<label class="choice"
            ><input type="checkbox" name="removeSecret" .checked=${live(d.removeSecret)} @change=${(e: Event) => set({ removeSecret: (e.target as HTMLInputElement).checked })} />
            ${t.term('settingsSecretRemove')}</label
          >`
        : nothing}
      ${number('timeoutMs', t.term('settingsTimeoutMs'), 100, 10_000)} ${number('cacheTtlSeconds', t.term('settingsCacheTtl'), 0, 86_400)}
      <label class="choice"
        ><input type="checkbox" name="enabled" .checked=${live(d.enabled)} @change=${(e: Event) => set({ enabled: (e.target as HTMLInputElement).checked })} />
        ${t.term('settingsEnabled')}</label
      >
      <div class="actions">
        <button type="submit" class="primary" ?disabled=${this.busy}>${t.term('settingsSave')}</button>
        <button type="button" @click=${() => this.close(d.id)}>${t.term('settingsCancel')}</button>
      </div>
    </form>`;
  }
}
