import { Types } from 'mongoose';
import type { Models } from '../models/index.js';
import { BatchedFinds } from './batched-finds.js';
import { BatchedUpdates } from './batched-updates.js';
import type { AgentNames } from './agent-names.js';
import { isQueued } from './conversation-access.js';
import { conflict, type ConversationService } from './conversations.js';
import {
  toConversationView,
  toMessageView,
  toVisitorConversation,
  toVisitorMessage,
  type ConversationView,
  type VisitorConversationView,
  type VisitorMessageView,
} from './conversation-views.js';
import { invalidField, notFound } from './errors.js';
import type { IdentityService, VerifiedIdentity } from './identity.js';
import type { EventService } from './events.js';
import type { MessageContentService } from './message-content.js';
import type { MessageService } from './messages.js';
import type { MessageContent } from '../schemas/messages.js';
import type { VisitorPrincipal } from './principal.js';
import { sha256 } from './secrets.js';
import type { VisitorService } from './visitors.js';
import type { ChatStartHook } from './auto-responders.js';

/** First-message ids at least this long (128 random bits as hex) make `start` safe to retry. */
const RETRY_SAFE_ID_LENGTH = 32;
const START_RETRY_WINDOW_MS = 10 * 60_000;

const digitsOf = (phone: string | null | undefined) => (phone ? phone.replace(/\D/g, '') || null : null);

type StartInput = Parameters<WebchatService['start']>[0];

/**
 * What only the caller of one `webchat.start` knows: a hash of the whole request, its long
 * first-message id included (that id is never shown to the desk). `null` for short ids.
 */
function startKeyOf(tenantId: string, input: StartInput): string | null {
  if (input.message.clientMessageId.length < RETRY_SAFE_ID_LENGTH) return null;
  const { name, email, departmentId, identityToken, message } = input;
  return sha256(JSON.stringify(['webchat.start', tenantId, name, email, departmentId, identityToken, message.body, message.clientMessageId]));
}

/**
 * The customer side of the web-chat channel. A visitor only ever reaches their own conversations.
 * A burst of starts shares round trips: their lookups (tenant by slug, department, an earlier
 * attempt) go out as one `$in` query per round and their customer writes as one bulk write.
 */
export class WebchatService {
  private readonly tenantsBySlug: BatchedFinds<{ _id: Types.ObjectId; slug: string }>;
  private readonly departments: BatchedFinds<{ _id: Types.ObjectId }>;
  /** Web chats a start created within the retry window, by its start key. */
  private readonly startedChats: BatchedFinds<{ _id: Types.ObjectId; startKey: string }>;
  private readonly customerWrites: BatchedUpdates;

  constructor(
    private readonly models: Models,
    private readonly messages: MessageService,
    private readonly conversations: ConversationService,
    private readonly visitors: VisitorService,
    private readonly identity: IdentityService,
    private readonly events: EventService,
    private readonly content: MessageContentService,
    /** The assignee's name in what visitors see. */
    private readonly agentNames: AgentNames,
    /** Auto responders (greeting, outside hours, no agent) for a new chat. */
    private readonly onStart?: ChatStartHook,
  ) {
    // Tenants are looked up by their public slug: the one lookup that precedes a tenant.
    this.tenantsBySlug = new BatchedFinds(models.Tenant, { crossTenant: true, select: { _id: 1 } });
    this.departments = new BatchedFinds(models.Department, { select: { _id: 1 } });
    this.startedChats = new BatchedFinds(models.Conversation, {
      where: () => ({ channel: 'web', createdAt: { $gt: new Date(Date.now() - START_RETRY_WINDOW_MS) } }),
      select: { _id: 1 },
    });
    this.customerWrites = new BatchedUpdates(models.Customer);
  }

