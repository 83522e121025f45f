import assert from 'node:assert/strict';
import { after, before, describe, test, type TestContext } from 'node:test';
import { trpcError } from '../testing/assertions.js';
import { clientMessageId, goLive, signedInClient, startChat, waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

describe('tickets, conversion, tags and routing mode', () => {
  let t: TestDesk;
  const support = () => t.seed.departments.find((d) => d.name === 'Support')!.id;

  before(async () => {
    t = await startTestDesk();
  });
  after(() => t.close());

  /** A signed-in agent whose live stream keeps them online; optionally Available. */
  async function agent(ctx: TestContext, name: string, available = false) {
    const signed = await signedInClient(t.url, { email: `${name}@demo.deskkit.dev`, password: t.seed.password });
    return { ...signed, live: await goLive(signed.client, { ctx, available }) };
  }
  const freeSlots = async (agentId: string) =>
    (await t.desk.services.models.Agent.findOne({ tenantId: t.seed.tenantId, _id: agentId }).lean())!.freeSlots;
  const eventsOf = async (client: Awaited<ReturnType<typeof agent>>['client'], conversationId: string) =>
    (await client.conversations.messages.query({ conversationId, limit: 200 })).map((m) => m.event).filter(Boolean);

  test('a chat becomes a ticket (its slot comes back) and a ticket a chat again (it takes one)', async (ctx) => {
    const alice = await agent(ctx, 'alice', true);
    const chat = await startChat(t.url, { departmentId: support() });
    await alice.client.conversations.accept.mutate({ conversationId: chat.id });
    const slots = await freeSlots(alice.agentId);

    const ticket = await alice.client.conversations.convert.mutate({ conversationId: chat.id, to: 'ticket' });
    assert.equal(ticket.kind, 'ticket');
    assert.equal(ticket.assigneeId, alice.agentId);
    assert.equal(await freeSlots(alice.agentId), slots + 1, 'tickets take no chat slot');
    const { items: tickets } = await alice.client.conversations.list.query({ view: 'tickets' });
    assert.ok(tickets.some((c) => c.id === chat.id));
    const { items: mine } = await alice.client.conversations.list.query({ view: 'mine' });
    assert.ok(!mine.some((c) => c.id === chat.id));
    await assert.rejects(alice.client.conversations.convert.mutate({ conversationId: chat.id, to: 'ticket' }), trpcError('BAD_REQUEST', 'to'));

    const back = await alice.client.conversations.convert.mutate({ conversationId: chat.id, to: 'chat' });
    assert.equal(back.kind, 'chat');
    assert.equal(back.status, 'open');
    assert.equal(await freeSlots(alice.agentId), slots);

    // Unavailable now: a ticket turned chat goes back to the queue instead of over a cap.
    await alice.client.conversations.convert.mutate({ conversationId: chat.id, to: 'ticket' });
    await alice.client.presence.setStatus.mutate({ status: 'unavailable' });
    const queued = await alice.client.conversations.convert.mutate({ conversationId: chat.id, to: 'chat' });
    assert.equal(queued.status, 'pending');
    assert.equal(queued.assigneeId, null);
    assert.deepEqual(
      (await eventsOf(alice.client, chat.id)).filter((e) => e!.type === 'converted').map((e) => (e as { to: string }).to),
      ['ticket', 'chat', 'ticket', 'chat'],
    );
  });

  test('ticket fields: status, priority, subject, assignee — each recorded, each checked', async (ctx) => {
    const alice = await agent(ctx, 'alice', true);
    const bob = await agent(ctx, 'bob');
    const sam = await agent(ctx, 'sam');
    const chen = await agent(ctx, 'chen');
    const chat = await startChat(t.url, { departmentId: support(), body: 'Please send me a copy of my contract' });
    await alice.client.conversations.accept.mutate({ conversationId: chat.id });
    await alice.client.conversations.convert.mutate({ conversationId: chat.id, to: 'ticket' });

    const updated = await alice.client.conversations.updateTicket.mutate({
      conversationId: chat.id,
      status: 'on-hold',
      priority: 'urgent',
      subject: 'Contract copy',
    });
    assert.equal(updated.status, 'on-hold');
    assert.equal(updated.priority, 'urgent');
    assert.equal(updated.subject, 'Contract copy');
    const changes = (await eventsOf(alice.client, chat.id)).filter((e) => e!.type === 'updated');
    assert.deepEqual(changes, [
      { type: 'updated', field: 'status', from: 'open', to: 'on-hold' },
      { type: 'updated', field: 'priority', from: 'normal', to: 'urgent' },
      { type: 'updated', field: 'subject', from: 'Please send me a copy of my contract', to: 'Contract copy' },
    ]);
    // Sorted first among tickets by priority.
    const { items } = await sam.client.conversations.list.query({ view: 'tickets', sort: 'priority' });
    assert.equal(items[0]!.priority, 'urgent');

    // Other agents cannot touch it; only supervisors hand it to someone else.
    await assert.rejects(bob.client.conversations.updateTicket.mutate({ conversationId: chat.id, priority: 'low' }), trpcError('NOT_FOUND'));
    await assert.rejects(
      alice.client.conversations.updateTicket.mutate({ conversationId: chat.id, assigneeId: 'ffffffffffffffffffffffff' }),
      trpcError('NOT_FOUND'),
    );
    const toChen = await sam.client.conversations.updateTicket.mutate({ conversationId: chat.id, assigneeId: chen.agentId });
    assert.equal(toChen.assigneeId, chen.agentId, 'tickets go to any active agent, Available or not');
    await waitFor(() => alice.live.events.some((e) => e.data.type === 'removed' && e.data.conversationId === chat.id), 1_000, 'alice told');
    await waitFor(() => chen.live.events.some((e) => e.data.type === 'conversation' && e.data.conversation.id === chat.id), 1_000, 'chen told');
    // The assignee hands it on; back in the queue it is anyone's in the department to take, not to hand out.
    const toBob = await chen.client.conversations.updateTicket.mutate({ conversationId: chat.id, assigneeId: bob.agentId });
    assert.equal(toBob.assigneeId, bob.agentId);
    const unassigned = await bob.client.conversations.updateTicket.mutate({ conversationId: chat.id, assigneeId: null });
    assert.equal(unassigned.status, 'pending');
    await assert.rejects(
      sam.client.conversations.updateTicket.mutate({ conversationId: chat.id, status: 'solved' }),
      trpcError('BAD_REQUEST', 'status'),
    );
    await assert.rejects(
      alice.client.conversations.updateTicket.mutate({ conversationId: chat.id, assigneeId: bob.agentId }),
      trpcError('BAD_REQUEST', 'assigneeId'),
    );
    const taken = await alice.client.conversations.updateTicket.mutate({ conversationId: chat.id, assigneeId: alice.agentId });
    assert.equal(taken.status, 'open');
    assert.equal(taken.assigneeId, alice.agentId);

    // A chat has no status or assignee fields of this kind, but it has a priority.
    const other = await startChat(t.url, { departmentId: support() });
    await assert.rejects(sam.client.conversations.updateTicket.mutate({ conversationId: other.id, status: 'solved' }), trpcError('BAD_REQUEST', 'status'));
    assert.equal((await sam.client.conversations.updateTicket.mutate({ conversationId: other.id, priority: 'high' })).priority, 'high');
  });

  test('a ticket pending on the customer stays its assignee\'s: not queued, not seen by the department', async (ctx) => {
    const alice = await agent(ctx, 'alice', true);
    const bob = await agent(ctx, 'bob');
    const sam = await agent(ctx, 'sam');
    const chen = await agent(ctx, 'chen');
    const chat = await startChat(t.url, { departmentId: support(), body: 'My invoice is wrong' });
    await alice.client.conversations.accept.mutate({ conversationId: chat.id });
    await alice.client.conversations.convert.mutate({ conversationId: chat.id, to: 'ticket' });
    const countsBefore = await bob.client.conversations.counts.query({});
    const waiting = await alice.client.conversations.updateTicket.mutate({ conversationId: chat.id, status: 'pending' });
    assert.equal(waiting.status, 'pending');
    assert.equal(waiting.assigneeId, alice.agentId);

    // Another Support agent neither sees it nor can take it; it is in no queue.
    await assert.rejects(bob.client.conversations.get.query({ conversationId: chat.id }), trpcError('NOT_FOUND'));
    await assert.rejects(bob.client.conversations.accept.mutate({ conversationId: chat.id }), trpcError('NOT_FOUND'));
    for (const view of ['pending', 'tickets', 'all'] as const) {
      const { items } = await bob.client.conversations.list.query({ view });
      assert.ok(!items.some((c) => c.id === chat.id), `not in bob's ${view} view`);
    }
    assert.deepEqual(await bob.client.conversations.counts.query({}), countsBefore);
    const { items: queue } = await sam.client.conversations.list.query({ view: 'pending' });
    assert.ok(!queue.some((c) => c.id === chat.id), 'not in the Pending tab');
    await assert.rejects(sam.client.conversations.accept.mutate({ conversationId: chat.id }), trpcError('CONFLICT'));

    // Its assignee still works on it: replies, types, transfers.
    const reply = await alice.client.conversations.reply.mutate({ conversationId: chat.id, body: 'Checking with billing', clientMessageId: clientMessageId() });
    assert.equal(reply.conversation.status, 'pending');
    await alice.client.conversations.typing.mutate({ conversationId: chat.id, typing: true });
    const moved = await alice.client.conversations.transfer.mutate({ conversationId: chat.id, to: { agentId: chen.agentId } });
    assert.equal(moved.assigneeId, chen.agentId);
    assert.equal(moved.status, 'pending');
    await waitFor(() => chen.live.events.some((e) => e.data.type === 'conversation' && e.data.conversation.id === chat.id), 1_000, 'chen told');
    assert.ok(!bob.live.events.some((e) => e.data.type === 'message' && e.data.message.id === reply.message.id), 'bob gets none of its events');
  });

  test('tags are normalised, deduplicated, validated and recorded', async (ctx) => {
    const sam = await agent(ctx, 'sam');
    const chat = await startChat(t.url, { departmentId: support() });
    const tagged = await sam.client.conversations.tag.mutate({ conversationId: chat.id, add: ['Billing', 'billing', 'VIP customer'] });
    assert.deepEqual([...tagged.tags].sort(), ['billing', 'vip customer']);
    const again = await sam.client.conversations.tag.mutate({ conversationId: chat.id, add: ['refund'], remove: ['billing'] });
    assert.deepEqual([...again.tags].sort(), ['refund', 'vip customer']);
    const events = (await eventsOf(sam.client, chat.id)).filter((e) => e!.type === 'tagged');
    assert.deepEqual(events, [
      { type: 'tagged', added: ['billing', 'vip customer'], removed: [] },
      { type: 'tagged', added: ['refund'], removed: ['billing'] },
    ]);
    await assert.rejects(sam.client.conversations.tag.mutate({ conversationId: chat.id, add: ['<script>'] }), trpcError('BAD_REQUEST', 'add.0'));
    await assert.rejects(sam.client.conversations.tag.mutate({ conversationId: chat.id }), trpcError('BAD_REQUEST', 'add'));
    // An agent who is not handling it cannot tag it.
    const chen = await agent(ctx, 'chen');
    await assert.rejects(chen.client.conversations.tag.mutate({ conversationId: chat.id, add: ['x'] }), trpcError('NOT_FOUND'));
  });

  test('admins switch the tenant to automatic routing; what waits is handed out at once', async (ctx) => {
    const bob = await agent(ctx, 'bob', true);
    const alice = await signedInClient(t.url, { email: 'alice@demo.deskkit.dev', password: t.seed.password });
    await assert.rejects(alice.client.tenant.update.mutate({ routingMode: 'auto' }), trpcError('FORBIDDEN'));
    await assert.rejects(alice.client.tenant.rotateIdentitySecret.mutate(), trpcError('FORBIDDEN'));
    const waiting = await startChat(t.url, { departmentId: support() });
    const { models } = t.desk.services;
    const pendingSupport = () => models.Conversation.countDocuments({ tenantId: t.seed.tenantId, kind: 'chat', status: 'pending', departmentId: support() });
    const pendingBefore = await pendingSupport();
    const room = await freeSlots(bob.agentId);
    assert.ok(room > 0 && pendingBefore > 0);
    const ada = await signedInClient(t.url, { email: 'ada@demo.deskkit.dev', password: t.seed.password });
    ctx.after(() => ada.client.tenant.update.mutate({ routingMode: 'manual' }));
    const settings = await ada.client.tenant.update.mutate({ routingMode: 'auto' });
    assert.equal(settings.routingMode, 'auto');
    assert.equal(settings.identityTokens, true);
    assert.ok(!('identitySecret' in settings), 'the secret is never read back');
    // The switch hands out what waits, in the background (no request waits for routing).
    await t.desk.services.conversations.routingSettled();
    // Bob is the only Available, online Support agent: he fills up, highest priority and longest waiting first.
    assert.equal(await pendingSupport(), pendingBefore - Math.min(room, pendingBefore));
    assert.equal(await freeSlots(bob.agentId), Math.max(0, room - pendingBefore));
    const { items: his } = await bob.client.conversations.list.query({ view: 'mine' });
    assert.ok(his.length >= Math.min(room, pendingBefore));
    const stillWaiting = await ada.client.conversations.get.query({ conversationId: waiting.id });
    assert.equal(stillWaiting.status, pendingBefore > room ? 'pending' : 'open', 'the newest waits if there is no room');
    await assert.rejects(ada.client.tenant.update.mutate({}), trpcError('BAD_REQUEST', 'routingMode'));
  });
});
