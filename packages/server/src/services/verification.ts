import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { Types } from 'mongoose';
import type { Models } from '../models/index.js';
import type { PhoneChannel } from '../schemas/channels.js';
import {
  VERIFICATION_CODE_TTL_MS,
  VERIFICATION_MAX_ATTEMPTS,
  VERIFICATION_REQUESTS_PER_WINDOW,
  VERIFICATION_WINDOW_MS,
} from '../schemas/verification.js';
import type { ChannelAccountService } from './channels/accounts.js';
import { isPhoneChannel, whatsAppWindowOpen, type ChannelGateway } from './channels/gateway.js';
import { ProviderError, type ProviderMessage, type ProviderRegistry } from './channels/provider.js';
import { render, toView, type TemplateView } from './channels/templates.js';
import type { ConversationService } from './conversations.js';
import type { ConversationView, VerifiedBy } from './conversation-views.js';
import { invalidField } from './errors.js';
import type { IdentityService, VerifiedIdentity } from './identity.js';
import type { MessageService } from './messages.js';
import type { AgentPrincipal, VisitorPrincipal } from './principal.js';
import { sameHash } from './secrets.js';

const precondition = (message: string) => new TRPCError({ code: 'PRECONDITION_FAILED', message });
/** The code in a WhatsApp authentication template, as the provider sends it. */
function templated(template: TemplateView, code: string): Pick<ProviderMessage, 'body' | 'template'> {
  const rendered = render(template, [code]);
  return {
    body: rendered.body,
    template: { name: template.name, language: template.language, variables: [code], header: rendered.header, buttons: rendered.buttons },
  };
}

/** The longest customer message still read as an answer to a code request. */
const CODE_REPLY_MAX_CHARS = 60;
const digitsOf = (phone: string | null | undefined) => (phone ? phone.replace(/\D/g, '') || null : null);

/** `+34600111222` → `+34 ••• ••• 222`: enough for the customer to recognise, not to reuse. */
export const maskPhone = (phone: string) => `${phone.slice(0, 3)} ••• ••• ${phone.slice(-3)}`;

const hashCode = (salt: string, code: string) => createHmac('sha256', salt).update(code).digest('hex');

/** What `requestVerification` answers: where the code went and until when it is valid. */
export interface VerificationRequestView {
  conversationId: string;
  channel: PhoneChannel;
  /** The phone number, masked. */
  to: string;
  expiresAt: string;
  attemptsAllowed: number;
}

/**
 * Customer verification: a one-time code sent to the customer's phone (over the
 * conversation's own SMS/WhatsApp channel, or by SMS for web chats), proved by the
 * customer typing it (`verifyByVisitor`), by the agent typing what the customer reads
 * back (`confirmByAgent`), or by an SMS/WhatsApp reply carrying it; or the host
 * portal's identity token. Codes are stored only as salted hashes, one per
 * conversation, with an expiry, an attempt limit and a request rate limit.
 */
export class VerificationService {
  constructor(
    private readonly models: Models,
    private readonly messages: MessageService,
    private readonly conversations: ConversationService,
    private readonly identity: IdentityService,
    private readonly accounts: ChannelAccountService,
    private readonly gateway: ChannelGateway,
    private readonly providers: ProviderRegistry,
  ) {}

