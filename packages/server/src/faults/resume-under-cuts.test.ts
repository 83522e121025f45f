import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDeskClient, type AgentLiveEvent, type DeskClient, type VisitorLiveEvent } from '@deskkit/client';
import { clientMessageId, record, signedInClient, startChat, waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';
import { spawnDesk, stopDesks } from '../testing/processes.js';
import { spawnDatabase, type DatabaseProcess } from './database.js';
import { retryThroughOutage } from './outage.js';
import { TcpProxy } from './tcp-proxy.js';

const CUTS = 1_000;
const CHATS = 6;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Stream = {
  who: string;
  /** The chat a visitor stream belongs to; agent streams see every chat. */
  chatId: string | null;
  live: ReturnType<typeof record<AgentLiveEvent | VisitorLiveEvent>>;
};

/**
 * Many agent and visitor streams (SSE and WebSocket) reach the desk through a
 * proxy that keeps cutting their connections, 1,000 times in all, while agent and
 * customers keep sending. The typed client resumes each stream on its own from
 * its last event id: every stream ends up with every message it may see exactly
 * once, in seq order per conversation, without a gap.
 */
describe('fault suite: subscriptions dropped and resumed 1,000 times while messages flow', () => {
  let db: DatabaseProcess;
  let host: TestDesk;
  let desk: Awaited<ReturnType<typeof spawnDesk>>;
  let proxy: TcpProxy;
  const streams: Stream[] = [];

  before(async () => {
    db = await spawnDatabase();
    host = await startTestDesk({ mongodbUri: db.uri });
    desk = await spawnDesk(db.uri);
    proxy = await TcpProxy.start({ host: '127.0.0.1', port: Number(new URL(desk.url).port) });
  });
  after(async () => {
    for (const stream of streams) stream.live.unsubscribe();
    await proxy?.close();
    await stopDesks(desk ? [desk.child] : []);
    await host?.close();
    await db?.stop();
  });

  /** Opens a stream through the proxy and waits until it is live. */
  async function open(who: string, chatId: string | null, client: DeskClient) {
    const live = chatId
      ? record<VisitorLiveEvent>((h) => client.webchat.onEvent.subscribe(undefined, h))
      : record<AgentLiveEvent>((h) => client.conversations.onEvent.subscribe(undefined, h));
    streams.push({ who, chatId, live });
    await waitFor(() => live.started, 20_000, `${who} started`);
  }

  test(`${CUTS} cuts across agent and visitor streams: every message once, in order`, async (ctx) => {
    const via = `http://127.0.0.1:${proxy.port}`;
    const support = host.seed.departments.find((d) => d.name === 'Support')!.id;
    const sseResumes: string[] = [];
    proxy.onRequest = (head) => {
      if (head.startsWith('GET /trpc/') && /\r\nlast-event-id: \d+/i.test(head)) sseResumes.push(head);
    };

    // Alice's streams (4 over SSE, 4 over WebSocket) and her six accepted chats.
    const alice = await signedInClient(desk.url, { email: 'alice@demo.deskkit.dev', password: host.seed.password });
    const admin = await signedInClient(desk.url, { email: 'ada@demo.deskkit.dev', password: host.seed.password });
    await admin.client.agents.update.mutate({ agentId: alice.agentId, maxChats: 20 });
    const transports = ['sse', 'sse', 'sse', 'sse', 'ws', 'ws', 'ws', 'ws'] as const;
    await Promise.all(transports.map((transport, i) => open(`agent ${transport} ${i}`, null, createDeskClient({ url: via, token: alice.token, transport }))));
    await alice.client.presence.setStatus.mutate({ status: 'available' });
    const chats = [];
    for (let i = 0; i < CHATS; i++) {
      const chat = await startChat(desk.url, { departmentId: support, name: `Cut ${i}` });
      await alice.client.conversations.accept.mutate({ conversationId: chat.id });
      chats.push(chat);
    }
    // Each customer's streams: 1 over SSE, 4 over WebSocket (SSE reconnects after 3 s, WebSocket after 0.5 s).
    await Promise.all(
      chats.flatMap((chat, c) =>
        (['sse', 'ws', 'ws', 'ws', 'ws'] as const).map((transport, i) =>
          open(`visitor ${c} ${transport} ${i}`, chat.id, createDeskClient({ url: via, token: chat.visitorToken, transport })),
        ),
      ),
    );

    // Both sides talk the whole time; a send is retried with its id until the desk takes it.
    const sent = new Map<string, { conversationId: string; seq: number }>();
    let flowing = true;
    const say = async (send: (id: string) => Promise<{ message: { id: string; conversationId: string; seq: number } }>) => {
      const id = clientMessageId();
      const { message } = await retryThroughOutage(() => send(id), 30_000, 'send');
      sent.set(message.id, { conversationId: message.conversationId, seq: message.seq });
    };
    const talking = Promise.all([
      (async () => {
        for (let i = 0; flowing; i++) {
          const chat = chats[i % CHATS]!;
          await say((id) => alice.client.conversations.reply.mutate({ conversationId: chat.id, body: `agent ${i}`, clientMessageId: id }));
        }
      })(),
      ...chats.map(async (chat, c) => {
        for (let i = 0; flowing; i++) {
          await say((id) => chat.visitor.webchat.send.mutate({ conversationId: chat.id, body: `visitor ${c}: ${i}`, clientMessageId: id }));
          await sleep(100);
        }
      }),
    ]);

    // Cut every live stream connection that has answered, again and again.
    let cuts = 0;
    const cutStarted = Date.now();
    const deadline = cutStarted + 150_000;
    while (cuts < CUTS) {
      assert.ok(Date.now() < deadline, `only ${cuts} cuts in time`);
      cuts += proxy.cut((c) => c.streaming && c.answered && Date.now() - c.requestedAt > 100);
      await sleep(40);
    }
    flowing = false;
    await talking;
    const cutMs = Date.now() - cutStarted;

    // Every stream catches up with everything it may see.
    const expected = (stream: Stream) => [...sent].filter(([, m]) => !stream.chatId || m.conversationId === stream.chatId).map(([id]) => id);
    const messagesOf = (stream: Stream) =>
      stream.live.events.flatMap((e) => (e.data.type === 'message' ? [e.data.message] : []));
    for (const stream of streams) {
      const want = expected(stream);
      await waitFor(() => {
        const got = new Set(messagesOf(stream).map((m) => m.id));
        return want.every((id) => got.has(id));
      }, 60_000, `${stream.who} caught up`);
    }
    ctx.diagnostic(`${cuts} cuts in ${cutMs} ms, caught up ${Date.now() - cutStarted - cutMs} ms later; ${sent.size} messages, ${streams.length} streams`);
    await sleep(500);

    let reconnects = 0;
    for (const stream of streams) {
      const { who, live } = stream;
      const messages = messagesOf(stream);
      const ids = messages.map((m) => m.id);
      assert.equal(new Set(ids).size, ids.length, `${who}: no message twice`);
      assert.deepEqual(
        ids.filter((id) => sent.has(id)).sort(),
        expected(stream).sort(),
        `${who}: every message it may see`,
      );
      for (const chat of chats) {
        const seqs = messages.filter((m) => m.conversationId === chat.id).map((m) => m.seq);
        assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), `${who}: in seq order`);
      }
      const eventIds = live.events.map((e) => Number(e.id));
      assert.deepEqual(eventIds, [...eventIds].sort((a, b) => a - b), `${who}: event ids only grow`);
      assert.equal(new Set(eventIds).size, eventIds.length, `${who}: no event twice`);
      assert.deepEqual(live.errors, [], `${who}: never failed`);
      assert.equal(live.completed, false);
      assert.ok(live.reconnects >= 3, `${who}: resumed by itself (${live.reconnects} times)`);
      reconnects += live.reconnects;
    }
    // The resumes came from the client: EventSource sends the last event id it saw, WebSockets resubscribe with it.
    assert.ok(sseResumes.length > 0, 'SSE reconnects carried Last-Event-ID');
    ctx.diagnostic(`${reconnects} client reconnects, ${sseResumes.length} of them SSE with Last-Event-ID`);
  });
});
