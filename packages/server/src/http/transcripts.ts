import { Readable } from 'node:stream';
import { TRPCError } from '@trpc/server';
import type { Context, Middleware } from 'koa';
import { transcriptFormatSchema, transcriptQuerySchema, type TranscriptFormat, type TranscriptTarget } from '../schemas/transcripts.js';
import type { Services } from '../services/index.js';
import type { Principal } from '../services/principal.js';
import { TranscriptError } from '../services/transcripts.js';
import { contentDisposition } from './files.js';

/** Exported documents never run script or load anything; the HTML one only styles itself. */
export const TRANSCRIPT_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'";

const trpcStatus: Partial<Record<TRPCError['code'], number>> = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_REQUEST: 400 };

/**
 * Streamed transcript downloads.
 *
 * - `GET /transcripts/<conversationId>.<txt|html|csv>`: one conversation.
 * - `GET /transcripts.<txt|html|csv>?status=closed&from=…&departmentId=…`: every conversation the
 *   caller may see that matches the `conversations.list` filter (newest first).
 *
 * Authorized by `Authorization: Bearer <agent session | partner key>`, or by `?token=` from
 * `transcripts.link`. `X-Total-Count` says how many conversations follow.
 */
export function transcriptsRoute(desk: Services): Middleware {
  return async function transcripts(ctx, next) {
    const match = /^\/transcripts(?:\/([0-9a-f]{24}))?\.([a-z]+)$/i.exec(ctx.path);
    if (!match) return next();
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      ctx.set('Allow', 'GET, HEAD');
      return fail(ctx, 405, 'method not allowed');
    }
    const format = transcriptFormatSchema.safeParse(match[2]!.toLowerCase());
    if (!format.success) return fail(ctx, 404, 'formats: txt, html, csv');
    const conversationId = match[1]?.toLowerCase();

    let caller: Principal;
    let target: TranscriptTarget;
    try {
      ({ caller, target } = await authorize(desk, ctx, format.data, conversationId));
      const transcript = await desk.transcripts.export(caller, target, format.data);
      ctx.set({
        'Content-Type': transcript.contentType,
        'Content-Disposition': contentDisposition('attachment', transcript.fileName),
        'Content-Security-Policy': TRANSCRIPT_CSP,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
        'X-Total-Count': String(transcript.total),
        // Read by the export progress in browsers on partner origins.
        'Access-Control-Expose-Headers': 'X-Total-Count, Content-Disposition',
      });
      ctx.status = 200;
      if (ctx.method === 'HEAD') return void (await transcript.body.return(undefined));
      // Pulled only as fast as the socket drains; a client that leaves stops the generator.
      const body = Readable.from(transcript.body, { objectMode: false, highWaterMark: 64 * 1024 });
      body.on('error', (err) => desk.log.warn({ err }, 'transcript export failed midway'));
      ctx.body = body;
    } catch (err) {
      if (err instanceof TranscriptError) return fail(ctx, err.status, err.message);
      const status = err instanceof TRPCError ? trpcStatus[err.code] : undefined;
      if (status) return fail(ctx, status, (err as Error).message);
      throw err;
    }
  };
}

async function authorize(
  desk: Services,
  ctx: Context,
  format: TranscriptFormat,
  conversationId: string | undefined,
): Promise<{ caller: Principal; target: TranscriptTarget }> {
  const token = typeof ctx.query.token === 'string' ? ctx.query.token : '';
  let filtered: TranscriptTarget;
  if (conversationId) filtered = { conversationId };
  else {
    const query = transcriptQuerySchema.safeParse(ctx.query);
    if (!query.success) {
      const issue = query.error.issues[0]!;
      throw new TRPCError({ code: 'BAD_REQUEST', message: `${issue.path.join('.') || 'query'}: ${issue.message}` });
    }
    filtered = { filter: query.data };
  }
  if (token) {
    // The link fixes the range it was issued for; query parameters beside it are ignored.
    return desk.transcripts.resolveLink(token, { conversationId, format });
  }
  const authorization = ctx.get('Authorization');
  const credential = authorization.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
  if (!credential) throw new TranscriptError(401, 'sign in required');
  return { caller: await desk.auth.authenticate(credential), target: filtered };
}

function fail(ctx: Context, status: number, error: string) {
  ctx.status = status;
  ctx.body = { error };
}
