import { TRPCError } from '@trpc/server';
import { Types } from 'mongoose';
import type { Models } from '../models/index.js';
import type { UpdateCustomerInput } from '../schemas/customers.js';
import type { ConversationAccessService } from './conversation-access.js';
import { toConversationView, type ConversationView } from './conversation-views.js';
import { decodeDateCursor, encodeDateCursor } from './date-cursor.js';
import { invalidField, notFound } from './errors.js';
import type { MessageService } from './messages.js';
import type { AgentPrincipal, PartnerPrincipal } from './principal.js';

/** Who reads customers: agents of the tenant, and partner keys with `customers:read`. */
export type CustomerCaller = AgentPrincipal | PartnerPrincipal;

/** A customer's profile as agents see it. */
export interface CustomerView {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  /** BCP 47, e.g. `en`, `pt-BR`. */
  language: string;
  notes: string;
  /** Custom attributes by key. */
  attributes: Record<string, string>;
  /** The host portal's id for the customer. */
  externalId: string | null;
  verified: boolean;
  verifiedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The id asked for, when it was a customer merged into this one (links to it keep working). */
  redirectedFrom: string | null;
}

/** Another customer that is probably the same person, and why. */
export interface DuplicateView {
  customer: CustomerView;
  reasons: Array<'email' | 'phone' | 'externalId'>;
}

export interface HistoryPage {
  items: ConversationView[];
  /** Pass back as `cursor` for the next page; `null` at the end. */
  nextCursor: string | null;
}

export interface MergeResult {
  /** The surviving customer, with the source's details folded in. */
  customer: CustomerView;
  /** How many conversations this run moved (0 on a re-run that found nothing left to move). */
  movedConversations: number;
}

type Row = Record<string, any>;

const iso = (date: Date | null | undefined) => (date ? new Date(date).toISOString() : null);
const oid = (id: string) => new Types.ObjectId(id);
const MAX_MERGE_HOPS = 5;
const DUPLICATES = 20;

function toCustomerView(row: Row, redirectedFrom: string | null = null): CustomerView {
  const attributes: Record<string, string> = {};
  for (const { key, value } of row.attributes ?? []) attributes[key] = value ?? '';
  return {
    id: String(row._id),
    name: row.name ?? '',
    email: row.email ?? null,
    phone: row.phone ?? null,
    language: row.language ?? 'en',
    notes: row.notes ?? '',
    attributes,
    externalId: row.externalId ?? null,
    verified: Boolean(row.verified),
    verifiedAt: iso(row.verifiedAt),
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt ?? row.createdAt)!,
    redirectedFrom,
  };
}

const digitsOf = (phone: string | null | undefined) => (phone ? phone.replace(/\D/g, '') || null : null);
const attributeList = (attributes: Record<string, string>) => Object.entries(attributes).map(([key, value]) => ({ key, value }));

/**
 * Customer profiles: view, edit, conversation history across channels, likely
 * duplicates and merging. A merged customer stays as a tombstone (`mergedInto`)
 * that every read follows to the survivor.
 */
export class CustomerService {
  constructor(
    private readonly models: Models,
    private readonly messages: MessageService,
    private readonly access: ConversationAccessService,
  ) {}

  /** The customer row, following merges; NOT_FOUND for another tenant's or unknown ids. */
  async resolve(tenantId: string, customerId: string): Promise<{ row: Row; redirectedFrom: string | null }> {
    let id = customerId;
    for (let hop = 0; hop <= MAX_MERGE_HOPS; hop++) {
      const row = await this.models.Customer.findOne({ tenantId, _id: id }).lean();
      if (!row) break;
      if (!row.mergedInto) return { row, redirectedFrom: hop ? customerId : null };
      id = String(row.mergedInto);
    }
    throw notFound('customer');
  }

  async get(caller: CustomerCaller, customerId: string): Promise<CustomerView> {
    const { row, redirectedFrom } = await this.resolve(caller.tenantId, customerId);
    return toCustomerView(row, redirectedFrom);
  }

