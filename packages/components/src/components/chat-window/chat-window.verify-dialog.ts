/**
 * @license MIT
 * The dialog that verifies the customer (loaded on first use): it sends a one-time code and
 * takes the code the customer reads back, and closes by itself when the customer verifies
 * in the chat.
 */
import { css, html, nothing, type ReactiveControllerHost } from 'lit';
import { live } from 'lit/directives/live.js';
import { ref } from 'lit/directives/ref.js';
import type { ConversationView, DeskClient } from '@deskkit/client';
import { addStyles } from '../../internal/adopt-styles.js';
import type { LocalizeController } from '../../utilities/localize.js';
import type { WindowTerms } from '../../translations/en/chat-window.js';
import type { WindowDialogTerms } from '../../translations/en/chat-window-dialogs.js';
import { ModalDialog } from './chat-window.modal.js';
import { timeLabel } from './chat-window.format.js';

type Host = ReactiveControllerHost & HTMLElement;

export interface VerifyDialogOptions {
  client(): DeskClient | undefined;
  conversation(): ConversationView | null;
  localize: LocalizeController<keyof WindowTerms | keyof WindowDialogTerms>;
  lang(): string;
  /** The server's newer view of the conversation (after a confirmed code). */
  changed(view: ConversationView): void;
}

const verifyDialogStyles = css`
  [part='dialog'] .code {
    font-size: 1.25rem;
    letter-spacing: 0.3em;
    width: 9ch;
  }
`;

export class VerifyDialog extends ModalDialog {
  /** Where the last code went: `{ to, expiresAt }`, shown with the code input. */
  private sent: { to: string; expiresAt: string } | null = null;
  private code = '';
  private verifiedBefore: string | null = null;

  constructor(
    host: Host,
    private readonly options: VerifyDialogOptions,
  ) {
    super(host);
    addStyles(host, [verifyDialogStyles]);
  }

  protected override opened(): void {
    this.sent = null;
    this.code = '';
    this.verifiedBefore = this.options.conversation()?.customer.verifiedAt ?? null;
  }

  /** The customer verified in the chat while the dialog was open: nothing left to do here. */
  hostUpdated(): void {
    if (!this.open || !this.sent) return;
    const verifiedAt = this.options.conversation()?.customer.verifiedAt ?? null;
    if (verifiedAt && verifiedAt !== this.verifiedBefore) this.close();
  }

  private readonly handleSend = () => {
    const client = this.options.client();
    const conversationId = this.options.conversation()?.id;
    if (!client || !conversationId || this.busy) return;
    void this.run(async () => {
      const sent = await client.conversations.requestVerification.mutate({ conversationId });
      this.sent = { to: sent.to, expiresAt: sent.expiresAt };
      this.code = '';
      await this.host.updateComplete;
      this.host.shadowRoot?.querySelector<HTMLInputElement>('#verify-code')?.focus();
    });
  };

  private readonly handleConfirm = (event: SubmitEvent) => {
    event.preventDefault();
    const client = this.options.client();
    const conversationId = this.options.conversation()?.id;
    if (!client || !conversationId || !this.code.trim()) return;
    void this.submit(async () => this.options.changed(await client.conversations.confirmVerification.mutate({ conversationId, code: this.code })));
  };

  /** Like `submit`, but keeps the dialog open. */
  private async run(action: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = '';
    this.host.requestUpdate();
    try {
      await action();
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  render() {
    const t = this.options.localize;
    const sent = this.sent;
    return html`
      <dialog part="dialog" class="verify" aria-labelledby="verify-title" aria-describedby="verify-hint" ${ref(this.bind)} @close=${this.handleClose}>
        <form @submit=${this.handleConfirm}>
          <h2 id="verify-title">${t.term('windowVerifyTitle')}</h2>
          <p id="verify-hint" class="hint" role="status">
            ${sent ? t.term('windowVerifySent', sent.to, timeLabel(sent.expiresAt, this.options.lang())) : t.term('windowVerifyHint')}
          </p>
          ${sent
            ? html`<label for="verify-code">${t.term('windowVerifyCodeLabel')}</label>
                <input
                  id="verify-code"
                  class="code"
                  inputmode="numeric"
                  autocomplete="off"
                  maxlength="7"
                  .value=${live(this.code)}
                  @input=${(e: Event) => {
                    this.code = (e.target as HTMLInputElement).value;
                    this.host.requestUpdate();
                  }}
                />`
            : nothing}
          ${this.error ? html`<p part="error" role="alert">${this.error}</p>` : nothing}
          <div class="dialog-actions">
            <button type="button" @click=${() => this.close()}>${t.term('windowCancel')}</button>
            <button type="button" data-verify="send" class=${sent ? '' : 'primary'} ?disabled=${this.busy} @click=${this.handleSend}>
              ${sent ? t.term('windowVerifyResend') : t.term('windowVerifySend')}
            </button>
            ${sent
              ? html`<button type="submit" data-verify="confirm" class="primary" ?disabled=${this.busy || !this.code.trim()}>
                  ${t.term('windowVerifyConfirm')}
                </button>`
              : nothing}
          </div>
        </form>
      </dialog>
    `;
  }
}
