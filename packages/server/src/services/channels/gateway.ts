import { TRPCError } from '@trpc/server';
import type { Logger } from '../../logger.js';
import type { Models } from '../../models/index.js';
import { RECEIPT_RETENTION_MS } from '../../models/webhook-receipt.js';
import { phoneChannels, type PhoneChannel, type StatusEvent } from '../../schemas/channels.js';
import { toMessageView, type ConversationView, type DeliveryView, type MessageView } from '../conversation-views.js';
import type { FileService } from '../files.js';
import type { MessageService, StoredDelivery } from '../messages.js';
import type { ChannelAccountService } from './accounts.js';
import type { OutboundCarries, OutboundChannels, OutboundKind } from './outbound.js';
import { ProviderError, type ProviderMessage, type ProviderRegistry } from './provider.js';

/** WhatsApp allows free-form messages for this long after the customer's last one; templates any time. */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60_000;

/** Whether the customer wrote within WhatsApp's 24 hours, when free-form messages may go. */
export const whatsAppWindowOpen = (view: Pick<ConversationView, 'lastCustomerMessageAt'>) =>
  Date.now() - (view.lastCustomerMessageAt ? Date.parse(view.lastCustomerMessageAt) : 0) <= WHATSAPP_WINDOW_MS;

export interface GatewayOptions {
  /** A queued message untouched this long is sent again. Longer than the provider timeout. */
  staleMs: number;
  /** A sent message without a receipt for this long: the provider is asked where it is (again after as long). */
  receiptStaleMs: number;
  /** The desk's public URL, for the file links providers fetch media from. */
  publicUrl(): string;
}

/** Messages are asked about for this long after they were sent; later, a missing receipt is left alone. */
const RECEIPT_CHECK_WINDOW_MS = 2 * 24 * 60 * 60_000;

export const isPhoneChannel = (channel: string): channel is PhoneChannel => (phoneChannels as readonly string[]).includes(channel);

/** Receipts only move forward: queued < sent < delivered < read; failed is final. */
const movesTo: Record<StatusEvent['status'], DeliveryView['status'][]> = {
  sent: ['queued'],
  delivered: ['queued', 'sent'],
  read: ['queued', 'sent', 'delivered'],
  failed: ['queued', 'sent'],
};

const channelName = (channel: PhoneChannel) => (channel === 'sms' ? 'SMS' : 'WhatsApp');
const precondition = (message: string) => new TRPCError({ code: 'PRECONDITION_FAILED', message });

/** `+34 600 111 222` or `0034600111222` → `+34600111222`; anything without a country code → null. */
export function e164Of(phone: string | null | undefined): string | null {
  const trimmed = (phone ?? '').trim();
  const international = trimmed.startsWith('+') ? trimmed.slice(1) : trimmed.startsWith('00') ? trimmed.slice(2) : null;
  const digits = international?.replace(/[\s().-]/g, '') ?? '';
  return /^[1-9]\d{6,14}$/.test(digits) ? `+${digits}` : null;
}

/**
 * The channel gateway: agent messages in SMS/WhatsApp conversations are stored
 * `queued`, then claimed and handed to the tenant's provider, which answers with its
 * id (`sent`) or an error (`failed`); status webhooks move them on. A claim is a
 * compare-and-set on `delivery.updatedAt`, so one process sends each message, and a
 * sweep sends again what a crash left queued (with the same idempotency key).
 */
export class ChannelGateway implements OutboundChannels {
  private readonly inFlight = new Set<Promise<unknown>>();
  private lastPurge = 0;

  constructor(
    private readonly models: Models,
    private readonly messages: MessageService,
    private readonly accounts: ChannelAccountService,
    private readonly providers: ProviderRegistry,
    private readonly files: FileService,
    private readonly log: Logger,
    private readonly options: GatewayOptions,
  ) {}

  async assertCanSend(tenantId: string, view: ConversationView, kind: OutboundKind, carries: OutboundCarries = 'text'): Promise<void> {
    if (!isPhoneChannel(view.channel)) return;
    const account = await this.accounts.require(tenantId, view.channel);
    await this.customerPhone(tenantId, view.customer.id);
    if (carries === 'media' && !account.media) {
      throw precondition(`this desk's ${channelName(view.channel)} channel sends text only; files and voice messages cannot go out on it`);
    }
    if (view.channel === 'whatsapp' && kind === 'free-form' && !whatsAppWindowOpen(view)) {
      throw precondition('WhatsApp allows free-form replies only within 24 hours of the customer\'s last message; send a template instead');
    }
  }

  async deliveryFor(tenantId: string, view: ConversationView): Promise<StoredDelivery | null> {
    if (!isPhoneChannel(view.channel)) return null;
    return { channel: view.channel, to: await this.customerPhone(tenantId, view.customer.id), oneWay: false };
  }

