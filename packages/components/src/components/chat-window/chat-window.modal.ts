/**
 * @license MIT
 * The base of the chat window's modal dialogs (`internal/modal-dialog.ts`): when the control
 * that opened one is gone, focus goes back to the timeline.
 */
import type { ReactiveControllerHost } from 'lit';
import type { ConversationView, DeskClient, MessageView } from '@deskkit/client';
import type { LocalizeController, TermKey } from '../../utilities/localize.js';
import type { WindowTerms } from '../../translations/en/chat-window.js';
import type { WindowDialogTerms } from '../../translations/en/chat-window-dialogs.js';
import { ModalDialog as BaseDialog } from '../../internal/modal-dialog.js';

/** What a dialog that sends a message into the conversation (SMS, template, payment request) needs from the window. */
export interface SendDialogOptions<Terms extends TermKey = keyof WindowTerms | keyof WindowDialogTerms> {
  client(): DeskClient | undefined;
  conversation(): ConversationView | null;
  localize: LocalizeController<Terms>;
  /** Its message was stored: show it (the message and the conversation as the server answered). */
  sent(result: { message: MessageView; conversation: ConversationView }): void;
}

/** Opening, closing and focus return for one of the chat window's dialogs. */
export abstract class ModalDialog extends BaseDialog {
  constructor(host: ReactiveControllerHost & HTMLElement) {
    super(host, () => host.shadowRoot?.querySelector<HTMLElement>('[part~=timeline]'));
  }
}
