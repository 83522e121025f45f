import { Schema, type InferSchemaType } from 'mongoose';
import { DEFAULT_MAX_UPLOAD_BYTES, uploadCategories } from '../schemas/files.js';

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
    /** What customers and agents may upload (see schemas/files.ts); missing on older tenants means the defaults. */
    uploads: {
      maxBytes: { type: Number, default: DEFAULT_MAX_UPLOAD_BYTES },
      allowedCategories: { type: [String], enum: [...uploadCategories], default: () => [...uploadCategories] },
    },
    /** HMAC key for signed file download links; created on first use. */
    fileLinkSecret: { type: String, default: null },
  },
  { timestamps: true },
);

export type TenantDoc = InferSchemaType<typeof tenantSchema>;
