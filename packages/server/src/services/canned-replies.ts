import { TRPCError } from '@trpc/server';
import escapeStringRegexp from 'escape-string-regexp';
import { Types } from 'mongoose';
import type { Models } from '../models/index.js';
import {
  placeholderPattern,
  type CannedPlaceholder,
  type CreateCannedReplyInput,
  type UpdateCannedReplyInput,
} from '../schemas/canned-replies.js';
import type { ConversationAccessService } from './conversation-access.js';
import type { ConversationService } from './conversations.js';
import { conflict } from './conversations.js';
import { invalidField, isDuplicateKey, notFound } from './errors.js';
import type { AgentPrincipal } from './principal.js';

/** A canned reply as its managers see it. */
export interface CannedReplyView {
  id: string;
  /** `null`: tenant-wide. */
  departmentId: string | null;
  shortcut: string;
  title: string;
  /** With its placeholders, as written. */
  body: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** Whether the caller may change or remove it. */
  editable: boolean;
}

/** A `/shortcut` suggestion in the composer. */
export interface CannedReplySuggestion {
  id: string;
  shortcut: string;
  title: string;
  /** The start of the body, placeholders unfilled, on one line. */
  preview: string;
  departmentId: string | null;
}

/** A canned reply with its placeholders filled for one conversation and agent, ready to edit and send. */
export interface RenderedCannedReply {
  id: string;
  shortcut: string;
  title: string;
  body: string;
}

const SUGGESTIONS = 10;
const PREVIEW_CHARS = 140;
/** A shortcut claim whose reply never took it (a crash between the two writes) is free after this. */
const STALE_CLAIM_MS = 60_000;

type Row = Record<string, any>;

const scopeOf = (departmentId: string | null) => departmentId ?? 'tenant';
const idOf = (value: unknown) => (value ? String(value) : null);

/** Who may manage which replies: admins all of them, supervisors their departments' (and read the tenant-wide ones). */
const isAdmin = (caller: AgentPrincipal) => caller.role === 'admin';

/**
 * Canned replies: managed by admins (any) and supervisors (their departments'),
 * found by agents with `/shortcut` and inserted with placeholders filled.
 * Shortcuts are unique per tenant and department through a claim document per
 * (tenant, scope, shortcut), taken with one atomic upsert.
 */
export class CannedReplyService {
  constructor(
    private readonly models: Models,
    private readonly conversations: ConversationService,
    private readonly access: ConversationAccessService,
  ) {}

  // ---- management ----

  /** The replies the caller manages, plus (for supervisors) the tenant-wide ones, by department then shortcut. */
  async list(caller: AgentPrincipal, input: { departmentId?: string | null } = {}): Promise<CannedReplyView[]> {
    const managed = await this.managedDepartments(caller);
    const scopes: Array<string | null> | null = managed === 'all' ? null : [null, ...managed];
    const filter: Row = { tenantId: caller.tenantId };
    if (input.departmentId !== undefined) {
      if (scopes && !scopes.includes(input.departmentId)) return [];
      filter.departmentId = input.departmentId;
    } else if (scopes) {
      filter.departmentId = { $in: scopes };
    }
    const rows = await this.models.CannedReply.find(filter).sort({ shortcut: 1 }).lean();
    return rows
      .map((row) => this.view(row, managed))
      .sort((a, b) => (a.departmentId ?? '').localeCompare(b.departmentId ?? '') || a.shortcut.localeCompare(b.shortcut));
  }

  async create(caller: AgentPrincipal, input: CreateCannedReplyInput): Promise<CannedReplyView> {
    const { tenantId } = caller;
    const managed = await this.assertManages(caller, input.departmentId);
    const id = new Types.ObjectId();
    if (!(await this.claim(tenantId, input.departmentId, input.shortcut, String(id)))) throw taken(input.shortcut, input.departmentId);
    try {
      const now = new Date();
      await this.models.CannedReply.create({
        _id: id,
        tenantId: new Types.ObjectId(tenantId),
        departmentId: input.departmentId ? new Types.ObjectId(input.departmentId) : null,
        shortcut: input.shortcut,
        title: input.title,
        body: input.body,
        createdBy: new Types.ObjectId(caller.agentId),
        createdAt: now,
        updatedAt: now,
      });
    } catch (err) {
      await this.release(tenantId, input.departmentId, input.shortcut, String(id));
      throw err;
    }
    return this.view((await this.models.CannedReply.findOne({ tenantId, _id: id }).lean())!, managed);
  }

