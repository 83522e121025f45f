import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDeskClient, isTRPCClientError, type AgentLiveEvent, type DeskClient, type VisitorLiveEvent } from '@deskkit/client';
import { clientMessageId, record, signedInClient, startChat, waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';
import { TcpProxy } from './tcp-proxy.js';
import { arrivals, assertCountersMatchTimeline, assertWholeTimeline } from './timeline.js';

const TIMES = 20;

/**
 * Clients retry sends: the same `clientMessageId` many times at once, again after
 * it succeeded, and after the response was lost on the way back. Each send is
 * stored once, every answer names the same message, and the live streams carry it once.
 */
describe('fault suite: retried sends are stored once', () => {
  let t: TestDesk;
  /** Between clients and the desk: can swallow a response after the request reached the desk. */
  let proxy: TcpProxy;
  let proxied: string;
  let agent: { client: DeskClient; token: string };
  let agentLive: ReturnType<typeof record<AgentLiveEvent>>;
  let chat: Awaited<ReturnType<typeof startChat>>;
  let visitorLive: ReturnType<typeof record<VisitorLiveEvent>>;
  const support = () => t.seed.departments.find((d) => d.name === 'Support')!.id;

  before(async () => {
    t = await startTestDesk();
    proxy = await TcpProxy.start({ host: '127.0.0.1', port: Number(new URL(t.url).port) });
    proxied = `http://127.0.0.1:${proxy.port}`;
    agent = await signedInClient(t.url, { email: 'alice@demo.deskkit.dev', password: t.seed.password });
    agentLive = record<AgentLiveEvent>((h) => agent.client.conversations.onEvent.subscribe(undefined, h));
    await waitFor(() => agentLive.started, 5_000, 'agent stream');
    await agent.client.presence.setStatus.mutate({ status: 'available' });
    chat = await startChat(t.url, { departmentId: support(), name: 'Retrying Rita' });
    await agent.client.conversations.accept.mutate({ conversationId: chat.id });
    visitorLive = record<VisitorLiveEvent>((h) => chat.visitor.webchat.onEvent.subscribe(undefined, h));
    await waitFor(() => visitorLive.started, 5_000, 'visitor stream');
  });
  after(async () => {
    agentLive?.unsubscribe();
    visitorLive?.unsubscribe();
    await proxy?.close();
    await t?.close();
  });

  /** A separate client per attempt: each retry is its own HTTP request, as from separate tabs or a retry loop. */
  const agentClient = (url = t.url) => createDeskClient({ url, token: agent.token });
  const visitorClient = (url = t.url) => createDeskClient({ url, token: chat.visitorToken });

  /** Both streams got the message exactly once; the stored timeline is whole. */
  async function deliveredOnce(messageId: string) {
    await waitFor(() => arrivals(agentLive.events).get(messageId), 5_000, 'the agent stream has it');
    await waitFor(() => arrivals(visitorLive.events).get(messageId), 5_000, 'the visitor stream has it');
    // Late duplicates would arrive within the feed's poll interval.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(arrivals(agentLive.events).get(messageId), 1, 'agent stream: once');
    assert.equal(arrivals(visitorLive.events).get(messageId), 1, 'visitor stream: once');
    await assertWholeTimeline(t.desk.services.models, t.seed.tenantId, chat.id);
    await assertCountersMatchTimeline(t.desk.services.models, t.seed.tenantId, chat.id);
  }

  test(`the agent's reply sent ${TIMES}× at once and again afterwards is stored once`, async () => {
    const id = clientMessageId();
    const send = () => agentClient().conversations.reply.mutate({ conversationId: chat.id, body: 'One answer', clientMessageId: id });
    const answers = await Promise.all(Array.from({ length: TIMES }, send));
    const again = await send();
    for (const answer of [...answers, again]) {
      assert.equal(answer.message.id, answers[0]!.message.id);
      assert.equal(answer.message.seq, answers[0]!.message.seq);
    }
    assert.equal(answers.filter((a) => a.created).length, 1, 'exactly one attempt created it');
    assert.equal(again.created, false);
    await deliveredOnce(again.message.id);
  });

  test(`the visitor's message sent ${TIMES}× at once and again afterwards is stored once`, async () => {
    const id = clientMessageId();
    const send = () => visitorClient().webchat.send.mutate({ conversationId: chat.id, body: 'One question', clientMessageId: id });
    const answers = await Promise.all(Array.from({ length: TIMES }, send));
    const again = await send();
    for (const answer of [...answers, again]) {
      assert.equal(answer.message.id, answers[0]!.message.id);
      assert.equal(answer.message.seq, answers[0]!.message.seq);
    }
    assert.equal(answers.filter((a) => a.created).length, 1, 'exactly one attempt created it');
    await deliveredOnce(again.message.id);
  });

  test(`a chat started ${TIMES}× at once with one first-message id is one chat`, async () => {
    const id = clientMessageId();
    const start = () =>
      createDeskClient({ url: t.url }).webchat.start.mutate({
        tenant: 'demo',
        departmentId: support(),
        name: 'Impatient Ivo',
        message: { body: 'Hello?', clientMessageId: id },
      });
    const answers = await Promise.all(Array.from({ length: TIMES }, start));
    const again = await start();
    for (const answer of [...answers, again]) {
      assert.equal(answer.conversation.id, answers[0]!.conversation.id);
      assert.equal(answer.message.id, answers[0]!.message.id);
    }
    const { models } = t.desk.services;
    const tenantId = t.seed.tenantId;
    const firsts = await models.Message.find({ tenantId, clientMessageId: id }).lean();
    assert.equal(firsts.length, 1, 'one first message');
    const conversation = (await models.Conversation.findOne({ tenantId, _id: answers[0]!.conversation.id }).lean())!;
    assert.equal(await models.Customer.countDocuments({ tenantId, name: 'Impatient Ivo' }), 1, 'one customer');
    const rows = await assertWholeTimeline(models, tenantId, String(conversation._id));
    assert.deepEqual(
      rows.filter((r) => r.kind !== 'text' || r.authorKind !== 'system').map((r) => r.event?.type ?? `${r.authorKind}: ${r.body}`),
      ['created', 'customer: Hello?'],
    );
    // The agents' stream announced one new chat.
    await waitFor(() => arrivals(agentLive.events).get(answers[0]!.message.id), 5_000, 'the new chat reached the agent');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(arrivals(agentLive.events).get(answers[0]!.message.id), 1);
  });

  /** Sends through the proxy, which lets the request reach the desk and loses the response. */
  async function lostResponse<T>(marker: string, send: (url: string) => Promise<T>) {
    proxy.interceptReply((request) => request.includes(marker));
    await assert.rejects(send(proxied), (err) => isTRPCClientError(err), 'the caller sees a failure');
  }

  test('a reply whose response was lost, sent again, is stored once and answered with the same message', async () => {
    const id = clientMessageId();
    const send = (url: string) => agentClient(url).conversations.reply.mutate({ conversationId: chat.id, body: 'Did this arrive?', clientMessageId: id });
    await lostResponse(id, send);
    // It reached the desk: the other side already sees it.
    const seen = await waitFor(() => visitorLive.events.find((e) => e.data.type === 'message' && e.data.message.body === 'Did this arrive?'), 5_000);
    const retry = await send(proxied);
    assert.equal(retry.created, false);
    assert.ok(seen.data.type === 'message');
    assert.equal(retry.message.id, seen.data.message.id);
    assert.equal(retry.message.seq, seen.data.message.seq);
    await deliveredOnce(retry.message.id);
  });

  test('a visitor message whose response was lost, sent again, is stored once', async () => {
    const id = clientMessageId();
    const send = (url: string) => visitorClient(url).webchat.send.mutate({ conversationId: chat.id, body: 'Hello again?', clientMessageId: id });
    await lostResponse(id, send);
    const seen = await waitFor(() => agentLive.events.find((e) => e.data.type === 'message' && e.data.message.body === 'Hello again?'), 5_000);
    const retry = await send(proxied);
    assert.equal(retry.created, false);
    assert.ok(seen.data.type === 'message');
    assert.equal(retry.message.id, seen.data.message.id);
    await deliveredOnce(retry.message.id);
  });

  test('a start whose response was lost, sent again, gets the chat it created', async () => {
    const id = clientMessageId();
    const start = (url: string) =>
      createDeskClient({ url }).webchat.start.mutate({ tenant: 'demo', departmentId: support(), message: { body: 'Lost and found', clientMessageId: id } });
    await lostResponse(id, start);
    const retry = await start(proxied);
    const { models } = t.desk.services;
    const stored = await models.Message.find({ tenantId: t.seed.tenantId, clientMessageId: id }).lean();
    assert.equal(stored.length, 1);
    assert.equal(retry.message.id, String(stored[0]!._id));
    assert.equal(retry.conversation.id, String(stored[0]!.conversationId));
    await assertWholeTimeline(models, t.seed.tenantId, retry.conversation.id);
    // The retry's visitor token works for the chat.
    const visitor = createDeskClient({ url: t.url, token: retry.visitorToken });
    assert.equal((await visitor.webchat.messages.query({ conversationId: retry.conversation.id })).filter((m) => m.kind === 'text').length, 1);
  });
});
