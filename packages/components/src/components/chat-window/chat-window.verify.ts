/**
 * @license MIT
 * Customer verification in the chat window: the Verified/Unverified badge (who, how and
 * when in its tooltip), the "Verify customer" action (disabled with the reason when the
 * agent cannot ask), and the dialog that sends a one-time code and takes the code the
 * customer reads back (`chat-window.verify-dialog.ts`, loaded on first use).
 */
import { css, html, nothing, type ReactiveControllerHost } from 'lit';
import type { ConversationView, DeskClient } from '@deskkit/client';
import { isQueued } from '../../internal/conversation-state.js';
import { LazyController, preloads } from '../../controllers/lazy-controller.js';
import type { LocalizeController } from '../../utilities/localize.js';
import type { WindowTerms } from '../../translations/en/chat-window.js';
import type { WindowDialogTerms } from '../../translations/en/chat-window-dialogs.js';
import { fullTimeLabel } from './chat-window.format.js';
import type { VerifyDialog } from './chat-window.verify-dialog.js';

type Host = ReactiveControllerHost & HTMLElement;

export interface VerificationOptions {
  client(): DeskClient | undefined;
  conversation(): ConversationView | null;
  localize: LocalizeController<keyof WindowTerms>;
  /** The same with the dialogs' terms, which load with the first dialog. */
  dialogLocalize(): Promise<LocalizeController<keyof WindowTerms | keyof WindowDialogTerms>>;
  lang(): string;
  /** The assignee or a supervisor. */
  handles(): boolean;
  /** The server's newer view of the conversation (after a confirmed code). */
  changed(view: ConversationView): void;
}

/** Why "Verify customer" is disabled, or null when it is not. */
export function verifyBlock(c: ConversationView, handles: boolean): 'closed' | 'pending' | 'not-yours' | null {
  if (c.status === 'closed') return 'closed';
  if (!handles) return isQueued(c) ? 'pending' : 'not-yours';
  return null;
}

export const verifyStyles = css`
  [part~='badge'][part~='unverified'] {
    background: none;
    color: var(--muted-color);
    box-shadow: inset 0 0 0 1px var(--border-color);
  }
  [data-action='verify'][aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }
`;

export class CustomerVerification {
  /** The dialog, loaded on first use. */
  readonly dialog: LazyController<VerifyDialog>;

  constructor(
    host: Host,
    private readonly options: VerificationOptions,
  ) {
    this.dialog = new LazyController(host, {
      load: async () => new (await import('./chat-window.verify-dialog.js')).VerifyDialog(host, { ...options, localize: await options.dialogLocalize() }),
    });
  }

  open(): void {
    void this.dialog.use((dialog) => dialog.show());
  }

  close(): void {
    this.dialog.value?.close();
  }

  renderBadge(c: ConversationView) {
    const t = this.options.localize;
    const by = c.customer.verifiedBy;
    if (c.customer.verified) {
      const when = c.customer.verifiedAt ? fullTimeLabel(c.customer.verifiedAt, this.options.lang()) : '';
      const tip = by ? t.term('windowVerifiedTooltip', by.method, by.agentName, when) : t.term('windowVerified');
      return html`<span part="badge" title=${tip} aria-label=${`${t.term('windowVerified')}: ${tip}`}><span aria-hidden="true">✓</span> ${t.term('windowVerified')}</span>`;
    }
    return html`<span part="badge unverified" title=${t.term('windowUnverifiedTooltip')}>${t.term('windowUnverified')}</span>`;
  }

  renderAction(c: ConversationView) {
    const t = this.options.localize;
    const block = verifyBlock(c, this.options.handles());
    const reason = block ? t.term('windowVerifyUnavailable', block) : '';
    return html`
      <button
        type="button"
        data-action="verify"
        aria-haspopup="dialog"
        aria-disabled=${block ? 'true' : 'false'}
        aria-describedby=${block ? 'verify-reason' : nothing}
        title=${reason || nothing}
        aria-busy=${this.dialog.pending ? 'true' : 'false'}
        ${block ? nothing : preloads(this.dialog)}
        @click=${() => (block ? undefined : this.open())}
      >
        ${t.term('windowVerify')}
      </button>
      ${block ? html`<span id="verify-reason" hidden>${reason}</span>` : nothing}
    `;
  }

  render() {
    return this.dialog.value?.render() ?? nothing;
  }
}
