/**
 * Baseline: tRPC v11 alone — one subscription that never yields, served over SSE by
 * tRPC's own `nodeHTTPRequestHandler` on a bare Node server, with the desk's SSE ping
 * settings. What an idle subscription costs before any of the desk's code runs.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { initTRPC } from '@trpc/server';
import { nodeHTTPRequestHandler } from '@trpc/server/adapters/node-http';
import { settledMemory } from './heap.js';

const t = initTRPC.create({ sse: { ping: { enabled: true, intervalMs: 10_000 }, client: { reconnectAfterInactivityMs: 25_000 } } });
const router = t.router({
  idle: t.procedure.subscription(async function* ({ signal }) {
    await new Promise((resolve) => signal!.addEventListener('abort', resolve, { once: true }));
    yield 'closed';
  }),
});
const server = http.createServer({ requestTimeout: 0 }, (req, res) => {
  void nodeHTTPRequestHandler({ router, req, res, path: 'idle', createContext: () => ({}) });
});
server.listen(0, '127.0.0.1', () => {
  process.send!({ type: 'ready', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/trpc/idle` });
});
process.on('message', async (message: { type: string }) => {
  if (message.type !== 'memory') return;
  process.send!({ type: 'memory', ...(await settledMemory()) });
});
process.on('disconnect', () => process.exit(0));
