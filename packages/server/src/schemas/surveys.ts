import { z } from 'zod';
import { objectIdSchema } from './common.js';

/** At most this many extra questions after the 1–5 rating. */
export const MAX_SURVEY_QUESTIONS = 5;

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

export const surveyResultsSchema = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    departmentId: objectIdSchema.optional(),
    agentId: objectIdSchema.optional(),
  })
  .refine((v) => Date.parse(v.to) > Date.parse(v.from), { path: ['to'], message: 'must be after from' });
export type SurveyResultsInput = z.infer<typeof surveyResultsSchema>;

export interface SurveyComment {
  conversationId: string;
  rating: number;
  comment: string;
  agentId: string | null;
  agentName: string | null;
  closedAt: string;
}

export interface SurveyResults {
  responses: number;
  /** Share of 4–5 ratings, 0–100 (rounded); null without responses. */
  csat: number | null;
  /** Count of each rating: index 0 is 1 star … index 4 is 5 stars. */
  distribution: [number, number, number, number, number];
  /** Newest first, at most 20. */
  comments: SurveyComment[];
}
