import { TRPCError } from '@trpc/server';
import escapeStringRegexp from 'escape-string-regexp';
import { Types } from 'mongoose';
import type { Logger } from '../../logger.js';
import type { Models } from '../../models/index.js';
import type { ConfigureLlmInput, SuggestionSource } from '../../schemas/suggestions.js';
import type { CannedReplyService } from '../canned-replies.js';
import { assertReachable } from '../errors.js';
import type { ConversationService } from '../conversations.js';
import type { AgentPrincipal } from '../principal.js';
import type { CorpusDoc, SuggestionCorpus } from './corpus.js';
import type { LlmSuggester } from './llm.js';

/** One reply the agent may insert (and edit) before sending. */
export interface SuggestionView {
  /** `canned:<replyId>`, `history:<messageId>` or `llm`. */
  id: string;
  source: SuggestionSource;
  /** Ready to insert: canned placeholders filled, names made the current ones. */
  text: string;
  /** A canned reply's title. */
  title: string | null;
  /** BM25 score against the customer's latest messages; `null` for the LLM's. */
  score: number | null;
}

export interface ConversationSuggestions {
  conversationId: string;
  /** The customer message they answer (the newest), or `null` when there is nothing to answer. */
  basedOnSeq: number | null;
  suggestions: SuggestionView[];
  /** Whether the tenant's LLM is on (asked, unless the request said not to). */
  llm: boolean;
}

/** The LLM provider settings as admins see them: the key only as whether one is stored. */
export interface LlmSettingsView {
  enabled: boolean;
  baseUrl: string | null;
  model: string | null;
  hasApiKey: boolean;
  updatedAt: string | null;
}

const MAX_SUGGESTIONS = 3;
/** Candidates ranked before rendering and removing duplicates. */
const CANDIDATES = 12;
/** Hits far below the best are noise. */
const RELATIVE_FLOOR = 0.3;
/** Customer messages since the last agent reply that form the query. */
const QUERY_MESSAGES = 3;
/** Messages the LLM sees. */
const LLM_MESSAGES = 8;

const normalized = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? '';

/**
 * Suggested responses: while an agent reads a customer's message, up to three
 * replies ranked by BM25 from the tenant's canned replies and past answers, plus
 * (if the tenant enabled one) one from an OpenAI-compatible LLM.
 */
export class SuggestionService {
  constructor(
    private readonly models: Models,
    private readonly conversations: ConversationService,
    private readonly cannedReplies: CannedReplyService,
    private readonly corpus: SuggestionCorpus,
    private readonly llm: LlmSuggester,
    private readonly log: Logger,
  ) {}

  /** Suggestions for the customer's latest messages in a conversation the agent can see. */
  async forConversation(caller: AgentPrincipal, input: { conversationId: string; llm?: boolean }): Promise<ConversationSuggestions> {
    const { tenantId } = caller;
    const conversation = await this.conversations.get(caller, input.conversationId);
    const settings = await this.models.SuggestionSettings.findOne({ tenantId }).lean();
    const llm = settings?.llm?.enabled ? settings.llm : null;
    const none: ConversationSuggestions = { conversationId: conversation.id, basedOnSeq: null, suggestions: [], llm: Boolean(llm) };
    if (conversation.status === 'closed') return none;

    const recent = await this.models.Message.find({ tenantId, conversationId: conversation.id, authorKind: { $in: ['customer', 'agent'] } })
      .sort({ seq: -1 })
      .limit(LLM_MESSAGES * 2)
      .select({ seq: 1, authorKind: 1, kind: 1, body: 1 })
      .lean();
    // The customer's messages since the agents last wrote, newest first.
    const asked: Array<{ seq: number; text: string }> = [];
    for (const message of recent) {
      if (message.authorKind === 'agent') break;
      const text = message.kind === 'text' ? (message.body ?? '').trim() : '';
      if (text) asked.push({ seq: message.seq, text });
      if (asked.length === QUERY_MESSAGES) break;
    }
    if (!asked.length) return none;
    const question = asked.map((m) => m.text).reverse().join('\n');

    const departmentId = conversation.departmentId;
    const hits = await this.corpus.search(tenantId, question, CANDIDATES, (doc) =>
      doc.source === 'canned' ? doc.departmentId === null || doc.departmentId === departmentId : doc.departmentId === departmentId,
    );
    const best = hits[0]?.score ?? 0;
    const agentName = (await this.models.Agent.findOne({ tenantId, _id: caller.agentId }).select({ name: 1 }).lean())?.name ?? '';

    const local: SuggestionView[] = [];
    const seen = new Set<string>();
    for (const hit of hits) {
      if (local.length === MAX_SUGGESTIONS || hit.score < best * RELATIVE_FLOOR) break;
      const view = await this.view(caller, conversation.id, hit.doc, hit.score, { customer: firstName(conversation.customer.name), agent: firstName(agentName) });
      if (!view || seen.has(normalized(view.text))) continue;
      seen.add(normalized(view.text));
      local.push(view);
    }

    const fromLlm = llm && input.llm !== false ? await this.askLlm(tenantId, llm, recent, local) : null;
    const suggestions = fromLlm && !seen.has(normalized(fromLlm)) ? [{ id: 'llm', source: 'llm' as const, text: fromLlm, title: null, score: null }, ...local] : local;
    return { conversationId: conversation.id, basedOnSeq: asked[0]!.seq, suggestions: suggestions.slice(0, MAX_SUGGESTIONS), llm: Boolean(llm) };
  }

