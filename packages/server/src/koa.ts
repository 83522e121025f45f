import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import cors from '@koa/cors';
import Koa from 'koa';
import helmet from 'koa-helmet';
import mount from 'koa-mount';
import serve from 'koa-static';
import { createContext } from './context.js';
import { isDatabaseUnavailable } from './db/errors.js';
import { channelWebhook } from './http/channel-webhook.js';
import { demoIdentityRoute } from './http/demo-portal.js';
import { demoProviderRoute } from './http/demo-provider.js';
import { DemoPhone, demoPhoneRoute } from './http/demo-phone.js';
import { demoPayRoute } from './http/demo-pay.js';
import { filesRoute } from './http/files.js';
import { transcriptsRoute } from './http/transcripts.js';
import { emojiAssets } from './http/emoji-assets.js';
import { originAllowed } from './http/cors.js';
import { paymentWebhook } from './http/payment-webhook.js';
import { helmetOptions } from './http/security-headers.js';
import { sseFront } from './http/sse-front.js';
import { SseSubscriptions } from './http/sse-subscriptions.js';
import { trpcMiddleware } from './http/trpc-middleware.js';
import type { Logger } from './logger.js';
import { appRouter } from './routers/_app.js';
import type { Services } from './services/index.js';
import { RateLimited } from './services/rate-limits.js';

// HPE_INVALID_EOF_STATE: the connection closed in the middle of a chunked request body.
const clientGone = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE', 'HPE_INVALID_EOF_STATE']);

export interface StaticMount {
  prefix: string;
  dir: string;
}

/**
 * The desk's HTTP handler: SSE subscriptions answered ahead of Koa (http/sse-front.ts),
 * everything else by the Koa app.
 */
export function createHttpHandler(desk: Services, options: { staticMounts?: StaticMount[]; demo?: boolean } = {}): RequestListener {
  const { config, log } = desk;
  const subscriptions = new SseSubscriptions({
    router: appRouter,
    createContext: ({ req, info }) => createContext(desk, { req, info }),
    onError: procedureErrorLog(log),
    pingMs: config.ssePingMs,
  });
  const koa = createKoaApp(desk, options).callback();
  return sseFront({ prefix: '/trpc', subscriptions, corsOrigins: config.corsOrigins, log, koa });
}

/** Logs what tRPC answered as an internal error: a lost database as a warning, anything else as an error. */
export function procedureErrorLog(log: Logger) {
  return ({ error, path }: { error: Error; path?: string }) => {
    const code = (error as { code?: string }).code;
    if (code !== 'INTERNAL_SERVER_ERROR') return;
    if (isDatabaseUnavailable(error)) log.warn({ err: error, path }, 'database unavailable');
    else log.error({ err: error, path }, 'procedure failed');
  };
}

/** The longest `/healthz` waits for the database. */
const HEALTH_TIMEOUT_MS = 2_000;

