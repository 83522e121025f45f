import escapeStringRegexp from 'escape-string-regexp';
import { Types } from 'mongoose';
import type { Capabilities } from '../db/capabilities.js';
import type { Models } from '../models/index.js';
import type { ConversationFilter, ConversationSort, QueueView } from '../schemas/conversations.js';
import { priorityRank } from '../models/conversation.js';
import { queuedFilter, type ConversationAccessService } from './conversation-access.js';
import { toConversationView, type ConversationView } from './conversation-views.js';
import { invalidField } from './errors.js';
import type { EventService } from './events.js';
import type { AgentPrincipal } from './principal.js';

type Direction = 1 | -1;
type Filter = Record<string, unknown>;

/** Each sort is a total order: the last key is `_id`, so keyset pages never skip or repeat. */
const sorts: Record<ConversationSort, Array<[string, Direction]>> = {
  lastActivity: [['lastMessageAt', -1], ['_id', -1]],
  waitTime: [['queuedAt', 1], ['_id', 1]],
  priority: [['priorityRank', -1], ['queuedAt', 1], ['_id', 1]],
  created: [['createdAt', -1], ['_id', -1]],
};

const defaultSort: Record<QueueView, ConversationSort> = {
  pending: 'priority',
  mine: 'lastActivity',
  all: 'lastActivity',
  tickets: 'priority',
  closed: 'lastActivity',
};

/** How many customers or conversations a text search may match before it is narrowed. */
const SEARCH_CAP = 5_000;

export interface ConversationPage {
  items: ConversationView[];
  /** Pass back as `cursor` for the next page; `null` at the end. */
  nextCursor: string | null;
  /** Follow `conversations.onEvent` from here to keep this page current. */
  lastEventId: string;
}

/**
 * Queue views with filters, sorts and keyset pagination. Text search is an
 * escaped, case-insensitive regex (works on every database) plus `$text` over
 * message bodies where the database has it.
 */
export class ConversationSearchService {
  constructor(
    private readonly models: Models,
    private readonly access: ConversationAccessService,
    private readonly events: EventService,
    private readonly capabilities: Capabilities,
  ) {}

  async list(
    caller: AgentPrincipal,
    input: { view: QueueView; filter: ConversationFilter; sort?: ConversationSort; cursor?: string; limit: number },
  ): Promise<ConversationPage> {
    const sortName = input.sort ?? defaultSort[input.view];
    const keys = sorts[sortName];
    // Taken before reading, so events racing the read are replayed, never lost.
    const lastEventId = String(await this.events.position(caller.tenantId));
    const clauses = [viewFilter(input.view, caller.agentId), ...(await this.clauses(caller, input.filter))];
    if (input.cursor) clauses.push(afterCursor(keys, decodeCursor(input.cursor, sortName)));
    const rows = await this.models.Conversation.find({ tenantId: caller.tenantId, $and: clauses })
      // What an append keeps for itself is no part of a list.
      .select({ pendingAppend: 0, recentSends: 0 })
      .sort(Object.fromEntries(keys))
      .limit(input.limit + 1)
      .lean();
    const items = rows.slice(0, input.limit);
    const last = items.at(-1);
    const nextCursor = rows.length > input.limit && last ? encodeCursor(sortName, keys.map(([k]) => (last as Filter)[k])) : null;
    return { items: items.map(toConversationView), nextCursor, lastEventId };
  }

  /** How many conversations each tab holds for the caller, with the same filter applied. */
  async counts(caller: AgentPrincipal, filter: ConversationFilter) {
    const views = ['pending', 'mine', 'all', 'tickets', 'closed'] as const;
    // Access and filter (a text search looks up customers and messages) are worked out once for all tabs.
    const shared = await this.clauses(caller, filter);
    const count = (view: QueueView, extra: Filter = {}) =>
      this.models.Conversation.countDocuments({ tenantId: caller.tenantId, $and: [viewFilter(view, caller.agentId), ...shared, extra] });
    const entries = await Promise.all(views.map(async (view) => [view, await count(view)] as const));
    const mineUnread = await count('mine', { unreadByAgent: { $gt: 0 } });
    return { ...(Object.fromEntries(entries) as Record<(typeof views)[number], number>), mineUnread };
  }

