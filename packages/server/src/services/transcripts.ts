import { createHmac, timingSafeEqual } from 'node:crypto';
import { Types } from 'mongoose';
import type { Models } from '../models/index.js';
import type { ConversationFilter } from '../schemas/conversations.js';
import { rolePermissions, type Permission } from '../schemas/roles.js';
import type { TranscriptFormat, TranscriptTarget } from '../schemas/transcripts.js';
import type { ConversationSearchService } from './conversation-search.js';
import { toMessageView, type ConversationView } from './conversation-views.js';
import type { ConversationService } from './conversations.js';
import { notFound } from './errors.js';
import type { AgentPrincipal, Principal } from './principal.js';
import { randomToken } from './secrets.js';
import { writers } from './transcript-formats.js';
import { tenantNames } from './names.js';

/** Conversations read per keyset page, and messages per page of one conversation. */
const CONVERSATION_PAGE = 100;
const MESSAGE_PAGE = 200;
/** Signed download links work this long. */
const LINK_TTL_S = 5 * 60;
/** Text is handed to the response in chunks of about this size. */
const CHUNK_BYTES = 16 * 1024;

/** A transcript ready to stream: headers first, then `body` pulled chunk by chunk. */
export interface TranscriptExport {
  fileName: string;
  contentType: string;
  /** Conversations it covers (known before the first byte). */
  total: number;
  body: AsyncGenerator<Buffer>;
}

/** Who a signed link acts for: re-checked when it is used (a signed-out session or revoked key stops it). */
type LinkActor = { k: 'agent'; s: string } | { k: 'partner'; i: string };

interface LinkPayload {
  t: string;
  a: LinkActor;
  f: TranscriptFormat;
  c?: string;
  q?: ConversationFilter;
  exp: number;
}

