import { z } from 'zod';

/** A 24-hex-digit ObjectId as a string; anything else is rejected before it reaches a query. */
export const objectIdSchema = z.string().regex(/^[0-9a-f]{24}$/i, 'must be a 24-character hex id');

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));

export const tenantSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be 2-63 lowercase letters, digits or dashes');

/** `lastEventId` for resuming a subscription (tracked ids are decimal sequence numbers). */
export const resumeSchema = z
  .object({ lastEventId: z.string().regex(/^\d{1,15}$/).nullish() })
  .optional();