  /** The assignee (or a supervisor) sends the customer a new code; any earlier code stops working. */
  async request(caller: AgentPrincipal, conversationId: string): Promise<VerificationRequestView> {
    const { tenantId } = caller;
    const view = await this.conversations.get(caller, conversationId);
    this.conversations.assertHandles(caller, view);
    if (view.status === 'closed') throw precondition('the conversation is closed');
    const { channel, template } = await this.channelFor(tenantId, view);
    const to = await this.gateway.customerPhone(tenantId, view.customer.id);
    const account = await this.accounts.require(tenantId, channel);

    const now = new Date();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const salt = randomBytes(16).toString('hex');
    const expiresAt = new Date(now.getTime() + VERIFICATION_CODE_TTL_MS);
    const fresh = {
      customerId: new Types.ObjectId(view.customer.id),
      codeHash: hashCode(salt, code),
      salt,
      channel,
      requestedBy: new Types.ObjectId(caller.agentId),
      requestedAt: now,
      expiresAt,
      attempts: 0,
      usedAt: null,
    };
    await this.store(tenantId, view.id, fresh, now);

    // Sent straight to the provider, so the code never enters the timeline or the agent's view.
    const agentName = caller.name;
    try {
      await this.providers.get(account.provider).send(account, {
        type: 'message',
        channel,
        from: account.fromNumber,
        to,
        ...(template ? templated(template, code) : { body: `Your verification code is ${code}. It expires in ${VERIFICATION_CODE_TTL_MS / 60_000} minutes. Never share it with anyone except the agent you are chatting with.` }),
        reference: `verify-${view.id}-${now.getTime()}`,
      });
    } catch (err) {
      // A code that never arrived must not stay valid.
      await this.models.VerificationCode.updateOne({ tenantId, conversationId: view.id, codeHash: fresh.codeHash }, { $set: { codeHash: null, salt: null } });
      if (err instanceof ProviderError) throw new TRPCError({ code: 'BAD_GATEWAY', message: `the code could not be sent: ${err.message}` });
      throw err;
    }
    await this.messages.append(tenantId, view.id, {
      authorKind: 'system',
      authorId: caller.agentId,
      authorName: agentName,
      event: { type: 'verification-requested', channel, to: maskPhone(to), expiresAt: expiresAt.toISOString(), agentId: caller.agentId, agentName },
    });
    return { conversationId: view.id, channel, to: maskPhone(to), expiresAt: expiresAt.toISOString(), attemptsAllowed: VERIFICATION_MAX_ATTEMPTS };
  }

  /** The customer types the code in the chat widget. */
  async verifyByVisitor(caller: VisitorPrincipal, input: { conversationId: string; code: string }): Promise<ConversationView> {
    const view = await this.conversations.get(caller, input.conversationId);
    const requestedBy = await this.check(caller.tenantId, view.id, input.code);
    return this.markVerified(caller.tenantId, view, { method: 'code', ...(await this.agent(caller.tenantId, requestedBy)) });
  }

  /** The agent types the code the customer reads back to them (phone, SMS, WhatsApp). */
  async confirmByAgent(caller: AgentPrincipal, input: { conversationId: string; code: string }): Promise<ConversationView> {
    const view = await this.conversations.get(caller, input.conversationId);
    this.conversations.assertHandles(caller, view);
    await this.check(caller.tenantId, view.id, input.code);
    return this.markVerified(caller.tenantId, view, { method: 'code', ...(await this.agent(caller.tenantId, caller.agentId)) });
  }

  /**
   * A customer's SMS/WhatsApp message: if it carries the conversation's active code, the
   * customer is verified (a message without one is just a message). Never throws for a
   * wrong code: the webhook must not fail on what a customer writes.
   */
  async verifyFromInbound(tenantId: string, conversationId: string, text: string): Promise<boolean> {
    // A short reply with one six-digit number is an answer; an order number in a longer message
    // is not, and must not use up the customer's attempts.
    const matches = [...text.matchAll(/(?:^|\D)(\d{3})[\s-]?(\d{3})(?=\D|$)/g)];
    if (matches.length !== 1 || text.trim().length > CODE_REPLY_MAX_CHARS) return false;
    const match = matches[0]!;
    const active = await this.models.VerificationCode.findOne({ tenantId, conversationId, codeHash: { $ne: null }, usedAt: null }).select({ _id: 1 }).lean();
    if (!active) return false;
    try {
      const requestedBy = await this.check(tenantId, conversationId, match[1]! + match[2]!);
      const view = await this.messages.view(tenantId, conversationId);
      await this.markVerified(tenantId, view, { method: 'code', ...(await this.agent(tenantId, requestedBy)) });
      return true;
    } catch (err) {
      if (err instanceof TRPCError && err.code === 'BAD_REQUEST') return false;
      throw err;
    }
  }

