import type { Models } from '../../models/index.js';
import { placeholderPattern } from '../../schemas/canned-replies.js';
import { Bm25Index, type Bm25Hit } from './bm25.js';
import { tokenize } from './tokenize.js';

/**
 * What suggestions are ranked from, per tenant:
 * - `canned`: the tenant's canned replies (title, shortcut and body);
 * - `history`: past agent answers, each paired with the customer message(s) it answered,
 *   from the tenant's own closed or solved conversations.
 *
 * Privacy choice (conservative): a past answer is only offered in conversations of the
 * same department as the one it came from (a tenant-wide conversation: tenant-wide ones),
 * answers that carry an email address, a phone number or a long number (orders, cards,
 * accounts: most likely about that customer) are left out, and the past customer's and
 * agent's first names are replaced by the current ones when suggested.
 */
export interface CorpusDoc {
  id: string;
  source: 'canned' | 'history';
  departmentId: string | null;
  /** The canned reply's id, or the answering message's. */
  refId: string;
  /** The answer as written (canned: placeholders unfilled). */
  text: string;
  title: string | null;
  /** History: the first names to replace with the current conversation's. */
  customerFirstName?: string;
  agentFirstName?: string;
}

export interface CorpusOptions {
  /** How often a tenant's index picks up changed conversations and canned replies. */
  refreshMs: number;
  /** How often it is rebuilt from scratch (drops reopened conversations, re-applies limits). */
  rebuildMs: number;
  /** Tenants kept in memory (least recently used first out). */
  maxTenants: number;
  /** Newest closed conversations read per tenant. */
  maxConversations: number;
  /** Documents per tenant. */
  maxDocs: number;
}

const defaults: CorpusOptions = { refreshMs: 5_000, rebuildMs: 10 * 60_000, maxTenants: 100, maxConversations: 5_000, maxDocs: 20_000 };
const MAX_ANSWER = 2_000;
const MAX_QUESTION_PARTS = 3;
const BATCH = 200;
/** Clock slack when asking for what changed since the last sync. */
const SKEW_MS = 2_000;
const SENSITIVE = [/[^\s@]+@[^\s@]+\.[^\s@]+/, /\+?\d[\d\s().-]{7,}\d/, /\d{6,}/];

type Row = Record<string, any>;
const idOf = (value: unknown) => (value ? String(value) : null);
const firstName = (name: unknown) => String(name ?? '').trim().split(/\s+/)[0] ?? '';

class TenantCorpus {
  readonly index = new Bm25Index({ k1: 1.2, b: 0.75 });
  readonly docs = new Map<string, CorpusDoc>();
  /** conversation id → its history documents. */
  readonly byConversation = new Map<string, string[]>();
  builtAt = 0;
  checkedAt = 0;
  /** Changes at or after this were looked at. */
  syncedFrom = new Date(0);

  put(doc: CorpusDoc, terms: string[]): void {
    if (!terms.length) return;
    this.docs.set(doc.id, doc);
    this.index.add(doc.id, terms);
  }

  drop(id: string): void {
    this.docs.delete(id);
    this.index.remove(id);
  }

  dropConversation(conversationId: string): void {
    for (const id of this.byConversation.get(conversationId) ?? []) this.drop(id);
    this.byConversation.delete(conversationId);
  }
}

/** Per-tenant BM25 indexes of canned replies and past answers, built lazily and kept fresh. */
export class SuggestionCorpus {
  private readonly options: CorpusOptions;
  private readonly tenants = new Map<string, TenantCorpus>();
  /** One build or sync per tenant at a time. */
  private readonly pending = new Map<string, Promise<TenantCorpus>>();

  constructor(
    private readonly models: Models,
    options: Partial<CorpusOptions> = {},
  ) {
    this.options = { ...defaults, ...options };
  }

  /**
   * The tenant's best documents for a query, best first, among those `accept` allows.
   * Only documents sharing a term with the query are returned.
   */
  async search(tenantId: string, query: string, limit: number, accept: (doc: CorpusDoc) => boolean): Promise<Array<Bm25Hit & { doc: CorpusDoc }>> {
    const terms = tokenize(query);
    if (!terms.length) return [];
    const corpus = await this.corpus(tenantId);
    return corpus.index
      .search(terms, limit, (id) => accept(corpus.docs.get(id)!))
      .map((hit) => ({ ...hit, doc: corpus.docs.get(hit.id)! }));
  }

  /** What is held in memory: the tenants indexed, and a tenant's document count (`null`: not loaded). */
  stats(tenantId: string): { tenants: number; docs: number | null } {
    return { tenants: this.tenants.size, docs: this.tenants.get(tenantId)?.docs.size ?? null };
  }

  /** Forgets a tenant's index (the next search rebuilds it). */
  invalidate(tenantId: string): void {
    this.tenants.delete(tenantId);
  }

  private async corpus(tenantId: string): Promise<TenantCorpus> {
    const running = this.pending.get(tenantId);
    if (running) return running;
    const now = Date.now();
    const current = this.tenants.get(tenantId);
    if (current && now - current.checkedAt < this.options.refreshMs) {
      this.touch(tenantId, current);
      return current;
    }
    const work = (async () => {
      const stale = !current || now - current.builtAt >= this.options.rebuildMs || current.docs.size > this.options.maxDocs;
      const corpus = stale ? await this.build(tenantId) : await this.sync(tenantId, current);
      this.touch(tenantId, corpus);
      return corpus;
    })().finally(() => this.pending.delete(tenantId));
    this.pending.set(tenantId, work);
    return work;
  }

