/**
 * @license MIT
 * What a message carries beyond text, rendered the same way in both timelines: images,
 * files, audio and video, voice messages, locations, templates and payment requests
 * (text and echoes are in `message-text.ts`). Echoes of sends in flight render through the
 * same functions, from the local file. `<chat-window>` loads this module on first use.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { AttachmentView, LocationView, PaymentView } from '@deskkit/client';
import type { FileLink } from '../controllers/file-links-controller.js';
import type { LocalizeController } from '../utilities/localize.js';
import type { ContentTerms } from '../translations/en/message-content.js';
import { carriesCard, renderRichText, type ContentSource } from './message-text.js';
import { cssomStyle } from './cssom-style.js';
import { formatMoney } from './money.js';
import { safeUrl } from './safe-url.js';
import { formatBytes, formatDuration } from './units.js';

export interface ContentOptions {
  localize: LocalizeController<keyof ContentTerms>;
  lang: string;
  /** The link to a file, or `undefined` while it loads. */
  link(fileId: string): FileLink | undefined;
  /** Whether the desk said a file is gone. */
  unavailable?(fileId: string): boolean;
  /** The host's markup for text (it calls `renderRichText` inside). */
  text(body: string): unknown;
  /**
   * Where the customer pays a payment request (the link resolved against the desk's URL);
   * without it (the agent's side) cards show their status only.
   */
  paymentLink?(url: string): string | null;
}

// ---- icons (decorative) ----

const icon = (paths: ReturnType<typeof svg>) =>
  html`<svg class="content-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${paths}</svg>`;
const fileIcon = icon(svg`<path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8Z"/><path d="M14 3v5h5"/>`);
const downloadIcon = icon(svg`<path d="M12 4v11M7 10l5 5 5-5M5 20h14"/>`);
const micIcon = icon(svg`<rect x="9" y="3" width="6" height="11" rx="3"/><path d="M5 11a7 7 0 0 0 14 0M12 18v3"/>`);
const pinIcon = icon(svg`<path d="M12 21s-7-6.2-7-11.5a7 7 0 0 1 14 0C19 14.8 12 21 12 21Z"/><circle cx="12" cy="9.5" r="2.5"/>`);

// ---- content ----

/** Everything a message carries: the text, or its card (attachment, voice, location, template or payment). */
export function renderContent(source: ContentSource, o: ContentOptions): unknown {
  if (!carriesCard(source)) return o.text(source.body);
  switch (source.kind) {
    case 'attachment':
      return [renderAttachment(source.attachment!, o), source.body ? o.text(source.body) : nothing];
    case 'voice':
      return renderVoice(source.attachment!, o);
    case 'location':
      return renderLocation(source.location!, o);
    case 'payment':
      return renderPayment(source.payment!, o);
    default:
      return renderTemplate(source, o);
  }
}

/** A short name for a file's type: its extension (`PDF`), else the media subtype. */
function typeLabel(a: AttachmentView): string {
  const ext = /\.([a-z0-9]{1,8})$/i.exec(a.name)?.[1];
  if (ext) return ext.toUpperCase();
  return (a.contentType.split('/')[1] ?? a.contentType).split(/[;+]/)[0]!.toUpperCase();
}

function renderAttachment(a: AttachmentView, o: ContentOptions): TemplateResult {
  const link = o.link(a.fileId);
  const t = o.localize;
  if (a.category === 'image' && !o.unavailable?.(a.fileId)) {
    // The thumbnail's size when there is one (an echo shows the local file in the same box).
    const { width, height } = a.thumbnail ?? a;
    const sized = width && height ? { '--width': String(width), '--height': String(height) } : null;
    if (!link) return html`<span part="attachment attachment-image" class="image placeholder" ${cssomStyle(sized ? { 'aspect-ratio': `${width} / ${height}` } : {})} data-file-id=${a.fileId} aria-busy="true"></span>`;
    return html`
      <a part="attachment attachment-image" class="image" href=${link.url} target="_blank" rel="noopener noreferrer" data-file-id=${a.fileId}>
        <img src=${link.thumbnailUrl ?? link.url} alt=${a.name} width=${width ?? nothing} height=${height ?? nothing} class=${sized ? 'sized' : ''} ${cssomStyle(sized ?? {})} loading="lazy" decoding="async" />
        <span class="visually-hidden">${t.term('contentOpensInNewTab')}</span>
      </a>
    `;
  }
  if ((a.category === 'audio' || a.category === 'video') && link) {
    return html`
      <figure part="attachment attachment-${a.category}" class="media" data-file-id=${a.fileId}>
        ${a.category === 'video'
          ? html`<video controls preload="metadata" playsinline src=${link.url} width=${a.width ?? nothing} height=${a.height ?? nothing}></video>`
          : html`<audio controls preload="metadata" src=${link.url}></audio>`}
        <figcaption>${renderFileLine(a, link, o)}</figcaption>
      </figure>
    `;
  }
  return html`<div part="attachment attachment-file" class="file-card" data-file-id=${a.fileId}>${renderFileLine(a, link, o)}</div>`;
}

/** Icon, name, type and size, and the download link. */
function renderFileLine(a: AttachmentView, link: FileLink | undefined, o: ContentOptions) {
  const t = o.localize;
  const gone = o.unavailable?.(a.fileId) ?? false;
  return html`
    <span class="file-line">
      ${fileIcon}
      <span class="file-text">
        <span class="file-name" title=${a.name}>${a.name}</span>
        <span class="file-meta">${gone ? t.term('contentFileUnavailable') : t.term('contentFileDetails', typeLabel(a), formatBytes(a.size, o.lang))}</span>
      </span>
      ${link && !gone
        ? html`<a class="download" href=${link.downloadUrl} download=${a.name} title=${t.term('contentDownload', a.name)} aria-label=${t.term('contentDownload', a.name)}>
            ${downloadIcon}
          </a>`
        : nothing}
    </span>
  `;
}