  /** Changes any of its fields; a new shortcut or department must be free there. */
  async update(caller: AgentPrincipal, input: UpdateCannedReplyInput): Promise<CannedReplyView> {
    const { tenantId } = caller;
    const { id, ...changes } = input;
    const row = await this.editable(caller, id);
    const from = { departmentId: idOf(row.departmentId), shortcut: row.shortcut as string };
    const to = { departmentId: changes.departmentId === undefined ? from.departmentId : changes.departmentId, shortcut: changes.shortcut ?? from.shortcut };
    const managed = await this.assertManages(caller, to.departmentId);
    const moves = to.departmentId !== from.departmentId || to.shortcut !== from.shortcut;
    if (moves && !(await this.claim(tenantId, to.departmentId, to.shortcut, id))) throw taken(to.shortcut, to.departmentId);

    // Guarded by the key we read: two edits at once cannot both move it.
    const updated = await this.models.CannedReply.findOneAndUpdate(
      { tenantId, _id: id, departmentId: from.departmentId, shortcut: from.shortcut },
      {
        $set: {
          departmentId: to.departmentId ? new Types.ObjectId(to.departmentId) : null,
          shortcut: to.shortcut,
          ...(changes.title !== undefined ? { title: changes.title } : {}),
          ...(changes.body !== undefined ? { body: changes.body } : {}),
          updatedAt: new Date(),
        },
      },
      { returnDocument: 'after', timestamps: false },
    ).lean();
    if (!updated) {
      if (moves) await this.release(tenantId, to.departmentId, to.shortcut, id);
      throw conflict('the canned reply changed meanwhile; reload it');
    }
    if (moves) await this.release(tenantId, from.departmentId, from.shortcut, id);
    return this.view(updated, managed);
  }

  async remove(caller: AgentPrincipal, id: string): Promise<{ id: string }> {
    const { tenantId } = caller;
    const row = await this.editable(caller, id);
    const removed = await this.models.CannedReply.findOneAndDelete({ tenantId, _id: id }).lean();
    if (!removed) throw notFound('canned reply');
    await this.release(tenantId, idOf(row.departmentId), row.shortcut, id);
    return { id };
  }

  // ---- use by agents ----

  /**
   * Replies usable in the conversation (tenant-wide and its department's) matching `q`:
   * the exact shortcut, then shortcuts starting with it, then replies whose title, then
   * body, contains every word of it; by shortcut within each (the department's reply
   * before a tenant-wide one of the same shortcut). At most ten.
   */
  async search(caller: AgentPrincipal, input: { conversationId: string; q: string }): Promise<CannedReplySuggestion[]> {
    const conversation = await this.conversations.get(caller, input.conversationId);
    const base: Row = { tenantId: caller.tenantId, departmentId: { $in: [null, ...(conversation.departmentId ? [conversation.departmentId] : [])] } };
    const q = input.q.toLowerCase();
    const byShortcut = await this.models.CannedReply.find({ ...base, ...(q ? { shortcut: { $regex: new RegExp(`^${escapeStringRegexp(q)}`) } } : {}) })
      .sort({ shortcut: 1 })
      .limit(SUGGESTIONS * 2)
      .lean();
    const words = q.split(/\s+/).filter(Boolean);
    const byText = words.length
      ? await this.models.CannedReply.find({
          ...base,
          $and: words.map((word) => {
            const pattern = new RegExp(escapeStringRegexp(word), 'i');
            return { $or: [{ title: { $regex: pattern } }, { body: { $regex: pattern } }] };
          }),
        })
          .sort({ shortcut: 1 })
          .limit(SUGGESTIONS * 2)
          .lean()
      : [];
    const rank = (row: Row) => {
      if (q && row.shortcut === q) return 0;
      if (row.shortcut.startsWith(q)) return 1;
      return words.every((word) => String(row.title).toLowerCase().includes(word)) ? 2 : 3;
    };
    const seen = new Set<string>();
    return [...byShortcut, ...byText]
      .filter((row) => !seen.has(String(row._id)) && Boolean(seen.add(String(row._id))))
      .sort((a, b) => rank(a) - rank(b) || a.shortcut.localeCompare(b.shortcut) || Number(!a.departmentId) - Number(!b.departmentId))
      .slice(0, SUGGESTIONS)
      .map((row) => ({
        id: String(row._id),
        shortcut: row.shortcut,
        title: row.title,
        preview: preview(row.body),
        departmentId: idOf(row.departmentId),
      }));
  }

