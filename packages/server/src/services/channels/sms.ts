import type { Models } from '../../models/index.js';
import type { SendSmsInput } from '../../schemas/channels.js';
import type { ConversationService } from '../conversations.js';
import { notFound } from '../errors.js';
import type { MessageService } from '../messages.js';
import type { AgentPrincipal } from '../principal.js';
import type { ChannelAccountService } from './accounts.js';
import type { ChannelGateway } from './gateway.js';
import { profileTicket } from './profile-ticket.js';

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

  /** The solved SMS ticket holding a text sent from a profile (a retried send finds the same one). */
  private async profileConversation(caller: AgentPrincipal, customerId: string, clientMessageId: string): Promise<string> {
    const customer = (await this.models.Customer.findOne({ tenantId: caller.tenantId, _id: customerId }).select({ name: 1 }).lean())!;
    return profileTicket(this.models, this.messages, caller, {
      kind: 'one-way-sms',
      channel: 'sms',
      customer: { id: customerId, name: customer.name },
      clientMessageId,
      status: 'solved',
      subject: 'One-way SMS',
    });
  }
}
