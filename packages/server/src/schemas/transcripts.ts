import { z } from 'zod';
import { objectIdSchema } from './common.js';
import { conversationFilterSchema } from './conversations.js';

export const transcriptFormats = ['txt', 'html', 'csv'] as const;
export const transcriptFormatSchema = z.enum(transcriptFormats);
export type TranscriptFormat = z.infer<typeof transcriptFormatSchema>;

/** What a transcript covers: one conversation, or every visible conversation matching a filter. */
export type TranscriptTarget = { conversationId: string } | { filter: z.infer<typeof conversationFilterSchema> };

/**
 * A short-lived signed download link, for browsers that cannot send an
 * `Authorization` header on a plain link. Never carries the session token.
 */
export const transcriptLinkSchema = z
  .object({
    /** One conversation… */
    conversationId: objectIdSchema.optional(),
    /** …or every visible conversation matching the `conversations.list` filter. */
    filter: conversationFilterSchema.optional(),
    format: transcriptFormatSchema.default('txt'),
  })
  .refine((v) => (v.conversationId === undefined) !== (v.filter === undefined), {
    message: 'give either conversationId or filter',
    path: ['conversationId'],
  });
export type TranscriptLinkInput = z.infer<typeof transcriptLinkSchema>;

/** `?…` of `GET /transcripts.<format>`: the `conversations.list` filter; `assigneeId=none` is "unassigned". */
export const transcriptQuerySchema = z.preprocess(
  (raw) => {
    const query = { ...(raw as Record<string, unknown>) };
    delete query.token;
    if (query.assigneeId === 'none') query.assigneeId = null;
    return query;
  },
  conversationFilterSchema.strict(),
);
