import { Schema, type InferSchemaType } from 'mongoose';
import { tenantIdField, tenantScope } from './tenant-scope.js';

/**
 * A third-party app the desk asks for customer details. The secret signs each
 * request body (HMAC, see services/channels/signing.ts) and is never sent to browsers.
 */
export const integrationSchema = new Schema(
  {
    tenantId: tenantIdField,
    name: { type: String, required: true },
    endpoint: { type: String, required: true },
    /** Shared secret for the request signature; `null`: requests are unsigned. Never selected by default. */
    secret: { type: String, default: null, select: false },
    secretLast4: { type: String, default: null },
    timeoutMs: { type: Number, default: 3_000 },
    cacheTtlSeconds: { type: Number, default: 300 },
    enabled: { type: Boolean, default: true },
    /** Bumped on every change, so cached answers from older settings are not used. */
    revision: { type: Number, default: 0 },
  },
  { timestamps: true },
);
integrationSchema.plugin(tenantScope);
integrationSchema.index({ tenantId: 1, name: 1 });

export type IntegrationDoc = InferSchemaType<typeof integrationSchema>;
