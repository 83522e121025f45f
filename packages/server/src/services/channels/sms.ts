import { Types } from 'mongoose';
import type { Models } from '../../models/index.js';
import type { SendSmsInput } from '../../schemas/channels.js';
import type { ConversationService } from '../conversations.js';
import { notFound } from '../errors.js';
import type { MessageService } from '../messages.js';
import type { AgentPrincipal } from '../principal.js';
import { sha256 } from '../secrets.js';
import type { ChannelAccountService } from './accounts.js';
import type { ChannelGateway } from './gateway.js';

/**
 * One-way SMS: a text to the customer's phone that expects no answer, from any
 * conversation (it joins that timeline) or from the customer's profile (it gets its
 * own solved ticket, so its delivery status stays visible).
 */
export class OneWaySmsService {
  constructor(
    private readonly models: Models,
    private readonly messages: MessageService,
    private readonly conversations: ConversationService,
    private readonly accounts: ChannelAccountService,
    private readonly gateway: ChannelGateway,
  ) {}

  async send(caller: AgentPrincipal, input: SendSmsInput) {
    const { tenantId } = caller;
    let conversationId: string;
    let customerId: string;
    if (input.conversationId) {
      const view = await this.conversations.get(caller, input.conversationId);
      this.conversations.assertHandles(caller, view);
      conversationId = view.id;
      customerId = view.customer.id;
    } else {
      const customer = await this.models.Customer.findOne({ tenantId, _id: input.customerId }).select({ _id: 1 }).lean();
      if (!customer) throw notFound('customer');
      customerId = String(customer._id);
      conversationId = '';
    }
    await this.accounts.require(tenantId, 'sms');
    const to = await this.gateway.customerPhone(tenantId, customerId);
    if (!conversationId) conversationId = await this.profileConversation(caller, customerId, input.clientMessageId);

    const result = await this.messages.append(tenantId, conversationId, {
      authorKind: 'agent',
      authorId: caller.agentId,
      authorName: caller.name,
      body: input.body,
      content: { kind: 'text', delivery: { channel: 'sms', to, oneWay: true } },
      clientMessageId: input.clientMessageId,
    });
    if (result.created) await this.gateway.dispatch(tenantId, result.message);
    return result;
  }

  /**
   * The solved SMS ticket holding a text sent from a profile. Its id derives from
   * sender, customer and `clientMessageId`, so a retried send finds the same one.
   */
  private async profileConversation(caller: AgentPrincipal, customerId: string, clientMessageId: string): Promise<string> {
    const { tenantId } = caller;
    const _id = new Types.ObjectId(sha256(`one-way-sms:${tenantId}:${caller.agentId}:${customerId}:${clientMessageId}`).slice(0, 24));
    const customer = (await this.models.Customer.findOne({ tenantId, _id: customerId }).select({ name: 1 }).lean())!;
    const now = new Date();
    const { upsertedCount } = await this.models.Conversation.updateOne(
      { tenantId, _id },
      {
        $setOnInsert: {
          tenantId: new Types.ObjectId(tenantId),
          kind: 'ticket',
          channel: 'sms',
          customerId: new Types.ObjectId(customerId),
          customerName: customer.name,
          status: 'solved',
          subject: 'One-way SMS',
          assigneeId: new Types.ObjectId(caller.agentId),
          queuedAt: now,
          assignedAt: now,
          lastMessageAt: now,
        },
      },
      { upsert: true },
    );
    if (upsertedCount) await this.messages.append(tenantId, String(_id), { authorKind: 'system', event: { type: 'created' } });
    return String(_id);
  }
}
