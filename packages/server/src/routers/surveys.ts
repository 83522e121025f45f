import { surveyResultsSchema, surveyTextAnswersSchema, updateSurveySchema } from '../schemas/surveys.js';
import { adminProcedure, agentProcedure, router, supervisorProcedure } from '../trpc.js';

/** The tenant's post-chat CSAT survey and its results. Customers answer through `webchat.answerSurvey`. */
export const surveysRouter = router({
  get: agentProcedure.query(({ ctx }) => ctx.desk.surveys.get(ctx.principal.tenantId)),
  update: adminProcedure.input(updateSurveySchema).mutation(({ ctx, input }) => ctx.desk.surveys.update(ctx.principal.tenantId, input)),
  /**
   * Responses, CSAT (share of 4–5 ratings), distribution and recent comments for chats closed
   * in the period, and each question's results: scale distribution and mean, choice counts,
   * the newest text answers.
   */
  results: supervisorProcedure.input(surveyResultsSchema).query(({ ctx, input }) => ctx.desk.surveys.results(ctx.principal.tenantId, input)),
  /** More answers to one text question, newest first (`nextCursor` pages on). */
  textAnswers: supervisorProcedure
    .input(surveyTextAnswersSchema)
    .query(({ ctx, input }) => ctx.desk.surveys.textAnswers(ctx.principal.tenantId, input)),
});
