/**
 * Commit → subscriber latency: customers write into assigned chats at a steady rate while
 * every agent of the tenant holds its live stream; each message is timed from the send
 * call and from its commit time on the server to its arrival at the assignee's stream.
 * Baselines: a bare SSE push over loopback to as many connections, and a bare driver insert.
 */
import { MongoClient } from 'mongodb';
import { Agent, fetch as undiciFetch } from 'undici';
import { createDeskClient, type DeskClient } from '@deskkit/client';
import { subscribeAgents } from '../lib/agents.js';
import { databaseWithSuffix } from '../lib/database.js';
import { startChild, startDeskProcess } from '../lib/processes.js';
import type { Figure } from '../lib/report.js';
import { openEventSources, now } from '../lib/sse.js';
import { Latencies, sleep, until } from '../lib/stats.js';
import { openStore, seedOpenChats, seedTenant, type BenchChat, type BenchTenant } from '../lib/store.js';
import type { BenchContext } from '../run.js';

const SUITE = 'event latency';

export async function eventLatency(ctx: BenchContext): Promise<Figure[]> {
  const figures: Figure[] = [];
  const seconds = ctx.quick ? 4 : 10;
  // The rate the issue names, and one this machine's embedded database keeps up with,
  // so the pipeline's own latency shows apart from queueing.
  for (const agents of ctx.sizes ?? (ctx.quick ? [200] : [200, 2_000])) {
    for (const rate of ctx.rates ?? [200, 40]) {
      // Each run in a database of its own, so none scans the messages of the runs before it.
      const run = { ...ctx, databaseUri: databaseWithSuffix(ctx.databaseUri, `${agents}_${rate}`) };
      const desk = await measureDesk(run, agents, rate, seconds);
      const sse = await measureBareSse(agents, rate, seconds);
      const { latencies: insert, achieved: insertRate } = await measureBareInsert(run.databaseUri, rate, seconds);
      const label = `${agents.toLocaleString('en-US')} agents, ${rate} msg/s`;
      const named = rate === 200;
      for (const p of [50, 99] as const) {
        figures.push({
          suite: SUITE,
          name: `commit→subscriber p${p}, ${label}`,
          value: desk.commit.percentile(p),
          unit: 'ms',
          baseline: { name: 'bare SSE push + bare insert', value: sse.percentile(p) + insert.percentile(p) },
          target: agents === 2_000 && named ? { op: '<', value: p === 50 ? 10 : 50 } : undefined,
        });
      }
      figures.push({
        suite: SUITE,
        name: `messages/s sustained, ${label}`,
        value: desk.achieved,
        unit: 'msg/s',
        baseline: { name: 'bare driver inserts at the same offered rate', value: insertRate },
        target: { op: '>=', value: rate * 0.99 },
        notes: `CPU per message: desk process ${desk.cpu.desk.toFixed(2)} ms${desk.cpu.database === null ? '' : `, embedded database ${desk.cpu.database.toFixed(2)} ms`}`,
      });
      figures.push({
        suite: SUITE,
        name: `send→subscriber p99, ${label}`,
        value: desk.endToEnd.percentile(99),
        unit: 'ms',
        baseline: { name: 'bare SSE push + bare insert', value: sse.percentile(99) + insert.percentile(99) },
        notes:
          `${desk.received}/${desk.sent} messages received (${desk.duplicates} duplicates); ` +
          `bare SSE p50/p99 ${sse.percentile(50).toFixed(2)}/${sse.percentile(99).toFixed(2)} ms, ` +
          `bare insert p50/p99 ${insert.percentile(50).toFixed(2)}/${insert.percentile(99).toFixed(2)} ms`,
      });
    }
  }
  return figures;
}

async function measureDesk(ctx: BenchContext, agentCount: number, rate: number, seconds: number) {
  const store = await openStore(ctx.databaseUri);
  const tenant = await seedTenant(store, { slug: `latency-${agentCount}-${rate}`, agents: agentCount, departments: Math.max(1, agentCount / 100), maxChats: 5, status: 'available' });
  const chats = await seedOpenChats(store, tenant, Math.min(200, agentCount));
  await store.close();

  const desk = await startDeskProcess(ctx.databaseUri, ctx.deskEnv);
  const cpuMs = () => Promise.all([desk.cpuMs(), ctx.databaseCpuMs?.() ?? null]);
  try {
    return await measureStreams(desk.url, tenant, chats, rate, seconds, cpuMs);
  } finally {
    await desk.stop();
  }
}

