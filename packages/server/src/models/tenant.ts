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
    /** Dashboard settings (schemas/settings.ts); missing on older tenants means the defaults. */
    logoUrl: { type: String, default: null },
    timezone: { type: String, default: 'UTC' },
    hours: { type: [{ _id: false, day: Number, open: String, close: String }], default: [] },
    preferences: {
      defaultMaxChats: { type: Number, default: 5 },
      autoCloseMinutes: { type: Number, default: 0 },
      inactivityWarningMinutes: { type: Number, default: 5 },
    },
    autoResponders: {
      greeting: { enabled: { type: Boolean, default: false }, message: { type: String, default: '' } },
      noAgent: { enabled: { type: Boolean, default: false }, message: { type: String, default: '' } },
      outsideHours: { enabled: { type: Boolean, default: false }, message: { type: String, default: '' } },
      inactivity: { enabled: { type: Boolean, default: false }, message: { type: String, default: '' } },
    },
    /** Suggested chat tags (tagging itself stays free-form). */
    tags: { type: [String], default: [] },
  },
  { timestamps: true },
);

export type TenantDoc = InferSchemaType<typeof tenantSchema>;
