import { Schema, type InferSchemaType } from 'mongoose';
import { tenantIdField, tenantScope } from './tenant-scope.js';

/**
 * A tenant's settings for suggested responses: the optional LLM provider (an
 * OpenAI-compatible HTTP API) admins configure. The API key stays on the server:
 * it is sent only to `baseUrl`, never returned to any client.
 */
export const suggestionSettingsSchema = new Schema(
  {
    tenantId: tenantIdField,
    llm: {
      enabled: { type: Boolean, default: false },
      /** `POST {baseUrl}/chat/completions`. */
      baseUrl: { type: String, required: true },
      model: { type: String, required: true },
      apiKey: { type: String, default: null },
    },
    updatedBy: { type: Schema.Types.ObjectId, default: null },
  },
  { timestamps: true },
);
suggestionSettingsSchema.plugin(tenantScope);
suggestionSettingsSchema.index({ tenantId: 1 }, { unique: true });

export type SuggestionSettingsDoc = InferSchemaType<typeof suggestionSettingsSchema>;