  /** Changes the given fields only; the phone's digits follow the phone, conversations follow the name. */
  async update(caller: AgentPrincipal, input: UpdateCustomerInput): Promise<CustomerView> {
    const { tenantId } = caller;
    const { row } = await this.resolve(tenantId, input.customerId);
    const set: Record<string, unknown> = {};
    if (input.name !== undefined) set.name = input.name;
    if (input.email !== undefined) set.email = input.email || null;
    if (input.phone !== undefined) {
      set.phone = input.phone || null;
      set.phoneDigits = digitsOf(input.phone);
    }
    if (input.language !== undefined) set.language = input.language;
    if (input.notes !== undefined) set.notes = input.notes;
    if (input.attributes !== undefined) set.attributes = attributeList(input.attributes);
    if (!Object.keys(set).length) return toCustomerView(row);
    const updated = await this.models.Customer.findOneAndUpdate({ tenantId, _id: row._id, mergedInto: null }, { $set: set }, { returnDocument: 'after' }).lean();
    if (!updated) throw new TRPCError({ code: 'CONFLICT', message: 'the customer was merged meanwhile; reload it' });
    if (input.name !== undefined && input.name !== row.name) await this.renameConversations(tenantId, String(row._id), input.name);
    return toCustomerView(updated);
  }

  /**
   * The customer's conversations on every channel, newest first, one keyset page at a
   * time: of them, an agent gets those they may open (supervisors and partner keys all).
   */
  async history(caller: CustomerCaller, input: { customerId: string; cursor?: string; limit: number }): Promise<HistoryPage> {
    const { tenantId } = caller;
    const { row } = await this.resolve(tenantId, input.customerId);
    const clauses: Record<string, unknown>[] = [];
    if (caller.kind === 'agent') clauses.push(await this.access.filterFor(caller));
    if (input.cursor) {
      const [at, id] = decodeDateCursor(input.cursor, 'not a cursor from this history; start from the first page');
      clauses.push({ $or: [{ createdAt: { $lt: at } }, { createdAt: at, _id: { $lt: id } }] });
    }
    const filter: Record<string, unknown> = { tenantId, customerId: row._id };
    const narrowing = clauses.filter((clause) => Object.keys(clause).length > 0);
    if (narrowing.length) filter.$and = narrowing;
    const rows = await this.models.Conversation.find(filter).sort({ createdAt: -1, _id: -1 }).limit(input.limit + 1).lean();
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    return {
      items: page.map(toConversationView),
      nextCursor: rows.length > input.limit && last ? encodeDateCursor(last.createdAt as Date, String(last._id)) : null,
    };
  }

  /** Other (unmerged) customers sharing the email, the phone digits or the external id. */
  async duplicates(caller: CustomerCaller, customerId: string): Promise<DuplicateView[]> {
    const { tenantId } = caller;
    const { row } = await this.resolve(tenantId, customerId);
    const clauses: Record<string, unknown>[] = [];
    if (row.email) clauses.push({ email: row.email });
    if (row.phoneDigits && row.phoneDigits.length >= 5) clauses.push({ phoneDigits: row.phoneDigits });
    if (row.externalId) clauses.push({ externalId: row.externalId });
    if (!clauses.length) return [];
    const rows = await this.models.Customer.find({ tenantId, _id: { $ne: row._id }, mergedInto: null, $or: clauses })
      .sort({ createdAt: 1, _id: 1 })
      .limit(DUPLICATES)
      .lean();
    return rows.map((other) => ({
      customer: toCustomerView(other),
      reasons: [
        ...(row.email && other.email === row.email ? (['email'] as const) : []),
        ...(row.phoneDigits && other.phoneDigits === row.phoneDigits ? (['phone'] as const) : []),
        ...(row.externalId && other.externalId === row.externalId ? (['externalId'] as const) : []),
      ],
    }));
  }