  /**
   * A visitor starts a chat: customer (verified when the portal vouches), conversation, first
   * message, visitor token. Answers once they are stored; routing places the chat afterwards.
   */
  async start(input: {
    tenant: string;
    name?: string;
    email?: string;
    departmentId?: string;
    identityToken?: string;
    message: { body: string; clientMessageId: string };
  }): Promise<{ visitorToken: string; conversation: VisitorConversationView; message: VisitorMessageView }> {
    const tenant = await this.tenantsBySlug.findOne(null, { slug: input.tenant });
    if (!tenant) throw notFound('tenant');
    const tenantId = String(tenant._id);
    // Without a department the chat waits in the general queue, which every agent sees.
    const department = input.departmentId ? await this.departments.findOne(tenantId, { _id: input.departmentId }) : null;
    if (input.departmentId && !department) throw invalidField('departmentId', 'unknown department');

    const verified = input.identityToken ? await this.identity.verify(tenantId, input.identityToken) : null;
    const startKey = startKeyOf(tenantId, input);
    const retried = startKey ? await this.retriedStart(tenantId, startKey, input.message.clientMessageId) : null;
    if (retried) return retried;
    // Attempts racing with the same request (and its long first-message id) share one conversation and its customer.
    const known = verified ? await this.verifiedCustomer(tenantId, verified, input) : null;
    const fields = {
      tenantId: tenant._id,
      kind: 'chat' as const,
      channel: 'web' as const,
      customerId: known?._id ?? new Types.ObjectId(),
      customerName: known?.name ?? input.name ?? 'Visitor',
      customerVerified: Boolean(verified),
      ...(verified ? { verifiedAt: new Date(), verifiedBy: { method: 'identity-token' as const, agentId: null, agentName: null } } : {}),
      departmentId: department?._id ?? null,
      status: 'pending' as const,
      subject: input.message.body.slice(0, 120),
    };
    const row = startKey
      ? (await this.models.Conversation.findOneAndUpdate({ tenantId, startKey }, { $setOnInsert: { ...fields, startKey } }, { upsert: true, returnDocument: 'after' }).lean())!
      : await this.models.Conversation.create(fields);
    const customer = known ?? { _id: row.customerId, name: row.customerName };
    if (!known) {
      await this.customerWrites.updateOne(
        { tenantId, _id: row.customerId },
        { $setOnInsert: { tenantId: tenant._id, name: row.customerName, email: input.email ?? null } },
        { upsert: true },
      );
    }
    const conversationId = String(row._id);
    // Each append passes on the conversation as it left it, so the next one need not read it again.
    const created = await this.messages.append(tenantId, conversationId, { authorKind: 'system', event: { type: 'created' }, clientMessageId: 'created' }, toConversationView(row));
    const { message } = await this.messages.append(
      tenantId,
      conversationId,
      { authorKind: 'customer', authorId: String(customer._id), authorName: customer.name, body: input.message.body, clientMessageId: input.message.clientMessageId },
      created.conversation,
    );
    const { token } = await this.visitors.issue(tenantId, String(customer._id));
    // Stored: the customer has their answer now; the chat is placed in the background and
    // they see the agent join through their events (`assigned`).
    this.conversations.route(tenantId, department ? String(department._id) : null);
    await this.onStart?.chatStarted(tenantId, conversationId, department ? String(department._id) : null);
    const view = await this.messages.view(tenantId, conversationId);
    return { visitorToken: token, conversation: await this.visitorView(tenantId, view), message: toVisitorMessage(message)! };
  }

  /**
   * A start whose response was lost and is sent again (the same request, with a long random
   * first-message id, within minutes) gets the chat it already created, not a second one.
   * Only a web chat that very request created matches: never another customer's chat,
   * nor one from another channel.
   */
  private async retriedStart(tenantId: string, startKey: string, clientMessageId: string) {
    const created = await this.startedChats.findOne(tenantId, { startKey });
    if (!created) return null;
    const first = await this.models.Message.findOne({ tenantId, conversationId: created._id, authorKind: 'customer', clientMessageId }).lean();
    if (!first) return null;
    const conversationId = String(created._id);
    const view = await this.messages.view(tenantId, conversationId);
    // The first attempt may have died before routing it.
    if (isQueued(view)) this.conversations.route(tenantId, view.departmentId);
    const { token } = await this.visitors.issue(tenantId, view.customer.id);
    return { visitorToken: token, conversation: await this.visitorView(tenantId, view), message: toVisitorMessage(toMessageView(first))! };
  }

