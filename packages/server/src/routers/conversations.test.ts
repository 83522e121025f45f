import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createDeskClient } from '@deskkit/client';
import { trpcError } from '../testing/assertions.js';
import { record, signedInClient, waitFor } from '../testing/clients.js';
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
