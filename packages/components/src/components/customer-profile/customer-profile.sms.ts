/**
 * @license MIT
 * "Send SMS" from a customer's profile: a one-way text to their phone (no reply expected)
 * through a small form, sent once however often it is retried (`clientMessageId`), and
 * its delivery status followed live (queued → sent → delivered, or failed with the reason).
 */
import { ContextConsumer } from '@lit/context';
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { live } from 'lit/directives/live.js';
import type { DeskClient, MessageView } from '@deskkit/client';
import { feedContext } from '../../context/feed-context.js';
import type { DeskSession } from '../../context/session-context.js';
import { FeedController } from '../../controllers/feed-controller.js';
import { errorText } from '../../internal/errors.js';
import { newClientMessageId } from '../../internal/ids.js';
import { MAX_SMS, smsParts } from '../../internal/sms.js';
import type { LocalizeController } from '../../utilities/localize.js';
import type { ProfileTerms } from '../../translations/en/customer-profile.js';
import type { SmsTerms } from '../../translations/en/sms.js';
import type { CustomerView } from './customer-profile.form.js';

/** What `sms.send` requires of the caller. */
const SMS_PERMISSIONS = ['conversations:read', 'customers:read'] as const;

const deliveryRank = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 4 } as const;

export interface ProfileSmsOptions {
  client(): DeskClient | undefined;
  session(): DeskSession | null;
  profile(): CustomerView | null;
  localize: LocalizeController<keyof ProfileTerms | keyof SmsTerms>;
}

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

export class ProfileSms implements ReactiveController {
  private readonly feed: ContextConsumer<typeof feedContext, Host>;
  private readonly live: FeedController;
  private open = false;
  private body = '';
  /** One id per text: sending the same text again (after a lost answer) never sends it twice. */
  private attempt: { body: string; clientMessageId: string } | null = null;
  private busy = false;
  private error = '';
  /** The last SMS sent from this profile, as its delivery moves on. */
  private sent: MessageView | null = null;
  /** The desk's enabled phone channels (`null`: not known yet); the WhatsApp template action asks too. */
  channels: string[] | null = null;
  private checkedClient?: DeskClient;
  private customerId: string | null = null;

  constructor(
    private readonly host: Host,
    private readonly options: ProfileSmsOptions,
  ) {
    host.addController(this);
    this.feed = new ContextConsumer(host, { context: feedContext, subscribe: true });
    this.live = new FeedController(host, { feed: () => this.feed.value, onEvent: (event) => event.type === 'message' && this.apply(event.message) });
  }

  /** Before each render: another customer keeps nothing of the last one's SMS. */
  hostUpdate(): void {
    const customerId = this.options.profile()?.id ?? null;
    if (customerId === this.customerId) return;
    this.customerId = customerId;
    this.open = false;
    this.body = '';
    this.attempt = null;
    this.error = '';
    this.sent = null;
    this.live.stop();
  }

  /** Asks once per client which phone channels the desk has (only with an agent signed in: else it is refused). */
  hostUpdated(): void {
    const client = this.options.client();
    if (!client || !this.options.session() || client === this.checkedClient) return;
    this.checkedClient = client;
    client.channels.available
      .query()
      .then((channels) => channels.map((c) => c.channel))
      .catch(() => null)
      .then((available) => {
        if (this.checkedClient !== client) return;
        this.channels = available;
        this.host.requestUpdate();
      });
  }

  /** Offered when the customer has a phone, the agent may send SMS and the desk has an SMS channel. */
  private get offered(): boolean {
    const permissions = this.options.session()?.agent.permissions ?? [];
    return Boolean(this.options.profile()?.phone) && SMS_PERMISSIONS.every((p) => permissions.includes(p)) && this.channels?.includes('sms') !== false;
  }

  /** A newer copy of the sent message (a receipt): its delivery only moves forward. */
  private apply(message: MessageView): void {
    const current = this.sent;
    if (!current || message.id !== current.id || !message.delivery || !current.delivery) return;
    const [a, b] = [current.delivery, message.delivery];
    if (b.updatedAt < a.updatedAt || (b.updatedAt === a.updatedAt && deliveryRank[b.status] <= deliveryRank[a.status])) return;
    this.sent = message;
  }

  private readonly handleToggle = () => {
    this.open = !this.open;
    this.error = '';
    this.host.requestUpdate();
    if (this.open) void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLTextAreaElement>('#sms-body')?.focus());
  };

  private readonly handleBody = (event: Event) => {
    this.body = (event.target as HTMLTextAreaElement).value;
    this.host.requestUpdate();
  };

  private readonly handleSubmit = async (event: Event) => {
    event.preventDefault();
    const client = this.options.client();
    const customerId = this.customerId;
    const body = this.body.trim();
    if (!client || !customerId || !body || this.busy) return;
    if (this.attempt?.body !== body) this.attempt = { body, clientMessageId: newClientMessageId() };
    const { clientMessageId } = this.attempt;
    this.busy = true;
    this.error = '';
    this.host.requestUpdate();
    try {
      // Follow the feed from before the send, so no receipt for it is missed.
      const lastEventId = this.feed.value ? await client.events.position.query() : null;
      const { message } = await client.sms.send.mutate({ customerId, body, clientMessageId });
      if (customerId !== this.customerId) return;
      this.sent = message;
      if (lastEventId !== null) this.live.follow(lastEventId);
      this.open = false;
      this.body = '';
      this.attempt = null;
      void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLButtonElement>('[data-action=sms]')?.focus());
    } catch (err) {
      if (customerId === this.customerId) this.error = this.options.localize.term('windowSmsRefused', errorText(err));
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  };

  /** The "Send SMS" button for the header. */
  renderAction() {
    if (!this.offered) return nothing;
    return html`<button type="button" data-action="sms" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="profile-sms" @click=${this.handleToggle}>
      ${this.options.localize.term('profileSmsAction')}
    </button>`;
  }

  /** The form while open, and the last SMS's delivery status. */
  render() {
    const l = this.options.localize;
    const length = this.body.trim().length;
    const form = this.open && this.offered
      ? html`<form part="sms" id="profile-sms" aria-labelledby="profile-sms-title" @submit=${this.handleSubmit}>
          <h3 id="profile-sms-title">${l.term('windowSmsTitle')}</h3>
          <p id="profile-sms-hint" class="muted">${l.term('profileSmsHint', this.options.profile()?.phone ?? '')}</p>
          <label for="sms-body">${l.term('windowSmsBody')}</label>
          <textarea
            id="sms-body"
            rows="3"
            maxlength=${MAX_SMS}
            aria-describedby="profile-sms-hint profile-sms-count"
            .value=${live(this.body)}
            @input=${this.handleBody}
          ></textarea>
          <p id="profile-sms-count" class="muted">${l.term('windowSmsCount', length, MAX_SMS, smsParts(this.body.trim()))}</p>
          ${this.error ? html`<p class="error" part="error" role="alert">${this.error}</p>` : nothing}
          <div class="form-actions">
            <button type="submit" class="primary" ?disabled=${!length || this.busy}>${l.term('windowSmsSend')}</button>
            <button type="button" @click=${this.handleToggle}>${l.term('profileCancel')}</button>
          </div>
        </form>`
      : nothing;
    const d = this.sent?.delivery;
    const status = d
      ? html`<p part="sms-status" role="status" data-status=${d.status}>
          ${l.term('profileSmsStatus', d.to, l.term('windowDeliveryStatus', d.status))}
          ${d.status === 'failed' && d.error ? html`<span class="error">${d.error}</span>` : nothing}
        </p>`
      : nothing;
    return html`${form} ${status}`;
  }
}
