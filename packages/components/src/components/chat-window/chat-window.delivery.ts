/**
 * @license MIT
 * What the timeline shows around an outbound SMS/WhatsApp message: where it is on its
 * way to the customer's phone (queued, sent, delivered, read, failed with the reason),
 * a one-way SMS marker, and which WhatsApp template a message came from.
 */
import { html, nothing } from 'lit';
import type { MessageView } from '@deskkit/client';
import type { LocalizeController } from '../../utilities/localize.js';
import type { WindowTerms } from '../../translations/en/chat-window.js';
import type { DeliveryTerms } from '../../translations/en/delivery.js';
import { fullTimeLabel } from './chat-window.format.js';

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
