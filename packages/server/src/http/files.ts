import type { IncomingMessage } from 'node:http';
import { TRPCError } from '@trpc/server';
import type { Context, Middleware } from 'koa';
import { uploadQuerySchema } from '../schemas/files.js';
import { servesInline } from '../services/file-sniff.js';
import { FileError } from '../services/files.js';
import type { Services } from '../services/index.js';
import type { Principal } from '../services/principal.js';
import { originAllowed } from './cors.js';

/** Served files can never run script or load anything, even when opened directly. */
export const FILE_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; media-src 'self'; img-src 'self'";

type ErrorCode = 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE' | 'NOT_FOUND' | 'UNAUTHORIZED' | 'BAD_REQUEST' | 'CONFLICT' | 'FORBIDDEN';

const httpStatus: Partial<Record<TRPCError['code'], [number, ErrorCode]>> = {
  UNAUTHORIZED: [401, 'UNAUTHORIZED'],
  FORBIDDEN: [403, 'FORBIDDEN'],
  NOT_FOUND: [404, 'NOT_FOUND'],
};

/**
 * Uploads and downloads of message attachments.
 *
 * - `POST /files?conversationId=…&name=…`: the raw request body is the file;
 *   `Authorization: Bearer <agent session | visitor token | partner key>`. Answers
 *   201 with the stored file, or `{ error, code, maxBytes? }`.
 * - `GET /files/<fileId>?t=…&exp=…&sig=…[&dl=1]`: a signed link from `files.links`;
 *   supports `Range` for audio and video seeking.
 * - `GET /files/<fileId>/thumbnail?t=…&exp=…&sig=…`: an image's thumbnail, through its
 *   own signed link (`thumbnailUrl`).
 */
export function filesRoute(desk: Services): Middleware {
  return async function files(ctx, next) {
    if (ctx.path !== '/files' && !ctx.path.startsWith('/files/')) return next();
    if (ctx.path === '/files' && ctx.method === 'POST') return upload(desk, ctx);
    const match = /^\/files\/([0-9a-f]{24})(\/thumbnail)?$/i.exec(ctx.path);
    const fileId = match?.[1]?.toLowerCase();
    if (fileId && (ctx.method === 'GET' || ctx.method === 'HEAD')) return download(desk, ctx, fileId, Boolean(match![2]));
    if (fileId || ctx.path === '/files') {
      ctx.set('Allow', fileId ? 'GET, HEAD' : 'POST');
      return fail(ctx, 405, 'BAD_REQUEST', 'method not allowed');
    }
    return fail(ctx, 404, 'NOT_FOUND', 'file not found');
  };
}

function fail(ctx: Context, status: number, code: ErrorCode, error: string, extra: { maxBytes?: number } = {}) {
  if (ctx.method === 'POST') dropRest(ctx.req);
  ctx.status = status;
  ctx.body = { error, code, ...extra };
}

/** How long the rest of a refused upload is read and dropped before the connection is cut. */
const LINGER_MS = 5_000;

/**
 * Reads and drops what is left of a refused upload for a few seconds: closing at
 * once would reset the connection while the client is still sending, and it
 * would never see the answer. Whatever is still coming after that is cut off.
 */
function dropRest(req: IncomingMessage) {
  if (req.readableEnded || req.destroyed) return;
  const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
  timer.unref();
  const drop = () => {
    while (req.read() !== null);
  };
  req.on('readable', drop).once('close', () => clearTimeout(timer));
  drop();
}

