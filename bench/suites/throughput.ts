/**
 * Messages a second one desk process sustains: customers in many chats send as fast as
 * their acknowledgements come back (each send durable before its ack), with the
 * assignees' live streams open. Baseline: bare driver inserts at the same concurrency.
 * Also the CPU time each message costs the desk process and the embedded database's:
 * on a machine shared with other work these move far less than messages/s.
 */
import { MongoClient } from 'mongodb';
import { createDeskClient } from '@deskkit/client';
import { subscribeAgents } from '../lib/agents.js';
import { startDeskProcess } from '../lib/processes.js';
import type { Figure } from '../lib/report.js';
import { openStore, seedOpenChats, seedTenant } from '../lib/store.js';
import type { BenchContext } from '../run.js';

const SUITE = 'throughput';
const CHATS = 50;

export async function throughput(ctx: BenchContext): Promise<Figure[]> {
  const seconds = ctx.quick ? 4 : 10;
  const store = await openStore(ctx.databaseUri);
  const tenant = await seedTenant(store, { slug: 'throughput', agents: CHATS, departments: 5, maxChats: 5, status: 'available' });
  const chats = await seedOpenChats(store, tenant, CHATS);

  const desk = await startDeskProcess(ctx.databaseUri, ctx.deskEnv);
  let delivered = 0;
  const streams = await subscribeAgents(desk.url, tenant.agents, (_, event) => {
    if (event.type === 'message') delivered++;
  });
  const visitors = chats.map((chat) => ({ chat, client: createDeskClient({ url: desk.url, token: chat.visitorToken }) }));
  const run = async (ms: number) => {
    let acked = 0;
    const deadline = performance.now() + ms;
    await Promise.all(
      visitors.map(async ({ chat, client }) => {
        while (performance.now() < deadline) {
          await client.webchat.send.mutate({ conversationId: chat.conversationId, body: 'How do I export my invoices?', clientMessageId: crypto.randomUUID().replaceAll('-', '') });
          acked++;
        }
      }),
    );
    return acked;
  };
  await run(2_000);
  const cpu0 = await Promise.all([desk.cpuMs(), ctx.databaseCpuMs?.()]);
  const t0 = performance.now();
  const acked = await run(seconds * 1_000);
  const desksRate = acked / ((performance.now() - t0) / 1000);
  const cpu1 = await Promise.all([desk.cpuMs(), ctx.databaseCpuMs?.()]);
  streams.close();
  await desk.stop();
  const stored = await store.models.Message.countDocuments({ tenantId: tenant.tenantId, authorKind: 'customer' });
  await store.close();

  const baseline = await bareInserts(ctx, CHATS, seconds);
  return [
    {
      suite: SUITE,
      name: `messages/s sustained, one process, ${CHATS} chats`,
      value: desksRate,
      unit: 'msg/s',
      baseline: { name: `bare driver inserts, ${CHATS} at once`, value: baseline.rate },
      notes: `${acked} acknowledged in the measured window, ${stored} customer messages stored in all, ${delivered} delivered live to assignees`,
    },
    {
      suite: SUITE,
      name: 'desk process CPU per message',
      value: (cpu1[0] - cpu0[0]) / acked,
      unit: 'ms',
      baseline: { name: 'driver CPU per bare insert', value: baseline.cpuMs },
    },
    ...(cpu0[1] === undefined || baseline.databaseCpuMs === undefined
      ? []
      : [
          {
            suite: SUITE,
            name: 'embedded database CPU per message',
            value: (cpu1[1]! - cpu0[1]) / acked,
            unit: 'ms',
            baseline: { name: 'its CPU per bare insert', value: baseline.databaseCpuMs },
          },
        ]),
  ];
}

/** Bare driver inserts, `concurrency` at once: their rate, and CPU per insert here and in the embedded database. */
async function bareInserts(ctx: BenchContext, concurrency: number, seconds: number): Promise<{ rate: number; cpuMs: number; databaseCpuMs?: number }> {
  const client = await MongoClient.connect(ctx.databaseUri);
  const collection = client.db().collection(`bench_throughput_${Date.now()}`);
  let done = 0;
  const database0 = await ctx.databaseCpuMs?.();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (performance.now() < deadline) {
        await collection.insertOne({ tenantId: 'bench', worker, body: 'How do I export my invoices?', at: new Date() });
        done++;
      }
    }),
  );
  const rate = done / ((performance.now() - t0) / 1000);
  const cpu = process.cpuUsage(cpu0);
  const database1 = await ctx.databaseCpuMs?.();
  await collection.drop();
  await client.close();
  return {
    rate,
    cpuMs: (cpu.user + cpu.system) / 1000 / done,
    databaseCpuMs: database0 === undefined || database1 === undefined ? undefined : (database1 - database0) / done,
  };
}
