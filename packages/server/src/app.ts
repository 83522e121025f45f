import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { configSchema, type DeskConfig, type DeskConfigInput } from './config.js';
import { createContext, reauthenticate, type Context } from './context.js';
import { connectDatabase } from './db/connect.js';
import { originAllowed } from './http/cors.js';
import { WsConnections } from './http/ws-connections.js';
import { createHttpHandler, procedureErrorLog, type StaticMount } from './koa.js';
import { createLogger, type Logger } from './logger.js';
import { appRouter } from './routers/_app.js';
import { createServices, type Services } from './services/index.js';

export interface RunningDesk {
  /** `http://host:port` the server listens on. */
  url: string;
  config: DeskConfig;
  services: Services;
  server: http.Server;
  /** Closes subscriptions and connections, then the database. Idempotent. */
  close(): Promise<void>;
}

/** Starts one desk process: database, services, background jobs, HTTP + SSE + WebSocket on one port. */
export async function startDesk(
  input: DeskConfigInput & { log?: Logger; staticMounts?: StaticMount[]; config?: DeskConfig; demo?: boolean } = {},
): Promise<RunningDesk> {
  const { log: givenLog, staticMounts, config: givenConfig, demo, ...rest } = input;
  const parsed = givenConfig ?? configSchema.parse(rest);
  // The demo's provider sends media links to the desk itself, over http.
  const config = demo ? { ...parsed, loopbackLinks: true } : parsed;
  const log = givenLog ?? createLogger(config.logLevel);
  const shutdown = new AbortController();
  const db = await connectDatabase({ uri: config.mongodbUri, persistPath: config.embeddedPersistPath, log });
  const services = createServices(config, db, log, shutdown.signal);
  await Promise.all(Object.values(services.models).map((model) => model.init()));
  await services.rateLimits.init();
  services.feed.start();

  const server = http.createServer({ requestTimeout: 0 }, createHttpHandler(services, { staticMounts, demo }));
  server.keepAliveTimeout = 65_000;

  const wss = config.websocket ? new WebSocketServer({ noServer: true, maxPayload: config.bodyLimitBytes }) : undefined;
  const wsHandler = wss
    ? new WsConnections({
        wss,
        router: appRouter,
        createContext: ({ req, info }) => createContext(services, { req, info }),
        // The credential is checked again for every call, as each HTTP request checks it.
        callContext: (ctx) => reauthenticate(services, ctx as Context),
        onError: procedureErrorLog(log),
        keepAlive: { pingMs: 30_000, pongWaitMs: 5_000 },
      })
    : undefined;
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (!wss || path !== '/trpc' || !originAllowed(req.headers.origin, req.headers.host, config.corsOrigins)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const { jobs } = services;
  jobs.every(config.heartbeatMs, 'presence reap', () => services.presence.reap());
  jobs.every(config.routingSweepMs, 'routing sweep', () => services.conversations.routeWaiting());
  // Slots a process that died mid-assignment left held are freed, and their agents routed:
  // stale reservations every `slotReconcileMs`, every agent's slots ten times less often.
  const reconcile = async (all: boolean) => {
    for (const fixed of await services.routing.reconcileSlots({ all })) {
      log.warn(fixed, 'slot accounting put right');
      if (fixed.freed > 0) services.conversations.routeFor(fixed.tenantId, fixed.agentId);
    }
  };
  jobs.every(config.slotReconcileMs, 'slot reconcile', () => reconcile(false));
  jobs.every(10 * config.slotReconcileMs, 'slot audit', () => reconcile(true));
  jobs.every(10 * 60_000, 'session purge', () => services.auth.purgeExpired());
  jobs.every(10 * 60_000, 'rate limit purge', () => services.rateLimits.purgeExpired());

  // Room for a burst of connections (customers arriving at once, every agent reconnecting
  // after a deploy) while the event loop is busy; the kernel caps it at its somaxconn.
  await new Promise<void>((resolve) => server.listen({ port: config.port, host: config.host, backlog: 4096 }, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  services.site.url ||= url;
  log.info({ url, websocket: Boolean(wss), processId: services.processId }, 'deskkit listening');

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      log.info('shutting down');
      const jobsStopped = jobs.stop();
      server.close();
      // Drop connections rather than end streams: clients then reconnect (to another
      // process) and resume from their last event id, instead of seeing the end.
      wsHandler?.broadcastReconnectNotification();
      server.closeAllConnections();
      for (const client of wss?.clients ?? []) client.terminate();
      wss?.close();
      // No sweep may still be writing (or sending through the outbound fetch) when they go.
      await jobsStopped;
      // Streams still open are ended here; each one's clean-up takes its presence row away.
      shutdown.abort();
      await services.streams.drained();
      // Routing runs in the background: let the current assignments finish, start no more.
      await services.conversations.stopRouting();
      await services.feed.stop();
      await db.close();
      log.info('stopped');
    })());

  return { url, config, services, server, close };
}
