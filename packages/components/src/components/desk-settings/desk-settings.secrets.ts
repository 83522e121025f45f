/**
 * @license MIT
 * A provider account's two secrets (the webhook's and our signing one), as the payments and
 * channel panels show them: in full once, when made or rotated; after that the last four
 * characters of each.
 */
import { html, nothing } from 'lit';

export type ProviderSecrets = { webhookSecret?: string; signingSecret?: string };
type SecretTerms = { term(key: 'settingsSecretsOnce' | 'settingsWebhookSecret' | 'settingsSigningSecretShort'): string };

/** The stored secrets' last four characters (inside the account's `<dl>`). */
export function secretFacts(t: SecretTerms, account: { webhookSecretLast4: string | null; signingSecretLast4: string | null }) {
  return html`<dt>${t.term('settingsWebhookSecret')}</dt>
    <dd data-secret="webhook">…${account.webhookSecretLast4}</dd>
    <dt>${t.term('settingsSigningSecretShort')}</dt>
    <dd data-secret="signing">…${account.signingSecretLast4}</dd>`;
}

/** Secrets just made, in full, this once; `id` names its heading (unique in the panel). */
export function onceShownSecrets(t: SecretTerms, secrets: ProviderSecrets, id: string) {
  return html`<div part="secrets" class="secrets" tabindex="-1" aria-labelledby=${id}>
    <p id=${id}><strong>${t.term('settingsSecretsOnce')}</strong></p>
    <dl class="facts">
      ${secrets.webhookSecret ? html`<dt>${t.term('settingsWebhookSecret')}</dt><dd><code data-secret-value="webhook">${secrets.webhookSecret}</code></dd>` : nothing}
      ${secrets.signingSecret ? html`<dt>${t.term('settingsSigningSecretShort')}</dt><dd><code data-secret-value="signing">${secrets.signingSecret}</code></dd>` : nothing}
    </dl>
  </div>`;
}
