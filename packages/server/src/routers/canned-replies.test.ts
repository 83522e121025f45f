import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Types } from 'mongoose';
import { seedDemo } from '../services/seed.js';
import { trpcError } from '../testing/assertions.js';
import { signedInClient, startChat } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

describe('canned replies', () => {
  let t: TestDesk;
  const department = (name: string) => t.seed.departments.find((d) => d.name === name)!.id;
  const as = (name: string, tenant = 'demo') => signedInClient(t.url, { tenant, email: `${name}@demo.deskkit.dev`, password: t.seed.password });

  before(async () => {
    t = await startTestDesk();
  });
  after(() => t.close());

  test('the demo is seeded with tenant-wide and department replies', async () => {
    const ada = await as('ada');
    const replies = await ada.client.cannedReplies.list.query();
    const byShortcut = new Map(replies.map((r) => [r.shortcut, r]));
    assert.equal(byShortcut.get('hello')?.departmentId, null);
    assert.equal(byShortcut.get('thanks')?.departmentId, null);
    assert.equal(byShortcut.get('refund')?.departmentId, department('Billing'));
    assert.ok(replies.every((r) => r.editable), 'admins manage every reply');
    // Seeding again adds nothing.
    await seedDemo(t.desk.services);
    assert.equal((await ada.client.cannedReplies.list.query()).length, replies.length);
  });

  test('admins create, update and remove; shortcuts are unique per tenant and department', async () => {
    const ada = await as('ada');
    const sales = department('Sales');
    const created = await ada.client.cannedReplies.create.mutate({ departmentId: sales, shortcut: ' Demo-Call ', title: 'Book a demo', body: 'Hi {{ customer.firstName }}!' });
    assert.equal(created.shortcut, 'demo-call', 'trimmed and lowercased');
    assert.equal(created.departmentId, sales);
    assert.equal(created.body, 'Hi {{ customer.firstName }}!');
    assert.equal(created.createdBy, ada.agentId);

    // Same shortcut, same department: refused, naming the field. Elsewhere it is fine.
    await assert.rejects(
      ada.client.cannedReplies.create.mutate({ departmentId: sales, shortcut: 'demo-call', title: 'Again', body: 'x' }),
      trpcError('BAD_REQUEST', 'shortcut'),
    );
    const wide = await ada.client.cannedReplies.create.mutate({ shortcut: 'demo-call', title: 'Tenant-wide twin', body: 'y' });
    assert.equal(wide.departmentId, null);
    // Ten at once for one new shortcut: exactly one wins.
    const racers = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => ada.client.cannedReplies.create.mutate({ departmentId: sales, shortcut: 'race', title: `Racer ${i}`, body: 'z' })),
    );
    assert.equal(racers.filter((r) => r.status === 'fulfilled').length, 1);

    // Update: rename, move, and text; the old shortcut becomes free, the new one is taken.
    const updated = await ada.client.cannedReplies.update.mutate({ id: created.id, shortcut: 'demo', title: 'Book a product demo' });
    assert.equal(updated.shortcut, 'demo');
    assert.equal(updated.title, 'Book a product demo');
    assert.equal(updated.body, 'Hi {{ customer.firstName }}!');
    const reuse = await ada.client.cannedReplies.create.mutate({ departmentId: sales, shortcut: 'demo-call', title: 'Reused', body: 'r' });
    await assert.rejects(ada.client.cannedReplies.update.mutate({ id: reuse.id, shortcut: 'demo' }), trpcError('BAD_REQUEST', 'shortcut'));
    await assert.rejects(ada.client.cannedReplies.update.mutate({ id: wide.id, departmentId: sales }), trpcError('BAD_REQUEST', 'shortcut'));
    const moved = await ada.client.cannedReplies.update.mutate({ id: updated.id, departmentId: null });
    assert.equal(moved.departmentId, null);
    // Its old place is free again.
    await ada.client.cannedReplies.update.mutate({ id: reuse.id, shortcut: 'demo' });

    // Remove: gone, and its shortcut is free.
    assert.deepEqual(await ada.client.cannedReplies.remove.mutate({ id: wide.id }), { id: wide.id });
    await assert.rejects(ada.client.cannedReplies.remove.mutate({ id: wide.id }), trpcError('NOT_FOUND'));
    const again = await ada.client.cannedReplies.create.mutate({ shortcut: 'demo-call', title: 'Back', body: 'b' });
    assert.equal(again.shortcut, 'demo-call');
  });

  test('a claim left by a write that never finished frees its shortcut after a minute', async () => {
    const ada = await as('ada');
    const { models } = t.desk.services;
    const claim = (shortcut: string, claimedAt: Date) =>
      models.CannedReplyKey.create({ tenantId: t.seed.tenantId, scope: 'tenant', shortcut, replyId: new Types.ObjectId(), claimedAt });
    // A crash between claiming and storing the reply, two minutes ago: the shortcut is free.
    await claim('ghost', new Date(Date.now() - 120_000));
    const ghost = await ada.client.cannedReplies.create.mutate({ shortcut: 'ghost', title: 'Ghost', body: 'b' });
    assert.equal(ghost.shortcut, 'ghost');
    assert.equal(await models.CannedReplyKey.countDocuments({ tenantId: t.seed.tenantId, scope: 'tenant', shortcut: 'ghost' }), 1);
    // A claim taken just now may be a create in progress: the shortcut stays taken.
    await claim('busy', new Date());
    await assert.rejects(ada.client.cannedReplies.create.mutate({ shortcut: 'busy', title: 'Busy', body: 'b' }), trpcError('BAD_REQUEST', 'shortcut'));
  });

  test('validation names the field: shortcut format, lengths, unknown placeholders, departments', async () => {
    const ada = await as('ada');
    for (const shortcut of ['', '-dash', 'has space', 'a'.repeat(33), 'ünïcode', '/slash']) {
      await assert.rejects(ada.client.cannedReplies.create.mutate({ shortcut, title: 't', body: 'b' }), trpcError('BAD_REQUEST', 'shortcut'), shortcut);
    }
    await assert.rejects(ada.client.cannedReplies.create.mutate({ shortcut: 'ok', title: ' ', body: 'b' }), trpcError('BAD_REQUEST', 'title'));
    await assert.rejects(ada.client.cannedReplies.create.mutate({ shortcut: 'ok', title: 't', body: 'x'.repeat(5_001) }), trpcError('BAD_REQUEST', 'body'));
    await assert.rejects(
      ada.client.cannedReplies.create.mutate({ shortcut: 'ok', title: 't', body: 'Hi {{customer.nickname}} from {{agent.name}}' }),
      (err: Error) => {
        trpcError('BAD_REQUEST', 'body')(err);
        assert.match(err.message, /\{\{customer\.nickname\}\}/);
        assert.doesNotMatch(err.message, /\{\{agent\.name\}\} \(/, 'only the unknown one is named');
        return true;
      },
    );
    const ok = await ada.client.cannedReplies.create.mutate({ shortcut: 'all-fields', title: 't', body: '{{customer.firstName}} {{customer.lastName}} {{customer.name}} {{customer.email}} {{customer.phone}} {{agent.name}} {{agent.firstName}} {{department.name}}' });
    await assert.rejects(ada.client.cannedReplies.update.mutate({ id: ok.id, body: '{{ticket.id}}' }), trpcError('BAD_REQUEST', 'body'));
    await assert.rejects(ada.client.cannedReplies.create.mutate({ departmentId: 'not-an-id', shortcut: 'x', title: 't', body: 'b' }), trpcError('BAD_REQUEST', 'departmentId'));
    await assert.rejects(ada.client.cannedReplies.create.mutate({ departmentId: 'ffffffffffffffffffffffff', shortcut: 'x', title: 't', body: 'b' }), trpcError('NOT_FOUND'));
    await assert.rejects(ada.client.cannedReplies.search.query({ conversationId: 'nope', q: '' }), trpcError('BAD_REQUEST', 'conversationId'));
  });

  test('supervisors manage their departments only; agents only search and render', async () => {
    const sam = await as('sam'); // supervisor of Support and Sales
    const alice = await as('alice'); // agent
    const billingReply = (await (await as('ada')).client.cannedReplies.list.query({ departmentId: department('Billing') })).find((r) => r.shortcut === 'refund')!;
    const hello = (await sam.client.cannedReplies.list.query({ departmentId: null })).find((r) => r.shortcut === 'hello')!;

    const mine = await sam.client.cannedReplies.create.mutate({ departmentId: department('Support'), shortcut: 'sam-support', title: 'Sam', body: 'b' });
    assert.equal(mine.editable, true);
    await sam.client.cannedReplies.update.mutate({ id: mine.id, body: 'changed' });
    await assert.rejects(sam.client.cannedReplies.create.mutate({ shortcut: 'sam-wide', title: 't', body: 'b' }), trpcError('FORBIDDEN'));
    await assert.rejects(sam.client.cannedReplies.create.mutate({ departmentId: department('Billing'), shortcut: 'sam-billing', title: 't', body: 'b' }), trpcError('FORBIDDEN'));
    await assert.rejects(sam.client.cannedReplies.update.mutate({ id: mine.id, departmentId: department('Billing') }), trpcError('FORBIDDEN'));
    // Tenant-wide: listed (read-only), not editable. Another department's: not even there.
    assert.equal(hello.editable, false);
    await assert.rejects(sam.client.cannedReplies.update.mutate({ id: hello.id, title: 'Mine now' }), trpcError('FORBIDDEN'));
    await assert.rejects(sam.client.cannedReplies.remove.mutate({ id: hello.id }), trpcError('FORBIDDEN'));
    await assert.rejects(sam.client.cannedReplies.update.mutate({ id: billingReply.id, title: 'x' }), trpcError('NOT_FOUND'));
    await assert.rejects(sam.client.cannedReplies.remove.mutate({ id: billingReply.id }), trpcError('NOT_FOUND'));
    const listed = await sam.client.cannedReplies.list.query();
    assert.ok(!listed.some((r) => r.departmentId === department('Billing')));
    assert.deepEqual(await sam.client.cannedReplies.list.query({ departmentId: department('Billing') }), []);
    await sam.client.cannedReplies.remove.mutate({ id: mine.id });

    await assert.rejects(alice.client.cannedReplies.list.query(), trpcError('FORBIDDEN'));
    await assert.rejects(alice.client.cannedReplies.create.mutate({ departmentId: department('Support'), shortcut: 'alice', title: 't', body: 'b' }), trpcError('FORBIDDEN'));
    await assert.rejects(alice.client.cannedReplies.remove.mutate({ id: hello.id }), trpcError('FORBIDDEN'));
  });

  test("search ranks shortcut matches first, offers only the conversation's department and tenant-wide replies", async () => {
    const ada = await as('ada');
    const bob = await as('bob'); // Support and Billing
    const billingChat = await startChat(t.url, { departmentId: department('Billing'), name: 'Rae Finch' });
    const supportChat = await startChat(t.url, { departmentId: department('Support'), name: 'Sol Park' });
    await ada.client.cannedReplies.create.mutate({ departmentId: department('Billing'), shortcut: 'refund-late', title: 'Late refund', body: 'Sorry it is late.' });
    await ada.client.cannedReplies.create.mutate({ departmentId: department('Billing'), shortcut: 'invoice', title: 'Invoice copy', body: 'About your refund: here is the invoice.' });
    await ada.client.cannedReplies.create.mutate({ departmentId: department('Billing'), shortcut: 'policy', title: 'Refund terms', body: 'See the terms.' });
    await ada.client.cannedReplies.create.mutate({ shortcut: 'refund', title: 'Generic refund', body: 'Tenant-wide twin of /refund.' });

    const shortcuts = async (conversationId: string, q: string) =>
      (await bob.client.cannedReplies.search.query({ conversationId, q })).map((s) => s.shortcut);
    // Exact shortcut (the department's before the tenant-wide twin), prefix, then title words, then body words.
    const refund = await bob.client.cannedReplies.search.query({ conversationId: billingChat.id, q: 'refund' });
    assert.deepEqual(refund.map((s) => s.shortcut), ['refund', 'refund', 'refund-late', 'policy', 'invoice']);
    assert.equal(refund[0]!.departmentId, department('Billing'));
    assert.equal(refund[1]!.departmentId, null);
    assert.ok(refund[0]!.preview.startsWith('Refunds go back'));
    assert.deepEqual(Object.keys(refund[0]!).sort(), ['departmentId', 'id', 'preview', 'shortcut', 'title']);
    assert.deepEqual(await shortcuts(billingChat.id, '/REF'), ['refund', 'refund', 'refund-late', 'policy', 'invoice'], 'a leading slash and case do not matter');
    assert.deepEqual(await shortcuts(billingChat.id, 'invoice here'), ['invoice'], 'every word must match');
    // Regex characters are literal.
    assert.deepEqual(await shortcuts(billingChat.id, '.*'), []);
    // In a Support chat, Billing's replies are not offered.
    const support = await shortcuts(supportChat.id, 'refund');
    assert.deepEqual(support, ['refund']);
    // Empty: the first ones by shortcut. At most ten.
    const first = await shortcuts(supportChat.id, '');
    assert.ok(first.includes('hello') && first.includes('reset-password'));
    assert.deepEqual(first, [...first].sort());
    for (let i = 0; i < 12; i++) {
      await ada.client.cannedReplies.create.mutate({ departmentId: department('Support'), shortcut: `zz-${String(i).padStart(2, '0')}`, title: 'z', body: 'z' });
    }
    assert.deepEqual(await shortcuts(supportChat.id, 'zz'), Array.from({ length: 10 }, (_, i) => `zz-0${i}`));
    assert.equal((await shortcuts(supportChat.id, '')).length, 10);

    // A conversation the agent cannot see is NOT_FOUND.
    const alice = await as('alice'); // Support only
    await assert.rejects(alice.client.cannedReplies.search.query({ conversationId: billingChat.id, q: '' }), trpcError('NOT_FOUND'));
  });

  test('render fills placeholders from the customer, the agent and the department', async () => {
    const ada = await as('ada');
    const bob = await as('bob');
    const alice = await as('alice');
    const billingChat = await startChat(t.url, { departmentId: department('Billing'), name: 'Rae  Anne Finch', email: 'rae@example.com' });
    const supportChat = await startChat(t.url, { departmentId: department('Support'), name: 'Sol' });
    const all = await ada.client.cannedReplies.create.mutate({
      shortcut: 'fill-all',
      title: 'All placeholders',
      body: '{{customer.firstName}}|{{customer.lastName}}|{{customer.name}}|{{customer.email}}|{{customer.phone}}|{{agent.name}}|{{agent.firstName}}|{{ department.name }}',
    });
    const rendered = await bob.client.cannedReplies.render.query({ id: all.id, conversationId: billingChat.id });
    assert.deepEqual(rendered, {
      id: all.id,
      shortcut: 'fill-all',
      title: 'All placeholders',
      body: 'Rae|Anne Finch|Rae  Anne Finch|rae@example.com||Bob Okafor|Bob|Billing',
    });

    // Missing values leave no odd gaps before punctuation.
    const greeting = await ada.client.cannedReplies.create.mutate({ shortcut: 'greet-last', title: 'g', body: 'Dear Mr {{customer.lastName}}, call {{customer.phone}} now.' });
    const sol = await alice.client.cannedReplies.render.query({ id: greeting.id, conversationId: supportChat.id });
    assert.equal(sol.body, 'Dear Mr, call now.');

    // A new SMS customer is named by their number: no name to greet them by.
    const { models } = t.desk.services;
    for (const [name, phone] of [['+4915112345678', '+4915112345678'], ['0151 / 123-45 (6)', null], ['+1 555 0100', '+15550100']] as const) {
      const smsChat = await startChat(t.url, { departmentId: department('Support'), name: 'Someone' });
      await models.Customer.updateOne({ tenantId: t.seed.tenantId, _id: (await alice.client.conversations.get.query({ conversationId: smsChat.id })).customer.id }, { $set: { name, phone } });
      const filled = await alice.client.cannedReplies.render.query({ id: all.id, conversationId: smsChat.id });
      assert.equal(filled.body, `||||${phone ?? ''}|Alice Moreau|Alice|Support`, name);
    }
    // A name with a number in it is still a name.
    const numbered = await startChat(t.url, { departmentId: department('Support'), name: 'Room 101' });
    assert.match((await alice.client.cannedReplies.render.query({ id: all.id, conversationId: numbered.id })).body, /^Room\|101\|Room 101\|/);

    // The seeded /hello, as Alice in a Support chat.
    const hello = (await alice.client.cannedReplies.search.query({ conversationId: supportChat.id, q: 'hello' }))[0]!;
    assert.equal((await alice.client.cannedReplies.render.query({ id: hello.id, conversationId: supportChat.id })).body, 'Hi Sol, I’m Alice. How can I help you today?');

    // A Billing reply in a Support chat, or an unknown id: NOT_FOUND.
    const refund = (await bob.client.cannedReplies.search.query({ conversationId: billingChat.id, q: 'refund' }))[0]!;
    await assert.rejects(bob.client.cannedReplies.render.query({ id: refund.id, conversationId: supportChat.id }), trpcError('NOT_FOUND'));
    await assert.rejects(bob.client.cannedReplies.render.query({ id: 'ffffffffffffffffffffffff', conversationId: supportChat.id }), trpcError('NOT_FOUND'));
  });

  test("another tenant's replies are NOT_FOUND and never offered", async () => {
    const other = await seedDemo(t.desk.services, 'canned-other');
    const ada = await as('ada');
    const otherAdmin = await as('ada', other.tenant);
    const theirs = await otherAdmin.client.cannedReplies.create.mutate({ shortcut: 'secret', title: 'Theirs', body: 'Only for canned-other' });
    const ours = (await ada.client.cannedReplies.list.query()).find((r) => r.shortcut === 'hello')!;
    await assert.rejects(ada.client.cannedReplies.update.mutate({ id: theirs.id, title: 'x' }), trpcError('NOT_FOUND'));
    await assert.rejects(ada.client.cannedReplies.remove.mutate({ id: theirs.id }), trpcError('NOT_FOUND'));
    await assert.rejects(otherAdmin.client.cannedReplies.update.mutate({ id: ours.id, title: 'x' }), trpcError('NOT_FOUND'));
    assert.ok(!(await ada.client.cannedReplies.list.query()).some((r) => r.id === theirs.id));

    // Their /hello is their own: ours is untouched by theirs and vice versa.
    const chat = await startChat(t.url, { departmentId: department('Support') });
    const found = await ada.client.cannedReplies.search.query({ conversationId: chat.id, q: 'secret' });
    assert.deepEqual(found, []);
    await assert.rejects(ada.client.cannedReplies.render.query({ id: theirs.id, conversationId: chat.id }), trpcError('NOT_FOUND'));
    // Their conversation is not ours to search in.
    const theirChat = await startChat(t.url, { tenant: other.tenant });
    await assert.rejects(ada.client.cannedReplies.search.query({ conversationId: theirChat.id, q: '' }), trpcError('NOT_FOUND'));
  });
});
