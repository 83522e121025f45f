import { Types } from 'mongoose';
import type { Logger } from '../../logger.js';
import type { Models } from '../../models/index.js';
import type { ChannelWebhookEvent, InboundMedia, InboundMessageEvent, PhoneChannel } from '../../schemas/channels.js';
import type { ChatStartHook } from '../auto-responders.js';
import type { ConversationService } from '../conversations.js';
import { FileError, isVoice, type FileService } from '../files.js';
import type { MessageService } from '../messages.js';
import { sha256 } from '../secrets.js';
import type { ChannelAccountRow } from './accounts.js';
import type { ChannelGateway } from './gateway.js';
import { MediaError, openMedia } from './media.js';
import type { SafeFetch } from '../safe-fetch.js';

/** A claimed receipt not finished after this long belongs to a crashed attempt: the next delivery takes over. */
const CLAIM_TIMEOUT_MS = 60_000;

/** The oldest send time a webhook's message is taken at: providers stop retrying within days. */
const OLDEST_SENT_MS = 7 * 24 * 60 * 60_000;

/** Conversations a customer's new message continues; a solved or closed one is over, the message starts a new one. */
export const ONGOING = ['pending', 'open', 'on-hold'] as const;

export interface WebhookOutcome {
  status: number;
  body: Record<string, unknown>;
}

export interface InboundOptions {
  /** How long fetching one media file may take, redirects and body included. */
  mediaTimeoutMs: number;
}

/**
 * Acts on verified provider webhooks, exactly once per provider event id: the
 * receipt is stored before acting, and a replay of a handled id does nothing.
 */
export class ChannelInboundService {
  /** Called with each new customer text (a verification code in it verifies the customer). */
  onCustomerText?: (tenantId: string, conversationId: string, text: string) => Promise<unknown>;
  /** Told of each new chat once it is queued (the auto responders). */
  onStart?: ChatStartHook;

  constructor(
    private readonly models: Models,
    private readonly messages: MessageService,
    private readonly conversations: ConversationService,
    private readonly gateway: ChannelGateway,
    private readonly files: FileService,
    private readonly log: Logger,
    private readonly safeFetch: SafeFetch,
    /** Changeable while running (tests shorten the timeout). */
    readonly options: InboundOptions,
  ) {}

  async receive(account: ChannelAccountRow, event: ChannelWebhookEvent): Promise<WebhookOutcome> {
    const { tenantId, channel } = account;
    // A message for another of the provider's numbers is not this desk's to take.
    if (event.type === 'message' && event.to !== account.fromNumber) {
      return { status: 400, body: { error: `to: ${event.to} is not this channel's number`, field: 'to' } };
    }
    const key = { tenantId, channel, eventId: event.id };
    const claimedAt = new Date();
    const { upsertedCount } = await this.models.WebhookReceipt.updateOne(
      key,
      { $setOnInsert: { ...key, tenantId: new Types.ObjectId(tenantId), type: event.type, receivedAt: claimedAt, claimedAt, processedAt: null } },
      { upsert: true },
    );
    if (!upsertedCount) {
      const existing = await this.models.WebhookReceipt.findOne(key).lean();
      if (existing?.processedAt) return { status: 200, body: { ok: true, duplicate: true } };
      const { modifiedCount } = await this.models.WebhookReceipt.updateOne(
        { ...key, processedAt: null, claimedAt: { $lt: new Date(claimedAt.getTime() - CLAIM_TIMEOUT_MS) } },
        { $set: { claimedAt } },
      );
      if (!modifiedCount) return { status: 409, body: { error: 'this event is being handled; retry later' } };
    }
    // Only our own claim is released: a failed attempt leaves nothing behind and the provider retries.
    const release = () => this.models.WebhookReceipt.deleteOne({ ...key, claimedAt, processedAt: null });
    let outcome: WebhookOutcome;
    try {
      outcome = event.type === 'message' ? await this.message(tenantId, channel, event) : await this.status(tenantId, channel, event);
    } catch (err) {
      await release().catch(() => undefined);
      throw err;
    }
    if (outcome.status === 200) await this.models.WebhookReceipt.updateOne({ ...key, claimedAt }, { $set: { processedAt: new Date() } });
    else await release();
    return outcome;
  }