  /** The host portal vouches for the customer mid-conversation: the customer is linked to its `externalId` and verified. */
  async identify(caller: VisitorPrincipal, input: { conversationId: string; identityToken: string }): Promise<ConversationView> {
    const { tenantId } = caller;
    const view = await this.conversations.get(caller, input.conversationId);
    const identity = await this.identity.verify(tenantId, input.identityToken);
    await this.linkIdentity(tenantId, caller.customerId, view.id, identity);
    return this.markVerified(tenantId, view, { method: 'identity-token', agentId: null, agentName: null });
  }

  /**
   * Web chats get the code by SMS; SMS and WhatsApp conversations on their own channel. Past
   * WhatsApp's 24 hours, the code goes in the tenant's authentication template (one variable:
   * the code), the only kind WhatsApp lets through then.
   */
  private async channelFor(tenantId: string, view: ConversationView): Promise<{ channel: PhoneChannel; template?: TemplateView }> {
    if (isPhoneChannel(view.channel)) {
      await this.gateway.assertCanSend(tenantId, view, 'template');
      if (view.channel === 'sms' || whatsAppWindowOpen(view)) return { channel: view.channel };
      const row = await this.models.WhatsAppTemplate.findOne({ tenantId, category: 'authentication', variableCount: 1 }).sort({ name: 1 }).lean();
      if (!row) {
        throw precondition(
          "the customer last wrote on WhatsApp more than 24 hours ago: a code can go only in an authentication template with one variable (the code); an admin can add one",
        );
      }
      return { channel: view.channel, template: toView(row) };
    }
    if (view.channel !== 'web') throw precondition(`customers on the ${view.channel} channel cannot be sent a code`);
    const customer = await this.models.Customer.findOne({ tenantId, _id: view.customer.id }).select({ phone: 1 }).lean();
    if (!customer?.phone) {
      throw precondition(
        'this web-chat customer has no phone number on file to send a code to; add one to their profile, or have the host portal verify them with an identity token',
      );
    }
    return { channel: 'sms' };
  }

  /**
   * Stores the new code in the conversation's one document, counting the request:
   * at most VERIFICATION_REQUESTS_PER_WINDOW per window (each step is one atomic update).
   */
  private async store(tenantId: string, conversationId: string, fresh: Record<string, unknown>, now: Date): Promise<void> {
    const key = { tenantId, conversationId };
    const { upsertedCount } = await this.models.VerificationCode.updateOne(
      key,
      { $setOnInsert: { ...fresh, tenantId: new Types.ObjectId(tenantId), conversationId: new Types.ObjectId(conversationId), windowStart: now, windowCount: 1 } },
      { upsert: true },
    );
    if (upsertedCount) return;
    const cutoff = new Date(now.getTime() - VERIFICATION_WINDOW_MS);
    const inWindow = await this.models.VerificationCode.updateOne(
      { ...key, windowStart: { $gte: cutoff }, windowCount: { $lt: VERIFICATION_REQUESTS_PER_WINDOW } },
      { $set: fresh, $inc: { windowCount: 1 } },
    );
    if (inWindow.modifiedCount) return;
    const newWindow = await this.models.VerificationCode.updateOne({ ...key, windowStart: { $lt: cutoff } }, { $set: { ...fresh, windowStart: now, windowCount: 1 } });
    if (newWindow.modifiedCount) return;
    throw new TRPCError({
      code: 'TOO_MANY_REQUESTS',
      message: `at most ${VERIFICATION_REQUESTS_PER_WINDOW} codes can be sent per ${VERIFICATION_WINDOW_MS / 60_000} minutes; try again later`,
    });
  }

