import { Types } from 'mongoose';
import type { Models } from '../../models/index.js';
import type { PhoneChannel } from '../../schemas/channels.js';
import type { MessageService } from '../messages.js';
import type { AgentPrincipal } from '../principal.js';
import { sha256 } from '../secrets.js';

/**
 * The ticket an agent's send from a customer's profile goes into, assigned to them (a
 * ticket takes no chat slot), with its `created` event. Its id derives from `kind`, the
 * sender, the customer and the send's `clientMessageId`, so a retried send finds it again.
 */
export async function profileTicket(
  models: Models,
  messages: MessageService,
  caller: AgentPrincipal,
  ticket: { kind: string; channel: PhoneChannel; customer: { id: string; name: string }; clientMessageId: string; status: 'open' | 'solved'; subject: string },
): Promise<string> {
  const { tenantId } = caller;
  const { customer } = ticket;
  const _id = profileTicketId(ticket.kind, caller, customer.id, ticket.clientMessageId);
  const now = new Date();
  const { upsertedCount } = await models.Conversation.updateOne(
    { tenantId, _id },
    {
      $setOnInsert: {
        tenantId: new Types.ObjectId(tenantId),
        kind: 'ticket',
        channel: ticket.channel,
        customerId: new Types.ObjectId(customer.id),
        customerName: customer.name,
        status: ticket.status,
        departmentId: null,
        subject: ticket.subject.slice(0, 120),
        assigneeId: new Types.ObjectId(caller.agentId),
        queuedAt: now,
        assignedAt: now,
        lastMessageAt: now,
      },
    },
    { upsert: true },
  );
  if (upsertedCount) await messages.append(tenantId, String(_id), { authorKind: 'system', event: { type: 'created' } });
  return String(_id);
}

/** The id `profileTicket` gives (to look for an earlier attempt first). */
export const profileTicketId = (kind: string, caller: AgentPrincipal, customerId: string, clientMessageId: string) =>
  new Types.ObjectId(sha256(`${kind}:${caller.tenantId}:${caller.agentId}:${customerId}:${clientMessageId}`).slice(0, 24));
