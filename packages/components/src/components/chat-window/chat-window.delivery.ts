/**
 * @license MIT
 * What the timeline shows around an outbound SMS/WhatsApp message: where it is on its
 * way to the customer's phone (queued, sent, delivered, read, failed with the reason),
 * a one-way SMS marker, and which WhatsApp template a message came from. Loaded with the
 * timeline's cards (`chat-window.cards.ts`).
 */
import { css, html, nothing } from 'lit';
import type { MessageView } from '@deskkit/client';
import type { LocalizeController } from '../../utilities/localize.js';
import type { WindowTerms } from '../../translations/en/chat-window.js';
import type { DeliveryTerms } from '../../translations/en/delivery.js';
import { fullTimeLabel } from './chat-window.format.js';

/** The delivery line and the template name. */
export const deliveryStyles = css`
  [part='delivery'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: flex-end;
    gap: 0.375rem;
    font-size: 0.6875rem;
    opacity: 0.9;
  }
  [part='delivery'][data-status='read'] .status {
    font-weight: 600;
  }
  [part='delivery'][data-status='failed'] {
    opacity: 1;
  }
  [part='delivery'][data-status='failed'] .status,
  [part='delivery'] .delivery-error {
    padding: 0 0.25rem;
    border-radius: var(--radius);
    background: var(--surface-color);
    color: var(--danger-color);
  }
  [part='one-way'] {
    padding: 0 0.375rem;
    border: 1px solid currentColor;
    border-radius: 999px;
  }
  .template-name {
    display: block;
    font-size: 0.75rem;
    opacity: 0.8;
  }
`;

const icons: Record<NonNullable<MessageView['delivery']>['status'], string> = {
  queued: '🕓',
  sent: '✓',
  delivered: '✓✓',
  read: '✓✓',
  failed: '⚠',
};

/** The delivery line under an outbound message, or nothing for web chat. */
export function renderDelivery(message: MessageView, localize: LocalizeController<keyof WindowTerms | keyof DeliveryTerms>, lang: string) {
  const d = message.delivery;
  if (!d) return nothing;
  const status = localize.term('windowDeliveryStatus', d.status);
  const error = d.status === 'failed' ? (d.error ?? '') : '';
  const tooltip = [localize.term('windowDeliveryTo', d.channel, d.to), `${status} · ${fullTimeLabel(d.updatedAt, lang)}`, error].filter(Boolean).join('\n');
  return html`
    <div part="delivery" class="delivery" data-status=${d.status} data-channel=${d.channel} title=${tooltip}>
      ${d.oneWay ? html`<span part="one-way">${localize.term('windowOneWay')}</span>` : nothing}
      <span class="channel">${localize.term('windowChannel', d.channel)}</span>
      <span class="status"><span aria-hidden="true">${icons[d.status]}</span> ${status}</span>
      ${error ? html`<span class="delivery-error">${error}</span>` : nothing}
    </div>
  `;
}

/** Which WhatsApp template a message was sent from (agents only; the card itself is shared). */
export function renderTemplateName(message: MessageView, localize: LocalizeController<keyof WindowTerms | keyof DeliveryTerms>) {
  const t = message.template;
  return t ? html`<span part="template-name" class="template-name">${localize.term('windowTemplateSent', t.name)}</span>` : nothing;
}