  /** The caller's access and the filter, as clauses (the view's is the caller's to add). */
  private async clauses(caller: AgentPrincipal, filter: ConversationFilter): Promise<Filter[]> {
    const clauses: Filter[] = [await this.access.filterFor(caller)];
    if (filter.status) clauses.push({ status: { $in: filter.status } });
    if (filter.kind) clauses.push({ kind: filter.kind });
    if (filter.channel) clauses.push({ channel: { $in: filter.channel } });
    if (filter.departmentId) clauses.push({ departmentId: { $in: filter.departmentId.map(oid) } });
    if (filter.assigneeId !== undefined) clauses.push({ assigneeId: filter.assigneeId === null ? null : oid(filter.assigneeId) });
    if (filter.tag) clauses.push({ tags: { $in: filter.tag } });
    if (filter.priority) clauses.push({ priorityRank: { $in: filter.priority.map((p) => priorityRank[p]) } });
    if (filter.from || filter.to) {
      clauses.push({ createdAt: { ...(filter.from ? { $gte: new Date(filter.from) } : {}), ...(filter.to ? { $lt: new Date(filter.to) } : {}) } });
    }
    if (filter.q) clauses.push(await this.textClause(caller.tenantId, filter.q));
    return clauses;
  }

  private async textClause(tenantId: string, q: string): Promise<Filter> {
    const pattern = new RegExp(escapeStringRegexp(q), 'i');
    const digits = q.replace(/\D/g, '');
    const customers = await this.models.Customer.find({
      tenantId,
      $or: [
        { name: pattern },
        { email: pattern },
        { phone: pattern },
        ...(digits.length >= 4 && digits.length === q.replace(/[\s()+.-]/g, '').length ? [{ phoneDigits: new RegExp(digits) }] : []),
      ],
    })
      .select({ _id: 1 })
      .limit(SEARCH_CAP)
      .lean();
    const messageFilter = this.capabilities.textSearch ? { $text: { $search: `"${q.replaceAll('"', ' ')}"` } } : { body: pattern };
    // Texts, files' captions and templates as sent; the latest first, so a common word finds recent conversations.
    const messages = await this.models.Message.find({ tenantId, kind: { $in: ['text', 'attachment', 'template'] }, ...messageFilter })
      .select({ conversationId: 1 })
      .sort({ _id: -1 })
      .limit(SEARCH_CAP)
      .lean();
    return {
      $or: [
        { subject: pattern },
        { customerName: pattern },
        { customerId: { $in: customers.map((c) => c._id) } },
        { _id: { $in: [...new Set(messages.map((m) => String(m.conversationId)))].map(oid) } },
      ],
    };
  }
}

const oid = (id: string) => new Types.ObjectId(id);

function viewFilter(view: QueueView, agentId: string): Filter {
  switch (view) {
    case 'pending':
      return { kind: 'chat', ...queuedFilter };
    case 'mine':
      return { kind: 'chat', assigneeId: oid(agentId), status: { $in: ['open', 'on-hold'] } };
    case 'tickets':
      return { kind: 'ticket', status: { $ne: 'closed' } };
    case 'closed':
      return { status: 'closed' };
    case 'all':
      return {};
  }
}

/** Rows strictly after `values` in the sort order: (k1 > v1) or (k1 = v1 and k2 > v2) or … */
function afterCursor(keys: Array<[string, Direction]>, values: unknown[]): Filter {
  return {
    $or: keys.map(([key, direction], i) => ({
      ...Object.fromEntries(keys.slice(0, i).map(([k], j) => [k, values[j]])),
      [key]: { [direction === 1 ? '$gt' : '$lt']: values[i] },
    })),
  };
}

type CursorValue = number | string | null | { d: string } | { o: string };

function encodeCursor(sort: ConversationSort, values: unknown[]): string {
  const encoded: CursorValue[] = values.map((v) =>
    v instanceof Date ? { d: v.toISOString() } : v instanceof Types.ObjectId ? { o: String(v) } : (v as CursorValue),
  );
  return Buffer.from(JSON.stringify([sort, ...encoded])).toString('base64url');
}

function decodeCursor(cursor: string, sort: ConversationSort): unknown[] {
  const bad = () => invalidField('cursor', 'not a cursor from this view and sort; start from the first page');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed[0] !== sort || parsed.length !== sorts[sort].length + 1) throw bad();
  return parsed.slice(1).map((v: unknown) => {
    if (typeof v === 'number' || v === null) return v;
    if (v && typeof v === 'object' && 'd' in v && typeof v.d === 'string' && !Number.isNaN(Date.parse(v.d))) return new Date(v.d);
    if (v && typeof v === 'object' && 'o' in v && typeof v.o === 'string' && Types.ObjectId.isValid(v.o)) return oid(v.o);
    throw bad();
  });
}
