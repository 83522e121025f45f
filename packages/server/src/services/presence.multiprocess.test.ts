import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import { closeDeskClient, type PresenceEntry } from '@deskkit/client';
import { record, signedInClient, waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';
import { spawnDesk, stopDesks } from '../testing/processes.js';
import type { ChildProcess } from 'node:child_process';

describe('presence across several server processes sharing one database', () => {
  let db: TestDesk;
  const processes: ChildProcess[] = [];
  const urls: string[] = [];

  before(async () => {
    // The test process hosts the database (and the seed); three more processes serve agents.
    db = await startTestDesk();
    for (let i = 0; i < 3; i++) {
      const started = await spawnDesk(db.databaseUri);
      processes.push(started.child);
      urls.push(started.url);
    }
  });

  after(async () => {
    await stopDesks(processes);
    await db.close();
  });

  test('online agents, status changes and crashes are seen from every process', async () => {
    const password = db.seed.password;
    const alice = await signedInClient(urls[0]!, { email: 'alice@demo.deskkit.dev', password });
    const bob = await signedInClient(urls[1]!, { email: 'bob@demo.deskkit.dev', password });
    const sam = await signedInClient(urls[2]!, { email: 'sam@demo.deskkit.dev', password }, { transport: 'ws' });

    const samSees = record<PresenceEntry>((h) => sam.client.presence.onChange.subscribe(undefined, h));
    const aliceStream = record<PresenceEntry>((h) => alice.client.presence.onChange.subscribe(undefined, h));
    const bobStream = record<PresenceEntry>((h) => bob.client.presence.onChange.subscribe(undefined, h));

    // Each process lists the agents connected to the others.
    for (const url of urls) {
      const viewer = await signedInClient(url, { email: 'ada@demo.deskkit.dev', password });
      await waitFor(
        async () => {
          const online = (await viewer.client.presence.list.query()).agents.map((e) => e.agentId);
          return [alice.agentId, bob.agentId, sam.agentId].every((id) => online.includes(id));
        },
        5_000,
        `all three online as seen from ${url}`,
      );
    }

    // A status change made through process 0 reaches subscribers on processes 1 and 2 within a second.
    const started = Date.now();
    await alice.client.presence.setStatus.mutate({ status: 'available' });
    const seenBy = (stream: { events: Array<{ data: PresenceEntry }> }) =>
      stream.events.some((e) => e.data.agentId === alice.agentId && e.data.status === 'available');
    await waitFor(() => seenBy(samSees) && seenBy(bobStream), 1_000, 'status change on other processes');
    assert.ok(Date.now() - started < 1_000);

    // Process 1 dies without a chance to clean up: bob's connection expires and others are told.
    processes[1]!.kill('SIGKILL');
    await once(processes[1]!, 'exit');
    await waitFor(
      () => samSees.events.some((e) => e.data.agentId === bob.agentId && !e.data.online),
      6_000,
      'bob offline after his process died',
    );
    const online = (await alice.client.presence.list.query()).agents.map((e) => e.agentId);
    assert.ok(!online.includes(bob.agentId));
    assert.ok(online.includes(alice.agentId));

    // Every subscriber saw its events once, in sequence order.
    for (const stream of [samSees, aliceStream]) {
      const ids = stream.events.map((e) => Number(e.id));
      assert.equal(new Set(ids).size, ids.length);
      assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
    }
    samSees.unsubscribe();
    aliceStream.unsubscribe();
    bobStream.unsubscribe();
    await closeDeskClient(sam.client);
  });

  test("a dead process's agents stay online everywhere until its lease runs out, then go offline", async () => {
    const { models } = db.desk.services;
    const tenantId = db.seed.tenantId;
    // Two more processes with a longer lease, so "still online" is seen well before it runs out.
    const env = { DESKKIT_PRESENCE_TTL_MS: '4000', DESKKIT_HEARTBEAT_MS: '500' };
    const doomed = await spawnDesk(db.databaseUri, { env });
    const survivor = await spawnDesk(db.databaseUri, { env });
    processes.push(doomed.child, survivor.child);
    const password = db.seed.password;
    const chen = await signedInClient(doomed.url, { email: 'chen@demo.deskkit.dev', password });
    const watcher = await signedInClient(survivor.url, { email: 'ada@demo.deskkit.dev', password });
    const chenStream = record<PresenceEntry>((h) => chen.client.presence.onChange.subscribe(undefined, h));
    const seen = record<PresenceEntry>((h) => watcher.client.presence.onChange.subscribe(undefined, h));
    const listed = async () => (await watcher.client.presence.list.query()).agents.some((e) => e.agentId === chen.agentId);
    await waitFor(listed, 5_000, 'chen online as seen from the other process');

    const [connection] = await models.PresenceConnection.find({ tenantId, agentId: chen.agentId }).lean();
    doomed.child.kill('SIGKILL');
    await once(doomed.child, 'exit');
    // Nobody renews the lease any more: it runs out at a known time.
    const lease = await models.PresenceLease.findOne({ _id: connection!.leaseId }).lean();
    assert.ok(lease, 'the dead process left its lease behind');
    assert.ok(lease.expiresAt.getTime() - Date.now() > 1_000, 'the lease still has time left');
    assert.equal(await listed(), true, 'online while the lease lives');
    assert.ok(!seen.events.some((e) => e.data.agentId === chen.agentId && !e.data.online), 'not announced offline yet');

    await waitFor(() => seen.events.some((e) => e.data.agentId === chen.agentId && !e.data.online), 8_000, 'chen announced offline');
    assert.ok(Date.now() >= lease.expiresAt.getTime(), 'offline only once the lease ran out');
    assert.equal(await listed(), false);
    assert.equal(await models.PresenceLease.countDocuments({ _id: lease._id }), 0, 'the lease was reaped');
    assert.equal(await models.PresenceConnection.countDocuments({ tenantId, leaseId: lease._id }), 0, 'with its connections');
    // The surviving process's own agent never went offline.
    assert.ok((await watcher.client.presence.list.query()).agents.some((e) => e.agentId === watcher.agentId));
    chenStream.unsubscribe();
    seen.unsubscribe();
  });
});
