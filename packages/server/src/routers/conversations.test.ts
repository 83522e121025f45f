import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test, type TestContext } from 'node:test';
import { createDeskClient, type AgentLiveEvent, type DeskClient } from '@deskkit/client';
import { trpcError } from '../testing/assertions.js';
import { goLive, record, signedInClient, startChat, waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

const cid = () => randomUUID().replaceAll('-', '');

describe('conversations: web chat, queue, accept, reply, transfer, close', () => {
  let t: TestDesk;
  const as = (name: string) => signedInClient(t.url, { email: `${name}@demo.deskkit.dev`, password: t.seed.password });
  const support = () => t.seed.departments.find((d) => d.name === 'Support')!.id;

  before(async () => {
    t = await startTestDesk();
  });
  after(() => t.close());

  test('the whole flow through the typed client', async (ctx) => {
    // A customer starts a chat on the web channel.
    const anonymous = createDeskClient({ url: t.url });
    const started = await anonymous.webchat.start.mutate({
      tenant: 'demo',
      name: 'Grace Hopper',
      departmentId: support(),
      message: { body: 'My invoice is wrong', clientMessageId: cid() },
    });
    assert.match(started.visitorToken, /^dkv_/);
    assert.equal(started.conversation.status, 'pending');
    const visitor = createDeskClient({ url: t.url, token: started.visitorToken });
    const conversationId = started.conversation.id;

    // It is pending in the Support queue of an agent of that department.
    const alice = await as('alice');
    const { items: queue } = await alice.client.conversations.list.query({ view: 'pending' });
    assert.ok(queue.some((c) => c.id === conversationId));
    // Chen (Sales only) does not see it.
    const chen = await as('chen');
    assert.ok(!(await chen.client.conversations.list.query({ view: 'pending' })).items.some((c) => c.id === conversationId));
    await assert.rejects(chen.client.conversations.get.query({ conversationId }), trpcError('NOT_FOUND'));

    const slots = async () => {
      const rows = await t.desk.services.models.Agent.find({ tenantId: t.seed.tenantId, email: { $in: ['alice@demo.deskkit.dev', 'bob@demo.deskkit.dev'] } }).lean();
      return Object.fromEntries(rows.map((a) => [a.name, a.freeSlots]));
    };
    const slotsBefore = await slots();

    // Accepting needs Available + online.
    await assert.rejects(alice.client.conversations.accept.mutate({ conversationId }), trpcError('CONFLICT'));
    const aliceOnline = record((h) => alice.client.presence.onChange.subscribe(undefined, h));
    ctx.after(aliceOnline.unsubscribe);
    await waitFor(() => aliceOnline.started, 2_000, 'alice online');
    await alice.client.presence.setStatus.mutate({ status: 'available' });
    const accepted = await alice.client.conversations.accept.mutate({ conversationId });
    assert.equal(accepted.status, 'open');
    assert.equal(accepted.assigneeId, alice.agentId);
    await assert.rejects(alice.client.conversations.accept.mutate({ conversationId }), trpcError('CONFLICT'));

    // Both sides exchange messages; a retried send is not duplicated.
    const replyId = cid();
    const first = await alice.client.conversations.reply.mutate({ conversationId, body: 'Let me check that for you.', clientMessageId: replyId });
    const retry = await alice.client.conversations.reply.mutate({ conversationId, body: 'Let me check that for you.', clientMessageId: replyId });
    assert.equal(retry.message.id, first.message.id);
    assert.equal(retry.created, false);
    await visitor.webchat.send.mutate({ conversationId, body: 'Thanks!', clientMessageId: cid() });

    const timeline = await visitor.webchat.messages.query({ conversationId });
    const texts = timeline.filter((m) => m.kind === 'text').map((m) => `${m.author.kind}: ${m.body}`);
    assert.deepEqual(texts, ['customer: My invoice is wrong', 'agent: Let me check that for you.', 'customer: Thanks!']);
    const seqs = timeline.map((m) => m.seq);
    assert.deepEqual(seqs, seqs.map((_, i) => i + 1), 'gap-free per-conversation sequence');
    assert.ok(timeline.some((m) => m.event?.type === 'assigned'));

    // Transfer to another Available agent (Bob, also Support); only he continues.
    const bob = await as('bob');
    await assert.rejects(
      alice.client.conversations.transfer.mutate({ conversationId, to: { agentId: bob.agentId } }),
      trpcError('CONFLICT'),
      'bob is not available yet',
    );
    const bobOnline = record((h) => bob.client.presence.onChange.subscribe(undefined, h));
    ctx.after(bobOnline.unsubscribe);
    await waitFor(() => bobOnline.started, 2_000, 'bob online');
    await bob.client.presence.setStatus.mutate({ status: 'available' });
    const transferred = await alice.client.conversations.transfer.mutate({
      conversationId,
      to: { agentId: bob.agentId },
      note: 'billing question',
    });
    assert.equal(transferred.assigneeId, bob.agentId);
    await assert.rejects(
      alice.client.conversations.reply.mutate({ conversationId, body: 'still me', clientMessageId: cid() }),
      trpcError('NOT_FOUND'),
    );
    await bob.client.conversations.reply.mutate({ conversationId, body: 'Fixed, a refund is on its way.', clientMessageId: cid() });

    // Close; the visitor cannot write any more; capacity is given back.
    const closed = await bob.client.conversations.close.mutate({ conversationId, reason: 'resolved' });
    assert.equal(closed.status, 'closed');
    await assert.rejects(visitor.webchat.send.mutate({ conversationId, body: 'one more', clientMessageId: cid() }), trpcError('CONFLICT'));
    const events = (await bob.client.conversations.messages.query({ conversationId })).map((m) => m.event?.type).filter(Boolean);
    assert.deepEqual(events, ['created', 'assigned', 'transferred', 'closed']);
    assert.deepEqual(await slots(), slotsBefore, 'every slot is given back');
  });

  /** Signs an agent in with their live stream open (online); Available if asked. */
  async function live(ctx: TestContext, name: string, available = false) {
    const signed = await as(name);
    const events = await goLive(signed.client, { ctx, available, what: `${name} live` });
    ctx.after(() => signed.client.presence.setStatus.mutate({ status: 'unavailable' }));
    return { ...signed, events };
  }
  const heard = (recorded: { events: Array<{ data: AgentLiveEvent }> }, conversationId: string, type: AgentLiveEvent['type'], status?: string) =>
    recorded.events.some(
      ({ data }) =>
        data.type === type &&
        (data.type === 'conversation' ? data.conversation.id === conversationId && (!status || data.conversation.status === status) : 'conversationId' in data && data.conversationId === conversationId),
    );
  const timelineEvents = async (client: DeskClient, conversationId: string) =>
    (await client.conversations.messages.query({ conversationId, limit: 200 })).map((m) => m.event).filter((e) => e !== null);

  test('transfer to a department with a note: back in that queue, the note in the timeline, the slot given back', async (ctx) => {
    const alice = await live(ctx, 'alice', true);
    const bob = await live(ctx, 'bob');
    const chen = await as('chen');
    const billing = t.seed.departments.find((d) => d.name === 'Billing')!.id;
    const chat = await startChat(t.url, { departmentId: support(), body: 'I was charged twice' });
    await alice.client.conversations.accept.mutate({ conversationId: chat.id });
    const freeSlots = async () => (await t.desk.services.models.Agent.findOne({ tenantId: t.seed.tenantId, _id: alice.agentId }).lean())!.freeSlots;
    const held = await freeSlots();

    const moved = await alice.client.conversations.transfer.mutate({ conversationId: chat.id, to: { departmentId: billing }, note: 'Refund: please check invoice 1031' });
    assert.equal(moved.status, 'pending');
    assert.equal(moved.departmentId, billing);
    assert.equal(moved.assigneeId, null);
    assert.equal(await freeSlots(), held + 1, 'the slot is given back');
    const transferred = (await timelineEvents(bob.client, chat.id)).filter((e) => e.type === 'transferred');
    assert.deepEqual(transferred, [
      { type: 'transferred', from: alice.agentId, toAgentId: null, toAgentName: null, toDepartmentId: billing, toDepartmentName: 'Billing', note: 'Refund: please check invoice 1031' },
    ]);
    // Pending in Billing's queue (Bob's), gone from Alice's sight (Support only), not Chen's (Sales).
    const { items: billingQueue } = await bob.client.conversations.list.query({ view: 'pending', filter: { departmentId: billing } });
    assert.ok(billingQueue.some((c) => c.id === chat.id));
    await waitFor(() => heard(bob.events, chat.id, 'conversation', 'pending'), 2_000, 'bob hears it arrive');
    await waitFor(() => heard(alice.events, chat.id, 'removed'), 2_000, 'alice told it left her');
    await assert.rejects(alice.client.conversations.get.query({ conversationId: chat.id }), trpcError('NOT_FOUND'));
    assert.ok(!(await chen.client.conversations.list.query({ view: 'pending' })).items.some((c) => c.id === chat.id));
    // The customer sees only that it was transferred, never the note.
    const visitorSide = (await chat.visitor.webchat.messages.query({ conversationId: chat.id })).filter((m) => m.event?.type === 'transferred');
    assert.deepEqual(visitorSide.map((m) => m.event), [{ type: 'transferred', toAgentName: null }]);
    await assert.rejects(
      alice.client.conversations.transfer.mutate({ conversationId: chat.id, to: { departmentId: support() } }),
      trpcError('NOT_FOUND'),
      'no longer hers to transfer',
    );
  });

  test('a queued chat is dispatched: whoever sees it moves it between queues; supervisors hand it to an agent, atomically', async (ctx) => {
    const { models } = t.desk.services;
    const alice = await live(ctx, 'alice', true);
    const bob = await live(ctx, 'bob', true);
    const chen = await as('chen');
    const sam = await as('sam');
    const sales = t.seed.departments.find((d) => d.name === 'Sales')!.id;
    const queuedAt = async (id: string) => (await models.Conversation.findOne({ tenantId: t.seed.tenantId, _id: id }).lean())!.queuedAt?.getTime();
    const freeSlots = async (agentId: string) => (await models.Agent.findOne({ tenantId: t.seed.tenantId, _id: agentId }).lean())!.freeSlots;
    const chat = await startChat(t.url, { departmentId: support(), body: 'Is this the right place for a quote?' });
    ctx.after(() => sam.client.conversations.close.mutate({ conversationId: chat.id }).catch(() => undefined));
    const waitingSince = await queuedAt(chat.id);

    // Alice sees Support's queue: she may send it to Sales, where it keeps its place in time.
    const moved = await alice.client.conversations.transfer.mutate({ conversationId: chat.id, to: { departmentId: sales }, note: 'a sales question' });
    assert.deepEqual({ status: moved.status, assigneeId: moved.assigneeId, departmentId: moved.departmentId }, { status: 'pending', assigneeId: null, departmentId: sales });
    assert.equal(await queuedAt(chat.id), waitingSince, 'it keeps its place in time');
    const [event] = (await timelineEvents(sam.client, chat.id)).filter((e) => e.type === 'transferred');
    assert.deepEqual(event, { type: 'transferred', from: null, toAgentId: null, toAgentName: null, toDepartmentId: sales, toDepartmentName: 'Sales', note: 'a sales question' });
    await waitFor(() => heard(alice.events, chat.id, 'removed'), 2_000, 'alice told it left her queues');
    await assert.rejects(alice.client.conversations.get.query({ conversationId: chat.id }), trpcError('NOT_FOUND'));
    // Chen (Sales) sees it now; he may not hand it to someone (he accepts it to take it), nor move it where it is.
    await assert.rejects(chen.client.conversations.transfer.mutate({ conversationId: chat.id, to: { agentId: bob.agentId } }), trpcError('FORBIDDEN'));
    await assert.rejects(chen.client.conversations.transfer.mutate({ conversationId: chat.id, to: { departmentId: sales } }), trpcError('BAD_REQUEST', 'to.departmentId'));

    // A supervisor hands it to an agent: only an Available one with room, and only one of two at once.
    await assert.rejects(sam.client.conversations.transfer.mutate({ conversationId: chat.id, to: { agentId: chen.agentId } }), trpcError('CONFLICT'));
    const before = { alice: await freeSlots(alice.agentId), bob: await freeSlots(bob.agentId) };
    const outcomes = await Promise.allSettled([alice, bob].map((to) => sam.client.conversations.transfer.mutate({ conversationId: chat.id, to: { agentId: to.agentId } })));
    assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1, 'one agent gets it');
    const winner = outcomes[0]!.status === 'fulfilled' ? alice : bob;
    const loser = winner === alice ? bob : alice;
    const assigned = await sam.client.conversations.get.query({ conversationId: chat.id });
    assert.deepEqual({ status: assigned.status, assigneeId: assigned.assigneeId }, { status: 'open', assigneeId: winner.agentId });
    assert.equal(await freeSlots(winner.agentId), before[winner === alice ? 'alice' : 'bob'] - 1, 'the winner holds a slot for it');
    assert.equal(await freeSlots(loser.agentId), before[loser === alice ? 'alice' : 'bob'], "the other's slot is given back");
    await waitFor(() => heard(winner.events, chat.id, 'conversation', 'open'), 2_000, 'the agent hears it arrive');
    const handed = (await timelineEvents(sam.client, chat.id)).filter((e) => e.type === 'transferred').at(-1);
    assert.deepEqual(handed, { type: 'transferred', from: null, toAgentId: winner.agentId, toAgentName: winner === alice ? 'Alice Moreau' : 'Bob Okafor', toDepartmentId: null, toDepartmentName: null, note: null });

    // Moved into a queue that routes automatically, it is handed out there.
    const ada = (await as('ada')).client;
    const desk = await ada.departments.create.mutate({ name: 'Dispatch desk', memberIds: [bob.agentId], routingMode: 'auto' });
    const other = await startChat(t.url, { departmentId: support() });
    ctx.after(() => sam.client.conversations.close.mutate({ conversationId: other.id }).catch(() => undefined));
    await sam.client.conversations.transfer.mutate({ conversationId: other.id, to: { departmentId: desk.id } });
    await t.desk.services.conversations.routingSettled();
    const routed = await sam.client.conversations.get.query({ conversationId: other.id });
    assert.deepEqual({ status: routed.status, assigneeId: routed.assigneeId }, { status: 'open', assigneeId: bob.agentId });
  });

  test('reopen: who may, what it records and announces, and routing after it', async (ctx) => {
    const ada = (await as('ada')).client;
    const alice = await live(ctx, 'alice', true);
    const bob = await live(ctx, 'bob');
    const sam = await live(ctx, 'sam');
    const chen = await as('chen');
    const desk = await ada.departments.create.mutate({ name: 'Reopen desk', memberIds: [alice.agentId, bob.agentId], routingMode: 'manual' });
    const chat = await startChat(t.url, { departmentId: desk.id });
    await alice.client.conversations.accept.mutate({ conversationId: chat.id });
    await alice.client.conversations.close.mutate({ conversationId: chat.id, reason: 'answered' });
    await assert.rejects(alice.client.conversations.reopen.mutate({ conversationId: 'not-an-id' }), trpcError('BAD_REQUEST', 'conversationId'));

    // A closed chat is its agent's and the supervisors': others cannot even see it.
    await assert.rejects(bob.client.conversations.reopen.mutate({ conversationId: chat.id }), trpcError('NOT_FOUND'));
    await assert.rejects(chen.client.conversations.reopen.mutate({ conversationId: chat.id }), trpcError('NOT_FOUND'));
    const reopened = await alice.client.conversations.reopen.mutate({ conversationId: chat.id });
    assert.equal(reopened.status, 'pending');
    assert.equal(reopened.assigneeId, null);
    assert.equal(reopened.closedAt, null);
    assert.equal(reopened.closeReason, null);
    await assert.rejects(alice.client.conversations.reopen.mutate({ conversationId: chat.id }), trpcError('CONFLICT'));
    // Back in the department's queue, announced live to its members and supervisors; the customer may write again.
    await waitFor(() => heard(bob.events, chat.id, 'conversation', 'pending'), 2_000, 'bob hears it');
    await waitFor(() => heard(sam.events, chat.id, 'conversation', 'pending'), 2_000, 'sam hears it');
    assert.ok((await bob.client.conversations.list.query({ view: 'pending' })).items.some((c) => c.id === chat.id));
    await chat.visitor.webchat.send.mutate({ conversationId: chat.id, body: 'One more thing', clientMessageId: cid() });
    const visitorEvents = (await chat.visitor.webchat.messages.query({ conversationId: chat.id })).map((m) => m.event?.type).filter(Boolean);
    assert.deepEqual(visitorEvents, ['created', 'assigned', 'closed', 'reopened']);

    // In an automatic queue, a chat a supervisor reopens is handed out right after (routing
    // runs in the background): its Available member hears it arrive.
    await sam.client.conversations.close.mutate({ conversationId: chat.id });
    await ada.departments.update.mutate({ departmentId: desk.id, routingMode: 'auto' });
    alice.events.events.length = 0;
    await sam.client.conversations.reopen.mutate({ conversationId: chat.id });
    await waitFor(() => heard(alice.events, chat.id, 'conversation', 'open'), 5_000, 'alice is handed the reopened chat');
    const routed = await sam.client.conversations.get.query({ conversationId: chat.id });
    assert.equal(routed.status, 'open');
    assert.equal(routed.assigneeId, alice.agentId, 'the only Available member');
    const events = await timelineEvents(sam.client, chat.id);
    assert.deepEqual(events.map((e) => e.type), ['created', 'assigned', 'closed', 'reopened', 'closed', 'reopened', 'assigned']);
    const last = events.at(-1)!;
    assert.equal(last.type === 'assigned' && last.by, 'routing');
    await alice.client.conversations.close.mutate({ conversationId: chat.id });
  });

  test('visitors only ever see their own conversations', async () => {
    const anonymous = createDeskClient({ url: t.url });
    const a = await anonymous.webchat.start.mutate({ tenant: 'demo', message: { body: 'A', clientMessageId: cid() } });
    const b = await anonymous.webchat.start.mutate({ tenant: 'demo', message: { body: 'B', clientMessageId: cid() } });
    const visitorA = createDeskClient({ url: t.url, token: a.visitorToken });
    await assert.rejects(visitorA.webchat.get.query({ conversationId: b.conversation.id }), trpcError('NOT_FOUND'));
    await assert.rejects(visitorA.webchat.messages.query({ conversationId: b.conversation.id }), trpcError('NOT_FOUND'));
    await assert.rejects(
      visitorA.webchat.send.mutate({ conversationId: b.conversation.id, body: 'hi', clientMessageId: cid() }),
      trpcError('NOT_FOUND'),
    );
    // Visitors have no agent powers.
    await assert.rejects(visitorA.conversations.list.query({ view: 'pending' }), trpcError('FORBIDDEN'));
    await assert.rejects(visitorA.presence.list.query(), trpcError('FORBIDDEN'));
    // Bad input names the field.
    await assert.rejects(
      anonymous.webchat.start.mutate({ tenant: 'demo', message: { body: '   ', clientMessageId: cid() } }),
      trpcError('BAD_REQUEST', 'message.body'),
    );
  });
});