  /** The tenant's current event position (a visitor follows `onEvent` from it); `'0'` for unknown tenants. */
  async position(slug: string): Promise<string> {
    const tenant = await this.tenantsBySlug.findOne(null, { slug });
    return tenant ? String(await this.events.position(String(tenant._id))) : '0';
  }

  /** The visitor's conversations, newest first (to pick up where they left off after a reload). */
  async mine(caller: VisitorPrincipal): Promise<VisitorConversationView[]> {
    const rows = await this.models.Conversation.find({ tenantId: caller.tenantId, customerId: caller.customerId })
      .sort({ createdAt: -1 })
      .limit(20)
      .lean();
    return Promise.all(rows.map((row) => this.visitorView(caller.tenantId, toConversationView(row))));
  }

  async get(caller: VisitorPrincipal, conversationId: string): Promise<VisitorConversationView> {
    return this.visitorView(caller.tenantId, await this.conversations.get(caller, conversationId));
  }

  async messagesPage(caller: VisitorPrincipal, input: { conversationId: string; beforeSeq?: number; limit: number }) {
    const page = await this.conversations.messagesPage(caller, input);
    return page.map(toVisitorMessage).filter((m): m is VisitorMessageView => m !== null);
  }

  async send(caller: VisitorPrincipal, input: MessageContent & { conversationId: string; clientMessageId: string }) {
    const view = await this.conversations.get(caller, input.conversationId);
    if (view.status === 'closed') throw conflict('this chat has ended; start a new one');
    const { body, content } = await this.content.resolve(caller, view.id, input);
    const { message, conversation, created } = await this.messages.append(caller.tenantId, view.id, {
      authorKind: 'customer',
      authorId: caller.customerId,
      authorName: view.customer.name,
      body,
      content,
      clientMessageId: input.clientMessageId,
    }, view);
    return { message: toVisitorMessage(message)!, conversation: await this.visitorView(caller.tenantId, conversation), created };
  }

  async markRead(caller: VisitorPrincipal, input: { conversationId: string; seq: number }): Promise<VisitorConversationView> {
    const view = await this.conversations.get(caller, input.conversationId);
    if (input.seq > view.lastSeq) throw invalidField('seq', 'beyond the newest message');
    return this.visitorView(caller.tenantId, await this.messages.markRead(caller.tenantId, view.id, 'customer', input.seq));
  }

  async typing(caller: VisitorPrincipal, input: { conversationId: string; typing: boolean }): Promise<void> {
    const view = await this.conversations.get(caller, input.conversationId);
    if (view.status === 'closed') throw conflict('this chat has ended');
    await this.messages.typing(caller.tenantId, view, { kind: 'customer', id: caller.customerId, name: view.customer.name }, input.typing);
  }

  /** What the customer may see of a conversation: the agent by name only. */
  async visitorView(tenantId: string, view: ConversationView): Promise<VisitorConversationView> {
    const agentName = view.assigneeId ? await this.agentNames.get(tenantId, view.assigneeId) : null;
    return toVisitorConversation(view, agentName || null);
  }

  /** The portal's customer, created on first contact and refreshed from every token. */
  private async verifiedCustomer(tenantId: string, identity: VerifiedIdentity, input: { name?: string; email?: string }) {
    const name = identity.name ?? input.name ?? 'Customer';
    const email = identity.email ?? null;
    const phone = identity.phone ?? null;
    const filter = { tenantId, externalId: identity.externalId };
    await this.models.Customer.updateOne(
      filter,
      {
        $set: { name, verified: true, verifiedAt: new Date(), ...(email ? { email } : {}), ...(phone ? { phone, phoneDigits: digitsOf(phone) } : {}) },
        $setOnInsert: { tenantId: new Types.ObjectId(tenantId), externalId: identity.externalId },
      },
      { upsert: true },
    );
    return (await this.models.Customer.findOne(filter).lean())!;
  }
}
