import { Types } from 'mongoose';
import type { Models } from '../models/index.js';
import type { CsatMetric } from '../schemas/metrics.js';
import { SCALE_MAX } from '../schemas/surveys.js';
import type {
  AnswerSurveyInput,
  SurveyQuestion,
  SurveyResults,
  SurveyResultsInput,
  SurveyTextAnswerPage,
  SurveyTextAnswersInput,
  SurveyView,
  UpdateSurveyInput,
  VisitorSurveyView,
} from '../schemas/surveys.js';
import { conflict } from './conversations.js';
import { invalidField, notFound } from './errors.js';
import { responsesFilter, SurveyResultsReader } from './survey-results.js';
import type { VisitorPrincipal } from './principal.js';

type Row = Record<string, any>;
const oid = (id: string) => new Types.ObjectId(id);

/** What a tenant that never set up its survey has: the standard CSAT question, switched off. */
export const DEFAULT_SURVEY: Omit<SurveyView, 'updatedAt'> = {
  enabled: false,
  ratingQuestion: 'How would you rate the help you received?',
  questions: [],
  thankYou: 'Thank you for your feedback!',
};

/** A rating of 4 or 5 counts as satisfied (the usual CSAT definition). */
export const isGood = (rating: number) => rating >= 4;

/**
 * Post-chat satisfaction surveys: the tenant's survey, the customer's one answer per
 * closed conversation (an upsert keyed by conversation), and CSAT over answers.
 * Answers are attributed to the conversation's department and assignee at close.
 */
export class SurveyService {
  private readonly reader: SurveyResultsReader;

  constructor(private readonly models: Models) {
    this.reader = new SurveyResultsReader(models);
  }

  async get(tenantId: string): Promise<SurveyView> {
    const row = await this.models.Survey.findOne({ tenantId }).lean<Row>();
    if (!row) return { ...DEFAULT_SURVEY, updatedAt: null };
    return {
      enabled: Boolean(row.enabled),
      ratingQuestion: row.ratingQuestion,
      questions: (row.questions ?? []) as SurveyQuestion[],
      thankYou: row.thankYou,
      updatedAt: row.updatedAt ? new Date(row.updatedAt).toISOString() : null,
    };
  }

  async update(tenantId: string, input: UpdateSurveyInput): Promise<SurveyView> {
    await this.models.Survey.updateOne(
      { tenantId },
      { $set: { ...input }, $setOnInsert: { tenantId: oid(tenantId) } },
      { upsert: true },
    );
    return this.get(tenantId);
  }

  /** Switches the standard survey on for a tenant that has none (the demo); an existing one is left as is. */
  async ensureDefault(tenantId: string): Promise<void> {
    const { enabled: _off, ...rest } = DEFAULT_SURVEY;
    await this.models.Survey.updateOne({ tenantId }, { $setOnInsert: { tenantId: oid(tenantId), ...rest, enabled: true } }, { upsert: true });
  }

  /** The survey for the visitor's own closed web chat; null while open or when surveys are off. */
  async forVisitor(caller: VisitorPrincipal, conversationId: string): Promise<VisitorSurveyView | null> {
    const conversation = await this.ownConversation(caller, conversationId);
    if (conversation.status !== 'closed') return null;
    const answered = await this.models.SurveyResponse.exists({ tenantId: caller.tenantId, conversationId: conversation._id });
    const survey = await this.get(caller.tenantId);
    if (!survey.enabled && !answered) return null;
    return { conversationId, ratingQuestion: survey.ratingQuestion, questions: survey.questions, thankYou: survey.thankYou, answered: Boolean(answered) };
  }