/**
 * A voice message with its length. One without (a customer's WhatsApp voice note) shows
 * none until its player has read the file's metadata, then the length the file gives.
 */
function renderVoice(a: AttachmentView, o: ContentOptions): TemplateResult {
  const link = o.link(a.fileId);
  const duration = a.durationMs === null ? null : formatDuration(a.durationMs);
  // The player's next sibling is the length (left empty, so Lit never writes there); its parent the labelled group.
  const measured = ({ target }: Event) => {
    const audio = target as HTMLAudioElement;
    if (!Number.isFinite(audio.duration)) return;
    const length = formatDuration(audio.duration * 1000);
    audio.nextElementSibling!.textContent = length;
    audio.parentElement!.setAttribute('aria-label', o.localize.term('contentVoice', length));
  };
  return html`
    <div part="voice" class="voice" role="group" aria-label=${o.localize.term('contentVoice', duration)} data-file-id=${a.fileId}>
      ${micIcon}
      ${link
        ? html`<audio controls preload="metadata" @loadedmetadata=${duration === null ? measured : nothing} src=${link.url}></audio>`
        : html`<span class="audio-placeholder" aria-busy="true"></span>`}
      ${duration === null
        ? html`<span class="voice-duration" aria-hidden="true"></span>`
        : html`<span class="voice-duration" aria-hidden="true">${duration}</span>`}
    </div>
  `;
}

/** A map link: the pin on OpenStreetMap, or a search for the address. */
export function mapsUrl(location: LocationView): string {
  const { latitude, longitude, address } = location;
  if (latitude !== null && longitude !== null) {
    return `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=16/${latitude}/${longitude}`;
  }
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(address ?? '')}`;
}

function renderLocation(location: LocationView, o: ContentOptions): TemplateResult {
  const t = o.localize;
  const { latitude, longitude, accuracy, address } = location;
  const coordinates = latitude !== null && longitude !== null;
  const metres = accuracy !== null ? new Intl.NumberFormat(o.lang || undefined, { maximumFractionDigits: 0 }).format(accuracy) : null;
  return html`
    <div part="location" class="location">
      ${pinIcon}
      <div class="location-text">
        <span class="location-title">${address ?? t.term('contentLocation')}</span>
        ${coordinates ? html`<span class="coordinates">${latitude!.toFixed(5)}, ${longitude!.toFixed(5)}</span>` : nothing}
        ${metres !== null && coordinates ? html`<span class="accuracy">${t.term('contentAccuracy', metres)}</span>` : nothing}
        <a class="maps" href=${mapsUrl(location)} target="_blank" rel="noopener noreferrer">
          ${t.term('contentOpenInMaps')}<span class="visually-hidden"> ${t.term('contentOpensInNewTab')}</span>
        </a>
      </div>
    </div>
  `;
}

function renderTemplate(source: ContentSource, o: ContentOptions): TemplateResult {
  const template = source.template;
  const buttons = template?.buttons ?? [];
  return html`
    <div part="template" class="template" role="group" aria-label=${o.localize.term('contentTemplate')}>
      ${template?.header ? html`<strong part="template-header" class="template-header">${renderRichText(template.header)}</strong>` : nothing}
      ${o.text(source.body)}
      ${template?.footer ? html`<small part="template-footer" class="template-footer">${template.footer}</small>` : nothing}
      ${buttons.length
        ? html`<ul part="template-buttons" class="template-buttons" aria-label=${o.localize.term('contentTemplateButtons')}>
            ${buttons.map((button) => {
              const href = button.type === 'url' ? safeUrl(button.value) : null;
              return html`<li data-type=${button.type}>
                ${href
                  ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${button.text}</a>`
                  : html`<span title=${button.value ?? nothing}>${button.text}</span>`}
              </li>`;
            })}
          </ul>`
        : nothing}
    </div>
  `;
}

/** A payment request: amount, what for, its status, and for the customer a Pay link while it is payable. */
function renderPayment(payment: PaymentView, o: ContentOptions): TemplateResult {
  const t = o.localize;
  const amount = formatMoney(payment.amount, payment.currency, o.lang || 'en');
  const href = payment.status === 'pending' && payment.url && o.paymentLink ? o.paymentLink(payment.url) : null;
  return html`
    <div part="payment" class="payment" role="group" aria-label=${t.term('contentPayment')} data-status=${payment.status}
      data-request-id=${payment.requestId}>
      <strong part="payment-amount" class="payment-amount">${amount}</strong>
      <span part="payment-description" class="payment-description">${payment.description}</span>
      <span part="payment-status" class="payment-status" data-status=${payment.status} role="status">${t.term('contentPaymentStatus', payment.status)}</span>
      ${href
        ? html`<a part="payment-pay" class="payment-pay" href=${href} target="_blank" rel="noopener noreferrer"
            >${t.term('contentPaymentPay', amount)}<span class="visually-hidden"> ${t.term('contentOpensInNewTab')}</span></a
          >`
        : nothing}
    </div>
  `;
}

/** A payment link as the customer opens it: absolute https (or the desk's own demo path), nothing else. */
export function resolvePaymentLink(url: string, deskUrl: string): string | null {
  return safeUrl(url, { base: deskUrl || globalThis.location?.href });
}