/** Refused link or transcript, with its HTTP status. */
export class TranscriptError extends Error {
  constructor(
    readonly status: 401 | 403 | 404,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Transcripts of one conversation or a filtered range, streamed: conversations are
 * read by keyset pages (the queue search, so the caller's access and every filter
 * apply), their messages page by page, and text is produced only as fast as the
 * response takes it.
 */
export class TranscriptService {
  private readonly secrets = new Map<string, Buffer>();

  constructor(
    private readonly models: Models,
    private readonly conversations: ConversationService,
    private readonly search: ConversationSearchService,
  ) {}

  async export(caller: Principal, target: TranscriptTarget, format: TranscriptFormat): Promise<TranscriptExport> {
    if (caller.kind === 'visitor' || !caller.permissions.includes('conversations:read')) throw new TranscriptError(403, 'missing permission conversations:read');
    const date = new Date().toISOString().slice(0, 10);
    if ('conversationId' in target) {
      const view = await this.conversations.get(caller, target.conversationId);
      return {
        fileName: `transcript-${view.id}.${format}`,
        contentType: writers[format].contentType,
        total: 1,
        body: this.write(caller.tenantId, format, `Transcript of conversation ${view.id}`, oneView(view)),
      };
    }
    const searcher = searcherOf(caller);
    const { all: total } = await this.search.counts(searcher, target.filter);
    return {
      fileName: `transcripts-${date}.${format}`,
      contentType: writers[format].contentType,
      total,
      body: this.write(caller.tenantId, format, 'Conversation transcripts', this.range(searcher, target.filter)),
    };
  }

  /** Every visible conversation matching the filter, newest first, one keyset page in memory at a time. */
  private async *range(searcher: AgentPrincipal, filter: ConversationFilter): AsyncGenerator<ConversationView> {
    let cursor: string | undefined;
    do {
      const page = await this.search.list(searcher, { view: 'all', filter, sort: 'created', cursor, limit: CONVERSATION_PAGE });
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  private async *write(tenantId: string, format: TranscriptFormat, title: string, views: AsyncIterable<ConversationView>) {
    const writer = writers[format];
    const names = await tenantNames(this.models, tenantId);
    let pending = writer.head(title);
    let count = 0;
    for await (const batch of batches(views)) {
      for await (const [view, messages] of this.messagesOf(tenantId, batch)) {
        if (messages === 'start') {
          count += 1;
          pending += writer.conversation(view, names);
        } else if (messages === 'end') {
          pending += writer.conversationEnd();
        } else {
          for (const row of messages) pending += writer.message(toMessageView(row), view);
        }
        if (pending.length >= CHUNK_BYTES) {
          yield Buffer.from(pending);
          pending = '';
        }
      }
    }
    yield Buffer.from(pending + writer.tail(count));
  }

  /**
   * Each conversation's messages in order, framed by 'start' and 'end'. Small
   * conversations are read together in one query (at most MESSAGE_PAGE messages by
   * their `lastSeq`); a large one alone, a page at a time.
   */
  private async *messagesOf(tenantId: string, batch: ConversationView[]): AsyncGenerator<[ConversationView, Row[] | 'start' | 'end']> {
    if (batch.length === 1) {
      const view = batch[0]!;
      yield [view, 'start'];
      let afterSeq = 0;
      for (;;) {
        const rows = await this.models.Message.find({ tenantId, conversationId: view.id, seq: { $gt: afterSeq } })
          .sort({ seq: 1 })
          .limit(MESSAGE_PAGE)
          .lean();
        if (rows.length) yield [view, rows];
        if (rows.length < MESSAGE_PAGE) break;
        afterSeq = rows.at(-1)!.seq;
      }
      yield [view, 'end'];
      return;
    }
    const rows = await this.models.Message.find({ tenantId, conversationId: { $in: batch.map((v) => v.id) } })
      .sort({ seq: 1 })
      .lean();
    const byConversation = new Map<string, Row[]>();
    for (const row of rows) {
      const key = String(row.conversationId);
      const list = byConversation.get(key);
      if (list) list.push(row);
      else byConversation.set(key, [row]);
    }
    for (const view of batch) {
      yield [view, 'start'];
      yield [view, byConversation.get(view.id) ?? []];
      yield [view, 'end'];
    }
  }

  // ---- Signed links ----

  /**
   * A short-lived signed path for a plain browser link (`<a href>`, `fetch` without
   * headers). It names the caller's session or key, never carries it, and is re-checked
   * on use. One conversation: checked now too, so a link is never handed out for what
   * the caller cannot see.
   */
  async link(caller: Principal, target: TranscriptTarget, format: TranscriptFormat): Promise<{ url: string; expiresAt: string }> {
    if (caller.kind === 'visitor') throw new TranscriptError(403, 'transcripts are for agents and partner keys');
    if ('conversationId' in target) await this.conversations.get(caller, target.conversationId);
    const exp = Math.floor(Date.now() / 1000) + LINK_TTL_S;
    const payload: LinkPayload = {
      t: caller.tenantId,
      a: caller.kind === 'agent' ? { k: 'agent', s: caller.sessionId } : { k: 'partner', i: caller.keyId },
      f: format,
      ...('conversationId' in target ? { c: target.conversationId } : { q: target.filter }),
      exp,
    };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    const token = `${body}.${await this.sign(caller.tenantId, body, true)}`;
    const path = 'conversationId' in target ? `/transcripts/${target.conversationId}.${format}` : `/transcripts.${format}`;
    return { url: `${path}?token=${token}`, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** Checks a link token against the path it is used on, and who it acts for. */
  async resolveLink(token: string, use: { conversationId?: string; format: TranscriptFormat }): Promise<{ caller: Principal; target: TranscriptTarget }> {
    const invalid = () => new TranscriptError(403, 'the link is not valid');
    const [body, sig] = token.split('.');
    if (!body || !sig) throw invalid();
    let payload: LinkPayload;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as LinkPayload;
    } catch {
      throw invalid();
    }
    if (!payload || typeof payload.t !== 'string' || !Types.ObjectId.isValid(payload.t) || !Number.isSafeInteger(payload.exp)) throw invalid();
    const expected = await this.sign(payload.t, body, false);
    if (!expected || expected.length !== sig.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(sig))) throw invalid();
    if (payload.exp < Date.now() / 1000) throw new TranscriptError(403, 'the link has expired; ask for a new one');
    if (payload.f !== use.format || (payload.c ?? null) !== (use.conversationId ?? null)) throw invalid();
    const caller = await this.actor(payload.t, payload.a);
    return { caller, target: payload.c ? { conversationId: payload.c } : { filter: payload.q ?? {} } };
  }

  private async actor(tenantId: string, actor: LinkActor): Promise<Principal> {
    const gone = () => new TranscriptError(401, 'the session behind this link has ended; sign in again');
    if (actor.k === 'partner') {
      const key = await this.models.ApiKey.findOne({ tenantId, _id: actor.i, revokedAt: null }).lean();
      if (!key) throw gone();
      return { kind: 'partner', tenantId, keyId: String(key._id), permissions: key.scopes as Permission[] };
    }
    const session = await this.models.Session.findOne({ tenantId, _id: actor.s }).lean();
    if (!session || session.expiresAt <= new Date()) throw gone();
    const agent = await this.models.Agent.findOne({ tenantId, _id: session.agentId, disabledAt: null }).select({ role: 1, name: 1 }).lean();
    if (!agent) throw gone();
    return {
      kind: 'agent',
      tenantId,
      agentId: String(session.agentId),
      name: agent.name,
      sessionId: String(session._id),
      role: agent.role,
      permissions: rolePermissions[agent.role],
      expiresAt: session.expiresAt,
    };
  }

  /** HMAC with a key derived from the tenant's link secret (the one file links use), kept apart by its label. */
  private async sign(tenantId: string, body: string, create: boolean): Promise<string | null> {
    let key = this.secrets.get(tenantId);
    if (!key) {
      const read = async () => (await this.models.Tenant.findOne({ _id: tenantId }).select({ fileLinkSecret: 1 }).lean())?.fileLinkSecret ?? null;
      let secret = await read();
      if (!secret && create) {
        await this.models.Tenant.updateOne({ _id: tenantId, fileLinkSecret: null }, { $set: { fileLinkSecret: randomToken() } });
        secret = await read();
      }
      if (!secret) return null;
      key = createHmac('sha256', secret).update('deskkit transcript links').digest();
      this.secrets.set(tenantId, key);
    }
    return createHmac('sha256', key).update(body).digest('base64url');
  }
}

async function* oneView(view: ConversationView) {
  yield view;
}

type Row = Record<string, any>;

/** Conversations grouped so each group holds at most MESSAGE_PAGE messages (by `lastSeq`), or is one conversation. */
async function* batches(views: AsyncIterable<ConversationView>): AsyncGenerator<ConversationView[]> {
  let batch: ConversationView[] = [];
  let messages = 0;
  for await (const view of views) {
    if (batch.length && (messages + view.lastSeq > MESSAGE_PAGE || batch.length >= CONVERSATION_PAGE)) {
      yield batch;
      batch = [];
      messages = 0;
    }
    batch.push(view);
    messages += view.lastSeq;
  }
  if (batch.length) yield batch;
}

/**
 * The queue search works for agents; a partner key with `conversations:read` sees the
 * whole tenant, as a supervisor does, so it searches as one (no agent of its own).
 */
function searcherOf(caller: Exclude<Principal, { kind: 'visitor' }>): AgentPrincipal {
  if (caller.kind === 'agent') return caller;
  return {
    kind: 'agent',
    tenantId: caller.tenantId,
    agentId: '000000000000000000000000',
    name: '',
    sessionId: '',
    role: 'supervisor',
    permissions: ['conversations:read', 'conversations:supervise'],
    expiresAt: new Date(8.64e15),
  };
}
