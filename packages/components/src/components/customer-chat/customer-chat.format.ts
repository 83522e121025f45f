import type { VisitorMessageView } from '@deskkit/client';
import type { LocalizeController } from '../../utilities/localize.js';
import type { ChatTerms } from '../../translations/en/customer-chat.js';

/** The line shown for a chat event, or `null` for events the customer need not see (the chat's creation). */
export function eventText(localize: LocalizeController<keyof ChatTerms>, message: VisitorMessageView): string | null {
  const event = message.event;
  switch (event?.type) {
    case 'assigned':
      return localize.term('chatJoined', event.agentName);
    case 'transferred':
      return localize.term('chatTransferred', event.toAgentName);
    case 'closed':
      return localize.term('chatEnded');
    case 'reopened':
      return localize.term('chatReopened');
    case 'verification-requested':
      return localize.term('chatEventVerificationRequested', event.to);
    case 'verified':
      return localize.term('chatVerified');
    default:
      return null;
  }
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** A message's time of day in the reader's language (an unknown language tag falls back to the browser's). */
export function timeOfDay(iso: string, lang: string): string {
  let format = timeFormats.get(lang);
  if (!format) {
    const options = { hour: 'numeric', minute: '2-digit' } as const;
    try {
      format = new Intl.DateTimeFormat(lang || undefined, options);
    } catch {
      format = new Intl.DateTimeFormat(undefined, options);
    }
    timeFormats.set(lang, format);
  }
  return format.format(new Date(iso));
}
