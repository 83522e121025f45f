import { z } from 'zod';
import { emailSchema, objectIdSchema, tenantSlugSchema } from './common.js';
import { checkContent, messageContentSchema } from './messages.js';

export const conversationStatuses = ['pending', 'open', 'on-hold', 'solved', 'closed'] as const;
export const conversationStatusSchema = z.enum(conversationStatuses);
export const prioritySchema = z.enum(['low', 'normal', 'high', 'urgent']);
export type Priority = z.infer<typeof prioritySchema>;
export const channelSchema = z.enum(['web', 'sms', 'whatsapp', 'email']);
export const routingModeSchema = z.enum(['manual', 'auto']);
export type RoutingMode = z.infer<typeof routingModeSchema>;
/** A department's queue: `'tenant'` follows the tenant's mode, the others override it. */
export const departmentRoutingModeSchema = z.enum(['tenant', 'manual', 'auto']);
export type DepartmentRoutingMode = z.infer<typeof departmentRoutingModeSchema>;

/**
 * A client-chosen id that makes a send idempotent: a retry with the same id never duplicates.
 * For `webchat.start`, a random id of 32+ characters also makes the start itself safe to retry
 * (the same request sent again gets back the chat it created).
 */
export const clientMessageIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 letters, digits, _ or -');

export const messageBodySchema = z.string().trim().min(1, 'must not be empty').max(10_000);

export const outgoingMessageSchema = z.object({ body: messageBodySchema, clientMessageId: clientMessageIdSchema });

/** A tag: short, lowercase words joined by dashes (`billing`, `vip-customer`). */
export const tagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _-]{0,39}$/u, 'must be 1-40 letters, digits, spaces, _ or -');

/** A visitor opens a web chat, optionally as a customer the host portal vouches for. */
export const startChatSchema = z.object({
  tenant: tenantSlugSchema,
  name: z.string().trim().min(1).max(120).optional(),
  email: emailSchema.optional(),
  departmentId: objectIdSchema.optional(),
  /** A JWT (HS256) the host portal signed with the tenant's identity secret: marks the customer verified. */
  identityToken: z.string().min(10).max(4_000).optional(),
  message: outgoingMessageSchema,
});

export const conversationIdSchema = z.object({ conversationId: objectIdSchema });

/** A message into a conversation: text, an uploaded file, a voice recording or a location. */
export const sendMessageSchema = messageContentSchema
  .extend({ conversationId: objectIdSchema, clientMessageId: clientMessageIdSchema })
  .superRefine(checkContent);
export type SendMessageInput = z.infer<typeof sendMessageSchema>;

export const transferSchema = z.object({
  conversationId: objectIdSchema,
  to: z.union([z.object({ agentId: objectIdSchema }), z.object({ departmentId: objectIdSchema })]),
  note: z.string().trim().max(1_000).optional(),
});

export const closeSchema = z.object({
  conversationId: objectIdSchema,
  reason: z.string().trim().max(500).optional(),
});

export const tagConversationSchema = z
  .object({
    conversationId: objectIdSchema,
    add: z.array(tagSchema).max(20).default([]),
    remove: z.array(tagSchema).max(20).default([]),
  })
  .refine((v) => v.add.length + v.remove.length > 0, { message: 'add or remove at least one tag', path: ['add'] });

export const convertSchema = z.object({ conversationId: objectIdSchema, to: z.enum(['chat', 'ticket']) });

/** Ticket fields an agent manages (priority and subject apply to chats too); only the given ones change. */
export const updateTicketSchema = z.object({
  conversationId: objectIdSchema,
  status: z.enum(['pending', 'open', 'on-hold', 'solved']).optional(),
  priority: prioritySchema.optional(),
  subject: z.string().trim().min(1).max(200).optional(),
  /** Reassign (supervisors, or the assignee handing it on); `null` puts it back in the queue. */
  assigneeId: objectIdSchema.nullable().optional(),
});

export const typingSchema = z.object({ conversationId: objectIdSchema, typing: z.boolean() });

export const markReadSchema = z.object({ conversationId: objectIdSchema, seq: z.number().int().min(1) });

export const queueViewSchema = z.enum(['pending', 'mine', 'all', 'tickets', 'closed']);
export type QueueView = z.infer<typeof queueViewSchema>;

export const conversationSortSchema = z.enum(['lastActivity', 'waitTime', 'priority', 'created']);
export type ConversationSort = z.infer<typeof conversationSortSchema>;

const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item).min(1).max(50)]).transform((v) => (Array.isArray(v) ? v : [v]) as Array<z.infer<T>>);

/** What narrows a queue view. Every field is optional and they combine with AND. */
export const conversationFilterSchema = z.object({
  status: oneOrMany(conversationStatusSchema).optional(),
  kind: z.enum(['chat', 'ticket']).optional(),
  channel: oneOrMany(channelSchema).optional(),
  departmentId: oneOrMany(objectIdSchema).optional(),
  /** An agent id, or `null` for unassigned. */
  assigneeId: z.union([objectIdSchema, z.null()]).optional(),
  tag: oneOrMany(tagSchema).optional(),
  priority: oneOrMany(prioritySchema).optional(),
  /** Created at or after. */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Created before. */
  to: z.iso.datetime({ offset: true }).optional(),
  /** Customer name, email or phone, subject, or message text (case-insensitive, literal). */
  q: z.string().trim().min(1).max(200).optional(),
});
export type ConversationFilter = z.infer<typeof conversationFilterSchema>;

export const listConversationsSchema = z.object({
  view: queueViewSchema.default('pending'),
  filter: conversationFilterSchema.default({}),
  sort: conversationSortSchema.optional(),
  /** `nextCursor` of the previous page. */
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const countConversationsSchema = z.object({ filter: conversationFilterSchema.default({}) }).default({ filter: {} });

export const messagesPageSchema = z.object({
  conversationId: objectIdSchema,
  /** Page backwards from this seq (exclusive); omit for the newest. */
  beforeSeq: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