  private async view(caller: AgentPrincipal, conversationId: string, doc: CorpusDoc, score: number, names: { customer: string; agent: string }): Promise<SuggestionView | null> {
    const rounded = Math.round(score * 1000) / 1000;
    if (doc.source === 'canned') {
      try {
        const rendered = await this.cannedReplies.render(caller, { id: doc.refId, conversationId });
        return { id: `canned:${doc.refId}`, source: 'canned', text: rendered.body, title: rendered.title, score: rounded };
      } catch (err) {
        // Removed since the index last looked.
        if (err instanceof TRPCError && err.code === 'NOT_FOUND') return null;
        throw err;
      }
    }
    let text = doc.text;
    text = swapName(text, doc.customerFirstName, names.customer);
    text = swapName(text, doc.agentFirstName, names.agent);
    return { id: `history:${doc.refId}`, source: 'history', text, title: null, score: rounded };
  }

  /** The tenant's LLM's suggestion, or `null` (it failed). */
  private async askLlm(
    tenantId: string,
    llm: { baseUrl: string; model: string; apiKey?: string | null },
    recent: Array<Record<string, any>>,
    local: SuggestionView[],
  ): Promise<string | null> {
    const messages = recent
      .filter((m) => m.kind === 'text' && (m.body ?? '').trim())
      .slice(0, LLM_MESSAGES)
      .reverse()
      .map((m) => ({ author: m.authorKind as 'customer' | 'agent', text: String(m.body).trim() }));
    return this.llm.suggest(tenantId, { baseUrl: llm.baseUrl, model: llm.model, apiKey: llm.apiKey ?? null }, { messages, references: local.map((s) => s.text) });
  }

  // ---- admin: the LLM provider ----

  async llmSettings(tenantId: string): Promise<LlmSettingsView> {
    const row = await this.models.SuggestionSettings.findOne({ tenantId }).lean();
    return settingsView(row);
  }

  /** Stores the provider; the API key is kept unless given (`null` removes it). */
  async configureLlm(caller: AgentPrincipal, input: ConfigureLlmInput): Promise<LlmSettingsView> {
    const { tenantId } = caller;
    await assertReachable(this.llm, 'baseUrl', input.baseUrl);
    const set: Record<string, unknown> = {
      'llm.enabled': input.enabled,
      'llm.baseUrl': input.baseUrl,
      'llm.model': input.model,
      updatedBy: new Types.ObjectId(caller.agentId),
    };
    if (input.apiKey !== undefined) set['llm.apiKey'] = input.apiKey;
    await this.models.SuggestionSettings.updateOne(
      { tenantId },
      { $set: set, $setOnInsert: { tenantId: new Types.ObjectId(tenantId) } },
      { upsert: true },
    );
    this.log.info({ tenantId, baseUrl: input.baseUrl, model: input.model, enabled: input.enabled }, 'suggestion LLM configured');
    return this.llmSettings(tenantId);
  }
}

function settingsView(row: Record<string, any> | null): LlmSettingsView {
  return {
    enabled: Boolean(row?.llm?.enabled),
    baseUrl: row?.llm?.baseUrl ?? null,
    model: row?.llm?.model ?? null,
    hasApiKey: Boolean(row?.llm?.apiKey),
    updatedAt: row?.updatedAt ? new Date(row.updatedAt).toISOString() : null,
  };
}

/** Replaces a past first name (whole word) with the current one; leaves the text alone when either is unknown. */
function swapName(text: string, from: string | undefined, to: string): string {
  if (!from || !to || from.length < 2 || from === to) return text;
  return text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeStringRegexp(from)}(?![\\p{L}\\p{N}])`, 'gu'), to);
}
