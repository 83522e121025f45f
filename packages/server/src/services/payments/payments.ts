import { TRPCError } from '@trpc/server';
import { Types } from 'mongoose';
import type { Logger } from '../../logger.js';
import type { Models } from '../../models/index.js';
import { majorUnits, toMinorUnits, type PaymentStatus, type PaymentWebhookEvent, type RequestPaymentInput } from '../../schemas/payments.js';
import { isQueued } from '../conversation-access.js';
import { conflict, stateOf, type ConversationService } from '../conversations.js';
import type { PaymentView } from '../conversation-views.js';
import { invalidField, notFound } from '../errors.js';
import type { OutboundChannels } from '../channels/outbound.js';
import type { MessageService } from '../messages.js';
import type { AgentPrincipal } from '../principal.js';
import { randomToken } from '../secrets.js';
import { PaymentProviderError, type PaymentProviderRegistry } from './provider.js';

/** A claimed webhook receipt not finished after this long belongs to a crashed attempt. */
const CLAIM_TIMEOUT_MS = 60_000;

/** A payment request as agents list it. */
export interface PaymentRequestView extends PaymentView {
  conversationId: string;
  messageId: string | null;
  requestedBy: string;
  provider: string;
  createdAt: string;
  settledAt: string | null;
}

export interface WebhookOutcome {
  status: number;
  body: Record<string, unknown>;
}

/** What the webhook route needs of a tenant's account. */
export interface PaymentWebhookAccount {
  tenantId: string;
  webhookSecret: string;
}

type Row = Record<string, any>;

const cardOf = (row: Row): PaymentView => ({
  requestId: String(row._id),
  amountMinor: row.amountMinor,
  amount: majorUnits(row.amountMinor, row.currency),
  currency: row.currency,
  description: row.description,
  status: row.status,
  url: row.url ?? null,
  expiresAt: row.expiresAt.toISOString(),
  updatedAt: (row.settledAt ?? row.updatedAt ?? row.createdAt).toISOString(),
});

const toView = (row: Row): PaymentRequestView => ({
  ...cardOf(row),
  conversationId: String(row.conversationId),
  messageId: row.messageId ? String(row.messageId) : null,
  requestedBy: String(row.requestedBy),
  provider: row.provider,
  createdAt: row.createdAt.toISOString(),
  settledAt: row.settledAt ? row.settledAt.toISOString() : null,
});

/**
 * Chat-to-pay: an agent asks for an amount, the tenant's provider makes a link, a
 * 'payment' message carries it to the customer, and the provider's signed webhooks
 * move the request (and its card, live) from `pending` to paid, failed or expired —
 * forward only, each step one conditional update.
 */
export class PaymentService {
  constructor(
    private readonly models: Models,
    private readonly messages: MessageService,
    private readonly conversations: ConversationService,
    private readonly outbound: OutboundChannels,
    private readonly providers: PaymentProviderRegistry,
    private readonly log: Logger,
  ) {}