  /** A receipt for one of our messages. One we don't know yet may be racing our own send: the provider retries it. */
  private async status(tenantId: string, channel: PhoneChannel, event: Extract<ChannelWebhookEvent, { type: 'status' }>): Promise<WebhookOutcome> {
    const result = await this.gateway.applyStatus(tenantId, channel, event);
    if (result === 'unknown') return { status: 409, body: { error: 'no message has this providerMessageId (yet); retry later' } };
    return { status: 200, body: { ok: true, updated: result === 'updated' } };
  }

  /**
   * A customer's message: the customer is found by phone digits (or created), their
   * ongoing conversation on this channel continues, or a new chat enters the general
   * queue. Message ids derive from the provider's event id, so retries never duplicate.
   */
  private async message(tenantId: string, channel: PhoneChannel, event: InboundMessageEvent): Promise<WebhookOutcome> {
    const customer = await this.customerFor(tenantId, event);
    const customerId = String(customer._id);
    const now = new Date();
    const filter = { tenantId, customerId: customer._id, channel, status: { $in: [...ONGOING] } };
    const { upsertedId } = await this.models.Conversation.updateOne(
      filter,
      {
        $setOnInsert: {
          tenantId: new Types.ObjectId(tenantId),
          customerId: customer._id,
          customerName: customer.name,
          channel,
          kind: 'chat',
          status: 'pending',
          departmentId: null,
          subject: subjectOf(event, channel),
          queuedAt: now,
          lastMessageAt: now,
        },
      },
      { upsert: true },
    );
    const conversationId = upsertedId
      ? String(upsertedId)
      : String((await this.models.Conversation.findOne(filter).sort({ lastMessageAt: -1 }).select({ _id: 1 }).lean())!._id);
    if (upsertedId) await this.messages.append(tenantId, conversationId, { authorKind: 'system', event: { type: 'created' } });

    // The WhatsApp window runs from when the customer sent it, not when a (retried) webhook arrived.
    const author = { authorKind: 'customer' as const, authorId: customerId, authorName: customer.name, customerActiveAt: sentAt(event, now) };
    const messageId = `${channel}-${sha256(event.id).slice(0, 40)}`;
    const stored: string[] = [];
    if (event.location) {
      const { latitude, longitude, address } = event.location;
      const { message } = await this.messages.append(tenantId, conversationId, {
        ...author,
        body: address ?? '',
        content: { kind: 'location', location: { latitude, longitude, accuracy: null, address: address ?? null } },
        clientMessageId: `${messageId}-l`,
      });
      stored.push(message.id);
    }
    if (event.text) {
      const { message, created } = await this.messages.append(tenantId, conversationId, { ...author, body: event.text, clientMessageId: messageId });
      stored.push(message.id);
      if (created) await this.onCustomerText?.(tenantId, conversationId, event.text);
    }
    for (const [index, media] of (event.media ?? []).entries()) {
      const ids = await this.media(tenantId, conversationId, author, media, { key: `${messageId}-m${index}`, fileSeed: `${tenantId}:${channel}:${event.id}:${index}` });
      stored.push(...ids);
    }
    // A new chat waits in the general queue, like a web chat without a department.
    if (upsertedId) {
      this.conversations.route(tenantId, null);
      await this.onStart?.chatStarted(tenantId, conversationId, null);
    }
    return { status: 200, body: { ok: true, conversationId, messageIds: stored } };
  }

