import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { closeDeskClient, createDeskClient, isTRPCClientError, type PresenceEntry } from '@deskkit/client';
import { record, signedInClient, waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

describe('presence', () => {
  let t: TestDesk;
  const as = (name: string) => ({ email: `${name}@demo.deskkit.dev`, password: t.seed.password });

  before(async () => {
    t = await startTestDesk();
  });
  after(() => t.close());

  for (const transport of ['sse', 'ws'] as const) {
    test(`an open subscription makes the agent online; status changes reach others live (${transport})`, async () => {
      const alice = await signedInClient(t.url, as('alice'), { transport });
      const bob = await signedInClient(t.url, as('bob'), { transport });
      const aliceSees = record<PresenceEntry>((h) => alice.client.presence.onChange.subscribe(undefined, h));
      await waitFor(async () => (await bob.client.presence.list.query()).agents.some((e) => e.agentId === alice.agentId), 3_000, 'alice online');

      const bobSees = record<PresenceEntry>((h) => bob.client.presence.onChange.subscribe(undefined, h));
      await waitFor(() => aliceSees.events.some((e) => e.data.agentId === bob.agentId && e.data.online), 3_000, 'bob online');

      const started = Date.now();
      await alice.client.presence.setStatus.mutate({ status: 'available' });
      await waitFor(
        () => bobSees.events.some((e) => e.data.agentId === alice.agentId && e.data.status === 'available'),
        1_000,
        'status change within a second',
      );
      assert.ok(Date.now() - started < 1_000);
      const { agents: list } = await bob.client.presence.list.query();
      assert.equal(list.find((e) => e.agentId === alice.agentId)?.status, 'available');

      // Ids are increasing sequence numbers.
      const ids = bobSees.events.map((e) => Number(e.id));
      assert.deepEqual(ids, [...ids].sort((a, b) => a - b));

      // Closing the subscription takes the agent offline.
      aliceSees.unsubscribe();
      await waitFor(
        () => bobSees.events.some((e) => e.data.agentId === alice.agentId && !e.data.online),
        3_000,
        'alice offline',
      );
      assert.ok(!(await bob.client.presence.list.query()).agents.some((e) => e.agentId === alice.agentId));
      bobSees.unsubscribe();
      await alice.client.presence.setStatus.mutate({ status: 'unavailable' });
      await closeDeskClient(alice.client);
      await closeDeskClient(bob.client);
    });
  }

  test('a subscription resumed from lastEventId gets every missed event once, in order', async () => {
    const sam = await signedInClient(t.url, as('sam'));
    const chen = await signedInClient(t.url, as('chen'));
    const first = record<PresenceEntry>((h) => sam.client.presence.onChange.subscribe(undefined, h));
    await chen.client.presence.setStatus.mutate({ status: 'available' });
    await waitFor(() => first.events.some((e) => e.data.agentId === chen.agentId), 2_000, 'first event');
    const lastEventId = first.events.at(-1)!.id;
    first.unsubscribe();

    // While nobody listens, chen flips status five times.
    const expected: string[] = [];
    for (let i = 0; i < 5; i++) {
      const status = i % 2 ? 'available' : 'unavailable';
      await chen.client.presence.setStatus.mutate({ status });
      expected.push(status);
    }
    const resumed = record<PresenceEntry>((h) => sam.client.presence.onChange.subscribe({ lastEventId }, h));
    await waitFor(
      () => resumed.events.filter((e) => e.data.agentId === chen.agentId).length >= 5,
      3_000,
      'replayed events',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const chenEvents = resumed.events.filter((e) => e.data.agentId === chen.agentId).map((e) => e.data.status);
    assert.deepEqual(chenEvents, expected);
    const ids = resumed.events.map((e) => Number(e.id));
    assert.ok(ids[0]! > Number(lastEventId));
    assert.equal(new Set(ids).size, ids.length, 'no duplicates');
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
    resumed.unsubscribe();
  });

  test('a dropped SSE connection resumes by itself: every event once, in order', async () => {
    const sam = await signedInClient(t.url, as('sam'));
    const chen = await signedInClient(t.url, as('chen'));
    // Track the sockets carrying SSE streams, to cut them.
    const streams = new Set<Socket>();
    const track = (req: IncomingMessage) => {
      if (req.headers.accept === 'text/event-stream') streams.add(req.socket);
    };
    t.desk.server.on('request', track);
    const seen = record<PresenceEntry>((h) => sam.client.presence.onChange.subscribe(undefined, h));
    await waitFor(() => seen.started, 2_000, 'subscribed');
    const statuses: string[] = [];
    // Sam's own "online" event on the stream shows the server side of each connection is up.
    const samOnline = () => seen.events.filter((e) => e.data.agentId === sam.agentId && e.data.online).length;
    for (let round = 0; round < 3; round++) {
      await waitFor(() => streams.size && samOnline() > round, 10_000, 'stream open');
      // Cut the stream while changes keep coming.
      for (const socket of streams) socket.destroy();
      streams.clear();
      for (let i = 0; i < 3; i++) {
        const status = (round * 3 + i) % 2 ? 'available' : 'unavailable';
        await chen.client.presence.setStatus.mutate({ status });
        statuses.push(status);
      }
    }
    const chenStatuses = () => seen.events.filter((e) => e.data.agentId === chen.agentId && e.data.online === false).map((e) => e.data.status);
    await waitFor(() => chenStatuses().length >= statuses.length, 15_000, 'all changes after reconnects');
    assert.deepEqual(chenStatuses(), statuses);
    const ids = seen.events.map((e) => Number(e.id));
    assert.equal(new Set(ids).size, ids.length, 'no duplicates');
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'in order');
    assert.deepEqual(seen.errors, []);
    // Each reconnect opened a new presence connection for sam, announced on the stream.
    await waitFor(() => samOnline() >= 4, 10_000, 'reconnected three times');
    t.desk.server.off('request', track);
    seen.unsubscribe();
  });

  test('list returns a snapshot and the event id to follow it from without a gap', async () => {
    const sam = await signedInClient(t.url, as('sam'));
    const chen = await signedInClient(t.url, as('chen'));
    await chen.client.presence.setStatus.mutate({ status: 'available' });
    const snapshot = await sam.client.presence.list.query();
    assert.match(snapshot.lastEventId, /^\d+$/);
    await chen.client.presence.setStatus.mutate({ status: 'unavailable' });
    const follow = record<PresenceEntry>((h) => sam.client.presence.onChange.subscribe({ lastEventId: snapshot.lastEventId }, h));
    await waitFor(() => follow.events.some((e) => e.data.agentId === chen.agentId), 2_000, 'change after the snapshot');
    const first = follow.events[0]!;
    assert.ok(Number(first.id) > Number(snapshot.lastEventId));
    assert.equal(first.data.agentId, chen.agentId);
    assert.equal(first.data.status, 'unavailable');
    follow.unsubscribe();
  });

  test('bad lastEventId is a BAD_REQUEST; anonymous subscriptions are refused', async () => {
    const sam = await signedInClient(t.url, as('sam'));
    const bad = record((h) => sam.client.presence.onChange.subscribe({ lastEventId: '{"$gt":0}' }, h));
    await waitFor(() => bad.errors.length, 2_000, 'error');
    assert.ok(isTRPCClientError(bad.errors[0]));
    assert.equal(bad.errors[0].data?.code, 'BAD_REQUEST');
    bad.unsubscribe();

    const anonymous = record((h) => createDeskClient({ url: t.url }).presence.onChange.subscribe(undefined, h));
    await waitFor(() => anonymous.errors.length, 2_000, 'error');
    assert.ok(isTRPCClientError(anonymous.errors[0]));
    assert.equal(anonymous.errors[0].data?.code, 'UNAUTHORIZED');
    anonymous.unsubscribe();
  });

  test('signing out ends the live subscription and the agent goes offline', async () => {
    const alice = await signedInClient(t.url, as('alice'));
    const watcher = await signedInClient(t.url, as('sam'));
    const seen = record<PresenceEntry>((h) => watcher.client.presence.onChange.subscribe(undefined, h));
    const own = record<PresenceEntry>((h) => alice.client.presence.onChange.subscribe(undefined, h));
    await waitFor(() => seen.events.some((e) => e.data.agentId === alice.agentId && e.data.online), 3_000, 'online');
    await alice.client.auth.signOut.mutate();
    await waitFor(
      () => seen.events.some((e) => e.data.agentId === alice.agentId && !e.data.online && e.data.status === 'unavailable'),
      3_000,
      'offline after sign-out',
    );
    await waitFor(() => own.errors.length, 3_000, 'own stream ended');
    assert.ok(isTRPCClientError(own.errors[0]));
    assert.equal(own.errors[0].data?.code, 'UNAUTHORIZED');
    own.unsubscribe();
    seen.unsubscribe();
  });

  test('disabling an agent ends their sessions and streams at once', async () => {
    const admin = await signedInClient(t.url, as('ada'));
    const bob = await signedInClient(t.url, as('bob'));
    const bobStream = record<PresenceEntry>((h) => bob.client.presence.onChange.subscribe(undefined, h));
    await waitFor(async () => (await admin.client.presence.list.query()).agents.some((e) => e.agentId === bob.agentId), 3_000, 'bob online');

    await admin.client.agents.disable.mutate({ agentId: bob.agentId });
    await assert.rejects(bob.client.auth.me.query(), /session is not valid/);
    await waitFor(async () => !(await admin.client.presence.list.query()).agents.some((e) => e.agentId === bob.agentId), 3_000, 'bob offline');
    await assert.rejects(signedInClient(t.url, as('bob')), /invalid email or password/);
    await waitFor(() => bobStream.errors.length, 3_000, 'bob stream ended');
    assert.ok(isTRPCClientError(bobStream.errors[0]));
    assert.equal(bobStream.errors[0].data?.code, 'UNAUTHORIZED');
    bobStream.unsubscribe();
    await admin.client.agents.enable.mutate({ agentId: bob.agentId });
    await signedInClient(t.url, as('bob'));
  });

  test('a connection whose heartbeats stop expires and the agent is announced offline', async () => {
    const { services } = t.desk;
    const chen = t.seed.agents.find((a) => a.email.startsWith('chen'))!;
    const watcher = await signedInClient(t.url, as('sam'));
    const seen = record<PresenceEntry>((h) => watcher.client.presence.onChange.subscribe(undefined, h));
    await waitFor(() => seen.started, 2_000, 'subscribed');
    // A connection from a process that then died: no heartbeats, no disconnect.
    await services.presence.connect(t.seed.tenantId, chen.id);
    assert.ok((await services.presence.list(t.seed.tenantId)).some((e) => e.agentId === chen.id));
    await services.models.PresenceConnection.updateMany(
      { tenantId: t.seed.tenantId, agentId: chen.id },
      { $set: { expiresAt: new Date(Date.now() - 1) } },
    );
    // Expiry is enforced in queries before any clean-up runs...
    assert.ok(!(await services.presence.list(t.seed.tenantId)).some((e) => e.agentId === chen.id));
    // ...and the reaper tells subscribers.
    await waitFor(() => seen.events.some((e) => e.data.agentId === chen.id && !e.data.online), 5_000, 'reaped');
    seen.unsubscribe();
  });
});
