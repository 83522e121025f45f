/**
 * tRPC query round trip against a bare Koa JSON route: the whole desk stack (security
 * headers, CORS, tRPC, context) with no database work (`meta.info`), and a real
 * authenticated query (`auth.me`: session and agent lookups).
 */
import { startChild, startDeskProcess } from '../lib/processes.js';
import { load } from '../lib/load.js';
import type { Figure } from '../lib/report.js';
import { openStore, seedTenant } from '../lib/store.js';
import type { BenchContext } from '../run.js';

const SUITE = 'query round trip';

export async function rpcRoundTrip(ctx: BenchContext): Promise<Figure[]> {
  const seconds = ctx.quick ? 2 : 5;
  const store = await openStore(ctx.databaseUri);
  const tenant = await seedTenant(store, { slug: 'rpc', agents: 1, departments: 1, maxChats: 5, status: 'available' });
  await store.close();

  const bare = await startChild<{ url: string }>('bare-koa-process.ts');
  const desk = await startDeskProcess(ctx.databaseUri, ctx.deskEnv);
  const auth = { Authorization: `Bearer ${tenant.agents[0]!.token}` };
  const figures: Figure[] = [];
  try {
    for (const connections of [1, 50]) {
      // Warm up each target once (JIT, connection pools), then measure.
      await load(bare.ready.url, { connections, seconds: 1 });
      await load(`${desk.url}/trpc/meta.info`, { connections, seconds: 1 });
      const baseline = await load(bare.ready.url, { connections, seconds });
      const info = await load(`${desk.url}/trpc/meta.info`, { connections, seconds });
      const me = await load(`${desk.url}/trpc/auth.me`, { connections, seconds, headers: auth });
      if (info.errors || me.errors || baseline.errors) throw new Error(`errors during load: ${JSON.stringify({ info, me, baseline })}`);
      const what = connections === 1 ? 'one connection' : `${connections} connections`;
      if (connections === 1) {
        figures.push(
          { suite: SUITE, name: `meta.info p50, ${what}`, value: info.p50, unit: 'ms', baseline: { name: 'bare Koa JSON route', value: baseline.p50 } },
          { suite: SUITE, name: `auth.me p50, ${what}`, value: me.p50, unit: 'ms', baseline: { name: 'bare Koa JSON route', value: baseline.p50 } },
        );
      }
      figures.push(
        { suite: SUITE, name: `meta.info throughput, ${what}`, value: info.requestsPerSecond, unit: 'req/s', baseline: { name: 'bare Koa JSON route', value: baseline.requestsPerSecond } },
        {
          suite: SUITE,
          name: `auth.me throughput, ${what}`,
          value: me.requestsPerSecond,
          unit: 'req/s',
          baseline: { name: 'bare Koa JSON route', value: baseline.requestsPerSecond },
          notes: connections === 50 ? `p99 meta.info ${info.p99} ms, auth.me ${me.p99} ms, bare ${baseline.p99} ms` : undefined,
        },
      );
    }
  } finally {
    await desk.stop();
    await bare.stop();
  }
  return figures;
}
