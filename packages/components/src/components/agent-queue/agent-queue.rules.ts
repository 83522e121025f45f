/**
 * @license MIT
 * The server's queue rules, replicated for live updates: which tab a conversation
 * belongs in (`services/conversation-search.ts` `viewFilter` plus the structural
 * filters) and each sort as a total order. Keep in step with the server.
 */
import type { ConversationFilter, ConversationSort, ConversationView, QueueView as QueueViewInput } from '@deskkit/client';
import { isQueued } from '../../internal/conversation-state.js';

/** A queue tab. */
export type QueueView = NonNullable<QueueViewInput>;

/** The sort the server applies when none is given. */
export const defaultSort: Record<QueueView, ConversationSort> = {
  pending: 'priority',
  mine: 'lastActivity',
  all: 'lastActivity',
  tickets: 'priority',
  closed: 'lastActivity',
};

export const priorityRank: Record<ConversationView['priority'], number> = { low: 0, normal: 1, high: 2, urgent: 3 };

type Key = (c: ConversationView) => string | number;
type Direction = 1 | -1;

// ISO timestamps from the server all have one format, so they compare as strings;
// ids are ObjectId hex of one length, so string order is the server's order too.
const sortKeys: Record<ConversationSort, Array<[Key, Direction]>> = {
  lastActivity: [[(c) => c.lastMessageAt, -1], [(c) => c.id, -1]],
  waitTime: [[(c) => c.queuedAt, 1], [(c) => c.id, 1]],
  priority: [[(c) => priorityRank[c.priority], -1], [(c) => c.queuedAt, 1], [(c) => c.id, 1]],
  created: [[(c) => c.createdAt, -1], [(c) => c.id, -1]],
};

/** The server's order for `sort`: negative when `a` comes first. */
export function comparator(sort: ConversationSort): (a: ConversationView, b: ConversationView) => number {
  const keys = sortKeys[sort];
  return (a, b) => {
    for (const [key, direction] of keys) {
      const x = key(a);
      const y = key(b);
      if (x !== y) return (x < y ? -1 : 1) * direction;
    }
    return 0;
  };
}

/** Whether `c` is in `view` for the agent `agentId` (the server's `viewFilter`). */
export function inView(view: QueueView, c: ConversationView, agentId: string): boolean {
  switch (view) {
    case 'pending':
      return c.kind === 'chat' && isQueued(c);
    case 'mine':
      return c.kind === 'chat' && c.assigneeId === agentId && (c.status === 'open' || c.status === 'on-hold');
    case 'tickets':
      return c.kind === 'ticket' && c.status !== 'closed';
    case 'closed':
      return c.status === 'closed';
    case 'all':
      return true;
  }
}

const list = <T>(value: T | T[] | undefined): T[] | undefined => (value === undefined ? undefined : ([] as T[]).concat(value));

/** Whether `c` passes every filter except the text search `q`. */
export function matchesFilter(c: ConversationView, filter: ConversationFilter): boolean {
  const status = list(filter.status);
  const channel = list(filter.channel);
  const departments = list(filter.departmentId);
  const tags = list(filter.tag);
  const priorities = list(filter.priority);
  if (status && !status.includes(c.status)) return false;
  if (filter.kind && c.kind !== filter.kind) return false;
  if (channel && !(channel as string[]).includes(c.channel)) return false;
  if (departments && (c.departmentId === null || !departments.includes(c.departmentId))) return false;
  if (filter.assigneeId !== undefined && c.assigneeId !== filter.assigneeId) return false;
  if (tags && !c.tags.some((tag) => tags.includes(tag))) return false;
  if (priorities && !priorities.includes(c.priority)) return false;
  const created = Date.parse(c.createdAt);
  if (filter.from && created < Date.parse(filter.from)) return false;
  if (filter.to && created >= Date.parse(filter.to)) return false;
  return true;
}

/**
 * Whether `c` certainly matches the text search: its subject or customer name
 * contains `q`. (The server also matches email, phone and message text, which a
 * live event does not carry, so a `false` here means "unknown".)
 */
export function surelyMatchesText(c: ConversationView, q: string): boolean {
  const needle = q.toLowerCase();
  return c.subject.toLowerCase().includes(needle) || c.customer.name.toLowerCase().includes(needle);
}

export interface QueueRules {
  /**
   * Whether `c` belongs in the list. `vouched` says the server already matched it
   * against the text search (it is listed, or came in a page).
   */
  belongs(c: ConversationView, vouched: boolean): boolean;
  /** The list's order. */
  compare(a: ConversationView, b: ConversationView): number;
}

/** The rules of one tab with one filter and sort, for one agent. */
export function queueRules(options: {
  view: QueueView;
  filter: ConversationFilter;
  sort?: ConversationSort;
  agentId: string;
}): QueueRules {
  const { view, filter, agentId } = options;
  return {
    belongs: (c, vouched) =>
      inView(view, c, agentId) && matchesFilter(c, filter) && (!filter.q || vouched || surelyMatchesText(c, filter.q)),
    compare: comparator(options.sort ?? defaultSort[view]),
  };
}
