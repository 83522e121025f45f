import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Types } from 'mongoose';
import type { Models } from '../models/index.js';
import { EventService } from '../services/events.js';
import { waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';
import { EventFeed, SKIPPED_EVENT } from './feed.js';
import type { DeskEvent } from './types.js';

describe('event feed', () => {
  let t: TestDesk;
  before(async () => {
    t = await startTestDesk();
  });
  after(() => t.close());

  const insert = (tenantId: string, seq: number) =>
    t.desk.services.models.Event.create({
      tenantId: new Types.ObjectId(tenantId),
      seq,
      type: 'agent.disabled',
      payload: { agentId: String(seq) },
    });

  test('delivers in sequence order even when writers finish out of order, and skips a gap that never fills', async () => {
    const { models, log } = t.desk.services;
    const { id: tenantId } = await t.desk.services.tenants.ensure('feed-test', 'Feed test');
    const feed = new EventFeed(models, log, { pollMs: 20, gapTimeoutMs: 300, changeStreams: false });
    feed.start();
    const seen: DeskEvent[] = [];
    const { position, unwatch } = await feed.watch(tenantId, (event) => seen.push(event));
    assert.equal(position, 0);

    // seq 2 lands before seq 1: nothing is delivered until 1 arrives.
    await insert(tenantId, 2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(seen.map((e) => e.seq), []);
    await insert(tenantId, 1);
    await waitFor(() => seen.length === 2, 2_000, 'both delivered');
    assert.deepEqual(seen.map((e) => e.seq), [1, 2]);

    // seq 3 is never written (its writer died): after the gap timeout, 4 is delivered.
    await insert(tenantId, 4);
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.deepEqual(seen.map((e) => e.seq), [1, 2]);
    await waitFor(() => seen.length === 3, 2_000, 'gap skipped');
    assert.deepEqual(seen.map((e) => e.seq), [1, 2, 4]);

    unwatch();
    await feed.stop();
  });

  test('a writer slower than the gap timeout is not lost: its event reaches live listeners later, under a new number', async () => {
    const { models, log } = t.desk.services;
    const { id: tenantId } = await t.desk.services.tenants.ensure('feed-late', 'Late writer');
    const feed = new EventFeed(models, log, { pollMs: 20, gapTimeoutMs: 300, changeStreams: false });
    feed.start();
    const seen: DeskEvent[] = [];
    const { unwatch } = await feed.watch(tenantId, (event) => seen.push(event));
    const onTime = new EventService(models, feed);
    // This writer takes its number, then stalls before storing its event (a slow process):
    // every call it makes on the event log waits until `resume()`.
    let resume!: () => void;
    const stalled = new Promise<void>((resolve) => (resume = resolve));
    const Event = new Proxy(models.Event, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          await stalled;
          return value.apply(target, args);
        };
      },
    });
    const slow = new EventService({ ...models, Event } as Models, feed);
    const late = slow.publish(tenantId, 'agent.disabled', { agentId: 'late' });
    await waitFor(async () => (await models.Counter.findOne({ key: `events:${tenantId}` }).lean())?.seq === 1, 2_000, 'number taken');
    await onTime.publish(tenantId, 'agent.disabled', { agentId: 'on time' });
    // The feed waits for number 1, then gives it up and delivers 2.
    await waitFor(() => seen.length === 1, 2_000, 'gap given up');
    assert.deepEqual(seen.map((e) => e.seq), [2]);

    resume();
    const stored = await late;
    assert.equal(stored.seq, 3, 'number 1 was taken by the placeholder: the late event gets the next one');
    await waitFor(() => seen.length === 2, 2_000, 'late event delivered');
    const agentIds = seen.map((e) => (e.type === 'agent.disabled' ? e.payload.agentId : null));
    assert.deepEqual(seen.map((e) => e.seq), [2, 3], 'still in order, never back in seq');
    assert.deepEqual(agentIds, ['on time', 'late']);
    // Resuming from the log gives the same events once each, and never the placeholder.
    assert.deepEqual((await onTime.since(tenantId, 0)).map((e) => e.seq), [2, 3]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(seen.length, 2, 'nothing delivered twice');

    unwatch();
    await feed.stop();
  });

  test('events this process stores are handed over at once, in order, without waiting for a poll', async () => {
    const { models, log } = t.desk.services;
    const { id: tenantId } = await t.desk.services.tenants.ensure('feed-local', 'Local writes');
    // A poll that never comes in this test: only the local hand-over can deliver.
    const feed = new EventFeed(models, log, { pollMs: 60_000, gapTimeoutMs: 60_000, changeStreams: false });
    feed.start();
    const seen: DeskEvent[] = [];
    const { unwatch } = await feed.watch(tenantId, (event) => seen.push(event));
    const events = new EventService(models, feed);
    await events.publish(tenantId, 'agent.disabled', { agentId: 'first' });
    assert.deepEqual(seen.map((e) => e.seq), [1], 'delivered when publish returns');

    // Two writers finish out of order: the later number waits for the earlier one.
    const at = (seq: number, agentId: string): DeskEvent => ({ tenantId, seq, type: 'agent.disabled', payload: { agentId }, at: new Date() });
    feed.stored(at(3, 'third'));
    assert.deepEqual(seen.map((e) => e.seq), [1], 'held behind number 2');
    feed.stored(at(2, 'second'));
    assert.deepEqual(seen.map((e) => e.seq), [1, 2, 3]);
    // Seen again (a poll, a retry): never delivered twice.
    feed.stored(at(2, 'second'));
    assert.equal(seen.length, 3);

    unwatch();
    await feed.stop();
  });

  test('a listener filed under an address is handed only the events addressed to it and unaddressed ones', async () => {
    const { models, log } = t.desk.services;
    const { id: tenantId } = await t.desk.services.tenants.ensure('feed-addressed', 'Addressed events');
    // agent.disabled events addressed to their agent id, but 'everyone'.
    const addressesOf = (event: DeskEvent) => (event.type === 'agent.disabled' && event.payload.agentId !== 'everyone' ? [event.payload.agentId] : null);
    const feed = new EventFeed(models, log, { pollMs: 60_000, gapTimeoutMs: 60_000, changeStreams: false, addressesOf });
    feed.start();
    const heard = { a: [] as string[], b: [] as string[], all: [] as string[] };
    const listener = (into: string[]) => ({ handleEvent: (event: DeskEvent) => void into.push(event.type === 'agent.disabled' ? event.payload.agentId : '') });
    const [a, b, all] = [listener(heard.a), listener(heard.b), listener(heard.all)];
    await feed.watch(tenantId, a);
    await feed.watch(tenantId, b);
    await feed.watch(tenantId, all);
    feed.readdress(tenantId, a, 'a');
    feed.readdress(tenantId, b, 'b');
    const events = new EventService(models, feed);
    for (const agentId of ['a', 'b', 'everyone', 'c']) await events.publish(tenantId, 'agent.disabled', { agentId });
    assert.deepEqual(heard, { a: ['a', 'everyone'], b: ['b', 'everyone'], all: ['a', 'b', 'everyone', 'c'] });

    // Back to every event; a filed listener that stops watching leaves nothing behind.
    feed.readdress(tenantId, a, null);
    feed.unwatch(tenantId, all);
    await events.publish(tenantId, 'agent.disabled', { agentId: 'b' });
    assert.deepEqual(heard.a, ['a', 'everyone', 'b']);
    assert.deepEqual(heard.b, ['b', 'everyone', 'b']);
    feed.unwatch(tenantId, a);
    feed.unwatch(tenantId, b);
    // Not watching: filing it does nothing, and the tenant's cursor is gone (the next watch reads the position afresh).
    feed.readdress(tenantId, b, 'b');
    await events.publish(tenantId, 'agent.disabled', { agentId: 'b' });
    assert.deepEqual(heard.b, ['b', 'everyone', 'b']);
    assert.equal((await feed.watch(tenantId, b)).position, 6);
    await feed.stop();
  });

  test('publishAll stores consecutive numbers at once; one whose number is taken is published again after the rest', async () => {
    const { models, log } = t.desk.services;
    const { id: tenantId } = await t.desk.services.tenants.ensure('feed-all', 'Batches');
    const feed = new EventFeed(models, log, { pollMs: 20, gapTimeoutMs: 60_000, changeStreams: false });
    feed.start();
    const seen: DeskEvent[] = [];
    const { unwatch } = await feed.watch(tenantId, (event) => seen.push(event));
    const events = new EventService(models, feed);
    const disabled = (agentId: string) => ({ type: 'agent.disabled' as const, payload: { agentId } });
    const first = await events.publishAll(tenantId, [disabled('a'), disabled('b')]);
    assert.deepEqual(first.map((e) => e.seq), [1, 2]);
    // Number 4 is taken already (a gap given up by some feed): 'd' moves on to 5.
    await models.Event.create({ tenantId: new Types.ObjectId(tenantId), seq: 4, type: SKIPPED_EVENT, payload: { skipped: true } });
    await models.Counter.updateOne({ key: `events:${tenantId}` }, { $set: { seq: 2 } });
    const next = await events.publishAll(tenantId, [disabled('c'), disabled('d')]);
    assert.deepEqual(
      next.map((e) => [e.seq, e.type === 'agent.disabled' ? e.payload.agentId : null]),
      [
        [3, 'c'],
        [5, 'd'],
      ],
    );
    await waitFor(() => seen.length === 4, 2_000, 'all delivered');
    assert.deepEqual(seen.map((e) => e.seq), [1, 2, 3, 5]);
    assert.deepEqual((await events.since(tenantId, 0)).map((e) => e.seq), [1, 2, 3, 5]);
    unwatch();
    await feed.stop();
  });

  test('publishes made while a tenant\'s events are being stored are stored together, each caller\'s consecutive and in order', async () => {
    const { events, db } = t.desk.services;
    const { id: tenantId } = await t.desk.services.tenants.ensure('group-commit', 'Group commit');
    const counterUpdates: unknown[] = [];
    db.connection.set('debug', (collection: string, method: string, query: { key?: string }) => {
      if (collection === 'counters' && method === 'findOneAndUpdate' && query.key === `events:${tenantId}`) counterUpdates.push(query);
    });
    try {
      const disabled = (agentId: string) => ({ type: 'agent.disabled' as const, payload: { agentId } });
      const first = events.publishAll(tenantId, [disabled('first')]);
      // Published while the first is on its way: they wait, then share one round.
      await new Promise((resolve) => setImmediate(resolve));
      const rest = Array.from({ length: 20 }, (_, i) => events.publishAll(tenantId, [disabled(`${i}a`), disabled(`${i}b`)]));
      const stored = await Promise.all([first, ...rest]);
      assert.equal(counterUpdates.length, 2, 'two rounds for 21 callers');
      assert.deepEqual(stored[0]!.map((e) => e.seq), [1]);
      for (const [i, pair] of stored.slice(1).entries()) {
        assert.deepEqual(pair.map((e) => (e.type === 'agent.disabled' ? e.payload.agentId : null)), [`${i}a`, `${i}b`]);
        assert.deepEqual(pair.map((e) => e.seq), [2 + 2 * i, 3 + 2 * i], 'consecutive, in the order the callers came');
      }
      assert.deepEqual((await events.since(tenantId, 0)).map((e) => e.seq), Array.from({ length: 41 }, (_, i) => i + 1));
    } finally {
      db.connection.set('debug', false);
    }
  });

  test('publish numbers events per tenant with no duplicates under concurrency', async () => {
    const { events } = t.desk.services;
    const { id: a } = await t.desk.services.tenants.ensure('seq-a', 'A');
    const { id: b } = await t.desk.services.tenants.ensure('seq-b', 'B');
    const published = await Promise.all(
      Array.from({ length: 60 }, (_, i) => events.publish(i % 2 ? a : b, 'agent.disabled', { agentId: String(i) })),
    );
    for (const tenantId of [a, b]) {
      const seqs = published.filter((e) => e.tenantId === tenantId).map((e) => e.seq).sort((x, y) => x - y);
      assert.deepEqual(seqs, Array.from({ length: 30 }, (_, i) => i + 1));
    }
  });
});
