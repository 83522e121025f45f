import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import { createDeskClient, type AgentLiveEvent, type DeskClient, type VisitorLiveEvent } from '@deskkit/client';
import { freePort } from '../db/embedded.js';
import { clientMessageId, record, signedInClient, startChat, waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';
import { spawnDesk, stopDesks } from '../testing/processes.js';
import { spawnDatabase, type DatabaseProcess } from './database.js';
import { isOutage, retryThroughOutage } from './outage.js';
import { TcpProxy } from './tcp-proxy.js';
import { arrivals, assertCountersMatchTimeline, assertWholeTimeline } from './timeline.js';

type Desk = Awaited<ReturnType<typeof spawnDesk>>;
type Live = ReturnType<typeof record<AgentLiveEvent | VisitorLiveEvent>>;

/**
 * The desk process is SIGKILLed mid-conversation and started again on the same
 * port (the database lives in its own process): both sides' streams resume on
 * their own, sends that failed are retried with the same ids and stored once,
 * and the timeline has no hole.
 */
describe('fault suite: the desk process killed and restarted mid-conversation', () => {
  let db: DatabaseProcess;
  /** Seeds and inspects the database; never killed. */
  let host: TestDesk;
  const desks: Desk[] = [];

  before(async () => {
    db = await spawnDatabase();
    host = await startTestDesk({ mongodbUri: db.uri });
  });
  after(async () => {
    await stopDesks(desks.map((d) => d.child));
    await host?.close();
    await db?.stop();
  });

  /** Starts a desk process on `port` (its clients' URL survives restarts). */
  async function startDesk(uri: string, port: number): Promise<Desk> {
    const desk = await spawnDesk(uri, { port });
    desks.push(desk);
    return desk;
  }

  async function kill(desk: Desk): Promise<void> {
    if (desk.child.exitCode === null && desk.child.signalCode === null) {
      desk.child.kill('SIGKILL');
      await once(desk.child, 'exit');
    }
  }

  /** An agent (SSE) and a customer (WebSocket) in an accepted chat, both subscribed. */
  async function conversation(url: string, name: string) {
    const support = host.seed.departments.find((d) => d.name === 'Support')!.id;
    const alice = await signedInClient(url, { email: 'alice@demo.deskkit.dev', password: host.seed.password });
    const agentLive: Live = record<AgentLiveEvent>((h) => alice.client.conversations.onEvent.subscribe(undefined, h));
    await waitFor(() => agentLive.started, 10_000, 'agent stream');
    await alice.client.presence.setStatus.mutate({ status: 'available' });
    const chat = await startChat(url, { departmentId: support, name });
    await alice.client.conversations.accept.mutate({ conversationId: chat.id });
    const visitor: DeskClient = createDeskClient({ url, token: chat.visitorToken, transport: 'ws' });
    const visitorLive: Live = record<VisitorLiveEvent>((h) => visitor.webchat.onEvent.subscribe(undefined, h));
    await waitFor(() => visitorLive.started, 10_000, 'visitor stream');
    return {
      chat,
      agentLive,
      visitorLive,
      reply: (body: string, id: string) => alice.client.conversations.reply.mutate({ conversationId: chat.id, body, clientMessageId: id }),
      ask: (body: string, id: string) => visitor.webchat.send.mutate({ conversationId: chat.id, body, clientMessageId: id }),
      close: () => {
        agentLive.unsubscribe();
        visitorLive.unsubscribe();
      },
    };
  }

  /** The stored timeline is whole; each stream carried exactly `sent`, once each, in timeline order. */
  async function assertEverythingOnce(c: Awaited<ReturnType<typeof conversation>>, sent: Set<string>) {
    for (const [who, live] of [['agent', c.agentLive], ['visitor', c.visitorLive]] as const) {
      await waitFor(() => [...sent].every((id) => arrivals(live.events).has(id)), 30_000, `${who} stream has every message`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const rows = await assertWholeTimeline(host.desk.services.models, host.seed.tenantId, c.chat.id);
    const stored = rows.map((r) => String(r._id)).filter((id) => sent.has(id));
    assert.equal(stored.length, sent.size, 'every send stored, once');
    await assertCountersMatchTimeline(host.desk.services.models, host.seed.tenantId, c.chat.id);
    for (const [who, live] of [['agent', c.agentLive], ['visitor', c.visitorLive]] as const) {
      const received = live.events.flatMap((e) => (e.data.type === 'message' && sent.has(e.data.message.id) ? [e.data.message.id] : []));
      assert.deepEqual(received, stored, `${who}: every message once, in seq order`);
      const ids = live.events.map((e) => Number(e.id));
      assert.deepEqual(ids, [...ids].sort((a, b) => a - b), `${who}: event ids only grow`);
      assert.equal(new Set(ids).size, ids.length, `${who}: no event twice`);
      assert.deepEqual(live.errors, [], `${who}: the stream resumed on its own`);
      assert.equal(live.completed, false);
    }
  }

  test('killed twice while both sides talk: streams resume, retried sends land once, seq has no hole', async () => {
    const port = await freePort();
    let desk = await startDesk(db.uri, port);
    const c = await conversation(desk.url, 'Crash Carla');
    const sent = new Set<string>();
    const agentDone: string[] = [];
    const visitorDone: string[] = [];
    /** One side sends `count` messages in turn, retrying each (same id) until the desk takes it. */
    const talk = async (side: 'agent' | 'visitor', count: number, done: string[]) => {
      for (let i = 0; i < count; i++) {
        const id = clientMessageId();
        const send = (): Promise<{ message: { id: string } }> => (side === 'agent' ? c.reply(`${side} ${i}`, id) : c.ask(`${side} ${i}`, id));
        const { message } = await retryThroughOutage(send, 60_000, `${side} ${i}`);
        sent.add(message.id);
        done.push(message.id);
      }
    };
    const talking = Promise.all([talk('agent', 24, agentDone), talk('visitor', 24, visitorDone)]);
    for (const at of [6, 14]) {
      await waitFor(() => agentDone.length >= at && visitorDone.length >= at, 60_000, `${at} messages each`);
      await kill(desk);
      desk = await startDesk(db.uri, port);
    }
    await talking;
    assert.equal(new Set(agentDone).size, 24);
    assert.equal(new Set(visitorDone).size, 24);
    await assertEverythingOnce(c, sent);
    c.close();
    await kill(desk);
  });

  test('killed just after taking a seq, after storing, after publishing: the retry finishes the send, once', async () => {
    // Between the desk and its database: the kill lands right after the database answered a chosen write.
    const proxy = await TcpProxy.start({ host: db.host, port: db.port });
    const port = await freePort();
    let desk = await startDesk(db.via(proxy.port), port);
    const c = await conversation(desk.url, 'Commit Cora');
    const sent = new Set<string>();
    try {
      const points = [
        ['agent', 'after taking its seq', 'pendingAppend'],
        ['visitor', 'after storing it', '$setOnInsert'],
        ['agent', 'after publishing it', 'message.created'],
      ] as const;
      for (const [side, when, marker] of points) {
        const id = clientMessageId();
        const send = (): Promise<{ message: { id: string; body: string } }> =>
          side === 'agent' ? c.reply(`${side}: ${when}`, id) : c.ask(`${side}: ${when}`, id);
        const victim = desk;
        proxy.interceptReply((request) => request.includes(id) && request.includes(marker), () => victim.child.kill('SIGKILL'));
        await assert.rejects(send(), isOutage, `${when}: the sender sees a failure`);
        await kill(victim);
        desk = await startDesk(db.via(proxy.port), port);
        const { message } = await retryThroughOutage(send, 30_000, when);
        assert.equal(message.body, `${side}: ${when}`);
        sent.add(message.id);
      }
      await assertEverythingOnce(c, sent);
    } finally {
      c.close();
      await kill(desk);
      await proxy.close();
    }
  });
});
