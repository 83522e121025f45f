/**
 * `npm run bench [-- --quick] [-- --only=suite,…] [-- --sizes=2000] [-- --rates=40]`: runs every benchmark, prints a table of
 * figures beside baselines measured in the same run, and writes `bench/results.json`.
 * Uses `MONGODB_URI` when set (a fresh database per run), else the embedded database in
 * its own process — whose full scans, not the desk, bound several figures (see README).
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { databaseWithSuffix } from './lib/database.js';
import { startDatabase } from './lib/processes.js';
import { meetsTarget, table, unbased, type Figure } from './lib/report.js';
import { bundles } from './suites/bundles.js';
import { eventLatency } from './suites/event-latency.js';
import { idleMemory } from './suites/idle-memory.js';
import { queueRender } from './suites/queue-render.js';
import { routing } from './suites/routing.js';
import { rpcRoundTrip } from './suites/rpc-roundtrip.js';
import { throughput } from './suites/throughput.js';

export interface BenchContext {
  databaseUri: string;
  /** Shorter runs and fewer sizes, for a quick look. */
  quick: boolean;
  /** Environment for every desk process the suites start. */
  deskEnv: Record<string, string>;
  /** `--sizes=2000`: only these sizes, where a suite runs several (event-latency's agent counts, idle-memory's open streams). */
  sizes?: number[];
  /** `--rates=40`: only these send rates (event-latency). */
  rates?: number[];
  /** CPU time the embedded database's process has used so far, in ms (absent with `MONGODB_URI`). */
  databaseCpuMs?: () => Promise<number>;
}

const suites: Record<string, (ctx: BenchContext) => Promise<Figure[]>> = {
  'event-latency': eventLatency,
  throughput,
  'rpc-roundtrip': rpcRoundTrip,
  routing,
  'idle-memory': idleMemory,
  bundles,
  'queue-render': queueRender,
};

/** An error's message with its causes' ("fetch failed: Headers Timeout Error"). */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return err.cause === undefined ? err.message : `${err.message}: ${describe(err.cause)}`;
}

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, sizes: { type: 'string' }, rates: { type: 'string' } },
});
const selected = values.only ? values.only.split(',') : Object.keys(suites);
for (const name of selected) if (!suites[name]) throw new Error(`unknown suite ${name}; known: ${Object.keys(suites).join(', ')}`);

const database = await startDatabase();
const ctx: BenchContext = {
  databaseUri: database.uri,
  quick: values.quick,
  deskEnv: { LOG_LEVEL: 'error' },
  sizes: values.sizes?.split(',').map(Number),
  rates: values.rates?.split(',').map(Number),
  databaseCpuMs: database.cpuMs,
};
const figures: Figure[] = [];
const failed: Array<{ suite: string; error: string }> = [];
const started = new Date();
try {
  for (const name of selected) {
    process.stderr.write(`running ${name}…\n`);
    const t0 = performance.now();
    try {
      // Each suite in a database of its own: none scans what an earlier one left behind.
      figures.push(...(await suites[name]!({ ...ctx, databaseUri: databaseWithSuffix(database.uri, name) })));
      process.stderr.write(`  ${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    } catch (err) {
      // One suite failing loses none of the others' figures; the run still fails at the end.
      failed.push({ suite: name, error: describe(err) });
      process.stderr.write(`  ${name} FAILED: ${failed.at(-1)!.error}\n`);
    }
  }
} finally {
  await database.stop();
}

console.log(`\ndeskkit benchmarks — ${database.kind} database, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}\n`);
console.log(table(figures));
const results = {
  startedAt: started.toISOString(),
  database: database.kind,
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryBytes: os.totalmem(), node: process.version },
  figures: figures.map((f) => ({ ...f, met: meetsTarget(f) })),
  failed,
};
await writeFile(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nwritten to bench/results.json');
// Every figure stands beside a baseline from this run, or is a correctness check with a target.
const lonely = unbased(figures);
if (lonely.length) {
  console.error(`\nfigures with neither a baseline nor a check: ${lonely.map((f) => `${f.suite} / ${f.name}`).join('; ')}`);
  process.exitCode = 1;
}
if (failed.length) {
  console.error(`\nfailed: ${failed.map((f) => `${f.suite} (${f.error})`).join('; ')}`);
  process.exitCode = 1;
}
