import { z } from 'zod';
import { objectIdSchema } from './common.js';

/** How long a one-time code stays valid, how often it may be tried, how often one may be requested. */
export const VERIFICATION_CODE_TTL_MS = 10 * 60_000;
export const VERIFICATION_MAX_ATTEMPTS = 5;
export const VERIFICATION_REQUESTS_PER_WINDOW = 3;
export const VERIFICATION_WINDOW_MS = 10 * 60_000;

export const verificationMethods = ['identity-token', 'code'] as const;
export type VerificationMethod = (typeof verificationMethods)[number];

/** Six digits; spaces and dashes the customer types along are dropped. */
export const verificationCodeSchema = z
  .string()
  .transform((value) => value.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'must be the 6-digit code'));

export const requestVerificationSchema = z.object({ conversationId: objectIdSchema });

/** A code the customer received: typed by the customer (`webchat.verify`) or read back to the agent (`conversations.confirmVerification`). */
export const confirmVerificationSchema = z.object({ conversationId: objectIdSchema, code: verificationCodeSchema });

/** The host portal vouches for the customer mid-conversation. */
export const identifySchema = z.object({ conversationId: objectIdSchema, identityToken: z.string().min(10).max(4_000) });