async function upload(desk: Services, ctx: Context) {
  if (!originAllowed(ctx.get('Origin') || undefined, ctx.host, desk.config.corsOrigins)) {
    return fail(ctx, 403, 'FORBIDDEN', 'origin not allowed');
  }
  const query = uploadQuerySchema.safeParse(ctx.query);
  if (!query.success) {
    const issue = query.error.issues[0]!;
    return fail(ctx, 400, 'BAD_REQUEST', `${issue.path.join('.') || 'query'}: ${issue.message}`);
  }
  const authorization = ctx.get('Authorization');
  const credential = authorization.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
  if (!credential) return fail(ctx, 401, 'UNAUTHORIZED', 'sign in required');

  let principal: Principal;
  let status: string;
  try {
    principal = await desk.auth.authenticate(credential);
    // Partner keys send nothing a file could go with; whatever they stored would lie unused.
    if (principal.kind === 'partner') return fail(ctx, 403, 'FORBIDDEN', 'partner keys cannot upload files');
    ({ status } = await desk.conversations.get(principal, query.data.conversationId));
  } catch (err) {
    const mapped = err instanceof TRPCError ? httpStatus[err.code] : undefined;
    if (!mapped) throw err;
    return fail(ctx, mapped[0], mapped[1], err instanceof TRPCError ? err.message : 'refused');
  }
  if (status === 'closed') return fail(ctx, 409, 'CONFLICT', 'this conversation is closed');

  const length = ctx.get('Content-Length');
  try {
    const file = await desk.files.upload(principal, query.data.conversationId, {
      name: query.data.name,
      body: ctx.req,
      declaredBytes: /^\d+$/.test(length) ? Number(length) : undefined,
    });
    ctx.status = 201;
    ctx.body = file;
  } catch (err) {
    if (err instanceof FileError) return fail(ctx, err.status, err.code, err.message, err.maxBytes === undefined ? {} : { maxBytes: err.maxBytes });
    // The sender went away midway: nothing was kept, and it is not a server fault.
    if (!ctx.req.readableAborted && !ctx.req.destroyed) throw err;
    desk.log.debug({ err }, 'upload abandoned by the client');
    fail(ctx, 400, 'BAD_REQUEST', 'the upload did not complete');
  }
}

async function download(desk: Services, ctx: Context, fileId: string, thumbnail: boolean) {
  const query = Object.fromEntries(['t', 'exp', 'sig', 'dl'].map((key) => [key, typeof ctx.query[key] === 'string' ? ctx.query[key] : undefined]));
  let file;
  try {
    file = await desk.files.resolveLink(fileId, query, thumbnail);
  } catch (err) {
    if (!(err instanceof FileError)) throw err;
    return fail(ctx, err.status, err.code, err.message);
  }
  const inline = file.disposition !== 'attachment' && servesInline(file.contentType);
  const maxAge = Math.max(0, Number(query.exp) - Math.floor(Date.now() / 1000));
  ctx.set({
    'Content-Security-Policy': FILE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Content-Disposition': contentDisposition(inline ? 'inline' : 'attachment', file.name),
    'Cache-Control': `private, max-age=${maxAge}`,
    'Accept-Ranges': 'bytes',
  });

  const range = parseRange(ctx.get('Range'), file.size);
  if (range === 'unsatisfiable') {
    ctx.set('Content-Range', `bytes */${file.size}`);
    return fail(ctx, 416, 'BAD_REQUEST', 'range not satisfiable');
  }
  ctx.set('Content-Type', file.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : file.contentType);
  ctx.status = range ? 206 : 200;
  if (range) ctx.set('Content-Range', `bytes ${range.start}-${range.end}/${file.size}`);
  if (ctx.method === 'GET') ctx.body = desk.files.read(file, range ?? undefined);
  ctx.length = range ? range.end - range.start + 1 : file.size;
}

/** One `bytes=` range (inclusive ends); several ranges or nonsense mean the whole file, as RFC 9110 allows. */
export function parseRange(header: string, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (!match[1] && !match[2])) return null;
  const [, from, to] = match;
  if (!from) {
    const suffix = Number(to);
    return suffix === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  if (to && Number(to) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: to ? Math.min(Number(to), size - 1) : size - 1 };
}

/** `attachment; filename="plain ASCII"; filename*=UTF-8''percent-encoded` (RFC 6266). */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
