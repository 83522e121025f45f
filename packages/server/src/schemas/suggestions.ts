import { z } from 'zod';
import { endpointSchema, objectIdSchema } from './common.js';

export const suggestionsForConversationSchema = z.object({
  conversationId: objectIdSchema,
  /**
   * Ask the tenant's LLM too (the default). `false` answers from the local ranking alone, at
   * once: a page shows those, then asks again with the LLM when the answer says it is on.
   */
  llm: z.boolean().default(true),
});
export type SuggestionsForConversationInput = z.infer<typeof suggestionsForConversationSchema>;

/** Where a suggestion came from. */
export const suggestionSources = ['canned', 'history', 'llm'] as const;
export type SuggestionSource = (typeof suggestionSources)[number];

/**
 * The tenant's LLM provider for suggestions: an OpenAI-compatible API at `baseUrl`
 * (https, or plain http on this machine only). `apiKey`: left out keeps the stored
 * one, `null` removes it, a string replaces it.
 */
export const configureLlmSchema = z.object({
  baseUrl: endpointSchema.transform((url) => url.replace(/\/+$/, '')),
  model: z.string().trim().min(1, 'must not be empty').max(200),
  apiKey: z.string().trim().min(1, 'must not be empty').max(500).nullable().optional(),
  enabled: z.boolean(),
});
export type ConfigureLlmInput = z.infer<typeof configureLlmSchema>;
