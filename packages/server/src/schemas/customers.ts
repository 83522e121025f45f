import { z } from 'zod';
import { emailSchema, endpointSchema, objectIdSchema } from './common.js';

export const MAX_NOTES = 10_000;
export const MAX_ATTRIBUTES = 50;
export const attributeKeyPattern = /^[a-zA-Z][a-zA-Z0-9_.-]{0,39}$/;

/** A BCP 47 language tag: `en`, `pt-BR`, `zh-Hant-TW`. */
export const languageSchema = z
  .string()
  .trim()
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as en or pt-BR')
  .refine((tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length === 1;
    } catch {
      return false;
    }
  }, 'must be a BCP 47 language tag such as en or pt-BR');

/** A phone number as people write it: digits with optional `+`, spaces, dashes, dots and parentheses. */
export const phoneSchema = z
  .string()
  .trim()
  .max(40)
  .regex(/^\+?[0-9 ().-]*$/, 'must be digits, optionally with +, spaces, dashes or parentheses')
  .refine((phone) => phone.replace(/\D/g, '').length >= 5, 'must have at least 5 digits');

/**
 * Custom attributes: string values by key; `{}` clears them all. Keys start with a
 * letter (never `$`); a dot is allowed (`crm.id`) because attributes are stored as a
 * list of `{ key, value }` pairs, so a key never becomes a field path.
 */
export const attributesSchema = z
  .record(
    z.string().regex(attributeKeyPattern, 'keys must start with a letter and hold up to 40 letters, digits, _ . or -'),
    z.string().trim().max(500, 'values must be at most 500 characters'),
  )
  .refine((attributes) => Object.keys(attributes).length <= MAX_ATTRIBUTES, `at most ${MAX_ATTRIBUTES} attributes`);

export const customerIdSchema = z.object({ customerId: objectIdSchema });

/** Every field is optional; `null` clears email, phone. */
export const updateCustomerSchema = z.object({
  customerId: objectIdSchema,
  name: z.string().trim().min(1, 'must not be empty').max(120).optional(),
  email: z.union([z.literal(''), emailSchema]).nullable().optional(),
  phone: z.union([z.literal(''), phoneSchema]).nullable().optional(),
  language: languageSchema.optional(),
  notes: z.string().max(MAX_NOTES, `must be at most ${MAX_NOTES} characters`).optional(),
  attributes: attributesSchema.optional(),
});
export type UpdateCustomerInput = z.infer<typeof updateCustomerSchema>;

export const customerHistorySchema = z.object({
  customerId: objectIdSchema,
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(50).default(20),
});

export const mergeCustomersSchema = z
  .object({ sourceId: objectIdSchema, targetId: objectIdSchema })
  .refine((input) => input.sourceId !== input.targetId, { message: 'must differ from sourceId', path: ['targetId'] });

// ---- integrations ----

const integrationName = z.string().trim().min(1, 'must not be empty').max(80);
const secretSchema = z.string().min(16, 'must be at least 16 characters').max(200);
const timeoutSchema = z.number().int().min(100).max(10_000);
const ttlSchema = z.number().int().min(0).max(86_400);

export const createIntegrationSchema = z.object({
  name: integrationName,
  endpoint: endpointSchema,
  /** Signs each request (HMAC-SHA256, `X-Deskkit-Signature`); left out: unsigned. */
  secret: secretSchema.nullable().default(null),
  timeoutMs: timeoutSchema.default(3_000),
  cacheTtlSeconds: ttlSchema.default(300),
  enabled: z.boolean().default(true),
});
export type CreateIntegrationInput = z.infer<typeof createIntegrationSchema>;

export const updateIntegrationSchema = z.object({
  id: objectIdSchema,
  name: integrationName.optional(),
  endpoint: endpointSchema.optional(),
  /** A new secret; `null` removes it; left out keeps it. */
  secret: secretSchema.nullable().optional(),
  timeoutMs: timeoutSchema.optional(),
  cacheTtlSeconds: ttlSchema.optional(),
  enabled: z.boolean().optional(),
});
export type UpdateIntegrationInput = z.infer<typeof updateIntegrationSchema>;

export const integrationIdSchema = z.object({ id: objectIdSchema });

const httpsUrl = z
  .string()
  .max(500)
  .refine((value) => {
    try {
      return new URL(value).protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an https:// URL');

/** What an integration's endpoint must answer. */
export const integrationAnswerSchema = z.object({
  fields: z
    .array(
      z.object({
        label: z.string().min(1).max(500),
        value: z.string().max(500),
        url: httpsUrl.nullish(),
      }),
    )
    .max(50),
});
export type IntegrationAnswer = z.infer<typeof integrationAnswerSchema>;
