import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AnyRouter } from '@trpc/server';
import { incomingMessageToRequest, internal_exceptionHandler, type NodeHTTPCreateContextFnOptions } from '@trpc/server/adapters/node-http';
import { resolveResponse } from '@trpc/server/http';
import type { Middleware } from 'koa';
import { drained } from './drained.js';

/**
 * Mounts a tRPC router on Koa under `prefix`. Koa steps aside (`ctx.respond = false`)
 * and tRPC answers: the request becomes a fetch `Request` (tRPC's own
 * `incomingMessageToRequest`), `resolveResponse` answers it, and the answer's body is
 * written to the socket chunk by chunk, as tRPC's `nodeHTTPRequestHandler` does but
 * without its `WritableStream` and `pipeTo`.
 *
 * Queries, mutations and batches come here. SSE subscriptions do not: they are answered
 * before Koa (http/sse-front.ts, http/sse-subscriptions.ts), because tRPC's SSE path
 * holds about 60 KB per idle stream (a fetch `Request`, signal combinations,
 * async-generator wrappers, four web streams, a ping timer). What still reaches this
 * path as a subscription (a POST, a batch, malformed connection params) is an error
 * tRPC answers at once.
 */
export function trpcMiddleware<TRouter extends AnyRouter>(opts: {
  prefix: string;
  router: TRouter;
  createContext: (opts: NodeHTTPCreateContextFnOptions<IncomingMessage, ServerResponse>) => Promise<unknown>;
  maxBodySize: number;
  /** The most calls one batched request may carry; larger batches are a 400. */
  maxBatchSize: number;
  onError?: (opts: { error: Error; path?: string }) => void;
  /** Extra response headers from the errors of a call (e.g. `Retry-After`). */
  headersFor?: (errors: readonly Error[]) => Record<string, string>;
}): Middleware {
  const base = `${opts.prefix}/`;
  const { router, headersFor, onError } = opts;
  const responseMeta = headersFor ? ({ errors }: { errors: Error[] }) => ({ headers: headersFor(errors) }) : undefined;
  return async (ctx, next) => {
    if (!ctx.path.startsWith(base)) return next();
    // Inputs are JSON. tRPC would also take form data and raw octet streams as input;
    // no procedure wants them, so they are refused before they are read.
    const type = ctx.get('Content-Type');
    if (ctx.method === 'POST' && type && !ctx.is('application/json')) {
      ctx.status = 415;
      ctx.body = { error: { message: 'send JSON (Content-Type: application/json)', code: -32600, data: { code: 'UNSUPPORTED_MEDIA_TYPE', httpStatus: 415, fields: null } } };
      return;
    }
    ctx.respond = false;
    const { req, res } = ctx;
    // Koa presets 404; tRPC leaves the status as-is when it opens an SSE stream.
    res.statusCode = 200;
    const path = ctx.path.slice(base.length);
    try {
      const request = incomingMessageToRequest(req, res, { maxBodySize: opts.maxBodySize });
      const response = await resolveResponse({
        router,
        req: request,
        path,
        error: null,
        maxBatchSize: opts.maxBatchSize,
        createContext({ info }) {
          // The router's context type is checked where the middleware is mounted.
          return opts.createContext({ req, res, info }) as never;
        },
        onError: onError ? ({ error, path: procedurePath }) => onError({ error, path: procedurePath }) : undefined,
        responseMeta,
      });
      if (res.statusCode === 200) res.statusCode = response.status;
      // forEach, not for…of: a partner's project type-checks this file for the client's router
      // types, and with the DOM lib but not DOM.Iterable, Headers is not iterable.
      response.headers.forEach((value, key) => {
        const name = key.toLowerCase();
        // CORS's `Vary: Origin` stays beside tRPC's own `Vary`.
        if (name === 'vary') ctx.vary(value);
        else if (name !== 'set-cookie') res.setHeader(key, value);
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length > 0) res.setHeader('set-cookie', cookies);
      await writeBody(res, response.body, request.signal).catch((err: unknown) => answerError(opts, req, res, path, err));
    } catch (err) {
      answerError(opts, req, res, path, err);
    }
  };
}

/** Answers what escapes resolveResponse (a malformed URL, a broken body) as tRPC's own adapter does. */
function answerError(
  opts: { router: AnyRouter; createContext: unknown; onError?: (opts: { error: Error; path?: string }) => void },
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  err: unknown,
): void {
  const { router, onError } = opts;
  internal_exceptionHandler({ req, res, path, router, createContext: opts.createContext as never, onError })(err);
}

/** Writes the body as it comes, waiting whenever the socket is full; ends the response either way. */
async function writeBody(res: ServerResponse, body: ReadableStream<Uint8Array> | null, signal: AbortSignal): Promise<void> {
  if (!body) return void res.end();
  const reader = body.getReader();
  // The client went away: end the body, and with it the procedure streaming into it.
  // (The listener goes with the request; it never fires once the response has ended.)
  signal.addEventListener('abort', () => void reader.cancel(signal.reason).catch(() => undefined), { once: true });
  try {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) return;
      if (!res.write(chunk.value)) await drained(res);
    }
  } catch (err) {
    if (signal.aborted) return;
    if (!res.headersSent) res.statusCode = 500;
    throw err;
  } finally {
    res.end();
  }
}