  /** Sends in the background: the agent's reply is answered as soon as it is stored. */
  async dispatch(tenantId: string, message: MessageView): Promise<void> {
    const sending = this.send(tenantId, message.id)
      .catch((err) => this.log.error({ err, messageId: message.id }, 'outbound send failed'))
      .finally(() => this.inFlight.delete(sending));
    this.inFlight.add(sending);
  }

  /** Resolves once every send started so far has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  /** The customer's number in E.164, or PRECONDITION_FAILED saying what is missing. */
  async customerPhone(tenantId: string, customerId: string): Promise<string> {
    const customer = await this.models.Customer.findOne({ tenantId, _id: customerId }).select({ phone: 1 }).lean();
    if (!customer?.phone) throw precondition('the customer has no phone number; add one to their profile first');
    const phone = e164Of(customer.phone);
    if (!phone) throw precondition(`the customer's phone number "${customer.phone}" has no country code (write it as +<country><number>)`);
    return phone;
  }

  /**
   * Claims a queued message and hands it to the provider; the outcome (`sent` with the
   * provider's id, or `failed` with the reason) is stored and published. Returns the
   * message as it ended up, or null when there was nothing to send.
   */
  async send(tenantId: string, messageId: string): Promise<MessageView | null> {
    const row = await this.models.Message.findOne({ tenantId, _id: messageId }).lean();
    if (!row?.delivery || row.delivery.status !== 'queued') return null;
    const { modifiedCount } = await this.models.Message.updateOne(
      { tenantId, _id: messageId, 'delivery.status': 'queued', 'delivery.updatedAt': row.delivery.updatedAt },
      { $set: { 'delivery.updatedAt': new Date() } },
    );
    if (!modifiedCount) return null; // another process has it

    const message = toMessageView(row);
    const delivery = row.delivery;
    const channel = delivery.channel as PhoneChannel;
    try {
      const account = await this.accounts.find(tenantId, channel, { enabledOnly: true });
      if (!account) throw new ProviderError(`no ${channelName(channel)} channel is configured`);
      const provider = this.providers.get(account.provider);
      const { providerMessageId } = await provider.send(account, await this.providerMessage(tenantId, message, channel, account.fromNumber, delivery.to));
      return await this.messages.update(
        tenantId,
        messageId,
        { 'delivery.status': 'queued' },
        { 'delivery.status': 'sent', 'delivery.providerMessageId': providerMessageId, 'delivery.error': null, 'delivery.updatedAt': new Date() },
      );
    } catch (err) {
      if (!(err instanceof ProviderError)) this.log.error({ err, messageId }, 'outbound send failed');
      const error = err instanceof ProviderError ? err.message : 'the message could not be handed to the provider';
      return this.messages.update(
        tenantId,
        messageId,
        { 'delivery.status': 'queued' },
        { 'delivery.status': 'failed', 'delivery.error': error.slice(0, 500), 'delivery.updatedAt': new Date() },
      );
    }
  }

  /**
   * A provider receipt: moves the message's delivery forward (never back) and tells
   * everyone who sees it. `unknown` when no message has that provider id (yet).
   */
  async applyStatus(tenantId: string, channel: PhoneChannel, event: StatusEvent): Promise<'updated' | 'unchanged' | 'unknown'> {
    const filter = { tenantId, 'delivery.channel': channel, 'delivery.providerMessageId': event.providerMessageId };
    const row = await this.models.Message.findOne(filter).select({ _id: 1 }).lean();
    if (!row) return 'unknown';
    return (await this.advance(tenantId, String(row._id), event)) ? 'updated' : 'unchanged';
  }

  /** Moves a message's delivery forward to `status` (never back); the changed message, or null. */
  private advance(tenantId: string, messageId: string, event: Pick<StatusEvent, 'providerMessageId' | 'status' | 'error'>) {
    return this.messages.update(
      tenantId,
      messageId,
      { 'delivery.providerMessageId': event.providerMessageId, 'delivery.status': { $in: movesTo[event.status] } },
      {
        'delivery.status': event.status,
        'delivery.error': event.status === 'failed' ? (event.error ?? 'the provider reported a failure') : null,
        'delivery.updatedAt': new Date(),
      },
    );
  }

