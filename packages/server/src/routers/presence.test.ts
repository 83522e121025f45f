import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Types } from 'mongoose';
import { closeDeskClient, createDeskClient, isTRPCClientError, type AgentLiveEvent, type PresenceEntry } from '@deskkit/client';
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

  test("an agent's live stream opened with presence carries every presence change too (a page needs one stream); without, none", async () => {
    const sam = await signedInClient(t.url, as('sam'));
    const chen = await signedInClient(t.url, as('chen'));
    const snapshot = await sam.client.presence.list.query();
    const both = record<AgentLiveEvent>((h) => sam.client.conversations.onEvent.subscribe({ lastEventId: snapshot.lastEventId, presence: true }, h));
    const chats = record<AgentLiveEvent>((h) => chen.client.conversations.onEvent.subscribe(undefined, h));
    const presenceOf = (live: typeof both, agentId: string) =>
      live.events.flatMap((e) => (e.data.type === 'presence' && e.data.entry.agentId === agentId ? [{ id: e.id, ...e.data.entry }] : []));
    // Sam's own stream makes him online, and his stream says so; then Chen's, and a status change of Chen's.
    await waitFor(() => presenceOf(both, sam.agentId).some((e) => e.online), 3_000, "sam's own arrival");
    await waitFor(() => presenceOf(both, chen.agentId).some((e) => e.online), 3_000, "chen's arrival");
    await chen.client.presence.setStatus.mutate({ status: 'available' });
    await waitFor(() => presenceOf(both, chen.agentId).some((e) => e.status === 'available'), 2_000, "chen's status");
    await chen.client.presence.setStatus.mutate({ status: 'unavailable' });
    await waitFor(() => presenceOf(both, chen.agentId).some((e) => e.status === 'unavailable'), 2_000, 'and back');
    // In order, from after the snapshot, once each; the same ids a presence stream gives.
    const ids = both.events.map((e) => Number(e.id));
    assert.deepEqual(ids, [...new Set(ids)].sort((a, b) => a - b));
    assert.ok(ids[0]! > Number(snapshot.lastEventId));
    const alone = record<PresenceEntry>((h) => sam.client.presence.onChange.subscribe({ lastEventId: snapshot.lastEventId }, h));
    await waitFor(() => alone.events.length >= presenceOf(both, chen.agentId).length, 2_000, 'the presence stream');
    const chenIds = presenceOf(both, chen.agentId).map((e) => e.id);
    assert.deepEqual(alone.events.filter((e) => e.data.agentId === chen.agentId).map((e) => e.id).slice(0, chenIds.length), chenIds);
    // Resumed from an id, it carries on from there.
    const resumed = record<AgentLiveEvent>((h) => sam.client.conversations.onEvent.subscribe({ lastEventId: chenIds[0]!, presence: true }, h));
    await waitFor(() => presenceOf(resumed, chen.agentId).length === chenIds.length - 1, 2_000, 'resumed');
    assert.deepEqual(presenceOf(resumed, chen.agentId).map((e) => e.id), chenIds.slice(1));
    // Chen's stream, opened without the flag, carried none of it.
    assert.equal(chats.events.filter((e) => e.data.type === 'presence').length, 0);
    for (const live of [both, chats, alone, resumed]) live.unsubscribe();
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

  test("a connection whose process's lease runs out goes offline, and the agent is announced offline", async () => {
    const { services } = t.desk;
    const tenantId = t.seed.tenantId;
    const chen = t.seed.agents.find((a) => a.email.startsWith('chen'))!;
    const watcher = await signedInClient(t.url, as('sam'));
    const seen = record<PresenceEntry>((h) => watcher.client.presence.onChange.subscribe(undefined, h));
    await waitFor(() => seen.started, 2_000, 'subscribed');
    // A connection held by a process that then died: its lease is never renewed, it never disconnects.
    const leaseId = new Types.ObjectId();
    await services.models.PresenceLease.create({ _id: leaseId, processId: 'dead', expiresAt: new Date(Date.now() + 60_000) });
    await services.models.PresenceConnection.create({
      tenantId,
      agentId: chen.id,
      connectionId: 'held-by-the-dead-process',
      processId: 'dead',
      leaseId,
      leasedAt: new Date(),
    });
    assert.ok((await services.presence.list(tenantId)).some((e) => e.agentId === chen.id));
    assert.equal((await services.presence.entry(tenantId, chen.id)).online, true);
    await services.models.PresenceLease.updateOne({ _id: leaseId }, { $set: { expiresAt: new Date(Date.now() - 1) } });
    // Expiry is enforced in queries before any clean-up runs...
    assert.ok(!(await services.presence.list(tenantId)).some((e) => e.agentId === chen.id));
    assert.equal((await services.presence.entry(tenantId, chen.id)).online, false);
    assert.equal(await services.leases.isOnline(tenantId, chen.id), false);
    // ...and the reaper deletes the lease and its connections and tells subscribers.
    await waitFor(() => seen.events.some((e) => e.data.agentId === chen.id && !e.data.online), 5_000, 'reaped');
    assert.equal(await services.models.PresenceLease.countDocuments({ _id: leaseId }), 0);
    assert.equal(await services.models.PresenceConnection.countDocuments({ tenantId, leaseId }), 0);
    seen.unsubscribe();
  });

  test('a process that stalls past its lease takes a new one and brings its connections back online', async () => {
    const { services } = t.desk;
    const tenantId = t.seed.tenantId;
    const chen = await signedInClient(t.url, as('chen'));
    const watcher = await signedInClient(t.url, as('sam'));
    const seen = record<PresenceEntry>((h) => watcher.client.presence.onChange.subscribe(undefined, h));
    const own = record<PresenceEntry>((h) => chen.client.presence.onChange.subscribe(undefined, h));
    await waitFor(() => seen.events.some((e) => e.data.agentId === chen.agentId && e.data.online), 3_000, 'chen online');
    const [before] = await services.models.PresenceConnection.find({ tenantId, agentId: chen.agentId }).lean();
    // As if this process had stalled: its lease ran out (and another process may reap it).
    const mark = seen.events.length;
    await services.models.PresenceLease.updateOne({ _id: before!.leaseId }, { $set: { expiresAt: new Date(Date.now() - 1) } });
    assert.equal(await services.leases.isOnline(tenantId, chen.agentId), false);
    // The next beat takes a new lease (the old one is not revived), puts the connection under it and says so.
    await waitFor(
      () => seen.events.slice(mark).some((e) => e.data.agentId === chen.agentId && e.data.online),
      5_000,
      'chen announced online again',
    );
    await waitFor(async () => (await services.models.PresenceLease.countDocuments({ _id: before!.leaseId })) === 0, 5_000, 'old lease reaped');
    // Whichever came first, the reaper or the beat, the connection is back under the new lease.
    await waitFor(async () => services.leases.isOnline(tenantId, chen.agentId), 3_000, 'chen online under the new lease');
    const after = await services.models.PresenceConnection.find({ tenantId, agentId: chen.agentId }).lean();
    assert.deepEqual(after.map((c) => c.connectionId), [before!.connectionId]);
    assert.notEqual(after[0]!.leaseId, before!.leaseId);
    assert.equal(await services.leases.isOnline(tenantId, chen.agentId), true);
    assert.ok((await services.presence.list(tenantId)).some((e) => e.agentId === chen.agentId));
    assert.deepEqual(own.errors, []);
    own.unsubscribe();
    seen.unsubscribe();
  });
});