  /** The reply's body with the conversation's customer, the calling agent and the department filled in. */
  async render(caller: AgentPrincipal, input: { id: string; conversationId: string }): Promise<RenderedCannedReply> {
    const { tenantId } = caller;
    const conversation = await this.conversations.get(caller, input.conversationId);
    const row = await this.models.CannedReply.findOne({
      tenantId,
      _id: input.id,
      departmentId: { $in: [null, ...(conversation.departmentId ? [conversation.departmentId] : [])] },
    }).lean();
    if (!row) throw notFound('canned reply');
    const departmentId = conversation.departmentId ?? idOf(row.departmentId);
    const [customer, agent, department] = await Promise.all([
      this.models.Customer.findOne({ tenantId, _id: conversation.customer.id }).select({ name: 1, email: 1, phone: 1 }).lean(),
      this.models.Agent.findOne({ tenantId, _id: caller.agentId }).select({ name: 1 }).lean(),
      departmentId ? this.models.Department.findOne({ tenantId, _id: departmentId }).select({ name: 1 }).lean() : null,
    ]);
    const named = (customer?.name ?? conversation.customer.name).trim();
    // An SMS customer is named by their number until someone names them: no name to greet.
    const customerName = isPhoneNumber(named, customer?.phone) ? '' : named;
    const [firstName = '', ...rest] = customerName.split(/\s+/).filter(Boolean);
    const agentName = (agent?.name ?? '').trim();
    const values: Record<CannedPlaceholder, string> = {
      'customer.firstName': firstName,
      'customer.lastName': rest.join(' '),
      'customer.name': customerName,
      'customer.email': customer?.email ?? '',
      'customer.phone': customer?.phone ?? '',
      'agent.name': agentName,
      'agent.firstName': agentName.split(/\s+/)[0] ?? '',
      'department.name': department?.name ?? '',
    };
    return { id: String(row._id), shortcut: row.shortcut, title: row.title, body: fill(row.body, values) };
  }

  // ---- permissions ----

  /** `all` for admins; a supervisor's own departments. */
  private async managedDepartments(caller: AgentPrincipal): Promise<'all' | string[]> {
    if (isAdmin(caller)) return 'all';
    if (caller.role !== 'supervisor') throw new TRPCError({ code: 'FORBIDDEN', message: 'supervisors only' });
    return this.access.departmentsOf(caller.tenantId, caller.agentId);
  }

