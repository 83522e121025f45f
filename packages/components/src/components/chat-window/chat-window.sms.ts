/**
 * @license MIT
 * One-way SMS from the chat window: a text to the customer's phone that expects no
 * answer. It joins the timeline with its delivery status. The dialog loads on first use.
 */
import { css, html, nothing, type ReactiveControllerHost } from 'lit';
import { live } from 'lit/directives/live.js';
import { ref } from 'lit/directives/ref.js';
import { addStyles } from '../../internal/adopt-styles.js';
import { ModalDialog, type SendDialogOptions } from './chat-window.modal.js';
import { errorCode, errorText } from './chat-window.format.js';
import { MAX_SMS, smsParts } from '../../internal/sms.js';
import { newClientMessageId } from '../../internal/ids.js';

export { MAX_SMS, smsParts } from '../../internal/sms.js';

export type SmsDialogOptions = SendDialogOptions;

const smsStyles = css`
  [part='dialog'] .count {
    text-align: right;
  }
`;

export class SmsDialog extends ModalDialog {
  private body = '';
  /** One id per text: sending the same again (after a lost answer) never duplicates it. */
  private attempt: { body: string; clientMessageId: string } | null = null;

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    private readonly options: SmsDialogOptions,
  ) {
    super(host);
    addStyles(host, [smsStyles]);
  }

  /** Sends it; throws the server's error (shown inline). */
  private async send(input: { body: string; clientMessageId: string }): Promise<void> {
    const client = this.options.client();
    const conversation = this.options.conversation();
    if (!client || !conversation) throw new Error('no conversation');
    this.options.sent(await client.sms.send.mutate({ conversationId: conversation.id, ...input }));
  }

  protected override opened(): void {
    this.body = '';
    this.attempt = null;
  }

  private readonly handleBody = (event: Event) => {
    this.body = (event.target as HTMLTextAreaElement).value;
    this.host.requestUpdate();
  };

  private readonly handleSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const body = this.body.trim();
    if (!body) return;
    if (this.attempt?.body !== body) this.attempt = { body, clientMessageId: newClientMessageId() };
    const { clientMessageId } = this.attempt;
    void this.submit(
      () => this.send({ body, clientMessageId }),
      (err) => {
        // Refused before anything was stored (no SMS channel, no phone number).
        if (errorCode(err) === 'PRECONDITION_FAILED') this.error = this.options.localize.term('windowSmsRefused', errorText(err));
      },
    );
  };

  private readonly handleCancel = () => this.close();

  render() {
    const { localize } = this.options;
    const length = this.body.trim().length;
    return html`
      <dialog part="dialog" class="sms" aria-labelledby="sms-title" aria-describedby="sms-hint" ${ref(this.bind)} @close=${this.handleClose}>
        <form @submit=${this.handleSubmit}>
          <h2 id="sms-title">${localize.term('windowSmsTitle')}</h2>
          <p id="sms-hint" class="hint">${localize.term('windowSmsHint')}</p>
          <label for="sms-body">${localize.term('windowSmsBody')}</label>
          <textarea
            id="sms-body"
            rows="4"
            maxlength=${MAX_SMS}
            aria-describedby="sms-count"
            .value=${live(this.body)}
            @input=${this.handleBody}
          ></textarea>
          <p id="sms-count" class="hint count">${localize.term('windowSmsCount', length, MAX_SMS, smsParts(this.body.trim()))}</p>
          ${this.error ? html`<p part="error" role="alert">${this.error}</p>` : nothing}
          <div class="dialog-actions">
            <button type="button" @click=${this.handleCancel}>${localize.term('windowCancel')}</button>
            <button type="submit" class="primary" ?disabled=${!length || this.busy}>${localize.term('windowSmsSend')}</button>
          </div>
        </form>
      </dialog>
    `;
  }
}
