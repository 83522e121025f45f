import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import mongoose, { Types } from 'mongoose';
import { createDeskClient, type AgentLiveEvent, type VisitorLiveEvent } from '@deskkit/client';
import { EventFeed } from '../events/feed.js';
import type { DeskEvent } from '../events/types.js';
import { bindModels } from '../models/index.js';
import { clientMessageId, record, signedInClient, startChat, waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';
import { spawnDesk, stopDesks } from '../testing/processes.js';
import { spawnDatabase, type DatabaseProcess } from './database.js';
import { databaseUnavailable, retryThroughOutage } from './outage.js';
import { TcpProxy } from './tcp-proxy.js';
import { arrivals, assertCountersMatchTimeline, assertWholeTimeline } from './timeline.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Bounds, not benchmarks: the driver gives up on an unreachable database after 5 s (db/connect.ts). */
const FAILS_WITHIN_MS = 15_000;

/**
 * The desk loses its database (a proxy between them drops every connection and
 * refuses new ones) and gets it back: calls fail fast with a clear, retryable
 * error, the process stays up, and everything recovers without a restart.
 */
describe('fault suite: the database connection lost and restored', () => {
  let db: DatabaseProcess;
  /** Seeds and inspects the database directly, untouched by the cut. */
  let host: TestDesk;
  let proxy: TcpProxy;
  let desk: Awaited<ReturnType<typeof spawnDesk>>;

  before(async () => {
    db = await spawnDatabase();
    host = await startTestDesk({ mongodbUri: db.uri });
    proxy = await TcpProxy.start({ host: db.host, port: db.port });
    desk = await spawnDesk(db.via(proxy.port), { env: { LOG_LEVEL: 'warn' } });
  });
  after(async () => {
    await stopDesks(desk ? [desk.child] : []);
    await host?.close();
    await proxy?.close();
    await db?.stop();
  });

  test('clear errors while it is down, recovery once it is back, nothing lost or repeated', async () => {
    const { models } = host.desk.services;
    const tenantId = host.seed.tenantId;
    const support = host.seed.departments.find((d) => d.name === 'Support')!.id;
    const alice = await signedInClient(desk.url, { email: 'alice@demo.deskkit.dev', password: host.seed.password });
    const agentLive = record<AgentLiveEvent>((h) => alice.client.conversations.onEvent.subscribe(undefined, h));
    await waitFor(() => agentLive.started, 10_000, 'agent stream');
    await alice.client.presence.setStatus.mutate({ status: 'available' });
    const chat = await startChat(desk.url, { departmentId: support, name: 'Outage Olga' });
    await alice.client.conversations.accept.mutate({ conversationId: chat.id });
    const visitor = createDeskClient({ url: desk.url, token: chat.visitorToken, transport: 'ws' });
    const visitorLive = record<VisitorLiveEvent>((h) => visitor.webchat.onEvent.subscribe(undefined, h));
    await waitFor(() => visitorLive.started, 10_000, 'visitor stream');
    const sent: string[] = [];
    const reply = (body: string, id = clientMessageId()) =>
      alice.client.conversations.reply.mutate({ conversationId: chat.id, body, clientMessageId: id });
    const ask = (body: string, id = clientMessageId()) => visitor.webchat.send.mutate({ conversationId: chat.id, body, clientMessageId: id });
    sent.push((await reply('before: agent')).message.id, (await ask('before: visitor')).message.id);

    // The database goes away.
    proxy.down();
    const aliceOnline = async () => (await host.desk.services.presence.list(tenantId)).some((a) => a.agentId === alice.agentId);
    const agentDownId = clientMessageId();
    const visitorDownId = clientMessageId();
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['a query', () => alice.client.conversations.list.query({ view: 'mine' })],
      ['an agent reply', () => reply('while down: agent', agentDownId)],
      ['a visitor message', () => ask('while down: visitor', visitorDownId)],
      ['a sign-in', () => createDeskClient({ url: desk.url }).auth.signIn.mutate({ tenant: 'demo', email: 'bob@demo.deskkit.dev', password: host.seed.password })],
      ['a new chat', () => startChat(desk.url, { departmentId: support })],
    ];
    const failFast = ([what, call]: [string, () => Promise<unknown>]) => async () => {
      const started = Date.now();
      await assert.rejects(call(), databaseUnavailable, what);
      assert.ok(Date.now() - started < FAILS_WITHIN_MS, `${what} failed within seconds (${Date.now() - started} ms)`);
    };
    // At once (the connections drop), and again a moment later (the driver looks for a server, then gives up).
    await Promise.all(calls.map((call) => failFast(call)()));
    await sleep(1_000);
    await Promise.all(calls.map((call) => failFast(call)()));
    // Streams opened now start once the database is back.
    const bob = await signedInClient(desk.url, { email: 'bob@demo.deskkit.dev', password: host.seed.password }).catch(() => null);
    assert.equal(bob, null, 'no sign-in while it is down');
    const lateAgent = record<AgentLiveEvent>((h) => alice.client.conversations.onEvent.subscribe(undefined, h));
    const lateVisitor = record<VisitorLiveEvent>((h) => visitor.webchat.onEvent.subscribe(undefined, h));
    const lateOpened = Date.now();
    const healthStarted = Date.now();
    const health = await fetch(`${desk.url}/healthz`);
    assert.equal(health.status, 503);
    assert.deepEqual(await health.json(), { ok: false, db: 'mongodb', error: 'database unreachable' });
    assert.ok(Date.now() - healthStarted < 5_000, 'health answers within seconds');
    // Plain HTTP routes say the same.
    const transcript = await fetch(`${desk.url}/transcripts/${chat.id}.txt`, { headers: { Authorization: `Bearer ${alice.token}` } });
    assert.equal(transcript.status, 503);
    assert.deepEqual(await transcript.json(), { error: 'database unavailable; try again' });
    // Heartbeats stopped: the database's other users see Alice go offline.
    await waitFor(async () => !(await aliceOnline()), 10_000, 'alice reaped while cut off');
    assert.equal(desk.child.exitCode, null, 'the desk process is still up');
    assert.equal(agentLive.completed || visitorLive.completed, false, 'no stream ended');

    // Long enough for every call the late streams make to give up (5 s each).
    await sleep(lateOpened + 7_000 - Date.now());

    // It comes back: no restart, the failed sends go through once when retried.
    proxy.restore();
    const agentRetry = await retryThroughOutage(() => reply('while down: agent', agentDownId), 30_000, 'agent retry');
    const visitorRetry = await retryThroughOutage(() => ask('while down: visitor', visitorDownId), 30_000, 'visitor retry');
    sent.push(agentRetry.message.id, visitorRetry.message.id);
    sent.push((await reply('after: agent')).message.id, (await ask('after: visitor')).message.id);
    assert.equal((await alice.client.conversations.list.query({ view: 'mine' })).items.some((c) => c.id === chat.id), true);
    await waitFor(aliceOnline, 10_000, 'alice online again');
    const health2 = await fetch(`${desk.url}/healthz`);
    assert.equal(health2.status, 200);

    await waitFor(() => lateAgent.started && lateVisitor.started, 15_000, 'streams opened during the outage started');
    const late = [(await reply('late: agent')).message.id, (await ask('late: visitor')).message.id];
    sent.push(...late);
    for (const live of [lateAgent, lateVisitor]) {
      await waitFor(() => late.every((id) => arrivals(live.events).get(id) === 1), 10_000, 'late streams deliver');
      assert.deepEqual(live.errors, []);
      live.unsubscribe();
    }

    // Both streams carry every message exactly once, in order, without having been restarted.
    for (const [who, live] of [['agent', agentLive], ['visitor', visitorLive]] as const) {
      await waitFor(() => sent.every((id) => arrivals(live.events).has(id)), 15_000, `${who} stream caught up`);
    }
    await sleep(300);
    const rows = await assertWholeTimeline(models, tenantId, chat.id);
    await assertCountersMatchTimeline(models, tenantId, chat.id);
    const bySeq = rows.filter((r) => r.kind === 'text' && r.authorKind !== 'system').map((r) => String(r._id));
    assert.deepEqual(bySeq, [chat.message.id, ...sent], 'each send stored once, in the order sent');
    for (const [who, live] of [['agent', agentLive], ['visitor', visitorLive]] as const) {
      const ids = live.events.map((e) => Number(e.id));
      assert.deepEqual(ids, [...ids].sort((a, b) => a - b), `${who}: event ids only grow`);
      assert.equal(new Set(ids).size, ids.length, `${who}: no event twice`);
      const messages = live.events.flatMap((e) => (e.data.type === 'message' && sent.includes(e.data.message.id) ? [e.data.message.id] : []));
      assert.deepEqual(messages, sent, `${who}: every message once, in order`);
      assert.deepEqual(live.errors, [], `${who}: the stream never failed for good`);
    }

    // Nothing crashed or went unhandled; the background jobs said what failed and carried on.
    assert.equal(desk.child.exitCode, null);
    assert.deepEqual(desk.errors.filter((line) => /unhandled|uncaught/i.test(line)), []);
    const logs = desk.lines.map((line) => JSON.parse(line) as { level: number; msg: string });
    assert.deepEqual(logs.filter((l) => l.level >= 50).map((l) => l.msg), [], 'nothing logged as an error');
    assert.ok(logs.some((l) => l.level === 40), 'warnings logged while the database was away');
  });

  test('an event feed that could not start while the database was away starts once it is back', async () => {
    const tenantId = host.seed.tenantId;
    const cut = await TcpProxy.start({ host: db.host, port: db.port });
    const connection = await mongoose.createConnection(db.via(cut.port), { serverSelectionTimeoutMS: 1_000 }).asPromise();
    const feed = new EventFeed(bindModels(connection), host.desk.services.log, { pollMs: 20, changeStreams: false });
    try {
      feed.start();
      cut.down();
      await assert.rejects(feed.watch(tenantId, () => undefined), 'no start position without the database');
      cut.restore();
      const seen: DeskEvent[] = [];
      const watched = await retryThroughOutage(() => feed.watch(tenantId, (event) => seen.push(event)), 10_000, 'watch after restore').catch(
        (err: unknown) => assert.fail(`the failed start stuck: ${String(err)}`),
      );
      const event = await host.desk.services.events.publish(tenantId, 'agent.disabled', { agentId: String(new Types.ObjectId()) });
      await waitFor(() => seen.some((e) => e.seq === event.seq), 5_000, 'the feed delivers');
      assert.ok(event.seq > watched.position);
      watched.unwatch();
    } finally {
      await feed.stop();
      await connection.close();
      await cut.close();
    }
  });
});