  /**
   * Asks the providers about sent messages whose receipts never came (a lost webhook):
   * each one left `sent` for `receiptStaleMs` is asked about once per `receiptStaleMs`,
   * for two days. A check is claimed by a compare-and-set on `delivery.checkedAt`, so one
   * process asks; the answer moves the status forward only. Returns how many moved.
   */
  async checkReceipts(): Promise<number> {
    const now = Date.now();
    const stale = new Date(now - this.options.receiptStaleMs);
    const rows = await this.models.Message.find({
      'delivery.status': 'sent',
      'delivery.updatedAt': { $lt: stale, $gt: new Date(now - RECEIPT_CHECK_WINDOW_MS) },
      $or: [{ 'delivery.checkedAt': null }, { 'delivery.checkedAt': { $lt: stale } }],
    })
      .setOptions({ crossTenant: true })
      .sort({ 'delivery.updatedAt': 1 })
      .limit(100)
      .select({ _id: 1, tenantId: 1, delivery: 1 })
      .lean();
    let moved = 0;
    for (const row of rows) {
      const tenantId = String(row.tenantId);
      const { channel, providerMessageId, checkedAt } = row.delivery!;
      if (!providerMessageId) continue;
      const { modifiedCount } = await this.models.Message.updateOne(
        { tenantId, _id: row._id, 'delivery.status': 'sent', 'delivery.checkedAt': checkedAt ?? null },
        { $set: { 'delivery.checkedAt': new Date() } },
      );
      if (!modifiedCount) continue; // another process asks
      try {
        const account = await this.accounts.find(tenantId, channel as PhoneChannel);
        if (!account) continue;
        const answer = await this.providers.get(account.provider).status(account, { channel: channel as PhoneChannel, providerMessageId });
        if (answer.status !== 'delivered' && answer.status !== 'read' && answer.status !== 'failed') continue;
        if (await this.advance(tenantId, String(row._id), { providerMessageId, status: answer.status, error: answer.error })) moved++;
      } catch (err) {
        this.log.warn({ err, messageId: String(row._id) }, 'delivery status check failed');
      }
    }
    return moved;
  }

  /** Sends what a crash left queued and asks about missing receipts, in every tenant; purges old webhook receipts now and then. */
  async sweep(): Promise<number> {
    const stale = new Date(Date.now() - this.options.staleMs);
    const rows = await this.models.Message.find({ 'delivery.status': 'queued', 'delivery.updatedAt': { $lt: stale } })
      .setOptions({ crossTenant: true })
      .sort({ 'delivery.updatedAt': 1 })
      .limit(100)
      .select({ _id: 1, tenantId: 1 })
      .lean();
    let sent = 0;
    for (const row of rows) if (await this.send(String(row.tenantId), String(row._id))) sent++;
    await this.checkReceipts();
    if (Date.now() - this.lastPurge > 60 * 60_000) {
      this.lastPurge = Date.now();
      // TTL indexes are not applied everywhere (the embedded database), so expire receipts here too.
      await this.models.WebhookReceipt.deleteMany({ receivedAt: { $lt: new Date(Date.now() - RECEIPT_RETENTION_MS) } }).setOptions({ crossTenant: true });
    }
    return sent;
  }

  /**
   * The message as the provider gets it. An attachment or voice message carries a signed
   * link to its file (valid about an hour; a send repeated later gets a fresh one), which
   * the provider fetches and sends as WhatsApp media or MMS.
   */
  private async providerMessage(tenantId: string, message: MessageView, channel: PhoneChannel, from: string, to: string): Promise<ProviderMessage> {
    const base = baseMessage(message, channel, from, to);
    const file = (message.kind === 'attachment' || message.kind === 'voice') && message.attachment;
    if (!file) return base;
    const { links } = await this.files.links(tenantId, message.conversationId, [file.fileId]);
    const link = links[file.fileId.toLowerCase()]!;
    const site = this.options.publicUrl().replace(/\/+$/, '');
    const media = {
      url: `${site}${link.downloadUrl}`,
      expiresAt: link.expiresAt,
      contentType: file.contentType,
      filename: file.name,
      size: file.size,
      category: file.category,
      voice: message.kind === 'voice',
    };
    return { ...base, media: [media] };
  }
}

/** What the provider gets, files aside: text (a file's caption), a template, or a location as its address and a map link. */
function baseMessage(message: MessageView, channel: PhoneChannel, from: string, to: string): ProviderMessage {
  const base = { type: 'message' as const, channel, from, to, reference: message.id };
  if (message.template) {
    const { name, language, variables, header, buttons } = message.template;
    return { ...base, body: message.body, template: { name, language, variables, header, buttons } };
  }
  if (message.kind === 'location' && message.location) {
    const { latitude, longitude, address } = message.location;
    const lines: string[] = [];
    if (address) lines.push(address);
    if (latitude !== null && longitude !== null) lines.push(`https://maps.google.com/?q=${latitude},${longitude}`);
    return { ...base, body: lines.join('\n') };
  }
  return { ...base, body: message.body };
}
