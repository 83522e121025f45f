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

/** An agent's live stream: resumable, and with `presence: true` carrying the tenant's presence changes too. */
export const agentStreamSchema = z
  .object({ lastEventId: z.string().regex(/^\d{1,15}$/).nullish(), presence: z.boolean().optional() })
  .optional();

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

const parseUrl = (value: string) => {
  try {
    return new URL(value);
  } catch {
    return null;
  }
};

/** An https URL without credentials, or plain http only on this machine (tests, the demo). */
export const isHttpsOrLoopback = (value: string): boolean => {
  // Runs even when `url()` has already refused the value: an unparsable one is simply not allowed.
  const url = parseUrl(value);
  if (!url || url.username || url.password) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && (loopbackHosts.has(url.hostname) || url.hostname.startsWith('127.')));
};

/**
 * An endpoint an admin configures (a provider, an integration, an LLM): https, or plain
 * http only on this machine (tests, the demo). Where requests may go is checked again
 * when it is saved and as each connects (services/safe-fetch.ts).
 */
export const endpointSchema = z
  .url()
  .max(2_000)
  .refine(isHttpsOrLoopback, { message: 'must be an https URL without credentials (http only for localhost)' });
