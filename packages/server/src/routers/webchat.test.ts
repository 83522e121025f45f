import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SignJWT, UnsecuredJWT } from 'jose';
import { createDeskClient, type AgentLiveEvent } from '@deskkit/client';
import { signIdentityToken } from '../services/identity.js';
import { trpcError } from '../testing/assertions.js';
import { clientMessageId, goLive, record, signedInClient, startChat, waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

describe('web chat: visitors, identity tokens from the host portal', () => {
  let t: TestDesk;
  const support = () => t.seed.departments.find((d) => d.name === 'Support')!.id;
  const sign = (claims: Record<string, unknown>, secret = t.seed.identitySecret, exp: string | number = '10m') =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('portal-42').setIssuedAt().setExpirationTime(exp).sign(new TextEncoder().encode(secret));

  before(async () => {
    t = await startTestDesk({ demo: true });
  });
  after(() => t.close());

  test('a token signed by the portal makes the customer verified and the same customer every time', async () => {
    const identityToken = await sign({ name: 'Grace Hopper', email: 'Grace@Navy.example', phone: '+1 555 0100' });
    const first = await startChat(t.url, { departmentId: support(), identityToken, name: 'ignored' });
    const second = await startChat(t.url, { departmentId: support(), identityToken });
    const sam = (await signedInClient(t.url, { email: 'sam@demo.deskkit.dev', password: t.seed.password })).client;
    const a = await sam.conversations.get.query({ conversationId: first.id });
    const b = await sam.conversations.get.query({ conversationId: second.id });
    assert.deepEqual(a.customer, {
      id: a.customer.id,
      name: 'Grace Hopper',
      verified: true,
      verifiedAt: a.customer.verifiedAt,
      verifiedBy: { method: 'identity-token', agentId: null, agentName: null },
    });
    assert.ok(a.customer.verifiedAt);
    assert.equal(b.customer.id, a.customer.id, 'one customer per portal id');
    const customer = (await t.desk.services.models.Customer.findOne({ tenantId: t.seed.tenantId, _id: a.customer.id }).lean())!;
    assert.equal(customer.email, 'grace@navy.example');
    assert.equal(customer.externalId, 'portal-42');
    assert.ok(customer.verifiedAt);
    // Found by the phone the portal gave.
    const { items } = await sam.conversations.list.query({ view: 'all', filter: { q: '5550100' } });
    assert.ok(items.some((c) => c.id === first.id));

    // A verified customer's visitor sees all of that customer's conversations, newest first.
    const mine = await second.visitor.webchat.mine.query();
    assert.match(mine.lastEventId, /^\d+$/);
    assert.deepEqual(mine.conversations.map((c) => c.id), [second.id, first.id]);

    // An anonymous visitor is not verified.
    const anonymous = await startChat(t.url, { departmentId: support(), name: 'Anon' });
    assert.equal((await sam.conversations.get.query({ conversationId: anonymous.id })).customer.verified, false);
  });

  test('bad tokens are refused, naming the field, and nothing is stored', async () => {
    const { models } = t.desk.services;
    const before = await models.Conversation.countDocuments({ tenantId: t.seed.tenantId });
    const start = (identityToken: string) =>
      createDeskClient({ url: t.url }).webchat.start.mutate({
        tenant: 'demo',
        identityToken,
        message: { body: 'hi', clientMessageId: clientMessageId() },
      });
    const expired = await sign({ name: 'Late' }, undefined, Math.floor(Date.now() / 1000) - 120);
    await assert.rejects(start(expired), (err: Error) => trpcError('BAD_REQUEST', 'identityToken')(err) && /expired/.test(err.message));
    await assert.rejects(start(await sign({ name: 'Forger' }, 'not-the-secret-of-this-tenant')), trpcError('BAD_REQUEST', 'identityToken'));
    await assert.rejects(start(new UnsecuredJWT({ name: 'None' }).setSubject('x').setExpirationTime('5m').encode()), trpcError('BAD_REQUEST', 'identityToken'));
    await assert.rejects(start('garbage.garbage.garbage'), trpcError('BAD_REQUEST', 'identityToken'));
    const noSubject = await new SignJWT({ name: 'Nobody' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(t.seed.identitySecret));
    await assert.rejects(start(noSubject), trpcError('BAD_REQUEST', 'identityToken'));
    const noIssuedAt = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('portal-1')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(t.seed.identitySecret));
    await assert.rejects(start(noIssuedAt), (err: Error) => trpcError('BAD_REQUEST', 'identityToken')(err) && /iat/.test(err.message));
    assert.equal(await models.Conversation.countDocuments({ tenantId: t.seed.tenantId }), before);
  });

  test('rotating the secret stops old tokens at once', async () => {
    const ada = (await signedInClient(t.url, { email: 'ada@demo.deskkit.dev', password: t.seed.password })).client;
    const old = await sign({ name: 'Before Rotation' });
    const { identitySecret } = await ada.tenant.rotateIdentitySecret.mutate();
    assert.ok(identitySecret.length >= 32);
    assert.notEqual(identitySecret, t.seed.identitySecret);
    await assert.rejects(startChat(t.url, { identityToken: old }), trpcError('BAD_REQUEST', 'identityToken'));
    const fresh = await startChat(t.url, { identityToken: await signIdentityToken(identitySecret, { externalId: 'portal-7', name: 'After' }) });
    assert.equal(fresh.conversation.status, 'pending');
    t.seed.identitySecret = identitySecret;
  });

  test('the demo portal endpoint signs for its customer; the token works', async () => {
    const res = await fetch(`${t.url}/demo/identity-token`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const { token, customer } = (await res.json()) as { token: string; customer: { name: string } };
    assert.equal(customer.name, 'Maria Garcia');
    const chat = await startChat(t.url, { identityToken: token });
    const sam = (await signedInClient(t.url, { email: 'sam@demo.deskkit.dev', password: t.seed.password })).client;
    const view = await sam.conversations.get.query({ conversationId: chat.id });
    assert.equal(view.customer.verified, true);
    // The seeded Maria: the same customer the portal knows, with her history.
    const { items } = await sam.conversations.list.query({ view: 'all', filter: { q: 'maria.garcia@example.com' } });
    assert.ok(items.length >= 2 && items.every((c) => c.customer.id === view.customer.id));
  });

  test('a start sent again after a lost response (same long message id) gets the same chat', async () => {
    const start = (clientMessageId: string) =>
      createDeskClient({ url: t.url }).webchat.start.mutate({
        tenant: 'demo',
        departmentId: support(),
        message: { body: 'Is anyone there?', clientMessageId },
      });
    const id = clientMessageId();
    const [first, retry] = [await start(id), await start(id)];
    assert.equal(retry.conversation.id, first.conversation.id);
    assert.equal(retry.message.seq, first.message.seq);
    assert.notEqual(retry.visitorToken, first.visitorToken, 'each answer carries its own visitor token');
    const visitor = createDeskClient({ url: t.url, token: retry.visitorToken });
    assert.equal((await visitor.webchat.messages.query({ conversationId: first.conversation.id })).filter((m) => m.kind === 'text').length, 1);
    // Short ids are not proof enough of a retry: they start new chats.
    const short = 'abcdefgh12';
    assert.notEqual((await start(short)).conversation.id, (await start(short)).conversation.id);
  });

  test('a start can only ever get back the chat that same start created', async (ctx) => {
    const { models, messages } = t.desk.services;
    const tenantId = t.seed.tenantId;
    const sam = await signedInClient(t.url, { email: 'sam@demo.deskkit.dev', password: t.seed.password });
    const start = (input: { name?: string; body: string; clientMessageId: string }) =>
      createDeskClient({ url: t.url }).webchat.start.mutate({
        tenant: 'demo',
        departmentId: support(),
        ...(input.name ? { name: input.name } : {}),
        message: { body: input.body, clientMessageId: input.clientMessageId },
      });
    const visitorOf = (started: { visitorToken: string }) => createDeskClient({ url: t.url, token: started.visitorToken });

    // An inbound SMS, stored under its provider's long message id.
    const customer = await models.Customer.create({ tenantId, name: 'Pat Inbound', phone: '+15550109999' });
    const sms = await models.Conversation.create({
      tenantId,
      channel: 'sms',
      customerId: customer._id,
      customerName: customer.name,
      departmentId: support(),
      status: 'pending',
    });
    const smsId = String(sms._id);
    const providerId = `SM${clientMessageId()}`;
    await messages.append(tenantId, smsId, { authorKind: 'customer', authorId: String(customer._id), authorName: customer.name, body: 'My PIN is 4321', clientMessageId: providerId });
    // Replaying that id (and text) through webchat.start is a new chat, never the SMS thread.
    const forged = await start({ body: 'My PIN is 4321', clientMessageId: providerId });
    assert.notEqual(forged.conversation.id, smsId);
    const intruder = visitorOf(forged);
    await assert.rejects(intruder.webchat.messages.query({ conversationId: smsId }), trpcError('NOT_FOUND'));
    assert.ok(!(await intruder.webchat.mine.query()).conversations.some((c) => c.id === smsId));

    // Agents never see a customer's message ids, in the timeline or on their live stream...
    const live = record<AgentLiveEvent>((h) => sam.client.conversations.onEvent.subscribe(undefined, h));
    ctx.after(live.unsubscribe);
    await waitFor(() => live.started, 3_000, 'sam live');
    const id = clientMessageId();
    const original = await start({ name: 'Lena', body: 'Where is my parcel?', clientMessageId: id });
    const timeline = await sam.client.conversations.messages.query({ conversationId: original.conversation.id });
    assert.deepEqual(timeline.filter((m) => m.author.kind === 'customer').map((m) => m.clientMessageId), [null]);
    const heard = await waitFor(() =>
      live.events.find((e) => e.data.type === 'message' && e.data.message.conversationId === original.conversation.id && e.data.message.author.kind === 'customer'),
    );
    assert.equal(heard.data.type === 'message' && heard.data.message.clientMessageId, null);
    // ...and even with the id, a start that is not the same request is a chat of its own.
    const other = await start({ name: 'Mallory', body: 'Where is my parcel?', clientMessageId: id });
    assert.notEqual(other.conversation.id, original.conversation.id);
    await assert.rejects(visitorOf(other).webchat.get.query({ conversationId: original.conversation.id }), trpcError('NOT_FOUND'));
    // The very same request again is a retry: it gets its chat back.
    const retry = await start({ name: 'Lena', body: 'Where is my parcel?', clientMessageId: id });
    assert.equal(retry.conversation.id, original.conversation.id);
  });

  test('a customer writing to their solved or pending ticket reopens it, recorded and live', async (ctx) => {
    const alice = await signedInClient(t.url, { email: 'alice@demo.deskkit.dev', password: t.seed.password });
    const live = await goLive(alice.client, { ctx, available: true });
    ctx.after(() => alice.client.presence.setStatus.mutate({ status: 'unavailable' }));
    const chat = await startChat(t.url, { departmentId: support() });
    ctx.after(() => alice.client.conversations.close.mutate({ conversationId: chat.id }));
    await alice.client.conversations.accept.mutate({ conversationId: chat.id });
    await alice.client.conversations.convert.mutate({ conversationId: chat.id, to: 'ticket' });
    const statusEvents = async () =>
      (await alice.client.conversations.messages.query({ conversationId: chat.id, limit: 200 }))
        .filter((m) => m.event?.type === 'updated')
        .map((m) => ({ ...m.event, by: m.author.name }));

    for (const status of ['solved', 'pending'] as const) {
      await alice.client.conversations.updateTicket.mutate({ conversationId: chat.id, status });
      const sent = await chat.visitor.webchat.send.mutate({ conversationId: chat.id, body: `About my ${status} ticket`, clientMessageId: clientMessageId() });
      assert.equal(sent.conversation.status, 'open', `a ${status} ticket reopens`);
      const view = await alice.client.conversations.get.query({ conversationId: chat.id });
      assert.deepEqual({ status: view.status, assigneeId: view.assigneeId }, { status: 'open', assigneeId: alice.agentId });
      await waitFor(
        () => live.events.some((e) => e.data.type === 'message' && e.data.message.event?.type === 'updated' && e.data.message.event.from === status && e.data.message.event.to === 'open'),
        1_000,
        `the reopening from ${status}, live`,
      );
    }
    // The customer's answer reopened it: no agent's name on those.
    assert.deepEqual(await statusEvents(), [
      { type: 'updated', field: 'status', from: 'open', to: 'solved', by: 'Alice Moreau' },
      { type: 'updated', field: 'status', from: 'solved', to: 'open', by: '' },
      { type: 'updated', field: 'status', from: 'open', to: 'pending', by: 'Alice Moreau' },
      { type: 'updated', field: 'status', from: 'pending', to: 'open', by: '' },
    ]);
    // An open or on-hold ticket stays as it is.
    await alice.client.conversations.updateTicket.mutate({ conversationId: chat.id, status: 'on-hold' });
    const held = await chat.visitor.webchat.send.mutate({ conversationId: chat.id, body: 'Any news?', clientMessageId: clientMessageId() });
    assert.equal(held.conversation.status, 'on-hold');
    assert.equal((await statusEvents()).length, 5);
  });

  test('visitors: closed chats take no more messages or typing; reads cannot run ahead', async () => {
    const chat = await startChat(t.url, { departmentId: support() });
    await assert.rejects(chat.visitor.webchat.markRead.mutate({ conversationId: chat.id, seq: 999 }), trpcError('BAD_REQUEST', 'seq'));
    const sam = (await signedInClient(t.url, { email: 'sam@demo.deskkit.dev', password: t.seed.password })).client;
    await sam.conversations.close.mutate({ conversationId: chat.id });
    await assert.rejects(chat.visitor.webchat.typing.mutate({ conversationId: chat.id, typing: true }), trpcError('CONFLICT'));
    await assert.rejects(
      chat.visitor.webchat.send.mutate({ conversationId: chat.id, body: 'hello?', clientMessageId: clientMessageId() }),
      trpcError('CONFLICT'),
    );
    const timeline = await chat.visitor.webchat.messages.query({ conversationId: chat.id });
    assert.deepEqual(timeline.map((m) => m.event?.type ?? 'text'), ['created', 'text', 'closed']);
    assert.ok(timeline.every((m) => !('id' in m.author)), 'no internal ids for the customer');
  });
});
