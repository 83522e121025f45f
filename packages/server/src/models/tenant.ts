import { Schema, type InferSchemaType } from 'mongoose';

export const tenantSchema = new Schema(
  {
    slug: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    /** How pending chats reach agents: picked up by hand, or assigned to the least-loaded agent. */
    routingMode: { type: String, enum: ['manual', 'auto'], default: 'manual' },
  },
  { timestamps: true },
);

export type TenantDoc = InferSchemaType<typeof tenantSchema>;
