import { z } from 'zod';
import { emailSchema, objectIdSchema, tenantSlugSchema } from './common.js';

export const conversationStatuses = ['pending', 'open', 'on-hold', 'solved', 'closed'] as const;
export const conversationStatusSchema = z.enum(conversationStatuses);
export const prioritySchema = z.enum(['low', 'normal', 'high', 'urgent']);
export type Priority = z.infer<typeof prioritySchema>;
export const routingModeSchema = z.enum(['manual', 'auto']);
export type RoutingMode = z.infer<typeof routingModeSchema>;

/** A client-chosen id that makes a send idempotent: a retry with the same id never duplicates. */
export const clientMessageIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 letters, digits, _ or -');

export const messageBodySchema = z.string().trim().min(1, 'must not be empty').max(10_000);

export const outgoingMessageSchema = z.object({ body: messageBodySchema, clientMessageId: clientMessageIdSchema });

/** A visitor opens a web chat. */
export const startChatSchema = z.object({
  tenant: tenantSlugSchema,
  name: z.string().trim().min(1).max(120).optional(),
  email: emailSchema.optional(),
  departmentId: objectIdSchema.optional(),
  message: outgoingMessageSchema,
});

export const conversationIdSchema = z.object({ conversationId: objectIdSchema });

export const sendMessageSchema = outgoingMessageSchema.extend({ conversationId: objectIdSchema });

export const transferSchema = z.object({
  conversationId: objectIdSchema,
  to: z.union([z.object({ agentId: objectIdSchema }), z.object({ departmentId: objectIdSchema })]),
  note: z.string().trim().max(1_000).optional(),
});

export const closeSchema = z.object({
  conversationId: objectIdSchema,
  reason: z.string().trim().max(500).optional(),
});

export const queueViewSchema = z.enum(['pending', 'mine', 'all', 'tickets', 'closed']);

export const listConversationsSchema = z.object({
  view: queueViewSchema.default('pending'),
  limit: z.number().int().min(1).max(200).default(50),
});

export const messagesPageSchema = z.object({
  conversationId: objectIdSchema,
  /** Page backwards from this seq (exclusive); omit for the newest. */
  beforeSeq: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
