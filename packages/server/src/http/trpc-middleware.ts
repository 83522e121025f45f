import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AnyRouter } from '@trpc/server';
import { incomingMessageToRequest, internal_exceptionHandler, type NodeHTTPCreateContextFnOptions } from '@trpc/server/adapters/node-http';
import { resolveResponse } from '@trpc/server/http';
import type { Middleware } from 'koa';

/**
 * Mounts a tRPC router on Koa under `prefix`. Koa steps aside (`ctx.respond = false`)
 * and tRPC answers, batching and SSE included: the request becomes a fetch `Request`
 * (tRPC's own `incomingMessageToRequest`), `resolveResponse` answers it, and the
 * answer's body is written to the socket chunk by chunk.
 *
 * That last step is what tRPC's `nodeHTTPRequestHandler` does too, but through a
 * `WritableStream` and `pipeTo`, which an idle SSE subscription holds for its whole
 * life (~9 KB each). And an SSE stream lets go of the Koa middleware chain once its
 * head is out, rather than keeping every middleware's frame waiting until it closes.
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
    // (Methods and inline arrow functions rather than named ones here and below: under tsx,
    // esbuild's keepNames makes each named closure cost an SSE stream ~250 bytes more.)
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
      for (const [key, value] of response.headers) if (key.toLowerCase() !== 'set-cookie') res.setHeader(key, value);
      const cookies = response.headers.getSetCookie();
      if (cookies.length > 0) res.setHeader('set-cookie', cookies);
      const written = writeBody(res, response.body, request.signal).catch((err: unknown) => answerError(opts, req, res, path, err));
      // An SSE stream may stay open for hours: its head is out, so the Koa middleware
      // above lets go of it now (the request log records the handshake).
      if (response.headers.get('content-type') !== 'text/event-stream') await written;
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

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      res.off('drain', done);
      res.off('close', done);
      res.off('error', done);
      if (err instanceof Error) reject(err);
      else resolve();
    };
    res.once('drain', done);
    res.once('close', done);
    res.once('error', done);
  });
}