  private touch(tenantId: string, corpus: TenantCorpus): void {
    this.tenants.delete(tenantId);
    this.tenants.set(tenantId, corpus);
    while (this.tenants.size > this.options.maxTenants) this.tenants.delete(this.tenants.keys().next().value!);
  }

  private async build(tenantId: string): Promise<TenantCorpus> {
    const corpus = new TenantCorpus();
    const startedAt = new Date();
    await this.loadCanned(tenantId, corpus, null);
    const conversations = await this.models.Conversation.find({ tenantId, status: { $in: ['closed', 'solved'] } })
      .sort({ updatedAt: -1, _id: -1 })
      .limit(this.options.maxConversations)
      .select({ _id: 1, departmentId: 1, customerName: 1 })
      .lean();
    await this.loadHistory(tenantId, corpus, conversations);
    corpus.builtAt = corpus.checkedAt = startedAt.getTime();
    corpus.syncedFrom = new Date(startedAt.getTime() - SKEW_MS);
    return corpus;
  }

  /** Picks up canned replies and conversations changed since the last look. */
  private async sync(tenantId: string, corpus: TenantCorpus): Promise<TenantCorpus> {
    const startedAt = new Date();
    const since = corpus.syncedFrom;
    await this.loadCanned(tenantId, corpus, since);
    const changed = await this.models.Conversation.find({ tenantId, updatedAt: { $gte: since } })
      .select({ _id: 1, departmentId: 1, customerName: 1, status: 1 })
      .lean();
    for (const row of changed) corpus.dropConversation(String(row._id));
    await this.loadHistory(
      tenantId,
      corpus,
      changed.filter((row) => row.status === 'closed' || row.status === 'solved'),
    );
    corpus.checkedAt = startedAt.getTime();
    corpus.syncedFrom = new Date(startedAt.getTime() - SKEW_MS);
    return corpus;
  }

  /** All canned replies (`since: null`), or those changed since then plus dropping removed ones. */
  private async loadCanned(tenantId: string, corpus: TenantCorpus, since: Date | null): Promise<void> {
    if (since) {
      const ids = new Set((await this.models.CannedReply.find({ tenantId }).select({ _id: 1 }).lean()).map((row) => `c:${row._id}`));
      for (const [id, doc] of corpus.docs) if (doc.source === 'canned' && !ids.has(id)) corpus.drop(id);
    }
    const rows = await this.models.CannedReply.find({ tenantId, ...(since ? { updatedAt: { $gte: since } } : {}) })
      .limit(this.options.maxDocs)
      .lean();
    for (const row of rows) {
      const id = `c:${row._id}`;
      const words = `${row.title} ${row.shortcut.replace(/[-_]/g, ' ')} ${row.body.replace(placeholderPattern, ' ')}`;
      corpus.drop(id);
      corpus.put({ id, source: 'canned', refId: String(row._id), departmentId: idOf(row.departmentId), text: row.body, title: row.title }, tokenize(words));
    }
  }

  /** Pairs each agent text answer with the customer text messages just before it. */
  private async loadHistory(tenantId: string, corpus: TenantCorpus, conversations: Row[]): Promise<void> {
    for (let i = 0; i < conversations.length && corpus.docs.size < this.options.maxDocs; i += BATCH) {
      const batch = conversations.slice(i, i + BATCH);
      const messages = await this.models.Message.find({ tenantId, conversationId: { $in: batch.map((row) => row._id) }, authorKind: { $in: ['customer', 'agent'] } })
        .sort({ conversationId: 1, seq: 1 })
        .select({ _id: 1, conversationId: 1, seq: 1, authorKind: 1, authorName: 1, kind: 1, body: 1 })
        .lean();
      const grouped = new Map<string, Row[]>();
      for (const message of messages) {
        const key = String(message.conversationId);
        if (!grouped.has(key)) grouped.set(key, []);
        grouped.get(key)!.push(message);
      }
      // Newest conversations first, so the cap keeps the most recent answers.
      for (const conversation of batch) {
        const conversationId = String(conversation._id);
        const rows = grouped.get(conversationId) ?? [];
        const ids: string[] = [];
        let question: string[] = [];
        for (const message of rows.sort((a, b) => a.seq - b.seq)) {
          const text = message.kind === 'text' ? String(message.body ?? '').trim() : '';
          if (message.authorKind === 'customer') {
            if (text) question = [...question, text].slice(-MAX_QUESTION_PARTS);
            continue;
          }
          // An agent message answers what the customer asked since the previous one.
          if (question.length && usableAnswer(text) && corpus.docs.size < this.options.maxDocs) {
            const id = `h:${message._id}`;
            corpus.put(
              {
                id,
                source: 'history',
                refId: String(message._id),
                departmentId: idOf(conversation.departmentId),
                text,
                title: null,
                customerFirstName: firstName(conversation.customerName),
                agentFirstName: firstName(message.authorName),
              },
              [...tokenize(question.join('\n')), ...tokenize(text)],
            );
            ids.push(id);
          }
          question = [];
        }
        if (ids.length) corpus.byConversation.set(conversationId, ids);
      }
    }
  }
}

/** A past answer worth offering again: some words, not too long, nothing about one customer. */
function usableAnswer(text: string): boolean {
  return text.length >= 8 && text.length <= MAX_ANSWER && tokenize(text).length >= 2 && !SENSITIVE.some((pattern) => pattern.test(text));
}
