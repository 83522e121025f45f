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

/** How many times each message id arrived on a recorded live stream. */
export function arrivals(events: Array<{ data: { type: string; message?: { id: string } } }>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { data } of events) {
    if (data.type === 'message' && data.message) counts.set(data.message.id, (counts.get(data.message.id) ?? 0) + 1);
  }
  return counts;
}
