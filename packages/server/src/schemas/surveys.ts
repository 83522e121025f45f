import { z } from 'zod';
import { objectIdSchema } from './common.js';

/** At most this many extra questions after the 1–5 rating. */
export const MAX_SURVEY_QUESTIONS = 5;

/** The answers a `scale` question offers: 1 (worst) … 5 (best). */
export const SCALE_MAX = 5;

const questionIdSchema = z.string().trim().regex(/^[a-z0-9-]{1,40}$/i, 'must be 1-40 letters, digits or dashes');

const questionSchema = z.discriminatedUnion('kind', [
  z.object({
    id: questionIdSchema,
    kind: z.literal('text'),
    label: z.string().trim().min(1).max(200),
    required: z.boolean().default(false),
  }),
  z.object({
    id: questionIdSchema,
    kind: z.literal('choice'),
    label: z.string().trim().min(1).max(200),
    required: z.boolean().default(false),
    options: z.array(z.string().trim().min(1).max(100)).min(2).max(10),
  }),
  /** A 1–5 rating of something else (e.g. "How easy was it to reach us?"); answered as "1" … "5". */
  z.object({
    id: questionIdSchema,
    kind: z.literal('scale'),
    label: z.string().trim().min(1).max(200),
    required: z.boolean().default(false),
  }),
]);
export type SurveyQuestion = z.infer<typeof questionSchema>;

/** The tenant's post-chat survey: a 1–5 CSAT rating, optional questions, a thank-you. */
export const updateSurveySchema = z
  .object({
    enabled: z.boolean(),
    ratingQuestion: z.string().trim().min(1).max(200),
    questions: z.array(questionSchema).max(MAX_SURVEY_QUESTIONS).default([]),
    thankYou: z.string().trim().min(1).max(500),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.questions.forEach((q, i) => {
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: 'must be unique' });
      seen.add(q.id);
    });
  });
export type UpdateSurveyInput = z.infer<typeof updateSurveySchema>;

export interface SurveyView {
  enabled: boolean;
  ratingQuestion: string;
  questions: SurveyQuestion[];
  thankYou: string;
  updatedAt: string | null;
}

/** What the customer gets after their chat closes. */
export interface VisitorSurveyView {
  conversationId: string;
  ratingQuestion: string;
  questions: SurveyQuestion[];
  thankYou: string;
  /** Once answered the survey is not shown again. */
  answered: boolean;
}

export const answerSurveySchema = z.object({
  conversationId: objectIdSchema,
  rating: z.number().int().min(1, 'must be 1 to 5').max(5, 'must be 1 to 5'),
  /** Question id → answer text (or the chosen option). Keys are question ids: no `$` or `.`. */
  answers: z.record(questionIdSchema, z.string().trim().max(1000)).default({}),
  comment: z.string().trim().max(2000).optional(),
});
export type AnswerSurveyInput = z.infer<typeof answerSurveySchema>;

const resultsFilter = z.object({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  departmentId: objectIdSchema.optional(),
  agentId: objectIdSchema.optional(),
});
const toAfterFrom = (v: { from: string; to: string }) => Date.parse(v.to) > Date.parse(v.from);

export const surveyResultsSchema = resultsFilter.refine(toAfterFrom, { path: ['to'], message: 'must be after from' });
export type SurveyResultsInput = z.infer<typeof surveyResultsSchema>;

/** More answers to one text question, newest first, a keyset page at a time. */
export const surveyTextAnswersSchema = resultsFilter
  .extend({
    questionId: questionIdSchema,
    cursor: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(50).default(10),
  })
  .refine(toAfterFrom, { path: ['to'], message: 'must be after from' });
export type SurveyTextAnswersInput = z.infer<typeof surveyTextAnswersSchema>;

export interface SurveyComment {
  conversationId: string;
  rating: number;
  comment: string;
  agentId: string | null;
  agentName: string | null;
  closedAt: string;
}

/** One answer to a text question. */
export interface SurveyTextAnswer {
  conversationId: string;
  answer: string;
  rating: number;
  agentName: string | null;
  closedAt: string;
}

export interface SurveyTextAnswerPage {
  items: SurveyTextAnswer[];
  /** For `surveys.textAnswers`; null on the last page. */
  nextCursor: string | null;
}

interface QuestionResultBase {
  id: string;
  label: string;
  /** Responses that answered it. */
  answered: number;
}

/** What customers answered to each of the survey's current questions. */
export type SurveyQuestionResult =
  | (QuestionResultBase & {
      kind: 'scale';
      /** Count of each answer: index 0 is 1 … index 4 is 5. */
      distribution: number[];
      /** Two decimals; null when unanswered. */
      mean: number | null;
    })
  | (QuestionResultBase & {
      kind: 'choice';
      /** Every option in the survey's order, then any no longer offered that were chosen. */
      counts: Array<{ option: string; count: number }>;
    })
  | (QuestionResultBase & { kind: 'text'; recent: SurveyTextAnswerPage });

export interface SurveyResults {
  responses: number;
  /** Share of 4–5 ratings, 0–100 (rounded); null without responses. */
  csat: number | null;
  /** Count of each rating: index 0 is 1 star … index 4 is 5 stars. */
  distribution: [number, number, number, number, number];
  /** Newest first, at most 20. */
  comments: SurveyComment[];
  /** One per question of the current survey, in its order. */
  questions: SurveyQuestionResult[];
}