/** The Koa app: security headers, CORS allow-list, `/healthz`, tRPC at `/trpc`, optional static files. */
export function createKoaApp(desk: Services, options: { staticMounts?: StaticMount[]; demo?: boolean } = {}): Koa {
  const { config, log } = desk;
  const app = new Koa();

  app.use(async function requestLog(ctx, next) {
    const started = performance.now();
    try {
      await next();
    } finally {
      const ms = Math.round(performance.now() - started);
      // The path only: query strings may carry connection params.
      log.debug({ method: ctx.method, path: ctx.path, status: ctx.res.statusCode, ms }, 'request');
    }
  });

  app.use(helmet(helmetOptions));

  app.use(
    cors({
      origin: (ctx) => {
        const origin = ctx.get('Origin');
        return originAllowed(origin, ctx.host, config.corsOrigins) ? origin : '';
      },
      allowHeaders: ['Authorization', 'Content-Type', 'Last-Event-ID', 'trpc-accept'],
      maxAge: 600,
    }),
  );

  app.use(async function rejectForeignOrigins(ctx, next) {
    // A browser on an origin outside the allow-list gets no API at all, not just no CORS headers.
    if (ctx.path.startsWith('/trpc/') && !originAllowed(ctx.get('Origin') || undefined, ctx.host, config.corsOrigins)) {
      ctx.status = 403;
      ctx.body = { error: 'origin not allowed' };
      return;
    }
    await next();
  });

  // Routes outside tRPC (files, transcripts, webhooks) answer a lost database as tRPC does: 503, try again.
  app.use(async function databaseUnavailable(ctx, next) {
    try {
      await next();
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      log.warn({ err, path: ctx.path }, 'database unavailable');
      ctx.status = 503;
      ctx.body = { error: 'database unavailable; try again' };
    }
  });

  app.use(async function health(ctx, next) {
    if (ctx.path !== '/healthz') return next();
    // Answers within two seconds, database or not (load balancers wait no longer): the
    // driver's own timeout, and a timer in case it waits longer (while it finds its server again).
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        desk.db.connection.db!.admin().command({ ping: 1 }, { timeoutMS: HEALTH_TIMEOUT_MS }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer from the database within ${HEALTH_TIMEOUT_MS} ms`)), HEALTH_TIMEOUT_MS);
        }),
      ]);
      ctx.body = { ok: true, db: desk.db.kind };
    } catch (err) {
      log.warn({ err }, 'health check failed');
      ctx.status = 503;
      ctx.body = { ok: false, db: desk.db.kind, error: 'database unreachable' };
    } finally {
      clearTimeout(timer);
    }
  });

  // The emoji picker's data, for every page that embeds the elements.
  app.use(emojiAssets());

  // SMS/WhatsApp provider webhooks: server to server, authenticated by signature, not by Origin.
  app.use(channelWebhook(desk));
  // Payment provider webhooks, likewise.
  app.use(paymentWebhook(desk));

  app.use(
    trpcMiddleware({
      prefix: '/trpc',
      router: appRouter,
      createContext: ({ req, info }: { req: IncomingMessage; res: ServerResponse; info?: unknown }) =>
        createContext(desk, { req, info: info as { connectionParams?: Record<string, string | undefined> | null } }),
      maxBodySize: config.bodyLimitBytes,
      // The typed client sends at most 25 calls per request.
      maxBatchSize: 50,
      onError: procedureErrorLog(log),
      headersFor: (errors): Record<string, string> => {
        const waitMs = Math.max(0, ...errors.map((error) => (error.cause instanceof RateLimited ? error.cause.retryAfterMs : 0)));
        return waitMs ? { 'Retry-After': String(Math.ceil(waitMs / 1000)) } : {};
      },
    }),
  );

  // Attachments: uploads and signed downloads, with their own origin check and stricter CSP.
  app.use(filesRoute(desk));
  // Transcript downloads, streamed; Bearer credential or a signed link from `transcripts.link`.
  app.use(transcriptsRoute(desk));

  if (options.demo) app.use(demoIdentityRoute(desk));
  if (options.demo) {
    // The customers' side of the demo's SMS/WhatsApp: what the provider delivered, and replies.
    const phone = new DemoPhone();
    app.use(demoProviderRoute(desk, { phone }));
    app.use(demoPhoneRoute(desk, phone));
  }
  // The local payments provider's checkout pages: in demo mode, or on a desk only this machine can reach.
  if (options.demo) app.use(demoPayRoute(desk));

  for (const { prefix, dir } of options.staticMounts ?? []) {
    app.use(prefix === '/' ? serve(dir) : mount(prefix, serve(dir)));
  }

  app.on('error', (err: NodeJS.ErrnoException) => {
    // A browser that goes away mid-response is not a server fault.
    if (err.code && clientGone.has(err.code)) log.debug({ err }, 'client closed the connection');
    else log.error({ err }, 'unhandled request error');
  });
  return app;
}
