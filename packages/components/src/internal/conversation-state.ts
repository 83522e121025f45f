/**
 * @license MIT
 * What a conversation's status means, as the server reads it.
 */
import type { ConversationView } from '@deskkit/client';

/**
 * Waiting in a queue for an agent (the server's `isQueued`): pending and unassigned.
 * `pending` alone is not enough: a ticket set to "pending" (waiting on the customer)
 * keeps its assignee and is theirs to work on.
 */
export const isQueued = (c: Pick<ConversationView, 'status' | 'assigneeId'>) => c.status === 'pending' && c.assigneeId === null;
