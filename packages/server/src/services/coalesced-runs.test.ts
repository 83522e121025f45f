import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gates } from '../testing/gates.js';
import { CoalescedRuns } from './coalesced-runs.js';

/** Records each run's items, and lets the test finish a run when it chooses. */
function recorder() {
  const runs: Array<{ key: string; items: string[] }> = [];
  const gate = gates();
  const runner = new CoalescedRuns<string>((key, items) => {
    runs.push({ key, items: [...items].sort() });
    return gate.hold();
  });
  return { runner, runs, release: gate.release, most: gate.most };
}

test('calls in one turn share a run; calls during it share the next, and each settles after a run covering it', async () => {
  const { runner, runs, release, most } = recorder();
  const settled: string[] = [];
  const a = runner.run('t1', ['q1']).then(() => settled.push('a'));
  const b = runner.run('t1', ['q2', 'q0']).then(() => settled.push('b'));
  await release();
  await Promise.all([a, b]);
  assert.deepEqual(runs, [{ key: 't1', items: ['q1', 'q2', 'q0'].sort() }]);

  const c = runner.run('t1', ['q1']).then(() => settled.push('c'));
  await new Promise((r) => setImmediate(r));
  // Joined while c's run goes: d and e wait for the next run, merged.
  const d = runner.run('t1', ['q3']).then(() => settled.push('d'));
  const e = runner.run('t1', ['q3', 'q4']).then(() => settled.push('e'));
  await release();
  await c;
  assert.deepEqual(settled, ['a', 'b', 'c']);
  await release();
  await Promise.all([d, e]);
  assert.deepEqual(runs.slice(1), [
    { key: 't1', items: ['q1'] },
    { key: 't1', items: ['q3', 'q4'] },
  ]);
  assert.equal(most(), 1, 'never two runs of one key at once');
});

test('keys run independently, and a failed run rejects only its own callers', async () => {
  const { runner, runs, release, most } = recorder();
  const one = runner.run('t1', ['q1']);
  const two = runner.run('t2', ['q1']);
  await new Promise((r) => setImmediate(r));
  assert.equal(runs.length, 2, 'both keys run at once');
  assert.equal(most(), 2);
  await release(new Error('database down'));
  await release();
  await assert.rejects(one, /database down/);
  await two;
  // The failed key runs again on the next call.
  const again = runner.run('t1', ['q2']);
  await release();
  await again;
  assert.deepEqual(runs.at(-1), { key: 't1', items: ['q2'] });
});

test('stop signals the run going on, waits for it, and skips the calls waiting behind it and any after', async () => {
  const signals: AbortSignal[] = [];
  let release!: () => void;
  const runner = new CoalescedRuns<string>(async (_key, _items, signal) => {
    signals.push(signal);
    await new Promise<void>((resolve) => (release = resolve));
  });
  const first = runner.run('t1', ['q1']);
  await new Promise((r) => setImmediate(r));
  const waiting = runner.run('t1', ['q2']);
  let stopped = false;
  const stopping = runner.stop().then(() => (stopped = true));
  await new Promise((r) => setImmediate(r));
  assert.equal(signals.length, 1);
  assert.equal(signals[0]!.aborted, true, 'the run going on is told to end');
  assert.equal(stopped, false, 'stop waits for it');
  release();
  await stopping;
  await first;
  await waiting;
  await runner.run('t2', ['q1']);
  assert.equal(signals.length, 1, 'neither the waiting call nor a later one ran');
});