  /** The department exists in the tenant and the caller manages its replies (tenant-wide: admins). */
  private async assertManages(caller: AgentPrincipal, departmentId: string | null): Promise<'all' | string[]> {
    const managed = await this.managedDepartments(caller);
    if (departmentId) {
      const exists = await this.models.Department.exists({ tenantId: caller.tenantId, _id: departmentId });
      if (!exists) throw notFound('department');
    }
    if (managed === 'all') return managed;
    if (!departmentId) throw new TRPCError({ code: 'FORBIDDEN', message: 'only admins manage tenant-wide canned replies' });
    if (!managed.includes(departmentId)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: "supervisors manage their own departments' canned replies only" });
    }
    return managed;
  }

  /** A reply the caller may change: not visible to them → NOT_FOUND, visible but not theirs → FORBIDDEN. */
  private async editable(caller: AgentPrincipal, id: string): Promise<Row> {
    const managed = await this.managedDepartments(caller);
    const row = await this.models.CannedReply.findOne({ tenantId: caller.tenantId, _id: id }).lean();
    const departmentId = idOf(row?.departmentId);
    if (!row || (managed !== 'all' && departmentId && !managed.includes(departmentId))) throw notFound('canned reply');
    await this.assertManages(caller, departmentId);
    return row;
  }

  private view(row: Row, managed: 'all' | string[]): CannedReplyView {
    const departmentId = idOf(row.departmentId);
    return {
      id: String(row._id),
      departmentId,
      shortcut: row.shortcut,
      title: row.title,
      body: row.body,
      createdBy: String(row.createdBy),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      editable: managed === 'all' || (departmentId !== null && managed.includes(departmentId)),
    };
  }

  // ---- shortcut claims ----

  /** Takes (tenant, department, shortcut) for `replyId`; false when another reply holds it. */
  private async claim(tenantId: string, departmentId: string | null, shortcut: string, replyId: string, attempt = 0): Promise<boolean> {
    const key = { tenantId, scope: scopeOf(departmentId), shortcut };
    const now = new Date();
    const { upsertedCount } = await this.models.CannedReplyKey.updateOne(
      key,
      { $setOnInsert: { ...key, tenantId: new Types.ObjectId(tenantId), replyId: new Types.ObjectId(replyId), claimedAt: now } },
      { upsert: true },
    ).catch((err) => {
      if (isDuplicateKey(err)) return { upsertedCount: 0 };
      throw err;
    });
    if (upsertedCount === 1) return true;
    const held = await this.models.CannedReplyKey.findOne(key).lean();
    // Released between the two reads: try once more.
    if (!held) return attempt < 2 && this.claim(tenantId, departmentId, shortcut, replyId, attempt + 1);
    if (String(held.replyId) === replyId) return true;
    // A claim left behind by a write that never finished (its reply does not hold the shortcut): take it over.
    if (now.getTime() - held.claimedAt.getTime() < STALE_CLAIM_MS) return false;
    const holder = await this.models.CannedReply.exists({ tenantId, _id: held.replyId, departmentId, shortcut });
    if (holder) return false;
    const takenOver = await this.models.CannedReplyKey.findOneAndUpdate(
      { tenantId, _id: held._id, replyId: held.replyId },
      { $set: { replyId: new Types.ObjectId(replyId), claimedAt: now } },
    ).lean();
    return Boolean(takenOver);
  }

  /** Gives up the reply's claim, unless the reply holds that shortcut (again: a concurrent edit moved it back). */
  private async release(tenantId: string, departmentId: string | null, shortcut: string, replyId: string): Promise<void> {
    if (await this.models.CannedReply.exists({ tenantId, _id: replyId, departmentId, shortcut })) return;
    await this.models.CannedReplyKey.deleteOne({ tenantId, scope: scopeOf(departmentId), shortcut, replyId });
  }
}

const taken = (shortcut: string, departmentId: string | null) =>
  invalidField('shortcut', `/${shortcut} is already used ${departmentId ? 'in this department' : 'tenant-wide'}`);

const preview = (body: string) => {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > PREVIEW_CHARS ? `${line.slice(0, PREVIEW_CHARS - 1)}…` : line;
};

/**
 * Fills placeholders; an empty value takes the space before it when punctuation
 * follows ("Hi {{customer.firstName}}," → "Hi,"), so gaps read naturally.
 */
export function fill(body: string, values: Record<CannedPlaceholder, string>): string {
  const EMPTY = '\u0000';
  return body
    .replace(placeholderPattern, (_, name: string) => values[name as CannedPlaceholder] || EMPTY)
    .replace(new RegExp(`[ \\t]+${EMPTY}(?=[,.!?;:])`, 'g'), '')
    .replace(new RegExp(`[ \\t]${EMPTY}[ \\t]`, 'g'), ' ')
    .replaceAll(EMPTY, '');
}

/** Whether a name is the customer's phone number, or looks like one (5+ digits with only + ( ) - . / and spaces). */
function isPhoneNumber(name: string, phone: string | null | undefined): boolean {
  if (phone && name === phone.trim()) return true;
  return name.replace(/\D/g, '').length >= 5 && /^\+?[\d\s().\-/]+$/.test(name);
}
