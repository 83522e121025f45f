import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AnyRouter } from '@trpc/server';
import { nodeHTTPRequestHandler, type NodeHTTPCreateContextFnOptions } from '@trpc/server/adapters/node-http';
import type { Middleware } from 'koa';

/**
 * Mounts a tRPC router on Koa under `prefix`, shaped like tRPC's own express
 * adapter: Koa steps aside (`ctx.respond = false`) and the node-http handler
 * answers, batching and SSE included.
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
    // Koa presets 404; tRPC leaves the status as-is when it opens an SSE stream.
    ctx.res.statusCode = 200;
    await nodeHTTPRequestHandler({
      router: opts.router,
      // The router's context type is checked where the middleware is mounted.
      createContext: opts.createContext as never,
      maxBodySize: opts.maxBodySize,
      maxBatchSize: opts.maxBatchSize,
      onError: opts.onError,
      responseMeta: opts.headersFor ? ({ errors }) => ({ headers: opts.headersFor!(errors) }) : undefined,
      req: ctx.req,
      res: ctx.res,
      path: ctx.path.slice(base.length),
    });
  };
}
