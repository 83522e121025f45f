import { z } from 'zod';
import { endpointSchema, isHttpsOrLoopback, objectIdSchema } from './common.js';
import { clientMessageIdSchema, messageBodySchema } from './conversations.js';

/** Channels that reach a customer's phone through a provider. */
export const phoneChannels = ['sms', 'whatsapp'] as const;
export const phoneChannelSchema = z.enum(phoneChannels);
export type PhoneChannel = z.infer<typeof phoneChannelSchema>;

/** Provider kinds a channel account can use (see services/channels/provider.ts). */
export const providerNameSchema = z.enum(['http']);

/** An international phone number: `+` and 7-15 digits, no spaces (`+34600111222`). */
export const e164Schema = z.string().trim().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as +34600111222');

export const configureChannelSchema = z.object({
  channel: phoneChannelSchema,
  provider: providerNameSchema.default('http'),
  endpoint: endpointSchema,
  /** The number we send from (and customers write to). */
  fromNumber: e164Schema,
  enabled: z.boolean().default(true),
  /** Whether files and voice go out (WhatsApp media, MMS); `false`: the account sends text only. */
  media: z.boolean().default(true),
});
export type ConfigureChannelInput = z.infer<typeof configureChannelSchema>;

export const rotateChannelSecretSchema = z.object({
  channel: phoneChannelSchema,
  /** `webhook`: what the provider signs webhooks with; `signing`: what we sign sends with. */
  which: z.enum(['webhook', 'signing', 'both']).default('both'),
});

// ---- Webhooks from the provider --------------------------------------------------------------

/** The provider's own id of an event: replays of the same id are acknowledged and ignored. */
const eventIdSchema = z.string().trim().min(1).max(200);

/** A file the customer sent (an image, a document, a voice note): the desk downloads it from `url`. */
export const inboundMediaSchema = z.object({
  url: z.url().max(2_000).refine(isHttpsOrLoopback, { message: 'must be an https URL without credentials' }),
  /** What the provider says it is; the desk decides by the bytes, like any upload. */
  contentType: z.string().trim().min(1).max(200),
  filename: z.string().trim().min(1).max(1_000).optional(),
  caption: z.string().trim().min(1).max(10_000).optional(),
  /** A recorded voice note (WhatsApp's push-to-talk); other audio shows as an audio file. */
  voice: z.boolean().optional(),
});
export type InboundMedia = z.infer<typeof inboundMediaSchema>;

export const inboundMessageEventSchema = z
  .object({
    id: eventIdSchema,
    type: z.literal('message'),
    from: e164Schema,
    to: e164Schema,
    text: z.string().trim().min(1).max(10_000).optional(),
    location: z
      .object({
        latitude: z.number().min(-90).max(90),
        longitude: z.number().min(-180).max(180),
        address: z.string().trim().min(1).max(300).optional(),
      })
      .optional(),
    /** Files the customer sent (one on WhatsApp, several in an MMS). */
    media: z.array(inboundMediaSchema).min(1).max(5).optional(),
    /** The sender's profile name, when the channel knows it (WhatsApp). */
    name: z.string().trim().min(1).max(120).optional(),
    /** When the customer sent it (ISO 8601, or unix seconds). */
    timestamp: z.union([z.iso.datetime({ offset: true }), z.number().int().positive()]),
  })
  .refine((v) => v.text !== undefined || v.location !== undefined || v.media !== undefined, {
    message: 'give text, a location or media',
    path: ['text'],
  });

export const deliveryStatusSchema = z.enum(['sent', 'delivered', 'read', 'failed']);

export const statusEventSchema = z.object({
  id: eventIdSchema,
  type: z.literal('status'),
  /** What the provider answered our send with. */
  providerMessageId: z.string().trim().min(1).max(200),
  status: deliveryStatusSchema,
  error: z.string().trim().max(500).optional(),
});

/** What a provider answers when asked about one of our messages (`status` of the provider interface). */
export const providerStatusAnswerSchema = z.object({
  status: z.enum(['queued', 'sent', 'delivered', 'read', 'failed', 'unknown']),
  error: z.string().trim().max(500).optional(),
});
export type ProviderStatusAnswer = z.infer<typeof providerStatusAnswerSchema>;

/** One webhook body: a customer's message, or a receipt for one of ours. */
export const channelWebhookEventSchema = z.discriminatedUnion('type', [inboundMessageEventSchema, statusEventSchema]);
export type ChannelWebhookEvent = z.infer<typeof channelWebhookEventSchema>;
export type InboundMessageEvent = z.infer<typeof inboundMessageEventSchema>;
export type StatusEvent = z.infer<typeof statusEventSchema>;

// ---- WhatsApp templates ----------------------------------------------------------------------

export const templateCategorySchema = z.enum(['marketing', 'utility', 'authentication']);

const buttonText = z.string().trim().min(1).max(25);
export const templateButtonSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('quick_reply'), text: buttonText }),
  z.object({ type: z.literal('url'), text: buttonText, url: z.url({ protocol: /^https$/ }).max(2_000) }),
  z.object({ type: z.literal('phone'), text: buttonText, phone: e164Schema }),
]);
export type TemplateButton = z.infer<typeof templateButtonSchema>;