describe('presence: a live stream ends when its session expires', () => {
  let t: TestDesk;

  before(async () => {
    // Beats far apart: only the stream's own timer can end it in time.
    t = await startTestDesk({ heartbeatMs: 60_000 });
  });
  after(() => t.close());

  test('the streams of a session end at its expiry, over SSE and WebSocket, and the agent goes offline', async () => {
    const { services } = t.desk;
    const tenantId = t.seed.tenantId;
    const chen = await signedInClient(t.url, { email: 'chen@demo.deskkit.dev', password: t.seed.password });
    const expiresAt = new Date(Date.now() + 2_000);
    await services.models.Session.updateMany({ tenantId, agentId: chen.agentId }, { $set: { expiresAt } });
    const ws = createDeskClient({ url: t.url, token: chen.token, transport: 'ws' });
    const streams = [
      record<PresenceEntry>((h) => chen.client.presence.onChange.subscribe(undefined, h)),
      record<AgentLiveEvent>((h) => ws.conversations.onEvent.subscribe(undefined, h)),
    ];
    await waitFor(() => streams.every((s) => s.started), 1_500, 'both streams started before the expiry');
    const ended: number[] = [];
    await waitFor(
      () => {
        for (const [i, s] of streams.entries()) if (s.errors.length && ended[i] === undefined) ended[i] = Date.now();
        return ended.length === 2 && ended.every((at) => at !== undefined);
      },
      5_000,
      'both streams ended',
    );
    for (const [i, stream] of streams.entries()) {
      const [error] = stream.errors;
      assert.ok(isTRPCClientError(error));
      assert.equal(error.data?.code, 'UNAUTHORIZED');
      assert.match(error.message, /session expired/);
      assert.ok(ended[i]! >= expiresAt.getTime() - 20, `ended ${expiresAt.getTime() - ended[i]!} ms before the expiry`);
      assert.ok(ended[i]! < expiresAt.getTime() + 1_500, `ended ${ended[i]! - expiresAt.getTime()} ms after the expiry`);
    }
    await waitFor(async () => !(await services.models.PresenceConnection.exists({ tenantId, agentId: chen.agentId })), 3_000, 'chen offline');
    for (const stream of streams) stream.unsubscribe();
    await closeDeskClient(ws);
  });
});
