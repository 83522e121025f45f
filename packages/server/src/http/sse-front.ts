import type { RequestListener } from 'node:http';
import type { Logger } from '../logger.js';
import { originAllowed } from './cors.js';
import { securityHeaders } from './security-headers.js';
import type { SseSubscriptions } from './sse-subscriptions.js';

/**
 * Answers SSE subscription requests (`GET <prefix>/<subscription>`) before the Koa app.
 * A stream may stay open for hours, and through Koa each one would keep its Koa context
 * and the response's header bookkeeping (about 5 KB a stream) for as long. The handshake
 * gets what Koa would have given it: helmet's security headers (same settings), CORS for
 * an allow-listed origin, a line in the request log.
 *
 * Everything else goes to Koa: other requests, subscription requests from origins outside
 * the allow-list (Koa refuses them, 403), and what `SseSubscriptions` turns down.
 */
export function sseFront(opts: {
  prefix: string;
  subscriptions: SseSubscriptions;
  corsOrigins: readonly string[];
  log: Logger;
  koa: RequestListener;
}): RequestListener {
  const { subscriptions, corsOrigins, log, koa } = opts;
  const base = `${opts.prefix}/`;
  // As @koa/cors answers: `Vary: Origin` always (answers differ by origin, caches must key them by it).
  const common = [...securityHeaders(), 'Vary', 'Origin'];
  return (req, res) => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    const origin = req.headers.origin;
    if (req.method !== 'GET' || !path.startsWith(base) || !originAllowed(origin, req.headers.host, corsOrigins)) return koa(req, res);
    const started = performance.now();
    // And an allow-listed origin as @koa/cors allows it (no credentials, nothing exposed).
    const headers = origin ? [...common, 'Access-Control-Allow-Origin', origin] : common;
    subscriptions.serve(req, res, path.slice(base.length), query < 0 ? '' : url.slice(query + 1), headers).then(
      (served) => {
        if (!served) return koa(req, res);
        // The path only: query strings carry connection params.
        log.debug({ method: req.method, path, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request');
      },
      (err: unknown) => {
        // Nothing is sent before the procedure has run; Koa's tRPC answers whatever failed.
        if (!res.headersSent) return koa(req, res);
        log.error({ err, path }, 'unhandled request error');
        res.destroy();
      },
    );
  };
}
