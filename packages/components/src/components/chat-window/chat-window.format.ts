/**
 * @license MIT
 * Words for the chat window: chat events as sentences, day separators and times.
 */
import type { ChatEvent } from '@deskkit/client';
import { langOf, type LocalizeController } from '../../utilities/localize.js';
import type { WindowTerms } from '../../translations/en/chat-window.js';
import { formatMoney } from '../../internal/money.js';

/** A chat event in words: "Alice Moreau accepted the chat", "Closed: resolved", "Tagged billing". */
export function describeEvent(event: ChatEvent, localize: LocalizeController<keyof WindowTerms>): string {
  switch (event.type) {
    case 'created':
      return localize.term('windowEventCreated');
    case 'assigned':
      return event.by === 'accept'
        ? localize.term('windowEventAccepted', event.agentName)
        : localize.term('windowEventAssigned', event.agentName);
    case 'transferred':
      return event.toAgentName
        ? localize.term('windowEventTransferredToAgent', event.toAgentName, event.note)
        : localize.term('windowEventTransferredToDepartment', event.toDepartmentName ?? '', event.note);
    case 'closed':
      return localize.term('windowEventClosed', event.reason);
    case 'reopened':
      return localize.term('windowEventReopened');
    case 'tagged':
      return localize.term('windowEventTagged', event.added, event.removed);
    case 'converted':
      return localize.term('windowEventConverted', event.to);
    case 'updated':
      return localize.term('windowEventUpdated', event.field, event.from, event.to);
    case 'verification-requested':
      return localize.term('windowEventVerificationRequested', event.agentName, event.channel, event.to);
    case 'verified':
      return localize.term('windowEventVerified', event.method, event.agentName);
    case 'payment':
      return localize.term('windowEventPayment', event.status, formatMoney(event.amount, event.currency, langOf(document.documentElement)));
    case 'media-failed':
      return localize.term('windowEventMediaFailed', event.name, event.reason);
  }
}

/** The local calendar day of an ISO time, as a comparable key. */
export function dayKey(iso: string): string {
  const date = new Date(iso);
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}

/** "Today", "Yesterday", or the date in the host's language. */
export function dayLabel(iso: string, localize: LocalizeController<keyof WindowTerms>, lang: string, now = new Date()): string {
  const date = new Date(iso);
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const day = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  const days = Math.round((today.getTime() - day.getTime()) / 86_400_000);
  if (days === 0) return localize.term('windowToday');
  if (days === 1) return localize.term('windowYesterday');
  return formatter(lang, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(date.getFullYear() !== now.getFullYear() ? { year: 'numeric' } : {}),
  }).format(date);
}

/** Formatters are costly to create and a timeline renders hundreds of times: one per language and style. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) formatters.set(key, (format = new Intl.DateTimeFormat(lang, options)));
  return format;
}

/** The time of day, short ("14:05" or "2:05 PM"). */
export const timeLabel = (iso: string, lang: string) => formatter(lang, { timeStyle: 'short' }).format(new Date(iso));

/** The full date and time, for a tooltip. */
export const fullTimeLabel = (iso: string, lang: string) => formatter(lang, { dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));

export { errorCode, errorText } from '../../internal/errors.js';
