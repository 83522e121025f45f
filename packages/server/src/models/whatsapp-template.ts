import { Schema, type InferSchemaType } from 'mongoose';
import { tenantIdField, tenantScope } from './tenant-scope.js';

/**
 * A pre-approved WhatsApp message template: the only thing a business may send
 * outside the 24 hours after a customer's last message. Variables are `{{1}}`…`{{n}}`.
 */
export const whatsappTemplateSchema = new Schema(
  {
    tenantId: tenantIdField,
    name: { type: String, required: true },
    language: { type: String, required: true },
    category: { type: String, enum: ['marketing', 'utility', 'authentication'], required: true },
    header: { type: String, default: null },
    body: { type: String, required: true },
    footer: { type: String, default: null },
    buttons: {
      type: [
        {
          _id: false,
          type: { type: String, enum: ['quick_reply', 'url', 'phone'], required: true },
          text: { type: String, required: true },
          url: { type: String, default: null },
          phone: { type: String, default: null },
        },
      ],
      default: [],
    },
    /** How many values a send needs (the highest `{{n}}`). */
    variableCount: { type: Number, required: true, default: 0 },
  },
  { timestamps: true },
);
whatsappTemplateSchema.plugin(tenantScope);
whatsappTemplateSchema.index({ tenantId: 1, name: 1, language: 1 }, { unique: true });

export type WhatsAppTemplateDoc = InferSchemaType<typeof whatsappTemplateSchema>;
