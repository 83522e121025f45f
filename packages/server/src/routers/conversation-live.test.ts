import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { after, before, describe, test, type TestContext } from 'node:test';
import type { AgentLiveEvent, DeskClient, VisitorLiveEvent } from '@deskkit/client';
import { clientMessageId, goLive, record, signedInClient, startChat, waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

type Recorded<T> = ReturnType<typeof record<T>>;

describe('live updates: one stream per agent and per visitor', () => {
  let t: TestDesk;
  const support = () => t.seed.departments.find((d) => d.name === 'Support')!.id;

  before(async () => {
    t = await startTestDesk();
  });
  after(() => t.close());

  /** Signs an agent in and opens their live stream (which also makes them online). */
  async function agent(ctx: TestContext, name: string, options: { transport?: 'sse' | 'ws'; available?: boolean } = {}) {
    const { client, agentId } = await signedInClient(
      t.url,
      { email: `${name}@demo.deskkit.dev`, password: t.seed.password },
      { transport: options.transport },
    );
    return { client, agentId, live: await goLive(client, { ctx, available: options.available, what: `${name} live` }) };
  }

  function visitorLive(ctx: TestContext, visitor: DeskClient) {
    const live = record<VisitorLiveEvent>((h) => visitor.webchat.onEvent.subscribe(undefined, h));
    ctx.after(live.unsubscribe);
    return live;
  }

  const about = (live: Recorded<AgentLiveEvent>, conversationId: string) =>
    live.events
      .map((e) => e.data)
      .filter((e) => (e.type === 'conversation' ? e.conversation.id : e.type === 'message' ? e.message.conversationId : e.type === 'presence' ? null : e.conversationId) === conversationId);

  test('a new chat reaches its department\u2019s agents and supervisors, not others; taking it removes it from the rest', async (ctx) => {
    const alice = await agent(ctx, 'alice', { available: true });
    const bob = await agent(ctx, 'bob');
    const chen = await agent(ctx, 'chen');
    const sam = await agent(ctx, 'sam');

    const started = Date.now();
    const chat = await startChat(t.url, { departmentId: support(), name: 'Live Lena' });
    for (const who of [alice, bob, sam]) {
      await waitFor(() => about(who.live, chat.id).some((e) => e.type === 'conversation' && e.conversation.status === 'pending'), 1_000, 'pending chat');
    }
    assert.ok(Date.now() - started < 1_500, 'within a second of the start');
    assert.ok(about(alice.live, chat.id).some((e) => e.type === 'message' && e.message.body === 'Hello, I need help'));
    assert.deepEqual(about(chen.live, chat.id), [], 'Sales-only agent sees nothing of it');

    await alice.client.conversations.accept.mutate({ conversationId: chat.id });
    await waitFor(() => about(bob.live, chat.id).some((e) => e.type === 'removed'), 1_000, 'bob told it is gone');
    await waitFor(() => about(sam.live, chat.id).some((e) => e.type === 'conversation' && e.conversation.assigneeId === alice.agentId), 1_000);
    const removed = about(bob.live, chat.id).find((e) => e.type === 'removed') as Extract<AgentLiveEvent, { type: 'removed' }>;
    assert.ok(removed.revision > 0);

    // From now on Bob hears nothing of this chat; Alice and Sam hear everything.
    const bobBefore = about(bob.live, chat.id).length;
    await chat.visitor.webchat.send.mutate({ conversationId: chat.id, body: 'Are you there?', clientMessageId: clientMessageId() });
    await waitFor(() => about(alice.live, chat.id).some((e) => e.type === 'message' && e.message.body === 'Are you there?'), 1_000);
    await waitFor(() => about(sam.live, chat.id).some((e) => e.type === 'message' && e.message.body === 'Are you there?'), 1_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(about(bob.live, chat.id).length, bobBefore);
    assert.deepEqual(about(chen.live, chat.id), []);

    // Ids only grow; no event twice.
    for (const who of [alice, bob, chen, sam]) {
      const ids = who.live.events.map((e) => Number(e.id));
      assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
      assert.equal(new Set(ids).size, ids.length);
    }
  });

  test('typing and read marks travel both ways; the customer sees only what is meant for them', async (ctx) => {
    const alice = await agent(ctx, 'alice', { available: true });
    const chat = await startChat(t.url, { departmentId: support(), name: 'Typing Tomas' });
    const visitor = visitorLive(ctx, chat.visitor);
    await waitFor(() => visitor.started, 2_000);
    await alice.client.conversations.accept.mutate({ conversationId: chat.id });
    await waitFor(() => visitor.events.some((e) => e.data.type === 'conversation' && e.data.conversation.agentName === 'Alice Moreau'), 1_000);
    await waitFor(() => visitor.events.some((e) => e.data.type === 'message' && e.data.message.event?.type === 'assigned'), 1_000);

    await chat.visitor.webchat.typing.mutate({ conversationId: chat.id, typing: true });
    await waitFor(() => about(alice.live, chat.id).some((e) => e.type === 'typing' && e.typing && e.author.kind === 'customer'), 1_000, 'customer typing');
    await alice.client.conversations.typing.mutate({ conversationId: chat.id, typing: true });
    await waitFor(() => visitor.events.some((e) => e.data.type === 'typing' && e.data.typing), 1_000, 'agent typing');
    const typing = visitor.events.find((e) => e.data.type === 'typing')!.data as Extract<VisitorLiveEvent, { type: 'typing' }>;
    assert.deepEqual(typing.author, { kind: 'agent', name: 'Alice Moreau' }, 'no agent id for the customer');
    assert.ok(!about(alice.live, chat.id).some((e) => e.type === 'typing' && e.author.kind === 'agent'), 'not echoed to the typist');

    // The agent replies; the customer reads it; the agent sees the read mark.
    const reply = await alice.client.conversations.reply.mutate({ conversationId: chat.id, body: 'Hi Tomas!', clientMessageId: clientMessageId() });
    assert.equal(reply.conversation.unread.customer, 1);
    await chat.visitor.webchat.markRead.mutate({ conversationId: chat.id, seq: reply.message.seq });
    await waitFor(
      () => about(alice.live, chat.id).some((e) => e.type === 'conversation' && e.conversation.read.customer === reply.message.seq && e.conversation.unread.customer === 0),
      1_000,
      'read mark',
    );
    const sent = await chat.visitor.webchat.send.mutate({ conversationId: chat.id, body: 'Thanks', clientMessageId: clientMessageId() });
    await waitFor(() => about(alice.live, chat.id).some((e) => e.type === 'conversation' && e.conversation.unread.agent === 1), 1_000);
    const read = await alice.client.conversations.markRead.mutate({ conversationId: chat.id, seq: sent.message.seq });
    assert.equal(read.unread.agent, 0);
    await waitFor(() => visitor.events.some((e) => e.data.type === 'conversation' && e.data.conversation.agentRead === sent.message.seq), 1_000);

    // Internal events and notes never reach the customer.
    await alice.client.conversations.tag.mutate({ conversationId: chat.id, add: ['secret-tag'] });
    const bob = await agent(ctx, 'bob', { available: true });
    await alice.client.conversations.transfer.mutate({ conversationId: chat.id, to: { agentId: bob.agentId }, note: 'internal: grumpy customer' });
    await waitFor(() => visitor.events.some((e) => e.data.type === 'message' && e.data.message.event?.type === 'transferred'), 1_000);
    const seenByCustomer = JSON.stringify(visitor.events) + JSON.stringify(await chat.visitor.webchat.messages.query({ conversationId: chat.id }));
    for (const secret of ['secret-tag', 'grumpy', alice.agentId, bob.agentId, 'tagged']) assert.ok(!seenByCustomer.includes(secret), `customer sees ${secret}`);
    assert.ok(seenByCustomer.includes('Bob Okafor'), 'but is told who took over');

    // Transferred: Alice is told it left her; Bob gets it and its messages.
    await waitFor(() => about(alice.live, chat.id).some((e) => e.type === 'removed'), 1_000, 'alice told');
    await waitFor(() => about(bob.live, chat.id).some((e) => e.type === 'conversation' && e.conversation.assigneeId === bob.agentId), 1_000);
  });

  test('visitors hear only their own conversations', async (ctx) => {
    const a = await startChat(t.url, { departmentId: support(), name: 'Visitor A' });
    const b = await startChat(t.url, { departmentId: support(), name: 'Visitor B' });
    const liveA = visitorLive(ctx, a.visitor);
    await waitFor(() => liveA.started, 2_000);
    await b.visitor.webchat.send.mutate({ conversationId: b.id, body: 'only for B', clientMessageId: clientMessageId() });
    await a.visitor.webchat.send.mutate({ conversationId: a.id, body: 'only for A', clientMessageId: clientMessageId() });
    await waitFor(() => liveA.events.some((e) => e.data.type === 'message' && e.data.message.body === 'only for A'), 1_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(liveA.events.every((e) => (e.data.type === 'conversation' ? e.data.conversation.id : e.data.type === 'message' ? e.data.message.conversationId : e.data.conversationId) === a.id));
  });

  test('an admin moving an agent to another department changes what their open stream carries', async (ctx) => {
    const alice = await agent(ctx, 'alice');
    const ada = await signedInClient(t.url, { email: 'ada@demo.deskkit.dev', password: t.seed.password });
    const sales = t.seed.departments.find((d) => d.name === 'Sales')!.id;
    ctx.after(() => ada.client.agents.update.mutate({ agentId: alice.agentId, departmentIds: [support()] }));
    await ada.client.agents.update.mutate({ agentId: alice.agentId, departmentIds: [sales] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const supportChat = await startChat(t.url, { departmentId: support() });
    const salesChat = await startChat(t.url, { departmentId: sales });
    await waitFor(() => about(alice.live, salesChat.id).length > 0, 1_000, 'sales chat');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(about(alice.live, supportChat.id), [], 'no longer her department');
  });

  test('an admin adding or removing department members rescopes their open streams at once', async (ctx) => {
    const alice = await agent(ctx, 'alice');
    const ada = (await signedInClient(t.url, { email: 'ada@demo.deskkit.dev', password: t.seed.password })).client;
    // The stream opened before she joined: the new department's queue reaches her all the same.
    const returns = await ada.departments.create.mutate({ name: 'Returns (live)', memberIds: [alice.agentId] });
    ctx.after(() => ada.departments.update.mutate({ departmentId: returns.id, removeMemberIds: [alice.agentId] }));
    const first = await startChat(t.url, { departmentId: returns.id });
    await waitFor(() => about(alice.live, first.id).length > 0, 2_000, 'a member hears the queue');

    // Removed: nothing of that queue reaches her any more, old chats or new.
    await ada.departments.update.mutate({ departmentId: returns.id, removeMemberIds: [alice.agentId] });
    const heardBefore = about(alice.live, first.id).length;
    const second = await startChat(t.url, { departmentId: returns.id });
    await first.visitor.webchat.send.mutate({ conversationId: first.id, body: 'Anyone?', clientMessageId: clientMessageId() });
    // A later event she may see: once it is there, everything before it has been decided.
    const probe = await startChat(t.url, { departmentId: support() });
    await waitFor(() => about(alice.live, probe.id).length > 0, 2_000, 'probe');
    assert.deepEqual(about(alice.live, second.id), [], 'a new chat of the queue');
    assert.equal(about(alice.live, first.id).length, heardBefore, 'a new message in the queue');

    // Added back: she hears it again.
    await ada.departments.update.mutate({ departmentId: returns.id, addMemberIds: [alice.agentId] });
    const third = await startChat(t.url, { departmentId: returns.id });
    await waitFor(() => about(alice.live, third.id).length > 0, 2_000, 'added back');
  });

  for (const transport of ['sse', 'ws'] as const) {
    test(`connections cut again and again while messages flow: every message once, in order (${transport})`, async (ctx) => {
      // Track the streams' sockets (SSE requests, WebSocket upgrades), to cut them every few messages.
      const sockets = new Set<Socket>();
      const onRequest = (req: IncomingMessage) => req.headers.accept === 'text/event-stream' && sockets.add(req.socket);
      const onUpgrade = (_req: IncomingMessage, socket: Socket) => sockets.add(socket);
      t.desk.server.on('request', onRequest);
      t.desk.server.on('upgrade', onUpgrade);
      ctx.after(() => {
        t.desk.server.off('request', onRequest);
        t.desk.server.off('upgrade', onUpgrade);
      });
      const alice = await agent(ctx, 'alice', { transport, available: true });
      const chat = await startChat(t.url, { departmentId: support() });
      await alice.client.conversations.accept.mutate({ conversationId: chat.id });

      const bodies: string[] = [];
      let cuts = 0;
      for (let i = 0; i < 40; i++) {
        if (i % 8 === 4) {
          await waitFor(() => sockets.size, 10_000, 'the stream reconnected');
          for (const socket of sockets) socket.destroy();
          cuts += sockets.size;
          sockets.clear();
        }
        const body = `message ${i}`;
        bodies.push(body);
        await chat.visitor.webchat.send.mutate({ conversationId: chat.id, body, clientMessageId: clientMessageId() });
      }
      const received = () =>
        about(alice.live, chat.id)
          .filter((e): e is Extract<AgentLiveEvent, { type: 'message' }> => e.type === 'message' && e.message.author.kind === 'customer')
          .map((e) => e.message);
      await waitFor(() => received().length >= bodies.length + 1, 20_000, 'every message after the cuts');
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.ok(cuts >= 3, `the stream was cut (${cuts} times)`);
      assert.deepEqual(received().map((m) => m.body), ['Hello, I need help', ...bodies], 'each message exactly once, in order');
      const seqs = received().map((m) => m.seq);
      assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
      const ids = alice.live.events.map((e) => Number(e.id));
      assert.equal(new Set(ids).size, ids.length, 'no event twice');
      assert.deepEqual(alice.live.errors, []);
    });
  }
});
