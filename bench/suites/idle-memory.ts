/**
 * Memory one idle live subscription holds on the server: the desk process's heap and
 * resident memory after full garbage collections, before and after opening N streams,
 * divided by N — for customers' web-chat streams and agents' live streams. Baseline:
 * a bare SSE server holding as many idle connections; beside it, a bare tRPC server
 * holding as many idle subscriptions (what tRPC's SSE costs before the desk's code).
 */
import { createDeskClient } from '@deskkit/client';
import { subscribeAgents } from '../lib/agents.js';
import { startChild, startDeskProcess, type Child } from '../lib/processes.js';
import type { Figure } from '../lib/report.js';
import { openEventSources } from '../lib/sse.js';
import { sleep } from '../lib/stats.js';
import { openStore, seedOpenChats, seedTenant, type BenchChat } from '../lib/store.js';
import type { BenchContext } from '../run.js';

const SUITE = 'idle memory';
const KB = 1024;

export async function idleMemory(ctx: BenchContext): Promise<Figure[]> {
  const sizes = ctx.sizes ?? (ctx.quick ? [1_000] : [1_000, 5_000, 10_000]);
  const largest = Math.max(...sizes);
  const store = await openStore(ctx.databaseUri);
  const tenant = await seedTenant(store, { slug: 'memory', agents: largest, departments: 50, maxChats: 5, status: 'unavailable' });
  const chats = await seedOpenChats(store, tenant, largest);
  await store.close();

  const figures: Figure[] = [];
  for (const n of sizes) {
    const bare = await perConnection(await startChild<{ url: string }>('bare-sse-process.ts'), n, async (child) => {
      const sources = await openEventSources(child.ready.url, n, () => undefined);
      return () => sources.forEach((s) => s.close());
    });
    const bareTrpc = await perConnection(await startChild<{ url: string }>('bare-trpc-process.ts'), n, async (child) => {
      const sources = await openEventSources(child.ready.url, n, () => undefined);
      return () => sources.forEach((s) => s.close());
    });
    const visitors = await perConnection(await startDeskProcess(ctx.databaseUri, ctx.deskEnv), n, (desk) => openVisitorStreams(desk.url, chats.slice(0, n), 'sse'));
    const visitorsWs = await perConnection(await startDeskProcess(ctx.databaseUri, ctx.deskEnv), n, (desk) => openVisitorStreams(desk.url, chats.slice(0, n), 'ws'));
    const agents = await perConnection(await startDeskProcess(ctx.databaseUri, ctx.deskEnv), n, async (desk) => {
      const streams = await subscribeAgents(desk.url, tenant.agents.slice(0, n), () => undefined);
      return streams.close;
    });
    const size = n.toLocaleString('en-US');
    figures.push(
      {
        suite: SUITE,
        name: `per bare tRPC SSE subscription (tRPC's node-http adapter, no desk), ${size} open`,
        value: bareTrpc.total / KB,
        unit: 'KB',
        baseline: { name: 'bare SSE connection', value: bare.total / KB },
        notes: `heap ${(bareTrpc.heap / KB).toFixed(1)} KB per subscription; the floor under the desk's SSE figures`,
      },
      {
        suite: SUITE,
        name: `per customer stream (heap + off-heap), ${size} open`,
        value: visitors.total / KB,
        unit: 'KB',
        baseline: { name: 'bare SSE connection', value: bare.total / KB },
        target: { op: '<=', value: 15 },
        notes: `heap ${(visitors.heap / KB).toFixed(1)} KB, RSS ${(visitors.rss / KB).toFixed(1)} KB per stream`,
      },
      {
        suite: SUITE,
        name: `per customer stream over WebSocket, ${size} open`,
        value: visitorsWs.total / KB,
        unit: 'KB',
        baseline: { name: 'bare SSE connection', value: bare.total / KB },
        target: { op: '<=', value: 15 },
        notes: `heap ${(visitorsWs.heap / KB).toFixed(1)} KB, RSS ${(visitorsWs.rss / KB).toFixed(1)} KB per stream, one socket each`,
      },
      {
        suite: SUITE,
        name: `per agent stream (heap + off-heap), ${size} open`,
        value: agents.total / KB,
        unit: 'KB',
        baseline: { name: 'bare SSE connection', value: bare.total / KB },
        target: { op: '<=', value: 15 },
        notes: `heap ${(agents.heap / KB).toFixed(1)} KB, RSS ${(agents.rss / KB).toFixed(1)} KB per stream (each also holds a presence connection)`,
      },
    );
  }
  return figures;
}

/** Opens N streams with `open`, lets the process settle, and returns its memory growth per stream. */
async function perConnection<C extends Child>(child: C, n: number, open: (child: C) => Promise<() => void>) {
  try {
    await sleep(1_000);
    const before = await child.memory();
    const close = await open(child);
    await sleep(3_000);
    const after = await child.memory();
    close();
    const heap = (after.heapUsed - before.heapUsed) / n;
    const external = (after.external + after.arrayBuffers - before.external - before.arrayBuffers) / n;
    return { heap, total: heap + external, rss: (after.rss - before.rss) / n };
  } finally {
    await child.stop();
  }
}

async function openVisitorStreams(url: string, chats: readonly BenchChat[], transport: 'sse' | 'ws'): Promise<() => void> {
  const subscriptions: Array<{ unsubscribe(): void }> = [];
  for (let i = 0; i < chats.length; i += 100) {
    await Promise.all(
      chats.slice(i, i + 100).map(
        (chat) =>
          new Promise<void>((resolve, reject) => {
            const client = createDeskClient({ url, token: chat.visitorToken, transport });
            subscriptions.push(client.webchat.onEvent.subscribe(undefined, { onStarted: () => resolve(), onData: () => undefined, onError: reject }));
          }),
      ),
    );
  }
  return () => subscriptions.forEach((s) => s.unsubscribe());
}