  /**
   * One file the customer sent: fetched from the provider's link, checked and stored like
   * an upload (within the tenant's limits, typed by its bytes), then an attachment or voice
   * message with its caption. When it cannot be had, the caption still arrives as text and
   * a `media-failed` event says what was lost and why. Ids derive from the event, so a
   * retried webhook neither stores the file twice nor adds a message.
   */
  private async media(
    tenantId: string,
    conversationId: string,
    author: { authorKind: 'customer'; authorId: string; authorName: string; customerActiveAt: Date },
    media: InboundMedia,
    ids: { key: string; fileSeed: string },
  ): Promise<string[]> {
    const name = media.filename ?? nameFromUrl(media.url);
    let file;
    let reason: string | null = null;
    let opened: Awaited<ReturnType<typeof openMedia>> | undefined;
    try {
      opened = await openMedia(this.safeFetch, media.url, { timeoutMs: this.options.mediaTimeoutMs });
      file = await this.files.store(tenantId, conversationId, { kind: 'customer', id: author.authorId }, {
        name,
        body: opened.body,
        declaredBytes: opened.declaredBytes,
        fileId: new Types.ObjectId(sha256(`inbound-media:${ids.fileSeed}`).slice(0, 24)),
      });
    } catch (err) {
      if (!(err instanceof MediaError || err instanceof FileError)) throw err;
      reason = err.message;
      this.log.info({ tenantId, conversationId, reason }, 'inbound media not stored');
    } finally {
      opened?.close();
    }

    if (file) {
      const voice = media.voice === true && isVoice(file);
      const { message } = await this.messages.append(tenantId, conversationId, {
        ...author,
        body: voice ? '' : (media.caption ?? ''),
        content: { kind: voice ? 'voice' : 'attachment', attachment: { ...file, durationMs: null } },
        clientMessageId: ids.key,
      });
      return [message.id];
    }
    const stored: string[] = [];
    if (media.caption) {
      const { message } = await this.messages.append(tenantId, conversationId, { ...author, body: media.caption, clientMessageId: ids.key });
      stored.push(message.id);
    }
    const { message } = await this.messages.append(tenantId, conversationId, {
      authorKind: 'system',
      event: { type: 'media-failed', name, contentType: media.contentType, reason: reason! },
      // The customer wrote, even if what they sent is lost: the WhatsApp window opens.
      customerActiveAt: author.customerActiveAt,
      clientMessageId: `${ids.key}-failed`,
    });
    stored.push(message.id);
    return stored;
  }

  /** The tenant's customer with this number (the oldest, if several share it), created on first contact. */
  private async customerFor(tenantId: string, event: InboundMessageEvent) {
    const phoneDigits = event.from.slice(1);
    await this.models.Customer.updateOne(
      { tenantId, phoneDigits },
      { $setOnInsert: { tenantId: new Types.ObjectId(tenantId), name: event.name ?? event.from, phone: event.from, phoneDigits } },
      { upsert: true },
    );
    const customer = (await this.models.Customer.findOne({ tenantId, phoneDigits }).sort({ createdAt: 1, _id: 1 }).select({ _id: 1, name: 1, mergedInto: 1 }).lean())!;
    // A customer merged into another: the number now reaches the surviving customer.
    if (!customer.mergedInto) return customer;
    return (await this.models.Customer.findOne({ tenantId, _id: customer.mergedInto }).select({ _id: 1, name: 1 }).lean()) ?? customer;
  }
}

/** A file name from the link's last path segment, when it looks like one (`photo.jpg`). */
function nameFromUrl(url: string): string {
  let last = '';
  try {
    last = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
  } catch {
    // A malformed escape: no name from it.
  }
  return /^[^.]+\.[a-z0-9]{1,8}$/i.test(last) ? last : 'attachment';
}

/** When the customer sent the message, by the provider's clock: never later than `now`, nor before the oldest a retry can be. */
function sentAt(event: InboundMessageEvent, now: Date): Date {
  const at = typeof event.timestamp === 'number' ? event.timestamp * 1000 : Date.parse(event.timestamp);
  if (!Number.isFinite(at)) return now;
  return new Date(Math.min(now.getTime(), Math.max(now.getTime() - OLDEST_SENT_MS, at)));
}

function subjectOf(event: InboundMessageEvent, channel: PhoneChannel): string {
  if (event.text) return event.text.slice(0, 120);
  if (event.location?.address) return event.location.address.slice(0, 120);
  const caption = event.media?.find((m) => m.caption)?.caption;
  if (caption) return caption.slice(0, 120);
  return `${channel === 'sms' ? 'SMS' : 'WhatsApp'} from ${event.from}`;
}
