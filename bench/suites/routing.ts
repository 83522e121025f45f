/**
 * Automatic routing of 1,000 chats arriving at once to 100 Available agents (200 to 20
 * with --quick): how long each customer waits for the answer to their start, how long
 * until every chat is placed, how evenly, and that no cap is broken — with room for all
 * (cap 10) and with too little room (cap 5: half must wait). Baseline: the same 1,000
 * chats in manual mode, where nothing is routed.
 */
import { createDeskClient } from '@deskkit/client';
import { Agent, fetch as undiciFetch } from 'undici';
import { subscribeAgents } from '../lib/agents.js';
import { startDeskProcess } from '../lib/processes.js';
import type { Figure } from '../lib/report.js';
import { Latencies, pool, until } from '../lib/stats.js';
import { openStore, seedTenant, type Store } from '../lib/store.js';
import type { BenchContext } from '../run.js';

const SUITE = 'routing';

/**
 * Customers wait as long as their start takes: a burst of 1,000 on the embedded database can
 * take longer than fetch's default 300 s for the response head, which would end the run.
 */
const patient = new Agent({ headersTimeout: 0, bodyTimeout: 0 });
const patientFetch = ((input: Parameters<typeof undiciFetch>[0], init?: Parameters<typeof undiciFetch>[1]) =>
  undiciFetch(input, { ...init, dispatcher: patient })) as unknown as typeof globalThis.fetch;

export async function routing(ctx: BenchContext): Promise<Figure[]> {
  const size = ctx.quick ? { chats: 200, agents: 20 } : { chats: 1_000, agents: 100 };
  const store = await openStore(ctx.databaseUri);
  const figures: Figure[] = [];
  try {
    const manual = await run(ctx, store, size, 'manual', 10);
    for (const cap of [10, 5]) {
      const auto = await run(ctx, store, size, 'auto', cap);
      const expected = Math.min(size.chats, size.agents * cap);
      const loads = auto.loads;
      const mean = loads.reduce((a, b) => a + b, 0) / loads.length;
      const jain = mean ? loads.reduce((a, b) => a + b, 0) ** 2 / (loads.length * loads.reduce((a, b) => a + b * b, 0)) : 0;
      const label = `${size.chats.toLocaleString('en-US')} chats → ${size.agents} agents, cap ${cap}`;
      figures.push(
        ...([50, 99] as const).map((p) => ({
          suite: SUITE,
          name: `start request → response p${p}, ${label}`,
          value: auto.starts.percentile(p),
          unit: 'ms',
          baseline: { name: `same, manual mode (nothing routed)`, value: manual.starts.percentile(p) },
        })),
        {
          suite: SUITE,
          name: `time until all ${expected} placed, ${label}`,
          value: auto.placedMs,
          unit: 'ms',
          baseline: { name: 'same chats, manual mode (created only)', value: manual.createdMs },
          notes: `created in ${Math.round(auto.createdMs)} ms; per agent min ${Math.min(...loads)}, max ${Math.max(...loads)}; ${auto.pending} still pending`,
        },
        { suite: SUITE, name: `fairness (Jain's index, 1 = even), ${label}`, value: jain, unit: '', check: true, target: { op: '>=', value: 0.99 } },
        { suite: SUITE, name: `agents over their cap, ${label}`, value: auto.overCap, unit: 'agents', check: true, target: { op: '<=', value: 0 } },
        { suite: SUITE, name: `slot accounting errors, ${label}`, value: auto.slotErrors, unit: 'agents', check: true, target: { op: '<=', value: 0 } },
      );
    }
  } finally {
    await store.close();
  }
  return figures;
}

async function run(ctx: BenchContext, store: Store, size: { chats: number; agents: number }, mode: 'manual' | 'auto', cap: number) {
  const slug = `routing-${mode}-${cap}-${size.chats}`;
  const tenant = await seedTenant(store, { slug, agents: size.agents, departments: 1, maxChats: cap, status: 'available', routingMode: mode });
  const departmentId = tenant.departmentIds[0]!;
  const desk = await startDeskProcess(ctx.databaseUri, ctx.deskEnv);
  let createdMs: number;
  let placedMs: number;
  const starts = new Latencies();
  try {
    // Agents are online while their live stream is open.
    const streams = await subscribeAgents(desk.url, tenant.agents, () => undefined);
    try {
      // Every customer is their own browser: one client (and connection) each, all at once.
      const customers = Array.from({ length: size.chats }, () => createDeskClient({ url: desk.url, fetch: patientFetch }));
      const t0 = performance.now();
      await pool(customers, size.chats, async (customer, i) => {
        const sent = performance.now();
        await customer.webchat.start.mutate({
          tenant: slug,
          departmentId,
          name: `Customer ${i + 1}`,
          message: { body: 'Hello, I need help', clientMessageId: crypto.randomUUID().replaceAll('-', '') },
        });
        starts.record(performance.now() - sent);
      });
      createdMs = performance.now() - t0;
      const expected = mode === 'auto' ? Math.min(size.chats, size.agents * cap) : 0;
      const open = () => store.models.Conversation.countDocuments({ tenantId: tenant.tenantId, status: 'open' });
      // Generous: on the embedded database every query scans its collection, so placing
      // 1,000 chats one after another takes minutes there.
      await until(async () => (await open()) >= expected, 900_000, `${expected} chats placed`);
      placedMs = performance.now() - t0;
    } finally {
      streams.close();
    }
  } finally {
    // A failed run leaves no desk behind to load the database under the next suites.
    await desk.stop();
  }

  const conversations = await store.models.Conversation.find({ tenantId: tenant.tenantId }).select({ status: 1, assigneeId: 1 }).lean();
  const agents = await store.models.Agent.find({ tenantId: tenant.tenantId }).select({ freeSlots: 1, maxChats: 1, slots: 1 }).lean();
  const load = new Map<string, number>(agents.map((a) => [String(a._id), 0]));
  for (const c of conversations) if (c.status === 'open' && c.assigneeId) load.set(String(c.assigneeId), (load.get(String(c.assigneeId)) ?? 0) + 1);
  return {
    createdMs,
    placedMs,
    starts,
    loads: [...load.values()],
    pending: conversations.filter((c) => c.status === 'pending').length,
    overCap: agents.filter((a) => load.get(String(a._id))! > a.maxChats).length,
    // Every open chat holds exactly one slot of its agent, and the agent's slots name it.
    slotErrors: agents.filter((a) => {
      const held = conversations.filter((c) => c.status === 'open' && String(c.assigneeId) === String(a._id)).map((c) => String(c._id));
      const named = a.slots.map((slot) => String(slot.c));
      return a.freeSlots !== a.maxChats - held.length || named.length !== held.length || !held.every((id) => named.includes(id));
    }).length,
  };
}
