import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Types } from 'mongoose';
import type { AgentLiveEvent, DeskClient, VisitorLiveEvent } from '@deskkit/client';
import { arrivals, assertCountersMatchTimeline, assertWholeTimeline } from '../faults/timeline.js';
import { clientMessageId, goLive, record, signedInClient, startChat, waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

/**
 * The append protocol through the typed client: the update that takes a message's seq
 * also moves its author's read mark and the unread counts, and what is published is the
 * conversation as stored; retries change nothing; racing writers leave no hole.
 */
describe('message appends: seq, read marks and unread counts in one update', () => {
  let t: TestDesk;
  let sam: DeskClient;
  let samLive: ReturnType<typeof record<AgentLiveEvent>>;

  before(async () => {
    t = await startTestDesk();
    sam = (await signedInClient(t.url, { email: 'sam@demo.deskkit.dev', password: t.seed.password })).client;
    samLive = await goLive(sam, { available: true, what: 'agent stream' });
  });
  after(async () => {
    samLive?.unsubscribe();
    await t?.close();
  });

  const support = () => t.seed.departments.find((d) => d.name === 'Support')!.id;

  /** A chat Sam has accepted, with the visitor's live stream open. */
  async function acceptedChat(name: string) {
    const chat = await startChat(t.url, { departmentId: support(), name });
    await sam.conversations.accept.mutate({ conversationId: chat.id });
    const visitorLive = record<VisitorLiveEvent>((h) => chat.visitor.webchat.onEvent.subscribe(undefined, h));
    await waitFor(() => visitorLive.started, 3_000, 'visitor stream');
    return {
      ...chat,
      visitorLive,
      ask: (body: string, id = clientMessageId()) => chat.visitor.webchat.send.mutate({ conversationId: chat.id, body, clientMessageId: id }),
      reply: (body: string, id = clientMessageId()) => sam.conversations.reply.mutate({ conversationId: chat.id, body, clientMessageId: id }),
      stored: async () => (await t.desk.services.models.Conversation.findOne({ tenantId: t.seed.tenantId, _id: chat.id }).lean())!,
    };
  }

  /** The newest view of a conversation on Sam's stream (highest revision). */
  const newestOnStream = (conversationId: string) =>
    samLive.events
      .flatMap((e) => (e.data.type === 'conversation' && e.data.conversation.id === conversationId ? [e.data.conversation] : []))
      .sort((a, b) => b.revision - a.revision)[0];

  test('a send moves its author read mark and the unread counts, and publishes the conversation as stored', async () => {
    const chat = await acceptedChat('Rhea Readmark');
    const unreadBefore = (await chat.stored()).unreadByAgent;

    const asked = await chat.ask('Is anyone there?');
    assert.equal(asked.conversation.lastSeq, asked.message.seq);
    let row = await chat.stored();
    assert.equal(row.customerReadSeq, asked.message.seq, 'writing is reading: the customer has read up to their message');
    assert.equal(row.unreadByCustomer, 0);
    assert.equal(row.unreadByAgent, unreadBefore + 1);
    assert.equal(row.firstResponseAt, null);
    assert.equal(asked.conversation.revision, row.revision, 'the answer is the conversation as stored');
    await waitFor(() => newestOnStream(chat.id)?.revision === row.revision, 3_000, 'the agent sees the stored revision');
    assert.deepEqual(newestOnStream(chat.id)!.read, { agent: row.agentReadSeq, customer: asked.message.seq });
    assert.deepEqual(newestOnStream(chat.id)!.unread, { agent: unreadBefore + 1, customer: 0 });

    const first = await chat.reply('Yes, Sam here.');
    const second = await chat.reply('How can I help?');
    row = await chat.stored();
    assert.equal(row.agentReadSeq, second.message.seq);
    assert.equal(row.unreadByAgent, 0);
    assert.equal(row.unreadByCustomer, 2);
    assert.equal(row.firstResponseAt?.toISOString(), first.message.createdAt, 'the first reply is the first response; the second leaves it');
    assert.deepEqual(second.conversation.read, { agent: second.message.seq, customer: asked.message.seq });
    assert.equal(second.conversation.firstResponseAt, first.message.createdAt);
    assert.equal(second.conversation.revision, row.revision);
    // The customer sees both unread and the agent's read mark, live.
    await waitFor(
      () => chat.visitorLive.events.some((e) => e.data.type === 'conversation' && e.data.conversation.revision === row.revision),
      3_000,
      'the visitor sees the stored revision',
    );
    const seen = chat.visitorLive.events.findLast((e) => e.data.type === 'conversation')!.data;
    assert.ok(seen.type === 'conversation');
    assert.equal(seen.conversation.unread, 2);
    assert.equal(seen.conversation.agentRead, second.message.seq);
    await assertCountersMatchTimeline(t.desk.services.models, t.seed.tenantId, chat.id);
    chat.visitorLive.unsubscribe();
  });

  test('a retried send changes nothing: same message, same revision, counters as they were', async () => {
    const chat = await acceptedChat('Rory Retry');
    const id = clientMessageId();
    const sent = await chat.ask('Only once, please', id);
    await chat.reply('Noted.');
    const before = await chat.stored();
    const retries = await Promise.all(Array.from({ length: 5 }, () => chat.ask('Only once, please', id)));
    for (const retry of retries) {
      assert.equal(retry.message.id, sent.message.id);
      assert.equal(retry.created, false);
      assert.equal(retry.conversation.revision, before.revision, 'the retry answers with the conversation as it is');
    }
    const afterRetries = await chat.stored();
    assert.equal(afterRetries.revision, before.revision, 'no retry touched the conversation');
    assert.equal(afterRetries.lastSeq, before.lastSeq);
    assert.equal(afterRetries.customerReadSeq, before.customerReadSeq, 'the read mark stays where the reply left the customer');
    assert.equal(afterRetries.unreadByCustomer, 1);
    await assertWholeTimeline(t.desk.services.models, t.seed.tenantId, chat.id);
    await assertCountersMatchTimeline(t.desk.services.models, t.seed.tenantId, chat.id);
    chat.visitorLive.unsubscribe();
  });

  test('both sides sending at once: every seq once, each message delivered once, counters as the timeline says', async () => {
    const chat = await acceptedChat('Rita Race');
    // Each writer read the conversation for its access check; most of them find it moved on.
    const sends = await Promise.all(
      Array.from({ length: 12 }, (_, i) => [chat.ask(`customer ${i}`), chat.reply(`agent ${i}`)]).flat(),
    );
    const ids = sends.map((s) => s.message.id);
    assert.equal(new Set(sends.map((s) => s.message.seq)).size, sends.length, 'a seq each');
    const rows = await assertWholeTimeline(t.desk.services.models, t.seed.tenantId, chat.id);
    assert.deepEqual(
      rows.filter((r) => ids.includes(String(r._id))).map((r) => r.seq),
      [...sends].sort((a, b) => a.message.seq - b.message.seq).map((s) => s.message.seq),
    );
    await assertCountersMatchTimeline(t.desk.services.models, t.seed.tenantId, chat.id);
    await waitFor(() => ids.every((id) => arrivals(samLive.events).has(id)), 5_000, 'the agent stream has every message');
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const id of ids) assert.equal(arrivals(samLive.events).get(id), 1, 'delivered once');
    const row = await chat.stored();
    const newest = newestOnStream(chat.id)!;
    assert.equal(newest.revision, row.revision, 'the newest view published is the conversation as stored');
    assert.deepEqual(newest.read, { agent: row.agentReadSeq, customer: row.customerReadSeq });
    assert.deepEqual(newest.unread, { agent: row.unreadByAgent, customer: row.unreadByCustomer });
    chat.visitorLive.unsubscribe();
  });

  test('a writer whose view of the conversation is out of date still takes the next seq', async () => {
    const { messages, models } = t.desk.services;
    const chat = await acceptedChat('Stella Stale');
    const stale = await messages.view(t.seed.tenantId, chat.id);
    // The other side writes meanwhile (the customer's own read mark stays as the view has it).
    await chat.reply('Hello from Sam');
    await chat.reply('Are you still there?');
    const { message, conversation } = await messages.append(
      t.seed.tenantId,
      chat.id,
      { authorKind: 'customer', authorId: stale.customer.id, authorName: stale.customer.name, body: 'Written from an old view', clientMessageId: clientMessageId() },
      stale,
    );
    assert.equal(message.seq, stale.lastSeq + 3);
    assert.equal(conversation.unread.customer, 0);
    assert.equal(conversation.unread.agent, 1, 'the agent replied since: only this message is unread');
    assert.equal(conversation.lastSeq, message.seq);
    await assertWholeTimeline(models, t.seed.tenantId, chat.id);
    await assertCountersMatchTimeline(models, t.seed.tenantId, chat.id);
    chat.visitorLive.unsubscribe();
  });

  test('a pending append that turns out to repeat a stored send goes back: seq, read marks and counts as before it', async () => {
    const { models } = t.desk.services;
    const chat = await acceptedChat('Gina Goback');
    const id = clientMessageId();
    const stored = await chat.ask('Sent once', id);
    await chat.reply('Got it.');
    await chat.ask('And another thing');
    await chat.reply('Go on.');
    const before = await chat.stored();
    // A writer that claimed the next seq for a second attempt of the first send (as a
    // racing retry could) and died before storing it; its lease has run out.
    const now = new Date();
    const seq = before.lastSeq + 1;
    await models.Conversation.updateOne(
      { tenantId: t.seed.tenantId, _id: chat.id },
      {
        $inc: { lastSeq: 1, revision: 1, unreadByAgent: 1 },
        $set: {
          lastMessageAt: now,
          lastCustomerMessageAt: now,
          customerReadSeq: seq,
          unreadByCustomer: 0,
          pendingAppend: {
            message: {
              _id: new Types.ObjectId(),
              tenantId: new Types.ObjectId(t.seed.tenantId),
              conversationId: new Types.ObjectId(chat.id),
              seq,
              authorKind: 'customer',
              authorId: before.customerId,
              authorName: stored.message.author.name,
              kind: 'text',
              attachment: null,
              location: null,
              template: null,
              delivery: null,
              payment: null,
              body: 'Sent once',
              event: null,
              clientMessageId: id,
              createdAt: now,
            },
            before: null,
            leaseUntil: new Date(0),
            restore: {
              lastMessageAt: before.lastMessageAt,
              lastCustomerMessageAt: before.lastCustomerMessageAt,
              customerReadSeq: before.customerReadSeq,
              unreadByCustomer: before.unreadByCustomer,
            },
          },
        },
      },
    );
    // The agent's client sees the claimed seq and marks it read meanwhile.
    await models.Conversation.updateOne({ tenantId: t.seed.tenantId, _id: chat.id }, { $set: { agentReadSeq: seq, unreadByAgent: 0 } });

    // The next append (a tag, which moves no read mark) finishes that one: it finds the first
    // attempt stored, gives the seq back and puts back what the claim had changed.
    await sam.conversations.tag.mutate({ conversationId: chat.id, add: ['billing'] });
    const rows = await assertWholeTimeline(models, t.seed.tenantId, chat.id);
    assert.equal(rows.filter((r) => r.clientMessageId === id).length, 1, 'the send is stored once');
    assert.equal(rows.at(-1)!.seq, seq, 'the seq given back is the next one taken');
    assert.equal(rows.at(-1)!.kind, 'event');
    const row = await chat.stored();
    assert.equal(row.customerReadSeq, before.customerReadSeq, "the customer's read mark as before");
    assert.equal(row.unreadByCustomer, before.unreadByCustomer);
    assert.equal(row.lastMessageAt.getTime(), before.lastMessageAt.getTime());
    assert.equal(row.lastCustomerMessageAt?.getTime(), before.lastCustomerMessageAt?.getTime());
    assert.equal(row.agentReadSeq, seq - 1, 'the agent cannot have read past what is left');
    assert.equal(row.unreadByAgent, 0);
    assert.ok(row.revision > before.revision + 1, 'revision only grows');
    await assertCountersMatchTimeline(models, t.seed.tenantId, chat.id);
    chat.visitorLive.unsubscribe();
  });

  test('a retry of a send older than the latest 32 is found too: stored once, counters as before it', async () => {
    const { messages, models } = t.desk.services;
    // Left pending (Sam is at his cap): the customer writes on alone.
    const chat = await startChat(t.url, { departmentId: support(), name: 'Olga Oldretry' });
    const ask = (body: string, id = clientMessageId()) => chat.visitor.webchat.send.mutate({ conversationId: chat.id, body, clientMessageId: id });
    const stored = async () => (await models.Conversation.findOne({ tenantId: t.seed.tenantId, _id: chat.id }).lean())!;
    const id = clientMessageId();
    const first = await ask('The first question', id);
    let latest = '';
    for (let i = 0; i < 32; i++) await ask(`follow-up ${i}`, (latest = clientMessageId()));
    const before = await stored();
    assert.equal(before.recentSends.length, 32, 'the latest sends only');
    assert.ok(!before.recentSends.includes(`customer:${id}`));
    assert.equal(before.recentSends.at(-1), `customer:${latest}`, 'newest last');

    // Not among the latest, the retry is claimed, found stored when written and taken back.
    const retry = await ask('The first question', id);
    assert.equal(retry.message.id, first.message.id);
    assert.equal(retry.created, false);
    const after = await stored();
    assert.equal(after.lastSeq, before.lastSeq);
    assert.equal(after.unreadByAgent, before.unreadByAgent);
    assert.equal(after.customerReadSeq, before.customerReadSeq);
    // Among the latest now: the next retry is found before any claim (nothing moves).
    const again = await ask('The first question', id);
    assert.equal(again.message.id, first.message.id);
    assert.equal((await stored()).revision, after.revision);
    // A view that does not list the latest sends (made elsewhere) looks the send up first.
    const view = { ...(await messages.view(t.seed.tenantId, chat.id)) };
    const third = await messages.append(t.seed.tenantId, chat.id, { authorKind: 'customer', authorId: before.customerId.toString(), body: 'x', clientMessageId: id }, view);
    assert.equal(third.message.id, first.message.id);
    const rows = await assertWholeTimeline(models, t.seed.tenantId, chat.id);
    assert.equal(rows.filter((r) => r.clientMessageId === id).length, 1, 'stored once');
    await assertCountersMatchTimeline(models, t.seed.tenantId, chat.id);
  });

  test('reading up to an older message leaves the newer ones unread, also when reads race appends', async () => {
    const { messages, models } = t.desk.services;
    const tenantId = t.seed.tenantId;
    const chat = await startChat(t.url, { departmentId: support(), name: 'Rita Readback' });
    const ask = (body: string) => chat.visitor.webchat.send.mutate({ conversationId: chat.id, body, clientMessageId: clientMessageId() });
    const stored = async () => (await models.Conversation.findOne({ tenantId, _id: chat.id }).lean())!;
    const first = await ask('First question');
    const second = await ask('Second question');
    assert.equal((await stored()).lastSeq, second.message.seq);

    const older = await messages.markRead(tenantId, chat.id, 'agent', first.message.seq);
    assert.deepEqual({ read: older.read.agent, unread: older.unread.agent }, { read: first.message.seq, unread: 1 }, 'the second is still unread');
    assert.equal((await stored()).unreadByAgent, 1);
    // Events are nobody's unread: read up to the newest message, nothing is.
    await messages.append(tenantId, chat.id, { authorKind: 'system', event: { type: 'tagged', added: ['x'], removed: [] } });
    const newest = await messages.markRead(tenantId, chat.id, 'agent', second.message.seq);
    assert.deepEqual({ read: newest.read.agent, unread: newest.unread.agent }, { read: second.message.seq, unread: 0 });
    // A read mark never goes back.
    const back = await messages.markRead(tenantId, chat.id, 'agent', first.message.seq);
    assert.equal(back.read.agent, second.message.seq);

    // Reads of older messages racing new ones: the count is what the timeline says after the mark.
    const from = (await stored()).lastSeq;
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => [ask(`Racing ${i}`), messages.markRead(tenantId, chat.id, 'agent', from + i)]).flat(),
    );
    const row = await stored();
    const unreadAfter = await models.Message.countDocuments({ tenantId, conversationId: chat.id, authorKind: 'customer', kind: { $ne: 'event' }, seq: { $gt: row.agentReadSeq } });
    assert.ok(unreadAfter > 0, 'the newest were not read');
    assert.equal(row.unreadByAgent, unreadAfter);
    await assertWholeTimeline(models, tenantId, chat.id);
  });
});
