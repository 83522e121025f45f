import { z } from 'zod';
import { objectIdSchema } from './common.js';

/** What an agent types after `/`: `hello`, `refund-policy`, `vat_2024`. */
export const cannedShortcutSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'must be 1-32 lowercase letters, digits, _ or -, starting with a letter or digit');

/**
 * The placeholders a canned reply's body may use, filled from the conversation's
 * customer, the agent sending it and the conversation's department.
 */
export const cannedPlaceholders = [
  'customer.firstName',
  'customer.lastName',
  'customer.name',
  'customer.email',
  'customer.phone',
  'agent.name',
  'agent.firstName',
  'department.name',
] as const;
export type CannedPlaceholder = (typeof cannedPlaceholders)[number];

/** `{{ name }}` with optional spaces inside the braces. */
export const placeholderPattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholders in a body that are not in `cannedPlaceholders`, in order of appearance. */
export function unknownPlaceholders(body: string): string[] {
  const known = new Set<string>(cannedPlaceholders);
  const unknown: string[] = [];
  for (const [, name] of body.matchAll(placeholderPattern)) if (!known.has(name!) && !unknown.includes(name!)) unknown.push(name!);
  return unknown;
}

export const MAX_CANNED_BODY = 5_000;

const titleSchema = z.string().trim().min(1, 'must not be empty').max(120);
const bodySchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_CANNED_BODY)
  .superRefine((body, ctx) => {
    const unknown = unknownPlaceholders(body);
    if (unknown.length) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown placeholder ${unknown.map((name) => `{{${name}}}`).join(', ')} (known: ${cannedPlaceholders.join(', ')})`,
      });
    }
  });

export const createCannedReplySchema = z.object({
  /** `null` (or left out): every department of the tenant may use it. */
  departmentId: objectIdSchema.nullable().default(null),
  shortcut: cannedShortcutSchema,
  title: titleSchema,
  body: bodySchema,
});
export type CreateCannedReplyInput = z.infer<typeof createCannedReplySchema>;

export const updateCannedReplySchema = z.object({
  id: objectIdSchema,
  departmentId: objectIdSchema.nullable().optional(),
  shortcut: cannedShortcutSchema.optional(),
  title: titleSchema.optional(),
  body: bodySchema.optional(),
});
export type UpdateCannedReplyInput = z.infer<typeof updateCannedReplySchema>;

export const cannedReplyIdSchema = z.object({ id: objectIdSchema });

export const listCannedRepliesSchema = z
  .object({
    /** Only this department's replies; `null` for the tenant-wide ones. */
    departmentId: objectIdSchema.nullable().optional(),
  })
  .optional();

export const searchCannedRepliesSchema = z.object({
  conversationId: objectIdSchema,
  /** What follows the `/`: a shortcut prefix, or words of the title or body. Empty lists the first ones. */
  q: z
    .string()
    .trim()
    .max(100)
    .default('')
    .transform((q) => q.replace(/^\//, '')),
});

export const renderCannedReplySchema = z.object({ id: objectIdSchema, conversationId: objectIdSchema });