  /**
   * Checks a code against the conversation's active one, counting the attempt first (so
   * parallel guesses cannot exceed the limit), and uses it up when right. Returns the
   * agent who requested it.
   */
  private async check(tenantId: string, conversationId: string, code: string): Promise<string> {
    const now = new Date();
    const row = await this.models.VerificationCode.findOneAndUpdate(
      { tenantId, conversationId, codeHash: { $ne: null }, usedAt: null, expiresAt: { $gt: now }, attempts: { $lt: VERIFICATION_MAX_ATTEMPTS } },
      { $inc: { attempts: 1 } },
      { returnDocument: 'after' },
    ).lean();
    if (!row) throw await this.whyNoCode(tenantId, conversationId, now);
    if (!sameHash(row.codeHash!, hashCode(row.salt!, code))) {
      const left = VERIFICATION_MAX_ATTEMPTS - row.attempts;
      throw invalidField('code', left > 0 ? `wrong code; ${left} attempt${left === 1 ? '' : 's'} left` : 'wrong code; no attempts left, ask for a new code');
    }
    const { modifiedCount } = await this.models.VerificationCode.updateOne(
      { tenantId, conversationId, codeHash: row.codeHash, usedAt: null },
      { $set: { usedAt: now, codeHash: null, salt: null } },
    );
    if (!modifiedCount) throw invalidField('code', 'this code was just used or replaced; ask for a new one');
    return String(row.requestedBy);
  }

  private async whyNoCode(tenantId: string, conversationId: string, now: Date): Promise<TRPCError> {
    const row = await this.models.VerificationCode.findOne({ tenantId, conversationId }).lean();
    if (!row || (!row.codeHash && !row.usedAt)) return invalidField('code', 'no verification code was requested for this conversation');
    if (row.usedAt) return invalidField('code', 'this code was already used; ask for a new one');
    if (row.expiresAt <= now) return invalidField('code', 'the code has expired; ask for a new one');
    return invalidField('code', 'too many wrong attempts; ask for a new code');
  }

  /** Marks conversation and customer verified, and records it in the timeline (live to both sides). */
  private async markVerified(tenantId: string, before: ConversationView, by: VerifiedBy): Promise<ConversationView> {
    const now = new Date();
    const verifiedBy = { method: by.method, agentId: by.agentId ? new Types.ObjectId(by.agentId) : null, agentName: by.agentName };
    await this.models.Conversation.updateOne(
      { tenantId, _id: before.id },
      { $set: { customerVerified: true, verifiedAt: now, verifiedBy }, $inc: { revision: 1 } },
    );
    await this.models.Customer.updateOne({ tenantId, _id: before.customer.id }, { $set: { verified: true, verifiedAt: now } });
    const { conversation } = await this.messages.append(tenantId, before.id, {
      authorKind: 'system',
      authorId: by.agentId,
      authorName: by.agentName ?? '',
      event: { type: 'verified', ...by },
      before,
    });
    return conversation;
  }

  /**
   * Links the visitor's customer to the portal's id. When another customer already holds
   * that id, this one only takes the token's details (merging customers is not done here).
   */
  private async linkIdentity(tenantId: string, customerId: string, conversationId: string, identity: VerifiedIdentity): Promise<void> {
    const holder = await this.models.Customer.findOne({ tenantId, externalId: identity.externalId }).select({ _id: 1 }).lean();
    const set: Record<string, unknown> = {};
    if (!holder) set.externalId = identity.externalId;
    if (identity.name) set.name = identity.name;
    if (identity.email) set.email = identity.email;
    if (identity.phone) Object.assign(set, { phone: identity.phone, phoneDigits: digitsOf(identity.phone) });
    if (Object.keys(set).length) await this.models.Customer.updateOne({ tenantId, _id: customerId }, { $set: set });
    if (identity.name) await this.models.Conversation.updateOne({ tenantId, _id: conversationId }, { $set: { customerName: identity.name } });
  }

  private async agent(tenantId: string, agentId: string): Promise<{ agentId: string; agentName: string }> {
    return { agentId, agentName: await this.conversations.agentName(tenantId, agentId) };
  }
}
