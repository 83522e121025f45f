/**
 * @license MIT
 * The timeline's entries: messages, chat event lines, echoes of sends in flight, and
 * a separator before each new day.
 */
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { MessageView } from '@deskkit/client';
import { carriesCard, echoSource, localLink, renderRichText, type ContentSource } from '../../internal/message-text.js';
import type { LocalizeController } from '../../utilities/localize.js';
import type { WindowTerms } from '../../translations/en/chat-window.js';
import type { CardOptions, TimelineCards } from './chat-window.cards.js';
import { dayKey, dayLabel, describeEvent, fullTimeLabel, timeLabel } from './chat-window.format.js';
import type { Echo, Timeline } from './chat-window.timeline.js';

type Row =
  | { type: 'day'; key: string; label: string }
  | { type: 'message'; key: string; message: MessageView }
  | { type: 'echo'; key: string; echo: Echo };

export interface EntriesOptions {
  timeline: Timeline;
  /** The agent message to mark "Seen", if any. */
  seenSeq: number | null;
  /** The signed-in agent's name, for echoes. */
  selfName: string;
  conversationId: string;
  lang: string;
  localize: LocalizeController<keyof WindowTerms>;
  onRetry(clientMessageId: string): void;
  /** Cards and delivery lines, once their code is in (`chat-window.cards.ts`). */
  cards?: TimelineCards;
  /** An entry needs `cards`, which are not in yet (it shows its text, busy, meanwhile). */
  wantCards(): void;
  /** Which stored entries to show (the timeline filter); echoes count as messages. */
  shows?(message: MessageView): boolean;
  /** Whether the agent's messages show (echoes of sends in flight; failed ones always do). */
  showsMessages?: boolean;
}

/**
 * Stored entries then echoes, with day separators. An agent message is keyed by its
 * client message id, so its stored version takes over the echo's place in the list.
 */
function rows({ timeline, localize, lang, shows, showsMessages = true }: EntriesOptions): Row[] {
  const rows: Row[] = [];
  let day = '';
  const now = new Date();
  const separate = (iso: string) => {
    const key = dayKey(iso);
    if (key === day) return;
    day = key;
    rows.push({ type: 'day', key: `day:${key}`, label: dayLabel(iso, localize, lang, now) });
  };
  for (const message of timeline.messages) {
    if (shows && !shows(message)) continue;
    separate(message.createdAt);
    const key = message.author.kind === 'agent' && message.clientMessageId ? `cid:${message.clientMessageId}` : `seq:${message.seq}`;
    rows.push({ type: 'message', key, message });
  }
  for (const echo of timeline.echoes) {
    if (!showsMessages && echo.state !== 'failed') continue;
    separate(echo.createdAt);
    rows.push({ type: 'echo', key: `cid:${echo.clientMessageId}`, echo });
  }
  return rows;
}

export function renderEntries(o: EntriesOptions) {
  return repeat(
    rows(o),
    (row) => row.key,
    (row) => {
      if (row.type === 'day') return html`<div part="day" role="separator" aria-label=${row.label}><span>${row.label}</span></div>`;
      if (row.type === 'echo') return renderEcho(row.echo, o);
      return renderMessage(row.message, o);
    },
  );
}

function renderTime(iso: string, lang: string) {
  return html`<time part="time" datetime=${iso} title=${fullTimeLabel(iso, lang)}>${timeLabel(iso, lang)}</time>`;
}

const renderText = (body: string) => html`<div part="body">${renderRichText(body)}</div>`;

/** Text (emoji in the emoji font) here; files, voice, locations, templates and payments as cards once those are in. */
function renderBody(source: ContentSource, o: EntriesOptions, link?: CardOptions['link']) {
  if (!carriesCard(source)) return renderText(source.body);
  if (o.cards) return o.cards.content(source, { conversationId: o.conversationId, lang: o.lang, text: renderText, link });
  o.wantCards();
  return html`<div class="card-loading" aria-busy="true">${source.body ? renderText(source.body) : nothing}</div>`;
}

/** The template name and delivery line of an SMS/WhatsApp message, once the cards are in. */
function renderDeliveryLine(message: MessageView, o: EntriesOptions) {
  if (!message.delivery && !message.template) return nothing;
  if (o.cards) return o.cards.delivery(message, o.lang);
  o.wantCards();
  return html`<div class="delivery-loading" aria-busy="true"></div>`;
}

function renderMessage(message: MessageView, o: EntriesOptions) {
  if (message.kind === 'event' && message.event) {
    return html`<div part="event" data-seq=${message.seq} data-event=${message.event.type}>
      <span>${describeEvent(message.event, o.localize)}</span> ${renderTime(message.createdAt, o.lang)}
    </div>`;
  }
  const side = message.author.kind === 'customer' ? 'customer' : 'agent';
  return html`
    <div part="message message-${side}" data-seq=${message.seq} data-client-message-id=${message.clientMessageId ?? nothing} data-state="sent">
      <div class="meta"><span part="author">${message.author.name}</span> ${renderTime(message.createdAt, o.lang)}</div>
      ${renderBody(message, o)} ${renderDeliveryLine(message, o)}
    </div>
    ${message.seq === o.seenSeq ? html`<div part="seen" data-seq=${message.seq}>${o.localize.term('windowSeen')}</div>` : nothing}
  `;
}

function renderEcho(echo: Echo, o: EntriesOptions) {
  const { localize } = o;
  return html`
    <div part="message message-agent" data-client-message-id=${echo.clientMessageId} data-state=${echo.state}>
      <div class="meta"><span part="author">${o.selfName}</span> ${renderTime(echo.createdAt, o.lang)}</div>
      ${renderBody(echoSource(echo.content, echo.file), o, localLink(echo.file))}
      <div class="delivery" role=${echo.state === 'failed' ? 'alert' : nothing}>
        ${echo.state === 'failed'
          ? html`<span>${localize.term('windowNotSent', echo.error)}</span>
              <button type="button" part="retry" @click=${() => o.onRetry(echo.clientMessageId)}>${localize.term('windowRetry')}</button>`
          : html`<span>${localize.term('windowSending')}</span>`}
      </div>
    </div>
  `;
}
