import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDeskClient } from '@deskkit/client';
import { seedDemo } from '../services/seed.js';
import { postWebhook, startTestProvider } from '../testing/channel-provider.js';
import { trpcError } from '../testing/assertions.js';
import { clientMessageId, record, signedInClient, startChat, waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

describe('customer profiles', () => {
  let t: TestDesk;
  const as = (name: string, tenant = 'demo') => signedInClient(t.url, { tenant, email: `${name}@demo.deskkit.dev`, password: t.seed.password });
  const support = () => t.seed.departments.find((d) => d.name === 'Support')!.id;
  /** Visitors never see their customer id; read it from the stored conversation. */
  const customerOf = async (chat: { id: string }) =>
    String((await t.desk.services.models.Conversation.findOne({ tenantId: t.seed.tenantId, _id: chat.id }).lean())!.customerId);

  before(async () => {
    t = await startTestDesk();
  });
  after(() => t.close());

  test('agents view and edit a profile; invalid fields are named; phone digits follow the phone', async () => {
    const chat = await startChat(t.url, { name: 'Pat Doe', email: 'pat@example.com', departmentId: support() });
    const customerId = await customerOf(chat);
    const alice = await as('alice');
    const profile = await alice.client.customers.get.query({ customerId });
    assert.equal(profile.name, 'Pat Doe');
    assert.equal(profile.email, 'pat@example.com');
    assert.deepEqual(profile.attributes, {});
    assert.equal(profile.redirectedFrom, null);

    const updated = await alice.client.customers.update.mutate({
      customerId,
      name: 'Pat Q. Doe',
      phone: '+1 (555) 010-9999',
      language: 'pt-BR',
      notes: 'Prefers email.',
      attributes: { plan: 'gold', 'crm.id': 'C-42' },
    });
    assert.equal(updated.phone, '+1 (555) 010-9999');
    assert.equal(updated.language, 'pt-BR');
    assert.deepEqual(updated.attributes, { plan: 'gold', 'crm.id': 'C-42' });
    const row = await t.desk.services.models.Customer.findOne({ tenantId: t.seed.tenantId, _id: customerId }).lean();
    assert.equal(row?.phoneDigits, '15550109999');
    // Only the fields given change.
    const again = await alice.client.customers.update.mutate({ customerId, notes: 'Prefers phone.' });
    assert.equal(again.name, 'Pat Q. Doe');
    assert.equal(again.notes, 'Prefers phone.');
    // The conversation shows the new name.
    assert.equal((await alice.client.conversations.get.query({ conversationId: chat.id })).customer.name, 'Pat Q. Doe');

    await assert.rejects(alice.client.customers.update.mutate({ customerId, email: 'not-an-email' }), trpcError('BAD_REQUEST', 'email'));
    await assert.rejects(alice.client.customers.update.mutate({ customerId, language: 'english!' }), trpcError('BAD_REQUEST', 'language'));
    await assert.rejects(alice.client.customers.update.mutate({ customerId, phone: 'call me' }), trpcError('BAD_REQUEST', 'phone'));
    await assert.rejects(alice.client.customers.update.mutate({ customerId, notes: 'x'.repeat(10_001) }), trpcError('BAD_REQUEST', 'notes'));
    await assert.rejects(alice.client.customers.update.mutate({ customerId, attributes: { '1bad': 'x' } }), trpcError('BAD_REQUEST'));
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    await assert.rejects(alice.client.customers.update.mutate({ customerId, attributes: tooMany }), trpcError('BAD_REQUEST', 'attributes'));
    await assert.rejects(alice.client.customers.update.mutate({ customerId, name: '  ' }), trpcError('BAD_REQUEST', 'name'));
    // Clearing: email null.
    assert.equal((await alice.client.customers.update.mutate({ customerId, email: null })).email, null);
  });

  test('other tenants, visitors and partner keys without the scope see nothing', async () => {
    const other = await seedDemo(t.desk.services, 'customers-other');
    const chat = await startChat(t.url, { name: 'Local Lou', departmentId: support() });
    const customerId = await customerOf(chat);
    const theirAda = await as('ada', other.tenant);
    await assert.rejects(theirAda.client.customers.get.query({ customerId }), trpcError('NOT_FOUND'));
    await assert.rejects(theirAda.client.customers.update.mutate({ customerId, name: 'Hacked' }), trpcError('NOT_FOUND'));
    await assert.rejects(theirAda.client.customers.history.query({ customerId }), trpcError('NOT_FOUND'));
    await assert.rejects(theirAda.client.customers.get.query({ customerId: 'ffffffffffffffffffffffff' }), trpcError('NOT_FOUND'));
    await assert.rejects(chat.visitor.customers.get.query({ customerId }), trpcError('FORBIDDEN'));

    // Partner keys: with customers:read they read, never write; without it, nothing.
    const ada = await as('ada');
    const reader = await ada.client.apiKeys.create.mutate({ name: 'CRM', scopes: ['customers:read'] });
    const partner = createDeskClient({ url: t.url, apiKey: reader.key });
    assert.equal((await partner.customers.get.query({ customerId })).name, 'Local Lou');
    assert.equal((await partner.customers.history.query({ customerId })).items[0]?.id, chat.id);
    await assert.rejects(partner.customers.update.mutate({ customerId, name: 'x' }), trpcError('FORBIDDEN'));
    const presenceOnly = await ada.client.apiKeys.create.mutate({ name: 'Wallboard', scopes: ['presence:read'] });
    await assert.rejects(createDeskClient({ url: t.url, apiKey: presenceOnly.key }).customers.get.query({ customerId }), trpcError('FORBIDDEN'));
  });

  test('history lists conversations across channels, newest first, keyset paged', async () => {
    const first = await startChat(t.url, { name: 'Hana', email: 'hana@example.com', departmentId: support() });
    const customerId = await customerOf(first);
    const { models } = t.desk.services;
    // Older conversations on other channels for the same customer.
    for (const [i, channel] of (['sms', 'whatsapp', 'email', 'web'] as const).entries()) {
      await models.Conversation.create({
        tenantId: t.seed.tenantId,
        customerId,
        customerName: 'Hana',
        channel,
        kind: channel === 'email' ? 'ticket' : 'chat',
        status: 'closed',
        subject: `old ${i}`,
        createdAt: new Date(Date.now() - (i + 1) * 86_400_000),
      });
    }
    const sam = await as('sam');
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await sam.client.customers.history.query({ customerId, cursor, limit: 2 });
      seen.push(...page.items.map((c) => (c.id === first.id ? 'new' : c.subject)));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    assert.deepEqual(seen, ['new', 'old 0', 'old 1', 'old 2', 'old 3']);
    assert.equal(pages, 3);
    await assert.rejects(sam.client.customers.history.query({ customerId, cursor: 'garbage' }), trpcError('BAD_REQUEST', 'cursor'));
  });

  test('history shows an agent only the conversations they may open', async () => {
    const first = await startChat(t.url, { name: 'Vera Visible', departmentId: support() });
    const customerId = await customerOf(first);
    const { models } = t.desk.services;
    const [alice, bob, sam] = await Promise.all([as('alice'), as('bob'), as('sam')]);
    const sales = t.seed.departments.find((d) => d.name === 'Sales')!.id;
    const add = (subject: string, minutesAgo: number, o: { status: 'pending' | 'open' | 'closed'; departmentId?: string; assigneeId?: string }) =>
      models.Conversation.create({
        tenantId: t.seed.tenantId,
        customerId,
        customerName: 'Vera Visible',
        subject,
        status: o.status,
        departmentId: o.departmentId ?? null,
        assigneeId: o.assigneeId ?? null,
        createdAt: new Date(Date.now() - minutesAgo * 60_000),
      });
    // Alice works in Support only.
    await add('bobs, open', 1, { status: 'open', departmentId: support(), assigneeId: bob.agentId });
    await add('sales queue', 2, { status: 'pending', departmentId: sales });
    await add('hers, closed', 3, { status: 'closed', departmentId: support(), assigneeId: alice.agentId });
    await add('general queue', 4, { status: 'pending' });
    await add('support, closed by bob', 5, { status: 'closed', departmentId: support(), assigneeId: bob.agentId });

    const subjects = async (client: typeof alice.client) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.customers.history.query({ customerId, cursor, limit: 2 });
        seen.push(...page.items.map((c) => (c.id === first.id ? 'support queue' : c.subject)));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return seen;
    };
    const hers = await subjects(alice.client);
    assert.deepEqual(hers, ['support queue', 'hers, closed', 'general queue']);
    assert.deepEqual(await subjects(sam.client), ['support queue', 'bobs, open', 'sales queue', 'hers, closed', 'general queue', 'support, closed by bob']);
    // Exactly those she may open.
    const all = await sam.client.customers.history.query({ customerId, limit: 50 });
    for (const conversation of all.items) {
      const opened = await alice.client.conversations.get.query({ conversationId: conversation.id }).then(
        () => true,
        () => false,
      );
      assert.equal(opened, hers.includes(conversation.id === first.id ? 'support queue' : conversation.subject), conversation.subject);
    }
  });

  test('duplicates by email, phone digits or external id; supervisors merge, safely again', async () => {
    const { models } = t.desk.services;
    const tenantId = t.seed.tenantId;
    const target = await startChat(t.url, { name: 'Rita Target', email: 'rita@example.com', departmentId: support() });
    const source = await startChat(t.url, { name: 'Rita (SMS)', departmentId: support() });
    const targetId = await customerOf(target);
    const sourceId = await customerOf(source);
    const alice = await as('alice');
    await alice.client.customers.update.mutate({ customerId: targetId, phone: '+34 611 222 333', attributes: { plan: 'gold' }, notes: 'VIP.' });
    await alice.client.customers.update.mutate({
      customerId: sourceId,
      phone: '0034-611-222-333'.replace('0034-', '+34 '),
      email: 'rita.sms@example.com',
      language: 'es',
      attributes: { plan: 'free', region: 'EU' },
      notes: 'Wrote by SMS.',
    });
    await models.Customer.updateOne({ tenantId, _id: sourceId }, { $set: { externalId: 'portal-rita', verified: true, verifiedAt: new Date() } });
    const unrelated = await startChat(t.url, { name: 'Somebody Else', email: 'else@example.com', departmentId: support() });

    const unrelatedId = await customerOf(unrelated);
    const dupes = await alice.client.customers.duplicates.query({ customerId: targetId });
    assert.deepEqual(dupes.map((d) => [d.customer.id, d.reasons]), [[sourceId, ['phone']]]);
    assert.ok(!dupes.some((d) => d.customer.id === unrelatedId));

    // Agents may not merge; supervisors may.
    await assert.rejects(alice.client.customers.merge.mutate({ sourceId, targetId }), trpcError('FORBIDDEN'));
    const sam = await as('sam');
    await assert.rejects(sam.client.customers.merge.mutate({ sourceId: targetId, targetId }), trpcError('BAD_REQUEST', 'targetId'));
    const live = record<any>((h) => sam.client.conversations.onEvent.subscribe(undefined, h));
    await waitFor(() => live.started, 5_000, 'stream');
    // A second source conversation (e.g. an older SMS thread).
    const extra = await models.Conversation.create({ tenantId, customerId: sourceId, customerName: 'Rita (SMS)', channel: 'sms', status: 'closed' });

    const visitorLive = record<any>((h) => source.visitor.webchat.onEvent.subscribe(undefined, h));
    await waitFor(() => visitorLive.started, 5_000, 'visitor stream');

    const merged = await sam.client.customers.merge.mutate({ sourceId, targetId });
    assert.equal(merged.movedConversations, 2);
    assert.equal(merged.customer.id, targetId);
    assert.equal(merged.customer.email, 'rita@example.com', 'target wins');
    assert.equal(merged.customer.externalId, 'portal-rita', 'empty fields are filled from the source');
    assert.equal(merged.customer.language, 'es');
    assert.deepEqual(merged.customer.attributes, { plan: 'gold', region: 'EU' });
    assert.match(merged.customer.notes, /^VIP\.\n\n— merged from Rita \(SMS\).*\n\nWrote by SMS\.$/s);
    assert.equal(merged.customer.verified, true);

    // Every conversation of the source now belongs to the target, and the queues heard about it.
    for (const id of [source.id, String(extra._id)]) {
      const row = await models.Conversation.findOne({ tenantId, _id: id }).lean();
      assert.equal(String(row?.customerId), targetId);
      assert.equal(row?.customerName, 'Rita Target');
    }
    await waitFor(
      () => live.events.some((e) => e.data.type === 'conversation' && e.data.conversation.id === source.id && e.data.conversation.customer.id === targetId),
      5_000,
      'conversation.changed for the moved conversation',
    );
    live.unsubscribe();
    const history = await sam.client.customers.history.query({ customerId: targetId });
    assert.deepEqual(new Set(history.items.map((c) => c.id)), new Set([target.id, source.id, String(extra._id)]));

    // The source is a tombstone: its id leads to the target.
    const viaSource = await sam.client.customers.get.query({ customerId: sourceId });
    assert.equal(viaSource.id, targetId);
    assert.equal(viaSource.redirectedFrom, sourceId);
    assert.deepEqual(await sam.client.customers.duplicates.query({ customerId: targetId }), []);

    // The source's web-chat visitor now acts for the target.
    await source.visitor.webchat.send.mutate({ conversationId: source.id, body: 'still me', clientMessageId: clientMessageId() });
    // Its open live stream follows too.
    await waitFor(
      () => visitorLive.events.some((e) => e.data.type === 'message' && e.data.message.body === 'still me'),
      5_000,
      'the visitor stream hears its conversation after the merge',
    );
    visitorLive.unsubscribe();
    const session = await models.VisitorSession.findOne({ tenantId, customerId: targetId }).lean();
    assert.ok(session, 'visitor sessions moved to the target');
    assert.equal(await models.VisitorSession.countDocuments({ tenantId, customerId: sourceId }), 0);

    // Re-running (e.g. after a crash) changes nothing more: notes appended once.
    const rerun = await sam.client.customers.merge.mutate({ sourceId, targetId });
    assert.equal(rerun.movedConversations, 0);
    assert.equal(rerun.customer.notes, merged.customer.notes);
    // A crash after the tombstone, before moving: a re-run finishes the move.
    const late = await models.Conversation.create({ tenantId, customerId: sourceId, customerName: 'Rita (SMS)', channel: 'sms', status: 'closed' });
    assert.equal((await sam.client.customers.merge.mutate({ sourceId, targetId })).movedConversations, 1);
    assert.equal(String((await models.Conversation.findOne({ tenantId, _id: late._id }).lean())?.customerId), targetId);
    // Merging into the tombstone, or the tombstone elsewhere, is refused.
    await assert.rejects(sam.client.customers.merge.mutate({ sourceId: unrelatedId, targetId: sourceId }), trpcError('BAD_REQUEST', 'targetId'));
    await assert.rejects(sam.client.customers.merge.mutate({ sourceId, targetId: unrelatedId }), trpcError('BAD_REQUEST', 'sourceId'));
  });

  test('an SMS from a merged customer’s number reaches the surviving customer', async () => {
    const { models } = t.desk.services;
    const tenantId = t.seed.tenantId;
    const provider = await startTestProvider();
    const ada = await as('ada');
    await ada.client.channels.configure.mutate({ channel: 'sms', endpoint: provider.url, fromNumber: '+15550100199' });
    const { secrets } = await ada.client.channels.rotateSecret.mutate({ channel: 'sms' });
    const sms = (text: string) =>
      postWebhook(
        t.url,
        '/channels/demo/sms/webhook',
        { id: `evt-${crypto.randomUUID()}`, type: 'message', from: '+447700900555', to: '+15550100199', text, timestamp: Math.floor(Date.now() / 1000) },
        { secret: secrets.webhookSecret! },
      );
    const first = await sms('Hi, it is Theo');
    assert.equal(first.status, 200);
    const conversationId = String(first.body.conversationId);
    const sourceId = String((await models.Conversation.findOne({ tenantId, _id: conversationId }).lean())!.customerId);
    const web = await startChat(t.url, { name: 'Theo Web', email: 'theo@example.com' });
    const targetId = await customerOf(web);
    const sam = await as('sam');
    await sam.client.customers.merge.mutate({ sourceId, targetId });

    const again = await sms('Me again');
    assert.equal(again.body.conversationId, conversationId, 'the moved conversation continues');
    assert.equal(String((await models.Conversation.findOne({ tenantId, _id: conversationId }).lean())!.customerId), targetId);
    assert.equal(await models.Conversation.countDocuments({ tenantId, customerId: sourceId }), 0);
    await provider.close();
  });
});