async function measureStreams(
  url: string,
  tenant: BenchTenant,
  chats: BenchChat[],
  rate: number,
  seconds: number,
  cpuMs: () => Promise<[number, number | null]>,
) {
  const sentAt = new Map<string, number>();
  const seen = new Set<string>();
  const commit = new Latencies();
  const endToEnd = new Latencies();
  let duplicates = 0;
  let measuring = false;
  const streams = await subscribeAgents(url, tenant.agents, (agent, event) => {
    if (event.type !== 'message' || event.message.author.kind !== 'customer') return;
    const arrived = now();
    // Agents never see a customer's clientMessageId; the body carries it instead.
    const id = event.message.body;
    if (seen.has(id)) return void duplicates++;
    seen.add(id);
    const started = sentAt.get(id);
    if (!measuring || started === undefined) return;
    endToEnd.record(arrived - started);
    commit.record(arrived - Date.parse(event.message.createdAt));
  });
  // The customers send through their own connection pool: in one shared with the 2,000 open
  // streams, each send would first walk past every busy stream connection (undici's pool).
  const senders = new Agent();
  const senderFetch = ((input: Parameters<typeof undiciFetch>[0], init?: Parameters<typeof undiciFetch>[1]) =>
    undiciFetch(input, { ...init, dispatcher: senders })) as unknown as typeof globalThis.fetch;
  const visitors: Array<{ client: DeskClient; conversationId: string }> = chats.map((chat) => ({
    client: createDeskClient({ url, token: chat.visitorToken, fetch: senderFetch }),
    conversationId: chat.conversationId,
  }));

  try {
    // Warm up, then measure at a steady, open-loop rate.
    await drive(visitors, sentAt, rate, 2);
    measuring = true;
    const cpu0 = await cpuMs();
    const { sent, seconds: took } = await drive(visitors, sentAt, rate, seconds);
    const cpu1 = await cpuMs();
    const cpu = { desk: (cpu1[0] - cpu0[0]) / sent, database: cpu1[1] === null ? null : (cpu1[1] - cpu0[1]!) / sent };
    const measured = [...sentAt.keys()].slice(-sent);
    await until(() => measured.every((id) => seen.has(id)), 30_000, 'every message to reach its assignee').catch(() => undefined);
    const received = measured.filter((id) => seen.has(id)).length;
    return { commit, endToEnd, sent, received, duplicates, achieved: sent / took, cpu };
  } finally {
    streams.close();
    await senders.close();
  }
}

/**
 * Sends `rate` messages a second for `seconds`, round robin over the chats, open loop; a send
 * due while two seconds' worth are still unacknowledged is skipped (the desk is not keeping
 * up), so the achieved rate is what it sustained. Resolves once all sent are acknowledged.
 */
async function drive(visitors: Array<{ client: DeskClient; conversationId: string }>, sentAt: Map<string, number>, rate: number, seconds: number) {
  const total = rate * seconds;
  const acks: Array<Promise<unknown>> = [];
  const started = performance.now();
  let due = 0;
  let sent = 0;
  let inFlight = 0;
  while (due < total) {
    const now_ = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    for (; due < now_; due++) {
      if (inFlight >= rate * 2) continue;
      const visitor = visitors[sent % visitors.length]!;
      const clientMessageId = crypto.randomUUID().replaceAll('-', '');
      sentAt.set(clientMessageId, now());
      inFlight++;
      sent++;
      acks.push(
        visitor.client.webchat.send.mutate({ conversationId: visitor.conversationId, body: clientMessageId, clientMessageId }).finally(() => inFlight--),
      );
    }
    await sleep(1);
  }
  await Promise.all(acks);
  return { sent, seconds: (performance.now() - started) / 1000 };
}

async function measureBareSse(connections: number, rate: number, seconds: number): Promise<Latencies> {
  const server = await startChild<{ url: string }>('bare-sse-process.ts');
  const latencies = new Latencies();
  const sources = await openEventSources(server.ready.url, connections, (data) => {
    latencies.record(now() - (JSON.parse(data) as { at: number }).at);
  });
  await server.ask({ type: 'run', rate, seconds, ...{} } as { type: string }, 'done');
  await sleep(200);
  for (const source of sources) source.close();
  await server.stop();
  return latencies;
}

/** A bare driver insert per message at `rate`: each one's latency, and the rate they completed at. */
async function measureBareInsert(uri: string, rate: number, seconds: number): Promise<{ latencies: Latencies; achieved: number }> {
  const client = await MongoClient.connect(uri);
  const collection = client.db().collection(`bench_inserts_${Date.now()}`);
  const latencies = new Latencies();
  const total = rate * seconds;
  const started = performance.now();
  const pending: Array<Promise<void>> = [];
  for (let sent = 0; sent < total; ) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    for (; sent < due; sent++) {
      const t0 = performance.now();
      pending.push(
        collection.insertOne({ tenantId: 'bench', seq: sent, type: 'message.created', payload: { body: `Message ${sent}`, at: new Date() } }).then(() => {
          latencies.record(performance.now() - t0);
        }),
      );
    }
    await sleep(1);
  }
  await Promise.all(pending);
  const achieved = total / ((performance.now() - started) / 1000);
  await collection.drop();
  await client.close();
  return { latencies, achieved };
}
