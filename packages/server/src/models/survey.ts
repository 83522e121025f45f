import { Schema, type InferSchemaType } from 'mongoose';
import { tenantIdField, tenantScope } from './tenant-scope.js';

/** A tenant's post-chat survey (one per tenant). Questions are stored as given (validated by zod). */
export const surveySchema = new Schema(
  {
    tenantId: tenantIdField,
    enabled: { type: Boolean, default: false },
    ratingQuestion: { type: String, required: true },
    questions: { type: [Schema.Types.Mixed], default: [] },
    thankYou: { type: String, required: true },
  },
  { timestamps: true },
);
surveySchema.plugin(tenantScope);
surveySchema.index({ tenantId: 1 }, { unique: true });

export type SurveyDoc = InferSchemaType<typeof surveySchema>;
