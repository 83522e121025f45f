import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { createLogger } from '../logger.js';
import { gates } from '../testing/gates.js';
import { PeriodicJobs } from './periodic-jobs.js';

/** A job whose runs end when the test says so. */
function gatedJob() {
  const gate = gates();
  let runs = 0;
  const run = () => {
    runs++;
    return gate.hold();
  };
  return { run, release: gate.release, runs: () => runs, most: gate.most, running: gate.held };
}

test('a job runs on its interval, one run at a time; a failed run is logged and the next one still comes', async () => {
  const warnings: string[] = [];
  const log = createLogger('silent');
  log.warn = ((obj: { job: string }, msg: string) => void warnings.push(`${obj.job}: ${msg}`)) as typeof log.warn;
  const jobs = new PeriodicJobs(log);
  const job = gatedJob();
  jobs.every(5, 'test sweep', job.run);
  await job.release(new Error('database away'));
  await sleep(40); // many intervals pass while the second run is held
  assert.equal(job.most(), 1);
  assert.equal(job.runs(), 2);
  assert.deepEqual(warnings, ['test sweep: test sweep failed']);
  await job.release();
  await job.release();
  while (job.running() === 0) await sleep(1);
  const stopped = jobs.stop();
  await job.release();
  await stopped;
  assert.equal(job.runs(), 4);
});

test('stop() starts no more runs and waits for the run in flight', async () => {
  const jobs = new PeriodicJobs(createLogger('silent'));
  const job = gatedJob();
  jobs.every(5, 'held', job.run);
  while (job.running() === 0) await sleep(1);
  let stopped = false;
  const stopping = jobs.stop().then(() => (stopped = true));
  await sleep(30);
  assert.equal(stopped, false, 'stop waits for the run in flight');
  assert.equal(job.runs(), 1);
  await job.release();
  await stopping;
  assert.equal(stopped, true);
  await sleep(30);
  assert.equal(job.runs(), 1, 'no run after stop');
});
