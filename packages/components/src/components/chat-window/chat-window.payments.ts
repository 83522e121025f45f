/**
 * @license MIT
 * Chat-to-pay in the chat window: the "Request payment" action and its dialog, which loads
 * on first use (`chat-window.payment-dialog.ts`, with the request it sends). The card itself renders in both timelines
 * through the shared message content renderers.
 */
import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { ConversationView, DeskClient, MessageView } from '@deskkit/client';
import { LazyController, preloads } from '../../controllers/lazy-controller.js';
import type { LocalizeController } from '../../utilities/localize.js';
import type { WindowTerms } from '../../translations/en/chat-window.js';
import type { WindowDialogTerms } from '../../translations/en/chat-window-dialogs.js';
import type { PaymentDialog } from './chat-window.payment-dialog.js';

export interface PaymentToolsOptions {
  client(): DeskClient | undefined;
  conversation(): ConversationView | null;
  localize: LocalizeController<keyof WindowTerms>;
  /** The same with the dialogs' terms, which load with the first dialog. */
  dialogLocalize(): Promise<LocalizeController<keyof WindowTerms | keyof WindowDialogTerms>>;
  lang(): string;
  /** The request's message was stored: show it. */
  sent(result: { message: MessageView; conversation: ConversationView }): void;
}

/** The "Request payment" action and dialog, for the agent handling an open conversation. */
export class PaymentTools {
  readonly dialog: LazyController<PaymentDialog>;

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    private readonly options: PaymentToolsOptions,
  ) {
    this.dialog = new LazyController(host, {
      load: async () =>
        new (await import('./chat-window.payment-dialog.js')).PaymentDialog(host, { ...options, localize: await options.dialogLocalize() }),
    });
  }

  open(): void {
    void this.dialog.use((dialog) => dialog.show());
  }

  close(): void {
    this.dialog.value?.close();
  }

  private readonly handleOpen = () => this.open();

  renderAction(o: { handles: boolean }) {
    const c = this.options.conversation();
    if (!c || !o.handles || (c.status !== 'open' && c.status !== 'on-hold')) return nothing;
    return html`<button
      type="button"
      data-action="payment"
      aria-haspopup="dialog"
      aria-disabled="false"
      aria-busy=${this.dialog.pending ? 'true' : 'false'}
      ${preloads(this.dialog)}
      @click=${this.handleOpen}
    >
      ${this.options.localize.term('windowRequestPayment')}
    </button>`;
  }

  renderDialog() {
    return this.dialog.value?.render() ?? nothing;
  }
}
