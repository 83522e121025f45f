import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AgentLiveEvent, DeskClient, VisitorLiveEvent } from '@deskkit/client';
import { trpcError } from '../testing/assertions.js';
import { clientMessageId, goLive, record, signedInClient, startChat, waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

/** Message content through the typed client: locations and emoji both ways, and what the schema refuses. */
describe('message content: locations, emoji, and refused combinations', () => {
  let t: TestDesk;
  let sam: DeskClient;
  let chat: Awaited<ReturnType<typeof startChat>>;
  let samLive: ReturnType<typeof record<AgentLiveEvent>>;
  let visitorLive: ReturnType<typeof record<VisitorLiveEvent>>;

  before(async () => {
    t = await startTestDesk();
    sam = (await signedInClient(t.url, { email: 'sam@demo.deskkit.dev', password: t.seed.password })).client;
    // Online (a live stream) and Available, so the chat can be accepted.
    samLive = await goLive(sam, { available: true, what: 'agent stream' });
    const support = t.seed.departments.find((d) => d.name === 'Support')!.id;
    chat = await startChat(t.url, { departmentId: support, name: 'Lena Location' });
    await sam.conversations.accept.mutate({ conversationId: chat.id });
    visitorLive = record<VisitorLiveEvent>((h) => chat.visitor.webchat.onEvent.subscribe(undefined, h));
    await waitFor(() => visitorLive.started, 3_000, 'visitor stream');
  });
  after(async () => {
    samLive?.unsubscribe();
    visitorLive?.unsubscribe();
    await t?.close();
  });

  const agentSaw = (id: string) =>
    waitFor(() => samLive.events.find((e) => e.data.type === 'message' && e.data.message.id === id), 3_000, `agent sees ${id}`);
  const visitorSaw = (id: string) =>
    waitFor(() => visitorLive.events.find((e) => e.data.type === 'message' && e.data.message.id === id), 3_000, `visitor sees ${id}`);

  test('a shared location reaches the other side live, with coordinates or an address', async () => {
    const fromAgent = await sam.conversations.reply.mutate({
      conversationId: chat.id,
      clientMessageId: clientMessageId(),
      location: { latitude: 48.8584, longitude: 2.2945, accuracy: 12.5 },
    });
    assert.equal(fromAgent.message.kind, 'location');
    assert.deepEqual(fromAgent.message.location, { latitude: 48.8584, longitude: 2.2945, accuracy: 12.5, address: null });
    const seen = await visitorSaw(fromAgent.message.id);
    assert.ok(seen.data.type === 'message');
    assert.deepEqual(seen.data.message.location, fromAgent.message.location);

    const fromCustomer = await chat.visitor.webchat.send.mutate({
      conversationId: chat.id,
      clientMessageId: clientMessageId(),
      location: { address: '  221B Baker Street, London  ' },
    });
    assert.equal(fromCustomer.message.kind, 'location');
    assert.equal(fromCustomer.message.body, '221B Baker Street, London');
    const agentView = await agentSaw(fromCustomer.message.id);
    assert.ok(agentView.data.type === 'message');
    assert.deepEqual(agentView.data.message.location, { latitude: null, longitude: null, accuracy: null, address: '221B Baker Street, London' });
    // A location counts as a message: the agent has one more to read.
    const view = await sam.conversations.get.query({ conversationId: chat.id });
    assert.equal(view.unread.agent, 1);
  });

  test('emoji are stored and delivered as written', async () => {
    const body = 'Thanks 🙏🏽 — all fixed 👩‍💻✅';
    const { message } = await sam.conversations.reply.mutate({ conversationId: chat.id, clientMessageId: clientMessageId(), body });
    assert.equal(message.body, body);
    const seen = await visitorSaw(message.id);
    assert.ok(seen.data.type === 'message');
    assert.equal(seen.data.message.body, body);
  });

  test('contradictory or out-of-range content is refused, naming the field, and nothing is stored', async () => {
    const before = await t.desk.services.models.Message.countDocuments({ tenantId: t.seed.tenantId, conversationId: chat.id });
    const reply = (content: Record<string, unknown>) =>
      sam.conversations.reply.mutate({ conversationId: chat.id, clientMessageId: clientMessageId(), ...content } as never);
    await assert.rejects(reply({}), trpcError('BAD_REQUEST', 'body'));
    await assert.rejects(reply({ body: '   ' }), trpcError('BAD_REQUEST', 'body'));
    await assert.rejects(reply({ location: { latitude: 91, longitude: 0 } }), trpcError('BAD_REQUEST', 'location.latitude'));
    await assert.rejects(reply({ location: { latitude: 10 } }), trpcError('BAD_REQUEST', 'location.longitude'));
    await assert.rejects(reply({ location: {} }), trpcError('BAD_REQUEST', 'location.address'));
    await assert.rejects(reply({ body: 'here', location: { address: 'Main St 1' } }), trpcError('BAD_REQUEST', 'body'));
    await assert.rejects(
      reply({ location: { address: 'Main St 1' }, voice: { fileId: 'f'.repeat(24), durationMs: 1000 } }),
      trpcError('BAD_REQUEST', 'attachment'),
    );
    await assert.rejects(reply({ voice: { fileId: 'f'.repeat(24), durationMs: 0 } }), trpcError('BAD_REQUEST', 'voice.durationMs'));
    await assert.rejects(reply({ attachment: { fileId: { $ne: null } } }), trpcError('BAD_REQUEST', 'attachment.fileId'));
    // A well-formed id that is no upload of this conversation.
    await assert.rejects(reply({ attachment: { fileId: 'a'.repeat(24) } }), trpcError('BAD_REQUEST', 'attachment.fileId'));
    assert.equal(await t.desk.services.models.Message.countDocuments({ tenantId: t.seed.tenantId, conversationId: chat.id }), before);
  });
});
