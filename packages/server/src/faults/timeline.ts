import assert from 'node:assert/strict';
import type { Models } from '../models/index.js';

/**
 * Reads a conversation's stored timeline and asserts it is whole: seq runs 1..lastSeq
 * with no hole and no number twice, and no send (author + `clientMessageId`) is stored twice.
 */
export async function assertWholeTimeline(models: Models, tenantId: string, conversationId: string) {
  const conversation = await models.Conversation.findOne({ tenantId, _id: conversationId }).lean();
  assert.ok(conversation, `conversation ${conversationId}`);
  const rows = await models.Message.find({ tenantId, conversationId }).sort({ seq: 1 }).lean();
  assert.deepEqual(
    rows.map((row) => row.seq),
    Array.from({ length: conversation.lastSeq }, (_, i) => i + 1),
    'seq runs 1..lastSeq without holes or duplicates',
  );
  const sends = rows.filter((row) => row.clientMessageId).map((row) => `${row.authorKind}:${row.clientMessageId}`);
  assert.equal(new Set(sends).size, sends.length, 'each send stored once');
  return rows;
}

/**
 * Asserts what a conversation's counters say agrees with its timeline, for a conversation
 * where nobody marked anything read (so only writing moved the read marks): each side has
 * read up to its own last message, its unread count is the other side's messages after
 * that, and the first response is the first agent message.
 */
export async function assertCountersMatchTimeline(models: Models, tenantId: string, conversationId: string) {
  const conversation = await models.Conversation.findOne({ tenantId, _id: conversationId }).lean();
  assert.ok(conversation, `conversation ${conversationId}`);
  assert.equal(conversation.pendingAppend ?? null, null, 'no append left pending');
  const rows = await models.Message.find({ tenantId, conversationId }).sort({ seq: 1 }).lean();
  const texts = rows.filter((row) => row.kind !== 'event');
  const lastOf = (kind: string) => texts.filter((row) => row.authorKind === kind).at(-1)?.seq ?? 0;
  const customerRead = lastOf('customer');
  const agentRead = lastOf('agent');
  assert.equal(conversation.customerReadSeq, customerRead, "the customer's read mark is at their last message");
  assert.equal(conversation.agentReadSeq, agentRead, "the agent's read mark is at their last message");
  const after = (seq: number, authors: string[]) => texts.filter((row) => row.seq! > seq && authors.includes(row.authorKind)).length;
  assert.equal(conversation.unreadByAgent, after(agentRead, ['customer']), 'unread by the agent: customer messages after their last');
  assert.equal(conversation.unreadByCustomer, after(customerRead, ['agent', 'system']), 'unread by the customer: messages to them after their last');
  const firstAnswer = texts.find((row) => row.authorKind === 'agent');
  assert.equal(conversation.firstResponseAt?.getTime() ?? null, firstAnswer?.createdAt.getTime() ?? null, 'first response: the first agent message');
  assert.equal(conversation.lastMessageAt.getTime(), texts.at(-1)!.createdAt.getTime(), 'last message time');
}

/** How many times each message id arrived on a recorded live stream. */
export function arrivals(events: Array<{ data: { type: string; message?: { id: string } } }>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { data } of events) {
    if (data.type === 'message' && data.message) counts.set(data.message.id, (counts.get(data.message.id) ?? 0) + 1);
  }
  return counts;
}
