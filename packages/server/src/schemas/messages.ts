import { z } from 'zod';
import { objectIdSchema } from './common.js';

/** A shared place: coordinates from the Geolocation API, a typed address, or both. */
export const locationSchema = z
  .object({
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
    /** Radius of uncertainty in metres, as the Geolocation API reports it. */
    accuracy: z.number().min(0).max(1_000_000).optional(),
    address: z.string().trim().min(1).max(300).optional(),
  })
  .refine((v) => (v.latitude === undefined) === (v.longitude === undefined), {
    message: 'give both latitude and longitude, or neither',
    path: ['longitude'],
  })
  .refine((v) => v.latitude !== undefined || v.address !== undefined, {
    message: 'give coordinates or an address',
    path: ['address'],
  });
export type LocationInput = z.infer<typeof locationSchema>;

/** Longest voice recording accepted (10 minutes). */
export const MAX_VOICE_MS = 10 * 60_000;

/**
 * What one sent message carries: text, an uploaded file (with an optional caption
 * in `body`), a voice recording, or a location. Files are uploaded first
 * (`POST /files`) and referenced here by id.
 */
export const messageContentSchema = z.object({
  body: z.string().trim().max(10_000).optional(),
  attachment: z.object({ fileId: objectIdSchema }).optional(),
  voice: z.object({ fileId: objectIdSchema, durationMs: z.number().int().min(1).max(MAX_VOICE_MS) }).optional(),
  location: locationSchema.optional(),
});
export type MessageContent = z.infer<typeof messageContentSchema>;

/** Exactly one kind of content; a caption (`body`) may accompany an attachment. */
export function checkContent(v: MessageContent, ctx: z.RefinementCtx): void {
  const kinds = [v.attachment, v.voice, v.location].filter(Boolean).length;
  const hasBody = Boolean(v.body);
  if (kinds > 1) ctx.addIssue({ code: 'custom', message: 'send one attachment, voice recording or location at a time', path: ['attachment'] });
  else if (kinds === 0 && !hasBody) ctx.addIssue({ code: 'custom', message: 'must not be empty', path: ['body'] });
  else if (hasBody && (v.voice || v.location)) ctx.addIssue({ code: 'custom', message: 'only attachments take a caption', path: ['body'] });
}
