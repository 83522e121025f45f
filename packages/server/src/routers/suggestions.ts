import { configureLlmSchema, suggestionsForConversationSchema } from '../schemas/suggestions.js';
import { adminProcedure, agentProcedure, requirePermission, router } from '../trpc.js';

const canRead = agentProcedure.use(requirePermission('conversations:read'));

/**
 * Suggested responses. Agents get up to three replies for the customer's latest
 * messages in a conversation they can see; admins configure the optional LLM
 * provider (its API key is stored, never returned).
 */
export const suggestionsRouter = router({
  /** Up to three replies (canned, past answers, the LLM's) to insert and edit. */
  forConversation: canRead.input(suggestionsForConversationSchema).query(({ ctx, input }) => ctx.desk.suggestions.forConversation(ctx.principal, input)),
  /** The tenant's LLM provider: `hasApiKey` instead of the key. */
  llmSettings: adminProcedure.query(({ ctx }) => ctx.desk.suggestions.llmSettings(ctx.principal.tenantId)),
  configureLlm: adminProcedure.input(configureLlmSchema).mutation(({ ctx, input }) => ctx.desk.suggestions.configureLlm(ctx.principal, input)),
});
