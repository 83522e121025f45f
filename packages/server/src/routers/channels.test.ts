import assert from 'node:assert/strict';
import { after, before, describe, test, type TestContext } from 'node:test';
import type { AgentLiveEvent, DeskClient } from '@deskkit/client';
import { signIdentityToken } from '../services/identity.js';
import { signedHeaders } from '../services/channels/signing.js';
import { seedDemo } from '../services/seed.js';
import { trpcError } from '../testing/assertions.js';
import { postWebhook, startTestProvider } from '../testing/channel-provider.js';
import { clientMessageId, goLive, record, signedInClient, startChat, waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

const SMS_PATH = '/channels/demo/sms/webhook';
const OUR_NUMBER = '+15550100100';

describe('SMS channel: signed webhooks, inbound conversations, outbound delivery, one-way SMS', () => {
  let t: TestDesk;
  let provider: Awaited<ReturnType<typeof startTestProvider>>;
  let webhookSecret: string;
  let ada: DeskClient;
  let sam: DeskClient;
  let other: DeskClient;
  let otherWebhookSecret: string;

  const as = (name: string, tenant = 'demo') => signedInClient(t.url, { tenant, email: `${name}@demo.deskkit.dev`, password: t.seed.password });
  let n = 0;
  const eventId = () => `evt-${Date.now()}-${++n}`;
  const inbound = (from: string, text: string, extra: Record<string, unknown> = {}) => ({
    id: eventId(),
    type: 'message',
    from,
    to: OUR_NUMBER,
    text,
    timestamp: Math.floor(Date.now() / 1000),
    ...extra,
  });
  const post = (body: unknown, opts: Parameters<typeof postWebhook>[3] = {}) => postWebhook(t.url, SMS_PATH, body, { secret: webhookSecret, ...opts });
  const counts = async (tenantId = t.seed.tenantId) => {
    const { models } = t.desk.services;
    return {
      messages: await models.Message.countDocuments({ tenantId }),
      customers: await models.Customer.countDocuments({ tenantId }),
      conversations: await models.Conversation.countDocuments({ tenantId }),
      receipts: await models.WebhookReceipt.countDocuments({ tenantId }),
    };
  };
  const texts = async (client: DeskClient, conversationId: string) =>
    (await client.conversations.messages.query({ conversationId })).filter((m) => m.kind !== 'event').map((m) => m.body);
  const messageIn = async (client: DeskClient, conversationId: string, id: string) =>
    (await client.conversations.messages.query({ conversationId })).find((m) => m.id === id)!;

  /** An agent with a live stream (online) and, when asked, Available. */
  async function agent(ctx: TestContext, name: string, available = false) {
    const { client, agentId } = await as(name);
    return { client, agentId, live: await goLive(client, { ctx, available, what: `${name} live` }) };
  }
  const liveDelivery = (live: ReturnType<typeof record<AgentLiveEvent>>, messageId: string) =>
    live.events.flatMap((e) => (e.data.type === 'message' && e.data.message.id === messageId ? [e.data.message.delivery?.status] : []));

  before(async () => {
    t = await startTestDesk({ demo: true });
    provider = await startTestProvider();
    ada = (await as('ada')).client;
    sam = (await as('sam')).client;
    // The seed configured the demo's SMS account; point it at our provider and take fresh secrets.
    const configured = await ada.channels.configure.mutate({ channel: 'sms', endpoint: provider.url, fromNumber: OUR_NUMBER });
    assert.equal(configured.secrets, null, 'an existing account keeps its secrets');
    const { secrets } = await ada.channels.rotateSecret.mutate({ channel: 'sms' });
    webhookSecret = secrets.webhookSecret!;
    provider.state.secret = secrets.signingSecret!;
    // Another tenant with its own SMS account.
    await seedDemo(t.desk.services, 'other');
    other = (await as('ada', 'other')).client;
    otherWebhookSecret = (await other.channels.rotateSecret.mutate({ channel: 'sms', which: 'webhook' })).secrets.webhookSecret!;
  });
  after(async () => {
    await t.desk.services.outbound.idle();
    await provider.close();
    await t.close();
  });

  test('admins configure a channel; secrets are shown once and listed only by their last four characters', async () => {
    const { services } = t.desk;
    const { id: tenantId } = await services.tenants.ensure('fresh', 'Fresh Desk');
    await services.agents.create(tenantId, { email: 'root@fresh.example', name: 'Root', password: t.seed.password, role: 'admin', departmentIds: [], maxChats: 3 });
    const root = (await signedInClient(t.url, { tenant: 'fresh', email: 'root@fresh.example', password: t.seed.password })).client;
    assert.deepEqual(await root.channels.list.query(), []);

    const first = await root.channels.configure.mutate({ channel: 'sms', endpoint: 'https://sms.example/send', fromNumber: '+4930123456' });
    const { webhookSecret: hook, signingSecret: signing } = first.secrets!;
    assert.ok(hook!.length >= 40 && signing!.length >= 40 && hook !== signing);
    assert.equal(first.account.webhookPath, '/channels/fresh/sms/webhook');
    const [listed] = await root.channels.list.query();
    assert.deepEqual(
      { has: listed!.hasWebhookSecret, hook: listed!.webhookSecretLast4, signing: listed!.signingSecretLast4, enabled: listed!.enabled },
      { has: true, hook: hook!.slice(-4), signing: signing!.slice(-4), enabled: true },
    );
    const shown = JSON.stringify(await root.channels.list.query());
    assert.ok(!shown.includes(hook!) && !shown.includes(signing!), 'secrets are never listed');

    // Configuring again changes the account, not its secrets, and shows none.
    const again = await root.channels.configure.mutate({ channel: 'sms', endpoint: 'https://sms2.example/send', fromNumber: '+4930123456', enabled: false });
    assert.equal(again.secrets, null);
    assert.equal(again.account.endpoint, 'https://sms2.example/send');
    assert.equal(again.account.webhookSecretLast4, hook!.slice(-4));
    // A disabled account's webhook does not exist.
    assert.equal((await postWebhook(t.url, '/channels/fresh/sms/webhook', inbound('+4915100000009', 'hi'), { secret: hook })).status, 404);

    const rotated = await root.channels.rotateSecret.mutate({ channel: 'sms', which: 'webhook' });
    assert.ok(rotated.secrets.webhookSecret && !rotated.secrets.signingSecret);
    assert.notEqual(rotated.account.webhookSecretLast4, hook!.slice(-4));
    assert.equal(rotated.account.signingSecretLast4, signing!.slice(-4));
    await assert.rejects(root.channels.rotateSecret.mutate({ channel: 'whatsapp' }), trpcError('NOT_FOUND'));

    const configure = (input: Record<string, unknown>) =>
      root.channels.configure.mutate({ channel: 'sms', endpoint: 'https://ok.example', fromNumber: '+4930123456', ...input } as never);
    await assert.rejects(configure({ endpoint: 'http://sms.example/send' }), trpcError('BAD_REQUEST', 'endpoint'));
    await assert.rejects(configure({ endpoint: 'https://user:pw@sms.example/' }), trpcError('BAD_REQUEST', 'endpoint'));
    await assert.rejects(configure({ fromNumber: '030 123456' }), trpcError('BAD_REQUEST', 'fromNumber'));
    await assert.rejects(configure({ channel: 'email' }), trpcError('BAD_REQUEST', 'channel'));

    // Agents may not configure, but may ask what is available.
    const alice = (await as('alice')).client;
    await assert.rejects(alice.channels.configure.mutate({ channel: 'sms', endpoint: 'https://x.example', fromNumber: '+4930123456' }), trpcError('FORBIDDEN'));
    await assert.rejects(alice.channels.list.query(), trpcError('FORBIDDEN'));
    assert.deepEqual(
      (await alice.channels.available.query()).map((a) => a.channel),
      ['sms', 'whatsapp'],
    );
  });

  test('an inbound SMS starts a pending chat agents see live; the next one continues it; a replayed event changes nothing', async (ctx) => {
    const alice = await agent(ctx, 'alice');
    const started = Date.now();
    const first = await post(inbound('+4915112345678', 'Hello from my phone', { name: 'Hanna Schmidt' }));
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const conversationId = first.body.conversationId as string;
    await waitFor(
      () => alice.live.events.some((e) => e.data.type === 'conversation' && e.data.conversation.id === conversationId && e.data.conversation.status === 'pending'),
      1_000,
      'the new chat in the queue',
    );
    assert.ok(Date.now() - started < 1_500);
    const view = await sam.conversations.get.query({ conversationId });
    assert.deepEqual(
      { channel: view.channel, kind: view.kind, status: view.status, departmentId: view.departmentId, subject: view.subject, name: view.customer.name },
      { channel: 'sms', kind: 'chat', status: 'pending', departmentId: null, subject: 'Hello from my phone', name: 'Hanna Schmidt' },
    );
    const customer = (await t.desk.services.models.Customer.findOne({ tenantId: t.seed.tenantId, _id: view.customer.id }).lean())!;
    assert.deepEqual({ phone: customer.phone, digits: customer.phoneDigits }, { phone: '+4915112345678', digits: '4915112345678' });

    const secondEvent = inbound('+4915112345678', 'Are you there?');
    const second = await post(secondEvent);
    assert.equal(second.body.conversationId, conversationId);
    await waitFor(() => alice.live.events.some((e) => e.data.type === 'message' && e.data.message.body === 'Are you there?'), 1_000, 'live message');

    // The provider delivers the same event again (signed anew): acknowledged, nothing added.
    const before = await counts();
    const replay = await post(secondEvent);
    assert.deepEqual({ status: replay.status, duplicate: replay.body.duplicate }, { status: 200, duplicate: true });
    assert.deepEqual(await counts(), before);
    assert.deepEqual(await texts(sam, conversationId), ['Hello from my phone', 'Are you there?']);
    const timeline = await sam.conversations.messages.query({ conversationId });
    assert.equal(timeline[0]!.event?.type, 'created');

    // A known customer (the seed's Yuki, +81 90 1234 5678) is found by the number's digits.
    const yuki = (await t.desk.services.models.Customer.findOne({ tenantId: t.seed.tenantId, email: 'yuki.tanaka@example.com' }).lean())!;
    const known = await post(inbound('+819012345678', 'It is Yuki, texting'));
    assert.equal((await sam.conversations.get.query({ conversationId: known.body.conversationId as string })).customer.id, String(yuki._id));

    // A location arrives as a location message.
    const located = await post(inbound('+4915112345678', 'Here I am', { location: { latitude: 52.52, longitude: 13.405, address: 'Alexanderplatz, Berlin' } }));
    const messages = await sam.conversations.messages.query({ conversationId });
    const location = messages.find((m) => m.kind === 'location')!;
    assert.equal(located.body.conversationId, conversationId);
    assert.deepEqual(location.location, { latitude: 52.52, longitude: 13.405, accuracy: null, address: 'Alexanderplatz, Berlin' });
  });

  test('an SMS to a ticket pending on the customer continues it and reopens it', async (ctx) => {
    const alice = await agent(ctx, 'alice', true);
    ctx.after(() => alice.client.presence.setStatus.mutate({ status: 'unavailable' }));
    const first = await post(inbound('+4915177777777', 'My order never came'));
    const conversationId = first.body.conversationId as string;
    ctx.after(() => alice.client.conversations.close.mutate({ conversationId }));
    await alice.client.conversations.accept.mutate({ conversationId });
    await alice.client.conversations.convert.mutate({ conversationId, to: 'ticket' });
    await alice.client.conversations.updateTicket.mutate({ conversationId, status: 'pending' });

    const answer = await post(inbound('+4915177777777', 'Tracking number is 123'));
    assert.equal(answer.body.conversationId, conversationId);
    const view = await alice.client.conversations.get.query({ conversationId });
    assert.deepEqual({ status: view.status, assigneeId: view.assigneeId }, { status: 'open', assigneeId: alice.agentId });
    const last = (await alice.client.conversations.messages.query({ conversationId })).at(-1)!;
    assert.deepEqual(last.event, { type: 'updated', field: 'status', from: 'pending', to: 'open' });
  });

  test('unsigned, forged, stale, malformed and oversized webhooks are refused and store nothing', async () => {
    const before = await counts();
    const event = inbound('+4915199999999', 'should never arrive');
    const raw = JSON.stringify(event);
    const cases: Array<[string, Promise<{ status: number; body: Record<string, unknown> }>, number, RegExp?]> = [
      ['no signature', postWebhook(t.url, SMS_PATH, event), 401, /missing/],
      ['wrong secret', post(event, { secret: 'not-the-secret' }), 401, /bad signature/],
      ['another tenant\u2019s secret', post(event, { secret: otherWebhookSecret }), 401, /bad signature/],
      ['garbage signature', post(event, { headers: { 'X-Deskkit-Signature': 'v1=00' } }), 401, /bad signature/],
      ['stale', post(event, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }), 401, /stale/],
      ['from the future', post(event, { timestamp: Math.floor(Date.now() / 1000) + 6 * 60 }), 401, /stale/],
      ['body changed after signing', post(raw.replace('never', 'NEVER'), { headers: signedHeaders(webhookSecret, raw) }), 401],
      ['not JSON', post('{"id": "x", '), 400, /JSON/],
      ['bad number', post({ ...event, from: '0151 999' }), 400, /^from:/],
      ['to another number', post({ ...event, to: '+15550109999' }), 400, /^to: \+15550109999 is not this channel's number$/],
      ['unknown type', post({ ...event, type: 'reaction' }), 400, /^type:/],
      ['no id', post({ ...event, id: undefined }), 400, /^id:/],
      ['no text or location', post({ ...event, text: undefined }), 400, /^text:/],
      ['oversized', post({ ...event, text: 'x'.repeat(300 * 1024) }), 413],
      ['unknown tenant', postWebhook(t.url, '/channels/nobody/sms/webhook', event, { secret: webhookSecret }), 404],
      ['unknown channel', postWebhook(t.url, '/channels/demo/email/webhook', event, { secret: webhookSecret }), 404],
      ['GET', postWebhook(t.url, SMS_PATH, '', { method: 'GET' }), 405],
    ];
    for (const [name, pending, status, message] of cases) {
      const res = await pending;
      assert.equal(res.status, status, `${name}: ${JSON.stringify(res.body)}`);
      if (message) assert.match(String(res.body.error), message, name);
    }
    assert.deepEqual(await counts(), before, 'no messages, customers, conversations or receipts');
    // The same event, properly signed, is accepted: the refusals were about the requests.
    assert.equal((await post(event)).status, 200);
  });

  test('agent replies go out with the customer\u2019s number; receipts move the status live, never backwards', async (ctx) => {
    const alice = await agent(ctx, 'alice', true);
    const { body } = await post(inbound('+4917600000001', 'Where is my parcel?'));
    const conversationId = body.conversationId as string;
    await alice.client.conversations.accept.mutate({ conversationId });
    const { message } = await alice.client.conversations.reply.mutate({ conversationId, body: 'Let me check, one moment.', clientMessageId: clientMessageId() });
    assert.deepEqual(
      { channel: message.delivery?.channel, to: message.delivery?.to, status: message.delivery?.status, oneWay: message.delivery?.oneWay },
      { channel: 'sms', to: '+4917600000001', status: 'queued', oneWay: false },
    );
    const sent = await waitFor(() => provider.sends.find((s) => s.message.reference === message.id), 3_000, 'the provider got it');
    assert.deepEqual(
      { channel: sent.message.channel, from: sent.message.from, to: sent.message.to, body: sent.message.body, key: sent.idempotencyKey },
      { channel: 'sms', from: OUR_NUMBER, to: '+4917600000001', body: 'Let me check, one moment.', key: message.id },
    );
    await waitFor(() => liveDelivery(alice.live, message.id).includes('sent'), 2_000, 'sent, live');

    const receipt = (status: string, id = eventId()) => post({ id, type: 'status', providerMessageId: sent.providerMessageId, status });
    const delivered = await receipt('delivered');
    assert.deepEqual(delivered, { status: 200, body: { ok: true, updated: true } });
    await waitFor(() => liveDelivery(alice.live, message.id).includes('delivered'), 1_000, 'delivered, live');
    // A late 'sent' does not move it back; 'read' moves it on; 'failed' after read changes nothing.
    assert.equal((await receipt('sent')).body.updated, false);
    assert.equal((await messageIn(sam, conversationId, message.id)).delivery?.status, 'delivered');
    assert.equal((await receipt('read')).body.updated, true);
    assert.equal((await receipt('failed')).body.updated, false);
    assert.equal((await messageIn(sam, conversationId, message.id)).delivery?.status, 'read');

    // A location goes as its address and a map link (files and voice go as signed media links: channel-media.test.ts).
    const place = { latitude: 52.52, longitude: 13.405, address: 'Alexanderplatz, Berlin' };
    const { message: located } = await alice.client.conversations.reply.mutate({ conversationId, location: place, clientMessageId: clientMessageId() });
    const placeSent = await waitFor(() => provider.sends.find((s) => s.message.reference === located.id), 3_000, 'location sent');
    assert.equal(placeSent.message.body, 'Alexanderplatz, Berlin\nhttps://maps.google.com/?q=52.52,13.405');

    // A receipt for an id nobody sent (yet) asks the provider to retry, and keeps no receipt.
    const before = await counts();
    const unknown = await post({ id: eventId(), type: 'status', providerMessageId: 'prov-unknown', status: 'delivered' });
    assert.equal(unknown.status, 409);
    assert.deepEqual(await counts(), before);
  });

  test('a provider that refuses or cannot be reached leaves the message failed, with the reason', async (ctx) => {
    const { services } = t.desk;
    const conversationId = String(
      (await services.models.Conversation.findOne({ tenantId: t.seed.tenantId, channel: 'sms', subject: 'Is my appointment on Friday confirmed?' }).lean())!._id,
    );
    const bob = await agent(ctx, 'bob');
    const reply = async (body: string) => (await bob.client.conversations.reply.mutate({ conversationId, body, clientMessageId: clientMessageId() })).message;
    const failed = async (id: string) => waitFor(async () => {
      const m = await messageIn(sam, conversationId, id);
      return m.delivery?.status === 'failed' ? m : null;
    }, 3_000, 'failed');

    provider.state.failWith = 503;
    ctx.after(() => {
      provider.state.failWith = 0;
    });
    const refused = await failed((await reply('Refused by the provider')).id);
    assert.match(refused.delivery!.error!, /HTTP 503/);
    await waitFor(() => liveDelivery(bob.live, refused.id).includes('failed'), 1_000, 'failed, live');
    provider.state.failWith = 0;

    await ada.channels.configure.mutate({ channel: 'sms', endpoint: 'http://127.0.0.1:9/send', fromNumber: OUR_NUMBER });
    ctx.after(() => ada.channels.configure.mutate({ channel: 'sms', endpoint: provider.url, fromNumber: OUR_NUMBER }));
    const unreachable = await failed((await reply('Nobody listening')).id);
    assert.match(unreachable.delivery!.error!, /unreachable/);

    // Without an enabled account nothing is stored at all.
    await ada.channels.configure.mutate({ channel: 'sms', endpoint: provider.url, fromNumber: OUR_NUMBER, enabled: false });
    const before = await counts();
    await assert.rejects(reply('Not configured'), (err: Error) => trpcError('PRECONDITION_FAILED')(err) && /SMS channel/.test(err.message));
    assert.deepEqual(await counts(), before);
    await ada.channels.configure.mutate({ channel: 'sms', endpoint: provider.url, fromNumber: OUR_NUMBER });
  });

  test('a message a crash left queued is sent again by the sweep, with the same idempotency key', async () => {
    const { services } = t.desk;
    const conversationId = String(
      (await services.models.Conversation.findOne({ tenantId: t.seed.tenantId, channel: 'sms', subject: 'Is my appointment on Friday confirmed?' }).lean())!._id,
    );
    const { message } = await sam.conversations.reply.mutate({ conversationId, body: 'Sent twice?', clientMessageId: clientMessageId() });
    await waitFor(async () => (await messageIn(sam, conversationId, message.id)).delivery?.status === 'sent', 3_000, 'sent');
    const sends = () => provider.sends.filter((s) => s.message.reference === message.id);
    assert.equal(sends().length, 1);

    // As if the process died after claiming it: queued, claimed 40 s ago.
    const filter = { tenantId: t.seed.tenantId, _id: message.id };
    await services.models.Message.updateOne(filter, { $set: { 'delivery.status': 'queued', 'delivery.providerMessageId': null, 'delivery.updatedAt': new Date(Date.now() - 40_000) } });
    // A message claimed a moment ago is still someone's: the sweep leaves it.
    const { message: fresh } = await sam.conversations.reply.mutate({ conversationId, body: 'Claimed just now', clientMessageId: clientMessageId() });
    await waitFor(async () => (await messageIn(sam, conversationId, fresh.id)).delivery?.status === 'sent', 3_000, 'sent');
    await services.models.Message.updateOne({ tenantId: t.seed.tenantId, _id: fresh.id }, { $set: { 'delivery.status': 'queued', 'delivery.updatedAt': new Date() } });

    assert.ok((await services.outbound.sweep()) >= 1);
    assert.equal(sends().length, 2);
    assert.equal(sends()[1]!.idempotencyKey, message.id);
    assert.equal((await messageIn(sam, conversationId, message.id)).delivery?.status, 'sent');
    assert.equal(provider.sends.filter((s) => s.message.reference === fresh.id).length, 1, 'the fresh claim was left alone');
    await services.models.Message.updateOne({ tenantId: t.seed.tenantId, _id: fresh.id }, { $set: { 'delivery.status': 'sent' } });
  });

  test('receipts that never came: the sweep asks the provider, moves the status forward only, and asks each message once a while', async (ctx) => {
    const { services } = t.desk;
    const conversationId = String(
      (await services.models.Conversation.findOne({ tenantId: t.seed.tenantId, channel: 'sms', subject: 'Is my appointment on Friday confirmed?' }).lean())!._id,
    );
    const samLive = await agent(ctx, 'sam');
    const reply = async (body: string) => {
      const { message } = await sam.conversations.reply.mutate({ conversationId, body, clientMessageId: clientMessageId() });
      await waitFor(async () => (await messageIn(sam, conversationId, message.id)).delivery?.status === 'sent', 3_000, 'sent');
      return { id: message.id, providerMessageId: provider.sends.find((s) => s.message.reference === message.id)!.providerMessageId };
    };
    const delivered = await reply('Lost receipt, delivered');
    const failed = await reply('Lost receipt, failed');
    const pending = await reply('Still on its way');
    const fresh = await reply('Sent a moment ago');
    provider.statuses.set(delivered.providerMessageId, { status: 'delivered' });
    provider.statuses.set(failed.providerMessageId, { status: 'failed', error: 'unknown subscriber' });
    // Three were sent ten minutes ago and heard nothing since; the fourth just now.
    const age = (id: string, ms: number) => services.models.Message.updateOne({ tenantId: t.seed.tenantId, _id: id }, { $set: { 'delivery.updatedAt': new Date(Date.now() - ms) } });
    for (const m of [delivered, failed, pending]) await age(m.id, 10 * 60_000);
    const asked = () => provider.statusQueries.map((q) => q.providerMessageId);
    const before = provider.statusQueries.length;

    assert.equal(await services.outbound.checkReceipts(), 2);
    assert.deepEqual(asked().slice(before).sort(), [delivered, failed, pending].map((m) => m.providerMessageId).sort());
    assert.ok(provider.statusQueries.slice(before).every((q) => q.channel === 'sms'));
    assert.equal((await messageIn(sam, conversationId, delivered.id)).delivery?.status, 'delivered');
    const failedNow = (await messageIn(sam, conversationId, failed.id)).delivery!;
    assert.deepEqual([failedNow.status, failedNow.error], ['failed', 'unknown subscriber']);
    assert.equal((await messageIn(sam, conversationId, pending.id)).delivery?.status, 'sent');
    assert.equal((await messageIn(sam, conversationId, fresh.id)).delivery?.status, 'sent');
    await waitFor(() => liveDelivery(samLive.live, delivered.id).includes('delivered'), 1_000, 'delivered, live');

    // Asked once per interval: at once again, nobody is asked.
    assert.equal(await services.outbound.checkReceipts(), 0);
    assert.equal(provider.statusQueries.length, before + 3);
    // A later answer never moves one back: "sent" for a delivered one is not even asked about.
    provider.statuses.set(delivered.providerMessageId, { status: 'sent' });
    // Next interval: the pending one is asked again; a provider error leaves it as it was.
    await services.models.Message.updateOne({ tenantId: t.seed.tenantId, _id: pending.id }, { $set: { 'delivery.checkedAt': new Date(Date.now() - 6 * 60_000) } });
    provider.state.failWith = 503;
    ctx.after(() => {
      provider.state.failWith = 0;
    });
    assert.equal(await services.outbound.checkReceipts(), 0);
    assert.equal((await messageIn(sam, conversationId, pending.id)).delivery?.status, 'sent');
    provider.state.failWith = 0;
    await services.models.Message.updateOne({ tenantId: t.seed.tenantId, _id: pending.id }, { $set: { 'delivery.checkedAt': new Date(Date.now() - 6 * 60_000) } });
    provider.statuses.set(pending.providerMessageId, { status: 'read' });
    assert.equal(await services.outbound.checkReceipts(), 1);
    assert.equal((await messageIn(sam, conversationId, pending.id)).delivery?.status, 'read');
    assert.equal((await messageIn(sam, conversationId, delivered.id)).delivery?.status, 'delivered');
  });

  test('one-way SMS from a web chat and from a customer profile; idempotent; only for those who handle it', async () => {
    const { models } = t.desk.services;
    const identityToken = await signIdentityToken(t.seed.identitySecret, { externalId: 'sms-portal-1', name: 'Pia Phone', phone: '+44 7700 900999' });
    const chat = await startChat(t.url, { identityToken, departmentId: t.seed.departments.find((d) => d.name === 'Support')!.id });
    const alice = (await as('alice')).client;
    const id = clientMessageId();
    const send = (client: DeskClient, input: Record<string, unknown>) => client.sms.send.mutate({ body: 'Your replacement ships today.', clientMessageId: id, ...input } as never);

    // Alice sees the pending chat but does not handle it; Sam (supervisor) may.
    await assert.rejects(send(alice, { conversationId: chat.id }), trpcError('FORBIDDEN'));
    const fromChat = await send(sam, { conversationId: chat.id });
    assert.deepEqual(
      { channel: fromChat.message.delivery?.channel, to: fromChat.message.delivery?.to, oneWay: fromChat.message.delivery?.oneWay, created: fromChat.created },
      { channel: 'sms', to: '+447700900999', oneWay: true, created: true },
    );
    assert.equal(fromChat.conversation.channel, 'web', 'the chat stays a web chat');
    const retry = await send(sam, { conversationId: chat.id });
    assert.deepEqual({ id: retry.message.id, created: retry.created }, { id: fromChat.message.id, created: false });
    const out = await waitFor(() => provider.sends.find((s) => s.message.reference === fromChat.message.id), 3_000, 'sent');
    assert.deepEqual({ to: out.message.to, body: out.message.body }, { to: '+447700900999', body: 'Your replacement ships today.' });
    assert.equal(provider.sends.filter((s) => s.message.reference === fromChat.message.id).length, 1);
    // The customer sees it in the chat too.
    assert.ok((await chat.visitor.webchat.messages.query({ conversationId: chat.id })).some((m) => m.body === 'Your replacement ships today.'));

    // From a profile: its own solved SMS ticket, assigned to the sender.
    const yuki = String((await models.Customer.findOne({ tenantId: t.seed.tenantId, email: 'yuki.tanaka@example.com' }).lean())!._id);
    const chen = await as('chen');
    const profileId = clientMessageId();
    const fromProfile = await chen.client.sms.send.mutate({ customerId: yuki, body: 'Your appointment is confirmed.', clientMessageId: profileId });
    assert.deepEqual(
      {
        channel: fromProfile.conversation.channel,
        kind: fromProfile.conversation.kind,
        status: fromProfile.conversation.status,
        subject: fromProfile.conversation.subject,
        assigneeId: fromProfile.conversation.assigneeId,
        customer: fromProfile.conversation.customer.id,
        oneWay: fromProfile.message.delivery?.oneWay,
      },
      { channel: 'sms', kind: 'ticket', status: 'solved', subject: 'One-way SMS', assigneeId: chen.agentId, customer: yuki, oneWay: true },
    );
    const again = await chen.client.sms.send.mutate({ customerId: yuki, body: 'Your appointment is confirmed.', clientMessageId: profileId });
    assert.deepEqual([again.conversation.id, again.message.id, again.created], [fromProfile.conversation.id, fromProfile.message.id, false]);
    assert.equal(await models.Conversation.countDocuments({ tenantId: t.seed.tenantId, subject: 'One-way SMS', customerId: yuki }), 1);
    await waitFor(async () => (await messageIn(chen.client, fromProfile.conversation.id, fromProfile.message.id)).delivery?.status === 'sent', 3_000, 'sent');
    assert.equal(provider.sends.find((s) => s.message.reference === fromProfile.message.id)?.message.to, '+819012345678');

    // A customer without a phone number: refused before anything is stored.
    const anonymous = await startChat(t.url, { name: 'No Phone' });
    const before = await counts();
    await assert.rejects(send(sam, { conversationId: anonymous.id, clientMessageId: clientMessageId() }), trpcError('PRECONDITION_FAILED'));
    assert.deepEqual(await counts(), before);
    await assert.rejects(send(sam, {}), trpcError('BAD_REQUEST', 'conversationId'));
    await assert.rejects(send(sam, { conversationId: chat.id, customerId: yuki }), trpcError('BAD_REQUEST', 'conversationId'));
    await assert.rejects(send(sam, { conversationId: chat.id, body: 'x'.repeat(1_601) }), trpcError('BAD_REQUEST', 'body'));
  });

  test('tenants are isolated: conversations, customers and channel settings', async () => {
    const { models } = t.desk.services;
    const conversationId = String((await models.Conversation.findOne({ tenantId: t.seed.tenantId, channel: 'sms', status: 'open' }).lean())!._id);
    const yuki = String((await models.Customer.findOne({ tenantId: t.seed.tenantId, email: 'yuki.tanaka@example.com' }).lean())!._id);
    const before = await counts();
    await assert.rejects(other.conversations.reply.mutate({ conversationId, body: 'hi', clientMessageId: clientMessageId() }), trpcError('NOT_FOUND'));
    await assert.rejects(other.sms.send.mutate({ conversationId, body: 'hi', clientMessageId: clientMessageId() }), trpcError('NOT_FOUND'));
    await assert.rejects(other.sms.send.mutate({ customerId: yuki, body: 'hi', clientMessageId: clientMessageId() }), trpcError('NOT_FOUND'));
    assert.deepEqual(await counts(), before);
    const [otherSms] = await other.channels.list.query();
    assert.notEqual(otherSms!.endpoint, provider.url);
    assert.equal(otherSms!.webhookPath, '/channels/other/sms/webhook');
    // The other tenant's own webhook works with its own secret, and lands in its own tenant.
    const res = await postWebhook(t.url, '/channels/other/sms/webhook', inbound('+4915112345678', 'Hello other desk'), { secret: otherWebhookSecret });
    assert.equal(res.status, 200);
    const otherTenant = (await models.Tenant.findOne({ slug: 'other' }).lean())!;
    assert.ok(await models.Conversation.findOne({ tenantId: otherTenant._id, _id: res.body.conversationId }).lean());
    assert.equal(await models.Conversation.countDocuments({ tenantId: t.seed.tenantId, _id: res.body.conversationId }), 0);
  });
});
