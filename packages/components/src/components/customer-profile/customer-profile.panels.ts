/**
 * @license MIT
 * The profile's side panels: conversation history, likely duplicates and the
 * details connected apps return.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ConversationView, RouterOutputs } from '@deskkit/client';
import { safeUrl } from '../../internal/safe-url.js';
import type { LocalizeController } from '../../utilities/localize.js';
import type { ProfileTerms } from '../../translations/en/customer-profile.js';

export type DuplicateView = RouterOutputs['customers']['duplicates'][number];
export type IntegrationResult = RouterOutputs['customers']['integrationData'][number];

const dateTime = (iso: string, lang: string) => new Date(iso).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
const time = (iso: string, lang: string) => new Date(iso).toLocaleTimeString(lang, { timeStyle: 'short' });

/** Only https links are ever rendered (the server checks too). */
const httpsOnly = { schemes: ['https:'] } as const;

export function renderHistory(options: {
  items: ConversationView[];
  hasMore: boolean;
  loadingMore: boolean;
  lang: string;
  localize: LocalizeController<keyof ProfileTerms>;
  onSelect: (conversationId: string) => void;
  onMore: () => void;
}): TemplateResult {
  const { items, localize: l, lang } = options;
  return html`<section part="history" aria-labelledby="history-heading">
    <h3 id="history-heading">${l.term('profileHistory')}</h3>
    ${items.length
      ? html`<ul role="list">
          ${items.map((c) => {
            const subject = c.subject || l.term('profileNoSubject');
            const when = dateTime(c.createdAt, lang);
            const channel = l.term('profileChannelName', c.channel);
            const status = l.term('profileStatusName', c.status);
            return html`<li>
              <button
                type="button"
                part="history-item"
                data-conversation-id=${c.id}
                aria-label=${l.term('profileHistoryItem', channel, subject, status, when)}
                @click=${() => options.onSelect(c.id)}
              >
                <span class="subject">${subject}</span>
                <span class="meta"><span class="chip">${channel}</span> <span class="chip">${status}</span> <time datetime=${c.createdAt}>${when}</time></span>
              </button>
            </li>`;
          })}
        </ul>`
      : html`<p class="muted">${l.term('profileHistoryEmpty')}</p>`}
    ${options.hasMore
      ? html`<button type="button" data-action="more-history" ?disabled=${options.loadingMore} @click=${options.onMore}>${l.term('profileLoadMore')}</button>`
      : nothing}
  </section>`;
}

export function renderDuplicates(options: {
  duplicates: DuplicateView[];
  canMerge: boolean;
  merging: boolean;
  localize: LocalizeController<keyof ProfileTerms>;
  onMerge: (duplicate: DuplicateView) => void;
}): TemplateResult {
  const { duplicates, localize: l } = options;
  return html`<section part="duplicates" aria-labelledby="duplicates-heading">
    <h3 id="duplicates-heading">${l.term('profileDuplicates')}</h3>
    ${duplicates.length
      ? html`<ul role="list">
          ${duplicates.map(
            (d) => html`<li part="duplicate" data-customer-id=${d.customer.id}>
              <span class="subject">${d.customer.name}</span>
              <span class="meta">${[d.customer.email, d.customer.phone].filter(Boolean).join(' · ')}</span>
              <span class="meta">${l.term('profileDuplicateReasons', d.reasons)}</span>
              ${options.canMerge
                ? html`<button type="button" data-action="merge" ?disabled=${options.merging} @click=${() => options.onMerge(d)}>
                    ${l.term('profileMerge', d.customer.name)}
                  </button>`
                : nothing}
            </li>`,
          )}
        </ul>`
      : html`<p class="muted">${l.term('profileNoDuplicates')}</p>`}
  </section>`;
}

export function renderIntegrationResults(results: IntegrationResult[], lang: string, l: LocalizeController<keyof ProfileTerms>): TemplateResult {
  if (!results.length) return html`<p class="muted">${l.term('profileIntegrationsEmpty')}</p>`;
  return html`${results.map(
    (r) => html`<article part="integration integration-${r.status}" data-integration-id=${r.integrationId} data-status=${r.status} ?data-cached=${r.cached}>
      <h4>${r.name}</h4>
      ${r.status === 'ok'
        ? r.fields.length
          ? html`<dl>
              ${r.fields.map((f) => {
                const url = safeUrl(f.url, httpsOnly);
                return html`<div class="pair">
                  <dt>${f.label}</dt>
                  <dd>${url ? html`<a href=${url} target="_blank" rel="noopener noreferrer" part="integration-link">${f.value || url}</a>` : f.value}</dd>
                </div>`;
              })}
            </dl>`
          : html`<p class="muted">${l.term('profileIntegrationNoFields')}</p>`
        : html`<p class="error" part="integration-error">
            ${r.status === 'timeout' ? l.term('profileIntegrationTimeout') : l.term('profileIntegrationError')}
            ${r.error ? html`<span class="muted">(${r.error})</span>` : nothing}
          </p>`}
      <p class="muted small" part="integration-time">
        ${r.cached ? l.term('profileIntegrationCached', time(r.fetchedAt, lang)) : l.term('profileIntegrationFetched', time(r.fetchedAt, lang))}
      </p>
    </article>`,
  )}`;
}
