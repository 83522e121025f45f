/**
 * @license MIT
 * WhatsApp's 24-hour window in the chat window: free-form replies are allowed this long
 * after the customer's last message; outside it only a template may go out (its dialog
 * loads on first use: `internal/template-dialog.ts`), and a notice above the composer says so.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { ConversationView } from '@deskkit/client';
import { preloads, type LazyPart } from '../../controllers/lazy-controller.js';
import type { LocalizeController } from '../../utilities/localize.js';
import type { CommonTerms } from '../../translations/en/common.js';
import type { WindowTerms } from '../../translations/en/chat-window.js';

/** WhatsApp allows free-form messages this long after the customer's last one. */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60_000;

/** When a WhatsApp conversation's free-form window closes(d); `null` for other channels. No customer message yet: closed. */
export function windowClosesAt(c: ConversationView): number | null {
  if (c.channel !== 'whatsapp') return null;
  return c.lastCustomerMessageAt ? Date.parse(c.lastCustomerMessageAt) + WHATSAPP_WINDOW_MS : 0;
}

/**
 * Whether free-form replies are closed now, re-rendering the host the moment the window
 * closes while it is on screen.
 */
export class WhatsAppWindow implements ReactiveController {
  private timer?: ReturnType<typeof setTimeout>;
  private closesAt: number | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly conversation: () => ConversationView | null,
  ) {
    host.addController(this);
  }

  /** Free-form replies are not allowed now (a WhatsApp conversation outside its 24 hours). */
  get closed(): boolean {
    const c = this.conversation();
    const closesAt = c ? windowClosesAt(c) : null;
    return closesAt !== null && closesAt <= Date.now();
  }

  hostUpdated(): void {
    const c = this.conversation();
    const closesAt = c ? windowClosesAt(c) : null;
    if (closesAt === this.closesAt) return;
    this.closesAt = closesAt;
    clearTimeout(this.timer);
    const wait = closesAt === null ? -1 : closesAt - Date.now();
    // setTimeout takes at most ~24.8 days; the window is at most 24 hours.
    if (wait > 0) this.timer = setTimeout(() => this.host.requestUpdate(), wait + 50);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.closesAt = null;
  }
}

/** The notice above the composer while a WhatsApp conversation is outside its 24 hours. */
export function renderWindowNotice(o: {
  closedSince: number;
  localize: LocalizeController<keyof CommonTerms | keyof WindowTerms>;
  lang: string;
  onTemplate?: () => void;
  /** The template dialog, which loads on first use. */
  dialog: LazyPart;
}) {
  const since = o.closedSince > 0 ? new Date(o.closedSince) : null;
  const when = since ? new Intl.DateTimeFormat(o.lang, { dateStyle: 'medium', timeStyle: 'short' }).format(since) : null;
  return html`
    <p part="notice window-notice" role="status" class="window-notice" id="window-notice">
      <span>${o.localize.term('windowWhatsAppClosed', when)}</span>
      ${o.onTemplate
        ? html`<button
            type="button"
            class="primary"
            data-action="template-notice"
            aria-haspopup="dialog"
            aria-busy=${o.dialog.pending ? 'true' : 'false'}
            ${preloads(o.dialog)}
            @click=${o.onTemplate}
          >
            ${o.localize.term('windowTemplateAction')}
          </button>`
        : nothing}
    </p>
  `;
}
