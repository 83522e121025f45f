import { Schema, type InferSchemaType } from 'mongoose';
import { tenantIdField, tenantScope } from './tenant-scope.js';

/** A customer's answer to the survey of one closed conversation: one per conversation, claimed by upsert. */
export const surveyResponseSchema = new Schema(
  {
    tenantId: tenantIdField,
    conversationId: { type: Schema.Types.ObjectId, required: true },
    customerId: { type: Schema.Types.ObjectId, required: true },
    /** The assignee when the chat closed. */
    agentId: { type: Schema.Types.ObjectId, default: null },
    departmentId: { type: Schema.Types.ObjectId, default: null },
    closedAt: { type: Date, required: true },
    rating: { type: Number, required: true, min: 1, max: 5 },
    answers: { type: Schema.Types.Mixed, default: {} },
    comment: { type: String, default: null },
    answeredAt: { type: Date, required: true },
  },
  { timestamps: false, minimize: false },
);
surveyResponseSchema.plugin(tenantScope);
surveyResponseSchema.index({ tenantId: 1, conversationId: 1 }, { unique: true });
surveyResponseSchema.index({ tenantId: 1, closedAt: -1 });

export type SurveyResponseDoc = InferSchemaType<typeof surveyResponseSchema>;
