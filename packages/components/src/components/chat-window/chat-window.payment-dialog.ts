/**
 * @license MIT
 * The "Request payment" dialog (loaded on first use): amount, currency, description and a
 * preview of what the customer will see.
 */
import { css, html, nothing, type ReactiveControllerHost } from 'lit';
import { live } from 'lit/directives/live.js';
import { ref } from 'lit/directives/ref.js';
import { formatMoney } from '../../internal/money.js';
import { addStyles } from '../../internal/adopt-styles.js';
import { ModalDialog, type SendDialogOptions } from './chat-window.modal.js';
import { errorText } from './chat-window.format.js';
import { newClientMessageId } from '../../internal/ids.js';

/** Currencies offered first; the desk accepts any payable ISO 4217 code. */
export const PAYMENT_CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'JPY', 'CAD', 'AUD', 'SEK', 'NOK', 'DKK', 'PLN', 'INR', 'BRL', 'MXN'] as const;

/** The longest description the desk takes. */
export const MAX_PAYMENT_DESCRIPTION = 200;

export interface PaymentRequestInput {
  amount: string;
  currency: string;
  description: string;
  clientMessageId: string;
}

export interface PaymentDialogOptions extends SendDialogOptions {
  lang(): string;
}

/** `"12,5"` → `"12.5"`; the desk wants a dot and no grouping. */
const normalizeAmount = (value: string) => value.trim().replace(/\s/g, '').replace(',', '.');

export class PaymentDialog extends ModalDialog {
  private amount = '';
  private currency: string = PAYMENT_CURRENCIES[0];
  private description = '';
  /** One id per request as typed: sending it again after a lost answer never asks twice. */
  private attempt: { key: string; clientMessageId: string } | null = null;

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    private readonly options: PaymentDialogOptions,
  ) {
    super(host);
    addStyles(host, [paymentStyles]);
  }

  /** Asks the desk for the payment and shows the request's message. */
  private async send(input: PaymentRequestInput): Promise<void> {
    const client = this.options.client();
    const conversation = this.options.conversation();
    if (!client || !conversation) throw new Error('no conversation');
    const { message, conversation: view } = await client.payments.request.mutate({ conversationId: conversation.id, ...input });
    this.options.sent({ message, conversation: view });
  }

  protected override opened(): void {
    this.amount = '';
    this.description = '';
    this.attempt = null;
  }

  /** The amount as the customer will see it, when it reads as one. */
  private preview(): string | null {
    const amount = normalizeAmount(this.amount);
    const digits = currencyDigits(this.currency);
    const match = /^(\d{1,12})(?:\.(\d+))?$/.exec(amount);
    if (!match || (match[2]?.length ?? 0) > digits || Number(amount) <= 0) return null;
    const fixed = digits ? `${match[1]}.${(match[2] ?? '').padEnd(digits, '0')}` : match[1]!;
    return formatMoney(fixed, this.currency, this.options.lang());
  }

  private readonly handleInput = (event: Event) => {
    const target = event.target as HTMLInputElement | HTMLSelectElement;
    if (target.name === 'amount') this.amount = target.value;
    else if (target.name === 'currency') this.currency = target.value;
    else if (target.name === 'description') this.description = target.value;
    this.host.requestUpdate();
  };

  private readonly handleSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const amount = normalizeAmount(this.amount);
    const description = this.description.trim();
    if (!amount || !description) return;
    const key = `${amount}|${this.currency}|${description}`;
    if (this.attempt?.key !== key) this.attempt = { key, clientMessageId: newClientMessageId() };
    const { clientMessageId } = this.attempt;
    void this.submit(
      () => this.send({ amount, currency: this.currency, description, clientMessageId }),
      (err) => (this.error = this.options.localize.term('windowPaymentFailed', errorText(err))),
    );
  };

  private readonly handleCancel = () => this.close();

  render() {
    const t = this.options.localize;
    const preview = this.preview();
    const description = this.description.trim();
    return html`
      <dialog part="dialog" class="payment-request" aria-labelledby="payment-title" ${ref(this.bind)} @close=${this.handleClose}>
        <form @submit=${this.handleSubmit} @input=${this.handleInput} @change=${this.handleInput}>
          <h2 id="payment-title">${t.term('windowRequestPayment')}</h2>
          <div class="payment-fields">
            <div>
              <label for="payment-amount">${t.term('windowPaymentAmount')}</label>
              <input id="payment-amount" name="amount" inputmode="decimal" autocomplete="off" required maxlength="20" .value=${live(this.amount)} />
            </div>
            <div>
              <label for="payment-currency">${t.term('windowPaymentCurrency')}</label>
              <select id="payment-currency" name="currency" .value=${live(this.currency)}>
                ${PAYMENT_CURRENCIES.map((code) => html`<option value=${code} ?selected=${code === this.currency}>${code}</option>`)}
              </select>
            </div>
          </div>
          <label for="payment-description">${t.term('windowPaymentDescription')}</label>
          <input
            id="payment-description"
            name="description"
            required
            maxlength=${MAX_PAYMENT_DESCRIPTION}
            autocomplete="off"
            .value=${live(this.description)}
          />
          ${preview && description
            ? html`<div part="payment-preview" class="payment-preview" aria-live="polite">
                <span class="hint">${t.term('windowPaymentPreview')}</span>
                <strong>${preview}</strong> <span>${description}</span>
              </div>`
            : nothing}
          ${this.error ? html`<p part="error" role="alert">${this.error}</p>` : nothing}
          <div class="dialog-actions">
            <button type="button" @click=${this.handleCancel}>${t.term('windowPaymentCancel')}</button>
            <button type="submit" class="primary" ?disabled=${!preview || !description || this.busy}>${t.term('windowPaymentSend')}</button>
          </div>
        </form>
      </dialog>
    `;
  }
}

const paymentStyles = css`
  .payment-fields {
    display: grid;
    grid-template-columns: 1fr 7rem;
    gap: 0.5rem;
  }
  .payment-fields > div,
  .payment-request label + input {
    display: grid;
    gap: 0.25rem;
  }
  /* The label and the field keep their heights; the taller select does not stretch the amount. */
  .payment-fields > div {
    align-content: start;
  }
  .payment-request input {
    width: 100%;
    box-sizing: border-box;
  }
  .payment-preview {
    display: grid;
    gap: 0.125rem;
    padding: 0.5rem 0.625rem;
    border: 1px dashed var(--border-color);
    border-radius: var(--radius);
  }
`;

/** How many decimals a currency is usually written with (a preview before the desk checks). */
function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}