  /** The customer answers once; a second answer is a CONFLICT. Stored before it is acknowledged. */
  async answer(caller: VisitorPrincipal, input: AnswerSurveyInput): Promise<VisitorSurveyView> {
    const conversation = await this.ownConversation(caller, input.conversationId);
    if (conversation.status !== 'closed') throw conflict('the survey opens when the chat has ended');
    const survey = await this.get(caller.tenantId);
    if (!survey.enabled) throw conflict('surveys are switched off');
    const answers = checkAnswers(survey.questions, input.answers);
    const { upsertedCount } = await this.models.SurveyResponse.updateOne(
      { tenantId: caller.tenantId, conversationId: conversation._id },
      {
        $setOnInsert: {
          tenantId: oid(caller.tenantId),
          conversationId: conversation._id,
          customerId: conversation.customerId,
          agentId: conversation.assigneeId ?? null,
          departmentId: conversation.departmentId ?? null,
          closedAt: conversation.closedAt ?? new Date(),
          rating: input.rating,
          answers,
          comment: input.comment || null,
          answeredAt: new Date(),
        },
      },
      { upsert: true },
    );
    if (!upsertedCount) throw conflict('this survey has already been answered');
    return { conversationId: input.conversationId, ratingQuestion: survey.ratingQuestion, questions: survey.questions, thankYou: survey.thankYou, answered: true };
  }

  /** Answers for chats closed in `[from, to)`, optionally one department or agent: CSAT, comments and each question's results. */
  async results(tenantId: string, input: SurveyResultsInput): Promise<SurveyResults> {
    return this.reader.results(tenantId, input, (await this.get(tenantId)).questions);
  }

  /** More answers to a text question of the current survey (NOT_FOUND for any other). */
  async textAnswers(tenantId: string, input: SurveyTextAnswersInput): Promise<SurveyTextAnswerPage> {
    const question = (await this.get(tenantId)).questions.find((q) => q.id === input.questionId);
    if (question?.kind !== 'text') throw notFound('text question');
    return this.reader.textAnswers(tenantId, input);
  }

  /**
   * The CSAT of metrics.summary, over all the answers and per department and agent (as
   * attributed at close; `null` keys: none), in one aggregation. `null` without answers.
   */
  async csat(tenantId: string, input: SurveyResultsInput): Promise<CsatBreakdown> {
    const group = (key: string | null) => ({
      $group: { _id: key, responses: { $sum: 1 }, good: { $sum: { $cond: [{ $gte: ['$rating', 4] }, 1, 0] } } },
    });
    const [facets] = await this.models.SurveyResponse.aggregate<Row>([
      { $match: responsesFilter(tenantId, input) },
      { $facet: { total: [group(null)], departments: [group('$departmentId')], agents: [group('$agentId')] } },
    ]);
    const byId = (rows: Row[] = []) => new Map(rows.map((row) => [row._id ? String(row._id) : null, csatOf(row)]));
    return { total: csatOf(facets?.total?.[0]), departments: byId(facets?.departments), agents: byId(facets?.agents) };
  }

  /** The visitor's own web chat; anything else is NOT_FOUND. */
  private async ownConversation(caller: VisitorPrincipal, conversationId: string): Promise<Row> {
    const row = await this.models.Conversation.findOne({ tenantId: caller.tenantId, _id: conversationId, customerId: caller.customerId, channel: 'web' }).lean<Row>();
    if (!row) throw notFound('conversation');
    return row;
  }
}

/** CSAT over all the answers of a period, and per department and agent id (`null`: none). */
export interface CsatBreakdown {
  total: CsatMetric;
  departments: Map<string | null, CsatMetric>;
  agents: Map<string | null, CsatMetric>;
}

function csatOf(row: Row | undefined): CsatMetric {
  if (!row?.responses) return null;
  return { score: Math.round((row.good / row.responses) * 100), responses: row.responses, good: row.good, bad: row.responses - row.good };
}

/** Keeps answers to known questions only; required ones must be there, choices must be one of the options. */
function checkAnswers(questions: SurveyQuestion[], given: Record<string, string>): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const id of Object.keys(given)) {
    if (!questions.some((q) => q.id === id)) throw invalidField(`answers.${id}`, 'unknown question');
  }
  for (const q of questions) {
    const value = given[q.id]?.trim() ?? '';
    if (!value) {
      if (q.required) throw invalidField(`answers.${q.id}`, 'is required');
      continue;
    }
    if (q.kind === 'choice' && !q.options.includes(value)) throw invalidField(`answers.${q.id}`, 'must be one of the options');
    if (q.kind === 'scale' && !(/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= SCALE_MAX)) {
      throw invalidField(`answers.${q.id}`, `must be 1 to ${SCALE_MAX}`);
    }
    answers[q.id] = value;
  }
  return answers;
}