const PLACEHOLDER = /\{\{\s*(\d+)\s*\}\}/g;

/** The numbers of the `{{n}}` placeholders in a text. */
export const placeholdersOf = (text: string | null | undefined): number[] =>
  [...(text ?? '').matchAll(PLACEHOLDER)].map((m) => Number(m[1]));

/** `{{…}}` that is not a plain number (`{{name}}`, `{{ }}`) is a mistake, not text. */
const hasMalformedPlaceholder = (text: string) => /\{\{(?!\s*\d+\s*\}\})/.test(text);

const templateText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !hasMalformedPlaceholder(v), { message: 'variables are written {{1}}, {{2}}, …' });

export const templateNameSchema = z.string().regex(/^[a-z0-9_]{1,512}$/, 'must be lowercase letters, digits and _');
export const templateLanguageSchema = z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'must be a language code such as en or en_US');

const templateFields = z.object({
  category: templateCategorySchema,
  /** A text header; may use variables. */
  header: templateText(60).nullable().optional(),
  /** Variables `{{1}}`…`{{n}}`, numbered from 1 without gaps (header and body share the numbers). */
  body: templateText(1_024),
  footer: templateText(60).nullable().optional(),
  buttons: z.array(templateButtonSchema).max(3).default([]),
});

/** Header and body together use `{{1}}`…`{{n}}`, each number at least once, none skipped; the footer none. */
export function variableProblem(v: { header?: string | null; body?: string; footer?: string | null }): { field: string; message: string } | null {
  const used = new Set([...placeholdersOf(v.header), ...placeholdersOf(v.body)]);
  const max = Math.max(0, ...used);
  for (let n = 1; n <= max; n++) {
    if (!used.has(n)) return { field: 'body', message: `variables must be numbered {{1}} to {{${max}}} without gaps; {{${n}}} is missing` };
  }
  if (placeholdersOf(v.footer).length) return { field: 'footer', message: 'the footer takes no variables' };
  return null;
}

/** How many values a template needs: its highest `{{n}}`. */
export const variableCountOf = (v: { header?: string | null; body: string }) =>
  Math.max(0, ...placeholdersOf(v.header), ...placeholdersOf(v.body));

const checkVariables = (v: Parameters<typeof variableProblem>[0], ctx: z.RefinementCtx) => {
  const problem = variableProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: [problem.field] });
};

export const createTemplateSchema = templateFields
  .extend({ name: templateNameSchema, language: templateLanguageSchema })
  .superRefine(checkVariables);
export type CreateTemplateInput = z.infer<typeof createTemplateSchema>;

/** Name and language are the template's identity at the provider; change the rest. */
export const updateTemplateSchema = templateFields.partial().extend({ templateId: objectIdSchema });
export type UpdateTemplateInput = z.infer<typeof updateTemplateSchema>;

export const templateIdSchema = z.object({ templateId: objectIdSchema });

export const listTemplatesSchema = z.object({ language: templateLanguageSchema.optional() }).default({});

/** One value per variable; WhatsApp refuses line breaks and tabs in them. */
const variableValueSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(1_024)
  .refine((v) => !/[\n\r\t]/.test(v), { message: 'must not contain line breaks or tabs' });

export const previewTemplateSchema = z.object({
  templateId: objectIdSchema,
  /** Values for `{{1}}`, `{{2}}`, …; missing ones stay as placeholders in the preview. */
  variables: z.array(z.string().max(1_024)).max(100).default([]),
});

/**
 * A template into a WhatsApp conversation, or to a customer from their profile: into
 * their ongoing WhatsApp conversation when the caller handles it, else a new one.
 */
export const sendTemplateSchema = z
  .object({
    conversationId: objectIdSchema.optional(),
    customerId: objectIdSchema.optional(),
    templateId: objectIdSchema,
    variables: z.array(variableValueSchema).max(100),
    clientMessageId: clientMessageIdSchema,
  })
  .refine((v) => (v.conversationId === undefined) !== (v.customerId === undefined), {
    message: 'give either conversationId or customerId',
    path: ['conversationId'],
  });
export type SendTemplateInput = z.infer<typeof sendTemplateSchema>;

// ---- One-way SMS -----------------------------------------------------------------------------

/** A text to the customer's phone, from a conversation (any channel) or from their profile. */
export const sendSmsSchema = z
  .object({
    conversationId: objectIdSchema.optional(),
    customerId: objectIdSchema.optional(),
    body: messageBodySchema.pipe(z.string().max(1_600, 'an SMS takes at most 1600 characters')),
    clientMessageId: clientMessageIdSchema,
  })
  .refine((v) => (v.conversationId === undefined) !== (v.customerId === undefined), {
    message: 'give either conversationId or customerId',
    path: ['conversationId'],
  });
export type SendSmsInput = z.infer<typeof sendSmsSchema>;
