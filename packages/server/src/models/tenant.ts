import { Schema, type InferSchemaType } from 'mongoose';

export const tenantSchema = new Schema(
  {
    slug: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    /** How pending chats reach agents: picked up by hand, or assigned to the least-loaded agent. */
    routingMode: { type: String, enum: ['manual', 'auto'], default: 'manual' },
    /**
     * Shared secret the host portal signs customer identity tokens with (HS256). Needed in
     * clear to verify them; only ever shown to admins when they rotate it.
     */
    identitySecret: { type: String, default: null },
  },
  { timestamps: true },
);

export type TenantDoc = InferSchemaType<typeof tenantSchema>;
