import { Types } from 'mongoose';
import type { Models } from '../models/index.js';
import {
  SCALE_MAX,
  type SurveyComment,
  type SurveyQuestion,
  type SurveyQuestionResult,
  type SurveyResults,
  type SurveyResultsInput,
  type SurveyTextAnswerPage,
  type SurveyTextAnswersInput,
} from '../schemas/surveys.js';
import { decodeDateCursor, encodeDateCursor } from './date-cursor.js';

type Row = Record<string, any>;
const oid = (id: string) => new Types.ObjectId(id);
const COMMENTS = 20;
/** Text answers shown with the results; `surveys.textAnswers` pages through the rest. */
const RECENT_TEXT_ANSWERS = 5;

/** Survey answers for chats closed in `[from, to)`, optionally of one department or agent. */
export function responsesFilter(tenantId: string, input: Pick<SurveyResultsInput, 'from' | 'to' | 'departmentId' | 'agentId'>): Row {
  const filter: Row = { tenantId: oid(tenantId), closedAt: { $gte: new Date(input.from), $lt: new Date(input.to) } };
  if (input.departmentId) filter.departmentId = oid(input.departmentId);
  if (input.agentId) filter.agentId = oid(input.agentId);
  return filter;
}

const answerPath = (questionId: string) => `answers.${questionId}`;

/**
 * Survey results computed by the database: one aggregation counts the ratings and each
 * scale or choice question's answers (`$facet` of `$group`s, a handful of rows each);
 * comments and text answers are read newest first, a bounded page at a time.
 */
export class SurveyResultsReader {
  constructor(private readonly models: Models) {}

  async results(tenantId: string, input: SurveyResultsInput, questions: SurveyQuestion[]): Promise<SurveyResults> {
    const filter = responsesFilter(tenantId, input);
    const perQuestion = Object.fromEntries(
      questions.map((q, i) => [
        `q${i}`,
        [
          { $match: { [answerPath(q.id)]: { $exists: true } } },
          // Text answers are only counted here; their values are paged separately.
          { $group: { _id: q.kind === 'text' ? null : `$${answerPath(q.id)}`, n: { $sum: 1 } } },
        ],
      ]),
    );
    const [facets] = await this.models.SurveyResponse.aggregate<Row>([
      { $match: filter },
      { $facet: { ratings: [{ $group: { _id: '$rating', n: { $sum: 1 } } }], ...perQuestion } },
    ]);

    const distribution: SurveyResults['distribution'] = [0, 0, 0, 0, 0];
    for (const row of facets?.ratings ?? []) if (row._id >= 1 && row._id <= 5) distribution[row._id - 1] = row.n;
    const responses = distribution.reduce((a, b) => a + b, 0);
    const good = distribution[3] + distribution[4];
    const [comments, questionResults] = await Promise.all([
      this.comments(tenantId, filter),
      Promise.all(questions.map((q, i) => this.questionResult(tenantId, input, q, facets?.[`q${i}`] ?? []))),
    ]);
    return {
      responses,
      csat: responses ? Math.round((good / responses) * 100) : null,
      distribution,
      comments,
      questions: questionResults,
    };
  }

  /** A text question's answers, newest first, one keyset page at a time. */
  async textAnswers(tenantId: string, input: Omit<SurveyTextAnswersInput, 'questionId'> & { questionId: string }): Promise<SurveyTextAnswerPage> {
    const filter: Row = { ...responsesFilter(tenantId, input), [answerPath(input.questionId)]: { $exists: true } };
    if (input.cursor) {
      const [at, id] = decodeDateCursor(input.cursor, 'not a cursor from these answers; start from the first page');
      filter.$or = [{ closedAt: { $lt: at } }, { closedAt: at, _id: { $lt: id } }];
    }
    const rows = await this.models.SurveyResponse.find(filter).sort({ closedAt: -1, _id: -1 }).limit(input.limit + 1).lean<Row[]>();
    const page = rows.slice(0, input.limit);
    const names = await this.agentNames(tenantId, page);
    const last = page.at(-1);
    return {
      items: page.map((row) => ({
        conversationId: String(row.conversationId),
        answer: String(row.answers?.[input.questionId] ?? ''),
        rating: row.rating,
        agentName: row.agentId ? (names.get(String(row.agentId)) ?? null) : null,
        closedAt: new Date(row.closedAt).toISOString(),
      })),
      nextCursor: rows.length > input.limit && last ? encodeDateCursor(last.closedAt, String(last._id)) : null,
    };
  }

  private async questionResult(tenantId: string, input: SurveyResultsInput, q: SurveyQuestion, rows: Row[]): Promise<SurveyQuestionResult> {
    const answered = rows.reduce((sum, row) => sum + row.n, 0);
    const base = { id: q.id, label: q.label, answered };
    if (q.kind === 'text') {
      return { ...base, kind: 'text', recent: await this.textAnswers(tenantId, { ...input, questionId: q.id, limit: RECENT_TEXT_ANSWERS }) };
    }
    if (q.kind === 'scale') {
      const distribution = Array.from({ length: SCALE_MAX }, () => 0);
      for (const row of rows) {
        const value = Number(row._id);
        if (Number.isInteger(value) && value >= 1 && value <= SCALE_MAX) distribution[value - 1] = row.n;
      }
      const counted = distribution.reduce((a, b) => a + b, 0);
      const mean = counted ? Math.round((distribution.reduce((sum, n, i) => sum + n * (i + 1), 0) / counted) * 100) / 100 : null;
      return { ...base, kind: 'scale', distribution, mean };
    }
    const byOption = new Map(rows.map((row) => [String(row._id), row.n as number]));
    const counts = q.options.map((option) => ({ option, count: byOption.get(option) ?? 0 }));
    const retired = [...byOption].filter(([option]) => !q.options.includes(option)).sort((a, b) => b[1] - a[1]);
    return { ...base, kind: 'choice', counts: [...counts, ...retired.map(([option, count]) => ({ option, count }))] };
  }

  private async comments(tenantId: string, filter: Row): Promise<SurveyComment[]> {
    const rows = await this.models.SurveyResponse.find({ ...filter, comment: { $nin: [null, ''] } })
      .sort({ closedAt: -1, _id: -1 })
      .limit(COMMENTS)
      .lean<Row[]>();
    const names = await this.agentNames(tenantId, rows);
    return rows.map((row) => ({
      conversationId: String(row.conversationId),
      rating: row.rating,
      comment: row.comment,
      agentId: row.agentId ? String(row.agentId) : null,
      agentName: row.agentId ? (names.get(String(row.agentId)) ?? null) : null,
      closedAt: new Date(row.closedAt).toISOString(),
    }));
  }

  private async agentNames(tenantId: string, rows: Row[]): Promise<Map<string, string>> {
    const ids = [...new Set(rows.map((row) => row.agentId).filter(Boolean).map(String))];
    if (!ids.length) return new Map();
    const agents = await this.models.Agent.find({ tenantId, _id: { $in: ids } }).select({ name: 1 }).lean<Row[]>();
    return new Map(agents.map((a) => [String(a._id), a.name as string]));
  }
}
