import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { uploadFile, type ConversationView, type DeskClient } from '@deskkit/client';
import { trpcError } from '../testing/assertions.js';
import { signedInClient, startChat } from '../testing/clients.js';
import { png } from '../testing/fixtures.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

describe('conversation search, filters, sorts and keyset pages', () => {
  let t: TestDesk;
  let sam: DeskClient;
  const dept = (name: string) => t.seed.departments.find((d) => d.name === name)!.id;
  const as = async (name: string) => (await signedInClient(t.url, { email: `${name}@demo.deskkit.dev`, password: t.seed.password })).client;
  const ours: string[] = [];

  before(async () => {
    t = await startTestDesk();
    sam = await as('sam');
    // 24 Support chats and 6 Sales chats, with a spread of priorities and tags.
    const priorities = ['low', 'normal', 'high', 'urgent'] as const;
    for (let i = 0; i < 30; i++) {
      const sales = i % 5 === 0;
      const chat = await startChat(t.url, {
        departmentId: dept(sales ? 'Sales' : 'Support'),
        name: `Searchable Customer ${String(i).padStart(2, '0')}`,
        email: `customer${i}@shop.example`,
        body: i === 7 ? 'My flux capacitor (model 1.21) is broken' : `Question number ${i}`,
      });
      ours.push(chat.id);
      await sam.conversations.updateTicket.mutate({ conversationId: chat.id, priority: priorities[i % 4] });
      if (i % 3 === 0) await sam.conversations.tag.mutate({ conversationId: chat.id, add: ['Billing', 'vip'] });
    }
  });
  after(() => t.close());

  async function all(client: DeskClient, input: Parameters<DeskClient['conversations']['list']['query']>[0], limit = 7) {
    const items: ConversationView[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const page = await client.conversations.list.query({ ...input, limit, cursor });
      items.push(...page.items);
      if (!page.nextCursor) return items;
      cursor = page.nextCursor;
    }
    throw new Error('too many pages');
  }

  test('keyset pages cover every row exactly once, in the sort order', async () => {
    for (const sort of ['created', 'priority', 'waitTime', 'lastActivity'] as const) {
      const paged = await all(sam, { view: 'pending', sort });
      const whole = (await sam.conversations.list.query({ view: 'pending', sort, limit: 200 })).items;
      assert.deepEqual(paged.map((c) => c.id), whole.map((c) => c.id), `${sort}: pages equal one big page`);
      assert.equal(new Set(paged.map((c) => c.id)).size, paged.length, `${sort}: no duplicates`);
      for (const id of ours) assert.ok(paged.some((c) => c.id === id), `${sort}: every pending chat listed`);
    }
    const byPriority = await all(sam, { view: 'pending', sort: 'priority' });
    const rank = { low: 0, normal: 1, high: 2, urgent: 3 };
    for (let i = 1; i < byPriority.length; i++) {
      const [a, b] = [byPriority[i - 1]!, byPriority[i]!];
      assert.ok(rank[a.priority] > rank[b.priority] || (rank[a.priority] === rank[b.priority] && a.queuedAt <= b.queuedAt), 'urgent first, then longest waiting');
    }
    const byCreated = await all(sam, { view: 'pending', sort: 'created' });
    assert.deepEqual(byCreated.map((c) => c.createdAt), byCreated.map((c) => c.createdAt).sort().reverse());
  });

  test('filters combine: department, priority, tag, status, assignee, channel, date range', async () => {
    const support = await all(sam, { view: 'all', filter: { departmentId: dept('Support'), priority: ['urgent'], tag: 'vip' } }, 50);
    assert.ok(support.length > 0);
    for (const c of support) {
      assert.equal(c.departmentId, dept('Support'));
      assert.equal(c.priority, 'urgent');
      assert.ok(c.tags.includes('vip'));
    }
    const unassigned = await all(sam, { view: 'all', filter: { assigneeId: null, status: 'pending' } }, 50);
    assert.ok(unassigned.every((c) => c.assigneeId === null && c.status === 'pending'));
    // The seed holds one SMS chat (and no email).
    const sms = (await sam.conversations.list.query({ view: 'all', filter: { channel: 'sms' } })).items;
    assert.ok(sms.length > 0 && sms.every((c) => c.channel === 'sms'));
    assert.equal((await sam.conversations.list.query({ view: 'all', filter: { channel: 'email' } })).items.length, 0);
    const future = new Date(Date.now() + 3600_000).toISOString();
    assert.equal((await sam.conversations.list.query({ view: 'all', filter: { from: future } })).items.length, 0);
    const today = await all(sam, { view: 'all', filter: { from: new Date(Date.now() - 3600_000).toISOString(), to: future } }, 50);
    for (const id of ours) assert.ok(today.some((c) => c.id === id));
  });

  test('filtering by one assignee lists exactly that agent\u2019s conversations, counted alike', async () => {
    const agentId = (name: string) => t.seed.agents.find((a) => a.email === `${name}@demo.deskkit.dev`)!.id;
    const { models } = t.desk.services;
    for (const name of ['alice', 'bob']) {
      const listed = await all(sam, { view: 'all', filter: { assigneeId: agentId(name) } }, 5);
      const stored = await models.Conversation.find({ tenantId: t.seed.tenantId, assigneeId: agentId(name) }).select({ _id: 1 }).lean();
      assert.ok(stored.length > 1, `the seed gives ${name} conversations`);
      assert.deepEqual(listed.map((c) => c.id).sort(), stored.map((c) => String(c._id)).sort(), `${name}: every one, and only theirs`);
      const counts = await sam.conversations.counts.query({ filter: { assigneeId: agentId(name) } });
      assert.equal(counts.all, listed.length);
      // Combined with other filters, still only theirs.
      const closed = await all(sam, { view: 'all', filter: { assigneeId: agentId(name), status: 'closed' } });
      assert.ok(closed.every((c) => c.assigneeId === agentId(name) && c.status === 'closed'));
    }
    // An agent filtering by a colleague finds nothing of theirs: filters never widen what one may see.
    const chen = await as('chen');
    assert.deepEqual((await chen.conversations.list.query({ view: 'all', filter: { assigneeId: agentId('alice') } })).items, []);
  });

  test('text search: customer name, email and phone, message text; input is literal, not a pattern', async () => {
    const q = async (text: string) => (await sam.conversations.list.query({ view: 'all', filter: { q: text }, limit: 200 })).items;
    assert.deepEqual((await q('searchable customer 07')).map((c) => c.id), [ours[7]]);
    assert.deepEqual((await q('customer12@shop.example')).map((c) => c.id), [ours[12]]);
    assert.deepEqual((await q('FLUX CAPACITOR')).map((c) => c.id), [ours[7]]);
    assert.deepEqual((await q('(model 1.21)')).map((c) => c.id), [ours[7]], 'regex metacharacters are literal');
    assert.equal((await q('.*')).length, 0, 'a pattern does not match everything');
    // Seeded customer Maria Garcia, phone +34 600 111 222: found by digits however they are spaced.
    const maria = await q('600 111222');
    assert.ok(maria.length > 0 && maria.every((c) => c.customer.name === 'Maria Garcia'));
  });

  test('text search finds a file by its caption, and counts every tab with the search applied', async () => {
    const chat = await startChat(t.url, { departmentId: dept('Support'), name: 'Caption Customer', body: 'Hello' });
    const { fileId } = await uploadFile({ url: t.url, token: chat.visitorToken, conversationId: chat.id, file: png(4, 3), name: 'receipt.png' });
    await chat.visitor.webchat.send.mutate({ conversationId: chat.id, attachment: { fileId }, body: 'Scanned warranty voucher', clientMessageId: 'caption-1' });
    const found = await sam.conversations.list.query({ view: 'all', filter: { q: 'warranty voucher' }, limit: 50 });
    assert.deepEqual(found.items.map((c) => c.id), [chat.id]);
    const counts = await sam.conversations.counts.query({ filter: { q: 'warranty voucher' } });
    assert.deepEqual(counts, { pending: 1, mine: 0, all: 1, tickets: 0, closed: 0, mineUnread: 0 });
  });

  test('agents see their departments\u2019 queues and their own conversations only; counts agree', async () => {
    const alice = await as('alice');
    const chen = await as('chen');
    const alicePending = await all(alice, { view: 'pending' }, 50);
    assert.ok(alicePending.length > 0 && alicePending.every((c) => c.departmentId === dept('Support')));
    const chenAll = await all(chen, { view: 'all' }, 50);
    assert.ok(chenAll.length > 0 && chenAll.every((c) => c.departmentId === dept('Sales')));
    // 'all' for an agent is what they may see; a supervisor sees more.
    const samAll = await all(sam, { view: 'all' }, 50);
    assert.ok(samAll.length > chenAll.length);

    for (const [client, name] of [[alice, 'alice'], [sam, 'sam']] as const) {
      const counts = await client.conversations.counts.query();
      for (const view of ['pending', 'mine', 'all', 'tickets', 'closed'] as const) {
        assert.equal(counts[view], (await all(client, { view }, 200)).length, `${name}'s ${view} count`);
      }
      const filtered = await client.conversations.counts.query({ filter: { priority: 'urgent' } });
      assert.equal(filtered.pending, (await all(client, { view: 'pending', filter: { priority: 'urgent' } }, 200)).length);
    }
  });

  test('hostile input is rejected by the schema, naming the field', async () => {
    const list = (input: unknown) => sam.conversations.list.query(input as never);
    await assert.rejects(list({ view: 'all', filter: { q: { $ne: null } } }), trpcError('BAD_REQUEST', 'filter.q'));
    await assert.rejects(list({ view: 'all', filter: { assigneeId: { $ne: null } } }), trpcError('BAD_REQUEST', 'filter.assigneeId'));
    await assert.rejects(list({ view: 'all', filter: { departmentId: { $where: 'sleep(1000)' } } }), trpcError('BAD_REQUEST', 'filter.departmentId'));
    await assert.rejects(list({ view: 'all', filter: { tag: { $regex: '.*' } } }), trpcError('BAD_REQUEST', 'filter.tag'));
    await assert.rejects(list({ view: 'everything' }), trpcError('BAD_REQUEST', 'view'));
    await assert.rejects(list({ view: 'all', limit: 100_000 }), trpcError('BAD_REQUEST', 'limit'));
    await assert.rejects(list({ view: 'all', cursor: 'not-a-cursor' }), trpcError('BAD_REQUEST', 'cursor'));
    // A cursor from another sort is refused rather than misread.
    const page = await sam.conversations.list.query({ view: 'pending', sort: 'created', limit: 2 });
    await assert.rejects(list({ view: 'pending', sort: 'priority', cursor: page.nextCursor }), trpcError('BAD_REQUEST', 'cursor'));
    const forged = Buffer.from(JSON.stringify(['created', { d: 'x' }, { o: { $gt: '' } }])).toString('base64url');
    await assert.rejects(list({ view: 'pending', sort: 'created', cursor: forged }), trpcError('BAD_REQUEST', 'cursor'));
  });
});