  /**
   * Merges `sourceId` into `targetId`. Each step is one single-document update and
   * the whole is safe to run again after a crash: the source is marked first (so
   * reads already follow it), its details are folded into the target exactly once
   * (`mergedFrom`), then its conversations and visitor sessions move one by one.
   */
  async merge(caller: AgentPrincipal, input: { sourceId: string; targetId: string }): Promise<MergeResult> {
    const { tenantId } = caller;
    const target = await this.models.Customer.findOne({ tenantId, _id: input.targetId }).lean();
    if (!target) throw notFound('customer');
    if (target.mergedInto) throw invalidField('targetId', 'this customer was merged into another; merge into that one');
    let source = await this.models.Customer.findOne({ tenantId, _id: input.sourceId }).lean();
    if (!source) throw notFound('customer');
    if (source.mergedInto && String(source.mergedInto) !== input.targetId) {
      throw invalidField('sourceId', 'this customer was already merged into another one');
    }
    if (!source.mergedInto) {
      // Step 1: the tombstone. Its external id moves to the target (unique per tenant), so it is kept aside.
      source = await this.models.Customer.findOneAndUpdate(
        { tenantId, _id: source._id, mergedInto: null },
        { $set: { mergedInto: target._id, mergedAt: new Date(), externalId: null, formerExternalId: source.externalId ?? null } },
        { returnDocument: 'after' },
      ).lean();
      if (!source || String(source.mergedInto) !== input.targetId) throw invalidField('sourceId', 'this customer was already merged into another one');
    }
    await this.foldInto(tenantId, source, String(target._id));
    const survivor = (await this.models.Customer.findOne({ tenantId, _id: target._id }).lean())!;

    // Step 3: conversations, one single-document update each, each announced to the queues.
    let moved = 0;
    const pending = await this.models.Conversation.find({ tenantId, customerId: source._id }).select({ _id: 1 }).lean();
    for (const { _id } of pending) {
      const before = await this.models.Conversation.findOneAndUpdate(
        { tenantId, _id, customerId: source._id },
        { $set: { customerId: survivor._id, customerName: survivor.name }, $inc: { revision: 1 } },
      ).lean();
      if (!before) continue;
      moved++;
      await this.messages.publishChange(tenantId, String(_id), toConversationView(before));
    }
    // Step 4: the source's web-chat visitors now act for the target.
    await this.models.VisitorSession.updateMany({ tenantId, customerId: source._id }, { $set: { customerId: survivor._id } });
    return { customer: toCustomerView(survivor), movedConversations: moved };
  }

  /** Step 2: fills the target's empty fields, unions attributes (target wins), appends notes; once per source. */
  private async foldInto(tenantId: string, source: Row, targetId: string): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const target = await this.models.Customer.findOne({ tenantId, _id: targetId }).lean();
      if (!target) throw notFound('customer');
      if ((target.mergedFrom ?? []).some((id: unknown) => String(id) === String(source._id))) return;
      const set: Record<string, unknown> = {};
      for (const field of ['email', 'phone', 'phoneDigits'] as const) if (!target[field] && source[field]) set[field] = source[field];
      const externalId = source.formerExternalId ?? source.externalId;
      if (!target.externalId && externalId) set.externalId = externalId;
      if ((!target.language || target.language === 'en') && source.language && source.language !== 'en') set.language = source.language;
      const keys = new Set((target.attributes ?? []).map((a: Row) => a.key));
      const extra = (source.attributes ?? []).filter((a: Row) => !keys.has(a.key));
      if (extra.length) set.attributes = [...(target.attributes ?? []), ...extra].slice(0, 50).map(({ key, value }: Row) => ({ key, value }));
      if (source.notes?.trim()) {
        const header = `— merged from ${source.name || 'a customer'} (${String(source._id)}) —`;
        set.notes = [target.notes?.trim(), header, source.notes.trim()].filter(Boolean).join('\n\n').slice(0, 10_000);
      }
      if (!target.verified && source.verified) {
        set.verified = true;
        set.verifiedAt = source.verifiedAt ?? new Date();
      }
      // Guarded by the target's last change, so an edit in between is never overwritten.
      const { modifiedCount } = await this.models.Customer.updateOne(
        { tenantId, _id: targetId, updatedAt: target.updatedAt, mergedFrom: { $ne: source._id } },
        { $set: set, $addToSet: { mergedFrom: source._id } },
      );
      if (modifiedCount) return;
    }
    throw new TRPCError({ code: 'CONFLICT', message: 'the customer kept changing during the merge; try again' });
  }

  /** Conversations show the customer's name: keep it current and tell the queues. */
  private async renameConversations(tenantId: string, customerId: string, name: string): Promise<void> {
    const rows = await this.models.Conversation.find({ tenantId, customerId: oid(customerId), customerName: { $ne: name } }).select({ _id: 1 }).lean();
    for (const { _id } of rows) {
      const changed = await this.models.Conversation.updateOne({ tenantId, _id, customerId: oid(customerId) }, { $set: { customerName: name }, $inc: { revision: 1 } });
      if (changed.modifiedCount) await this.messages.publishChange(tenantId, String(_id));
    }
  }
}
