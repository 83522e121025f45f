import { Types } from 'mongoose';
import { priorityRank } from '../../models/conversation.js';
import type { Services } from '../index.js';

/**
 * Past, closed conversations for the demo: questions with the agents' answers, the
 * history suggested responses are ranked from (besides canned replies).
 * Each line: who wrote it (c = customer, a = agent) and what.
 */
const history: Array<{ customer: number; agent: number; department: string; subject: string; daysAgo: number; lines: Array<['c' | 'a', string]> }> = [
  {
    customer: 1, agent: 2, department: 'Support', subject: 'Password reset link expired', daysAgo: 9,
    lines: [
      ['c', 'My password reset link says it expired. What now?'],
      ['a', 'Hi James, reset links stay valid for one hour. Please request a new one from the sign-in page and open it right away; if the email does not arrive within five minutes, check your spam folder.'],
      ['c', 'That worked, thank you.'],
    ],
  },
  {
    customer: 2, agent: 3, department: 'Support', subject: 'Change account email', daysAgo: 7,
    lines: [
      ['c', 'How can I change the email address on my account?'],
      ['a', 'Go to Settings → Profile → Email, enter the new address and confirm it from the message we send there. Your old address keeps working until you confirm.'],
    ],
  },
  {
    customer: 4, agent: 2, department: 'Support', subject: 'Crash after update', daysAgo: 5,
    lines: [
      ['c', 'The app crashes on start since the last update.'],
      ['a', 'Sorry about that, Sofia! Version 4.2.2 fixes a crash on start: please update from the app store and restart the app.'],
    ],
  },
  {
    customer: 3, agent: 3, department: 'Billing', subject: 'Double charge', daysAgo: 6,
    lines: [
      ['c', 'I think I was charged twice this month.'],
      ['a', 'I am sorry about the double charge! The second one is a pending authorisation that your bank drops within three business days. If it is still there after that, tell us and we refund it right away.'],
    ],
  },
  {
    customer: 0, agent: 0, department: 'Billing', subject: 'VAT number on invoices', daysAgo: 4,
    lines: [
      ['c', 'Can I get an invoice that shows my company VAT number?'],
      ['a', 'Yes: add the VAT number under Billing → Company details, then download the invoice again and it will show it.'],
    ],
  },
  {
    customer: 2, agent: 4, department: 'Sales', subject: 'Non-profit discount', daysAgo: 8,
    lines: [
      ['c', 'Do you have a discount for non-profit organisations?'],
      ['a', 'We do: non-profits get 30% off every plan. Send us proof of your status and we apply the discount to your account.'],
      ['c', 'Is there a free trial too?'],
      ['a', 'Every plan comes with a 14-day free trial, no card needed.'],
    ],
  },
];

/** Adds the demo's past conversations (once: keyed by customer and subject). */
export async function seedSuggestionHistory(
  desk: Services,
  tenantId: string,
  seed: { agents: Array<{ id: string; name: string }>; departments: Map<string, string>; customers: Array<{ id: string; name: string }> },
): Promise<void> {
  const { models } = desk;
  const tenantOid = new Types.ObjectId(tenantId);
  for (const conversation of history) {
    const customer = seed.customers[conversation.customer]!;
    const agent = seed.agents[conversation.agent]!;
    const customerId = new Types.ObjectId(customer.id);
    const createdAt = new Date(Date.now() - conversation.daysAgo * 86_400_000);
    const closedAt = new Date(createdAt.getTime() + 20 * 60_000);
    const { upsertedId } = await models.Conversation.updateOne(
      { tenantId, customerId, subject: conversation.subject },
      {
        $setOnInsert: {
          tenantId: tenantOid,
          customerId,
          customerName: customer.name,
          subject: conversation.subject,
          kind: 'chat',
          status: 'closed',
          priority: 'normal',
          priorityRank: priorityRank.normal,
          departmentId: new Types.ObjectId(seed.departments.get(conversation.department)),
          assigneeId: new Types.ObjectId(agent.id),
          createdAt,
          queuedAt: createdAt,
          assignedAt: createdAt,
          firstAssignedAt: createdAt,
          lastMessageAt: closedAt,
          closedAt,
          closeReason: 'resolved',
        },
      },
      { upsert: true, timestamps: false },
    );
    if (!upsertedId) continue;
    const id = String(upsertedId);
    await desk.messages.append(tenantId, id, { authorKind: 'system', event: { type: 'created' } });
    for (const [who, body] of conversation.lines) {
      await desk.messages.append(tenantId, id, {
        authorKind: who === 'c' ? 'customer' : 'agent',
        authorId: who === 'c' ? customer.id : agent.id,
        authorName: who === 'c' ? customer.name : agent.name,
        body,
      });
    }
    await desk.messages.append(tenantId, id, { authorKind: 'system', authorId: agent.id, authorName: agent.name, event: { type: 'closed', reason: 'resolved' } });
  }
}