  /**
   * Asks the customer of a conversation the caller handles to pay. Idempotent by
   * `clientMessageId`: a retry returns the same message and link.
   */
  async request(caller: AgentPrincipal, input: RequestPaymentInput) {
    const { tenantId } = caller;
    const view = await this.conversations.get(caller, input.conversationId);
    this.conversations.assertHandles(caller, view);
    if (view.status === 'closed' || isQueued(view)) throw conflict(`cannot request a payment in a ${stateOf(view)} conversation`);
    const phone = view.channel === 'sms' || view.channel === 'whatsapp';
    if (!phone && view.channel !== 'web') throw invalidField('conversationId', `payment requests cannot be sent in ${view.channel} conversations`);
    const amount = toMinorUnits(input.amount, input.currency);
    if ('error' in amount) throw invalidField('amount', amount.error);
    const account = await this.models.PaymentAccount.findOne({ tenantId, enabled: true }).lean();
    if (!account) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'no payments provider is configured for this desk; an admin can set one up' });
    if (phone) {
      // The text goes out on the customer's phone: it must be allowed now, and the link must work from anywhere.
      await this.outbound.assertCanSend(tenantId, view, 'free-form');
      if (account.provider === 'local') {
        throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'the demo payments provider\'s links only work in web chats' });
      }
    }

    const key = { tenantId, conversationId: view.id, requestedBy: caller.agentId, clientMessageId: input.clientMessageId };
    const now = new Date();
    await this.models.PaymentRequest.updateOne(
      key,
      {
        $setOnInsert: {
          ...key,
          tenantId: new Types.ObjectId(tenantId),
          conversationId: new Types.ObjectId(view.id),
          requestedBy: new Types.ObjectId(caller.agentId),
          amountMinor: amount.minor,
          currency: input.currency,
          description: input.description,
          status: 'pending',
          provider: account.provider,
          expiresAt: new Date(now.getTime() + input.expiresInMinutes * 60_000),
        },
      },
      { upsert: true },
    );
    let row = (await this.models.PaymentRequest.findOne(key).lean())!;

    if (!row.providerRef) {
      const tenant = await this.models.Tenant.findOne({ _id: tenantId }).select({ slug: 1 }).lean();
      let link;
      try {
        link = await this.providers.get(row.provider).createLink(
          { tenantSlug: tenant?.slug ?? '', endpoint: account.endpoint ?? null, signingSecret: account.signingSecret },
          { reference: String(row._id), amountMinor: row.amountMinor, currency: row.currency, description: row.description, expiresAt: row.expiresAt },
        );
      } catch (err) {
        // Nothing was shown to anyone: forget the request, the agent may try again.
        await this.models.PaymentRequest.deleteOne({ tenantId, _id: row._id, providerRef: null });
        if (err instanceof PaymentProviderError) throw new TRPCError({ code: 'BAD_GATEWAY', message: err.message });
        throw err;
      }
      // A concurrent retry may have stored its link first: keep that one.
      await this.models.PaymentRequest.updateOne(
        { tenantId, _id: row._id, providerRef: null },
        { $set: { providerRef: link.providerRef, url: link.url, expiresAt: link.expiresAt } },
      );
      row = (await this.models.PaymentRequest.findOne({ tenantId, _id: row._id }).lean())!;
    }

    const delivery = phone ? await this.outbound.deliveryFor(tenantId, view) : null;
    const card = cardOf(row);
    const result = await this.messages.append(tenantId, view.id, {
      authorKind: 'agent',
      authorId: caller.agentId,
      authorName: caller.name,
      // On a phone the text is all there is: what for, how much, and the link.
      body: delivery ? `${row.description}: ${card.amount} ${row.currency} ${row.url}` : row.description,
      content: { kind: 'payment', payment: card, ...(delivery ? { delivery } : {}) },
      clientMessageId: input.clientMessageId,
    });
    if (result.created && delivery) await this.outbound.dispatch(tenantId, result.message);
    if (!row.messageId) {
      await this.models.PaymentRequest.updateOne({ tenantId, _id: row._id, messageId: null }, { $set: { messageId: new Types.ObjectId(result.message.id) } });
      // A webhook that raced the message settled the request before the card existed.
      const latest = (await this.models.PaymentRequest.findOne({ tenantId, _id: row._id }).lean())!;
      if (latest.status !== 'pending') await this.syncCard(tenantId, result.message.id, latest);
    }
    return { ...result, request: toView((await this.models.PaymentRequest.findOne({ tenantId, _id: row._id }).lean())!) };
  }

  /** The conversation's payment requests, newest first (expired ones are settled on the way). */
  async list(caller: AgentPrincipal, conversationId: string): Promise<PaymentRequestView[]> {
    const view = await this.conversations.get(caller, conversationId);
    await this.expireDue({ tenantId: caller.tenantId, conversationId: new Types.ObjectId(view.id) });
    const rows = await this.models.PaymentRequest.find({ tenantId: caller.tenantId, conversationId: view.id, providerRef: { $ne: null } })
      .sort({ createdAt: -1, _id: -1 })
      .lean();
    return rows.map(toView);
  }

  /** Withdraws a pending request: it becomes `expired` and its link stops working. */
  async cancel(caller: AgentPrincipal, requestId: string): Promise<PaymentRequestView> {
    const { tenantId } = caller;
    const row = await this.models.PaymentRequest.findOne({ tenantId, _id: requestId }).lean();
    if (!row) throw notFound('payment request');
    // A request in a conversation the caller cannot see is as missing as one that never was.
    const view = await this.conversations.get(caller, String(row.conversationId)).catch((err: unknown) => {
      throw err instanceof TRPCError && err.code === 'NOT_FOUND' ? notFound('payment request') : err;
    });
    this.conversations.assertHandles(caller, view);
    if (!(await this.settle(tenantId, { _id: row._id }, 'expired'))) throw conflict(`the payment request is already ${row.status}`);
    return toView((await this.models.PaymentRequest.findOne({ tenantId, _id: requestId }).lean())!);
  }

  /** The tenant's enabled account for `/payments/<tenant>/webhook`, or null. */
  async accountForWebhook(tenantSlug: string): Promise<PaymentWebhookAccount | null> {
    const tenant = await this.models.Tenant.findOne({ slug: tenantSlug }).select({ _id: 1 }).lean();
    if (!tenant) return null;
    const account = await this.models.PaymentAccount.findOne({ tenantId: tenant._id, enabled: true }).lean();
    return account ? { tenantId: String(tenant._id), webhookSecret: account.webhookSecret } : null;
  }

  /**
   * A verified provider event, acted on once per event id: the receipt is claimed
   * before acting and dropped again if acting fails (the provider retries).
   */
  async receive(account: PaymentWebhookAccount, event: PaymentWebhookEvent): Promise<WebhookOutcome> {
    const { tenantId } = account;
    const key = { tenantId, eventId: event.id };
    const claimedAt = new Date();
    const { upsertedCount } = await this.models.PaymentWebhookReceipt.updateOne(
      key,
      { $setOnInsert: { ...key, tenantId: new Types.ObjectId(tenantId), receivedAt: claimedAt, processedAt: null } },
      { upsert: true },
    );
    if (!upsertedCount) {
      const existing = await this.models.PaymentWebhookReceipt.findOne(key).lean();
      if (existing?.processedAt) return { status: 200, body: { ok: true, duplicate: true } };
      const { modifiedCount } = await this.models.PaymentWebhookReceipt.updateOne(
        { ...key, processedAt: null, receivedAt: { $lt: new Date(claimedAt.getTime() - CLAIM_TIMEOUT_MS) } },
        { $set: { receivedAt: claimedAt } },
      );
      if (!modifiedCount) return { status: 409, body: { error: 'this event is being handled; retry later' } };
    }
    const release = () => this.models.PaymentWebhookReceipt.deleteOne({ ...key, receivedAt: claimedAt, processedAt: null });
    let outcome: WebhookOutcome;
    try {
      const row = await this.models.PaymentRequest.findOne({ tenantId, providerRef: event.providerRef }).lean();
      if (!row) outcome = { status: 404, body: { error: 'no payment request has this providerRef' } };
      else {
        const updated = await this.settle(tenantId, { _id: row._id }, event.status);
        outcome = { status: 200, body: { ok: true, updated, status: updated ? event.status : row.status } };
      }
    } catch (err) {
      await release().catch(() => undefined);
      throw err;
    }
    if (outcome.status === 200) await this.models.PaymentWebhookReceipt.updateOne({ ...key, receivedAt: claimedAt }, { $set: { processedAt: new Date() } });
    else await release();
    return outcome;
  }

  /** Expires every pending request past its time (all tenants); returns how many. */
  async sweep(now = new Date()): Promise<number> {
    return this.expireDue({}, now);
  }

  /** The local provider's checkout: the request behind a link token, with its tenant's slug (demo pages only). */
  async checkout(providerRef: string): Promise<{ tenantId: string; tenantSlug: string; request: PaymentRequestView } | null> {
    const row = await this.models.PaymentRequest.findOne({ provider: 'local', providerRef }).setOptions({ crossTenant: true }).lean();
    if (!row) return null;
    const tenant = await this.models.Tenant.findOne({ _id: row.tenantId }).select({ slug: 1 }).lean();
    if (!tenant) return null;
    if (row.status === 'pending' && row.expiresAt <= new Date()) await this.settle(String(row.tenantId), { _id: row._id }, 'expired');
    const latest = (await this.models.PaymentRequest.findOne({ tenantId: row.tenantId, _id: row._id }).lean())!;
    return { tenantId: String(row.tenantId), tenantSlug: tenant.slug, request: toView(latest) };
  }

  /** Gives a tenant an account on the built-in local provider unless it has one (the demo seed). */
  async ensureLocalAccount(tenantId: string): Promise<void> {
    await this.models.PaymentAccount.updateOne(
      { tenantId },
      { $setOnInsert: { tenantId: new Types.ObjectId(tenantId), provider: 'local', endpoint: null, webhookSecret: randomToken(32), signingSecret: randomToken(32), enabled: true } },
      { upsert: true },
    );
  }

  /** The webhook secret (server side only: the demo checkout signs with it). */
  async webhookSecret(tenantId: string): Promise<string | null> {
    const account = await this.models.PaymentAccount.findOne({ tenantId }).select({ webhookSecret: 1 }).lean();
    return account?.webhookSecret ?? null;
  }

  /**
   * Moves one request from pending to `status` (the only transition there is), then
   * its card (live to both sides) and a chat event. True if this call moved it.
   */
  private async settle(tenantId: string, filter: Row, status: Exclude<PaymentStatus, 'pending'>): Promise<boolean> {
    const now = new Date();
    const row = await this.models.PaymentRequest.findOneAndUpdate(
      { tenantId, ...filter, status: 'pending' },
      { $set: { status, settledAt: now } },
      { returnDocument: 'after' },
    ).lean();
    if (!row) return false;
    if (row.messageId) await this.syncCard(tenantId, String(row.messageId), row);
    await this.messages.append(tenantId, String(row.conversationId), {
      authorKind: 'system',
      event: { type: 'payment', requestId: String(row._id), status, amount: majorUnits(row.amountMinor, row.currency), currency: row.currency },
    });
    return true;
  }

  private async syncCard(tenantId: string, messageId: string, row: Row): Promise<void> {
    await this.messages.update(tenantId, messageId, { 'payment.status': 'pending' }, { 'payment.status': row.status, 'payment.updatedAt': row.settledAt ?? new Date() });
  }

  private async expireDue(scope: Row, now = new Date()): Promise<number> {
    const query = this.models.PaymentRequest.find({ ...scope, status: 'pending', expiresAt: { $lte: now } }).select({ _id: 1, tenantId: 1 }).limit(500);
    const due = await (scope.tenantId ? query : query.setOptions({ crossTenant: true })).lean();
    let expired = 0;
    for (const row of due) if (await this.settle(String(row.tenantId), { _id: row._id }, 'expired')) expired++;
    return expired;
  }
}
