import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test, type TestContext } from 'node:test';
import type { AgentLiveEvent, DeskClient, VisitorLiveEvent } from '@deskkit/client';
import { majorUnits, toMinorUnits } from '../schemas/payments.js';
import { seedDemo } from '../services/seed.js';
import { trpcError } from '../testing/assertions.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../services/channels/signing.js';
import { postWebhook } from '../testing/channel-provider.js';
import { clientMessageId, goLive, record, signedInClient, startChat, waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

const WEBHOOK = '/payments/demo/webhook';

describe('payment requests (chat-to-pay)', () => {
  let t: TestDesk;
  let secret: string;
  let sam: DeskClient;
  let samId: string;
  let alice: DeskClient;
  let other: DeskClient;
  let otherSecret: string;

  const as = (name: string, tenant = 'demo') => signedInClient(t.url, { tenant, email: `${name}@demo.deskkit.dev`, password: t.seed.password });
  let n = 0;
  const eventId = () => `pay-evt-${Date.now()}-${++n}`;
  const post = (body: unknown, opts: { secret?: string; timestamp?: number; path?: string } = {}) =>
    postWebhook(t.url, opts.path ?? WEBHOOK, body, { secret: opts.secret ?? secret, timestamp: opts.timestamp });
  const requestRow = (requestId: string) => t.desk.services.models.PaymentRequest.findOne({ tenantId: t.seed.tenantId, _id: requestId }).lean();
  const receiptCount = () => t.desk.services.models.PaymentWebhookReceipt.countDocuments({ tenantId: t.seed.tenantId });

  let samLive: ReturnType<typeof record<AgentLiveEvent>>;
  const support = () => t.seed.departments.find((d) => d.name === 'Support')!.id;

  /** A web chat accepted by sam, with both sides' live streams recording. */
  async function chat(ctx: TestContext) {
    const started = await startChat(t.url, { departmentId: support(), name: 'Pat Payer', body: 'Can I pay for my order here?' });
    const visitorLive = record<VisitorLiveEvent>((h) => started.visitor.webchat.onEvent.subscribe(undefined, h));
    ctx.after(() => visitorLive.unsubscribe());
    await waitFor(() => visitorLive.started, 3_000, 'visitor live');
    await sam.conversations.accept.mutate({ conversationId: started.id });
    return { ...started, agentLive: samLive, visitorLive };
  }
  const request = (conversationId: string, over: Record<string, unknown> = {}) =>
    sam.payments.request.mutate({ conversationId, amount: '12.50', currency: 'EUR', description: 'Order #1042', clientMessageId: clientMessageId(), ...over } as never);

  before(async () => {
    t = await startTestDesk({ demo: true });
    const { client, agentId } = await as('sam');
    sam = client;
    samId = agentId;
    alice = (await as('alice')).client;
    samLive = await goLive(sam, { available: true, what: 'sam live' });
    await seedDemo(t.desk.services, 'other');
    other = (await as('sam', 'other')).client;
    secret = (await t.desk.services.payments.webhookSecret(t.seed.tenantId))!;
    const otherTenant = (await t.desk.services.models.Tenant.findOne({ slug: 'other' }).lean())!;
    otherSecret = (await t.desk.services.payments.webhookSecret(String(otherTenant._id)))!;
  });
  after(async () => {
    samLive?.unsubscribe();
    await t.close();
  });

  test('amounts are decimal strings checked against the currency exponent (ISO 4217)', () => {
    assert.deepEqual(toMinorUnits('12.50', 'EUR'), { minor: 1250 });
    assert.deepEqual(toMinorUnits('12.5', 'USD'), { minor: 1250 });
    assert.deepEqual(toMinorUnits('1500', 'JPY'), { minor: 1500 });
    assert.deepEqual(toMinorUnits('1.234', 'BHD'), { minor: 1234 });
    assert.match((toMinorUnits('1500.5', 'JPY') as { error: string }).error, /no minor unit/);
    assert.match((toMinorUnits('1.234', 'EUR') as { error: string }).error, /at most 2 decimal/);
    assert.ok('error' in toMinorUnits('0', 'EUR'));
    assert.ok('error' in toMinorUnits('1,50', 'EUR'));
    assert.ok('error' in toMinorUnits('-1', 'EUR'));
    assert.equal(majorUnits(1250, 'EUR'), '12.50');
    assert.equal(majorUnits(5, 'EUR'), '0.05');
    assert.equal(majorUnits(1500, 'JPY'), '1500');
    assert.equal(majorUnits(1234, 'BHD'), '1.234');
  });

  test('request → link → signed webhook marks it paid, live to agent and visitor', async (ctx) => {
    const c = await chat(ctx);
    const cmid = clientMessageId();
    const sent = await sam.payments.request.mutate({ conversationId: c.id, amount: '12.50', currency: 'eur', description: 'Order #1042', clientMessageId: cmid });
    assert.equal(sent.message.kind, 'payment');
    const card = sent.message.payment!;
    assert.deepEqual(
      { amountMinor: card.amountMinor, amount: card.amount, currency: card.currency, description: card.description, status: card.status },
      { amountMinor: 1250, amount: '12.50', currency: 'EUR', description: 'Order #1042', status: 'pending' },
    );
    assert.match(card.url!, /^\/demo\/pay\/lp_[A-Za-z0-9_-]+$/);
    assert.ok(Date.parse(card.expiresAt) > Date.now() + 23 * 3_600_000);

    // Idempotent by clientMessageId: the same message and link.
    const again = await sam.payments.request.mutate({ conversationId: c.id, amount: '12.50', currency: 'EUR', description: 'Order #1042', clientMessageId: cmid });
    assert.equal(again.message.id, sent.message.id);
    assert.equal(again.message.payment!.url, card.url);
    assert.equal((await sam.payments.list.query({ conversationId: c.id })).length, 1);

    // The customer sees the card with the link, live and in the timeline.
    const seen = await waitFor(() => c.visitorLive.events.find((e) => e.data.type === 'message' && e.data.message.id === sent.message.id), 3_000, 'card to visitor');
    assert.equal(seen.data.type === 'message' && seen.data.message.payment?.url, card.url);
    const timeline = await c.visitor.webchat.messages.query({ conversationId: c.id });
    assert.equal(timeline.find((m) => m.id === sent.message.id)?.payment?.status, 'pending');

    // The provider says paid.
    const row = (await requestRow(card.requestId))!;
    const res = await post({ id: eventId(), type: 'payment', providerRef: row.providerRef, status: 'paid' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.updated, true);

    const paidFor = (events: Array<{ data: { type: string; message?: { id: string; payment?: { status: string } | null } } }>) =>
      events.some((e) => e.data.type === 'message' && e.data.message?.id === sent.message.id && e.data.message.payment?.status === 'paid');
    await waitFor(() => paidFor(c.agentLive.events as never), 3_000, 'paid to agent');
    await waitFor(() => paidFor(c.visitorLive.events as never), 3_000, 'paid to visitor');
    const agentTimeline = await sam.conversations.messages.query({ conversationId: c.id });
    const event = agentTimeline.at(-1)!;
    assert.deepEqual(event.event, { type: 'payment', requestId: card.requestId, status: 'paid', amount: '12.50', currency: 'EUR' });
    // Internal payment events stay off the customer's timeline; the card says it.
    const visitorTimeline = await c.visitor.webchat.messages.query({ conversationId: c.id });
    assert.ok(!visitorTimeline.some((m) => m.event && (m.event as { type: string }).type === 'payment'));
    assert.equal(visitorTimeline.find((m) => m.id === sent.message.id)?.payment?.status, 'paid');
    const listed = (await sam.payments.list.query({ conversationId: c.id }))[0]!;
    assert.equal(listed.status, 'paid');
    assert.equal(listed.requestedBy, samId);

    // Only forward: a later "failed" changes nothing; a replay of the same event is a duplicate.
    const later = await post({ id: eventId(), type: 'payment', providerRef: row.providerRef, status: 'failed' });
    assert.equal(later.status, 200);
    assert.equal(later.body.updated, false);
    assert.equal((await requestRow(card.requestId))!.status, 'paid');
    const replayId = eventId();
    const first = await post({ id: replayId, type: 'payment', providerRef: row.providerRef, status: 'expired' });
    const replay = await post({ id: replayId, type: 'payment', providerRef: row.providerRef, status: 'expired' });
    assert.equal(first.status, 200);
    assert.deepEqual(replay.body, { ok: true, duplicate: true });
    assert.equal((await sam.conversations.messages.query({ conversationId: c.id })).filter((m) => m.event?.type === 'payment').length, 1);
  });

  test('bad signature, stale, malformed or unknown events are rejected and change nothing', async (ctx) => {
    const c = await chat(ctx);
    const sent = await request(c.id);
    const row = (await requestRow(sent.message.payment!.requestId))!;
    const event = { id: eventId(), type: 'payment', providerRef: row.providerRef, status: 'paid' };
    const receipts = await receiptCount();

    assert.equal((await post(event, { secret: 'not-the-secret' })).status, 401);
    assert.equal((await post(event, { secret: otherSecret })).status, 401);
    assert.equal((await postWebhook(t.url, WEBHOOK, event)).status, 401);
    const stale = await post(event, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    assert.equal(stale.status, 401);
    assert.match(String(stale.body.error), /stale/);
    assert.equal((await post('{not json')).status, 400);
    const malformed = await post({ ...event, status: 'refunded' });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.field, 'status');
    assert.equal((await post({ ...event, providerRef: undefined })).status, 400);
    assert.equal((await post({ ...event, id: eventId(), providerRef: 'lp_nobody' })).status, 404);
    assert.equal((await post(event, { path: '/payments/nosuchtenant/webhook' })).status, 404);
    assert.equal((await postWebhook(t.url, WEBHOOK, event, { secret, method: 'GET' })).status, 405);

    assert.equal(await receiptCount(), receipts, 'no receipt kept for rejected events');
    assert.equal((await requestRow(row._id.toString()))!.status, 'pending');
    const card = (await sam.conversations.messages.query({ conversationId: c.id })).find((m) => m.id === sent.message.id)!;
    assert.equal(card.payment!.status, 'pending');

    // The same event, properly signed, then goes through.
    assert.equal((await post(event)).status, 200);
    assert.equal((await requestRow(row._id.toString()))!.status, 'paid');
  });

  test('validation, permissions, conversation state and tenant isolation', async (ctx) => {
    const c = await chat(ctx);
    await assert.rejects(request(c.id, { amount: '1500.5', currency: 'JPY' }), trpcError('BAD_REQUEST', 'amount'));
    await assert.rejects(request(c.id, { amount: '12.345' }), trpcError('BAD_REQUEST', 'amount'));
    await assert.rejects(request(c.id, { amount: '0' }), trpcError('BAD_REQUEST', 'amount'));
    await assert.rejects(request(c.id, { currency: 'EURO' }), trpcError('BAD_REQUEST', 'currency'));
    await assert.rejects(request(c.id, { currency: 'XAU' }), trpcError('BAD_REQUEST', 'currency'));
    await assert.rejects(request(c.id, { description: 'x'.repeat(201) }), trpcError('BAD_REQUEST', 'description'));
    await assert.rejects(request(c.id, { description: '  ' }), trpcError('BAD_REQUEST', 'description'));
    const yen = await request(c.id, { amount: '1500', currency: 'JPY' });
    assert.deepEqual([yen.message.payment!.amountMinor, yen.message.payment!.amount], [1500, '1500']);

    // Alice does not handle it (not visible to her department queue either: NOT_FOUND or FORBIDDEN, never allowed).
    await assert.rejects(alice.payments.request.mutate({ conversationId: c.id, amount: '5', currency: 'EUR', description: 'x', clientMessageId: clientMessageId() }), (err) => {
      assert.ok(['FORBIDDEN', 'NOT_FOUND'].includes((err as { data: { code: string } }).data.code));
      return true;
    });
    // Another tenant sees nothing of it, and its webhook cannot touch it.
    await assert.rejects(
      other.payments.request.mutate({ conversationId: c.id, amount: '5', currency: 'EUR', description: 'x', clientMessageId: clientMessageId() }),
      trpcError('NOT_FOUND'),
    );
    await assert.rejects(other.payments.list.query({ conversationId: c.id }), trpcError('NOT_FOUND'));
    await assert.rejects(other.payments.cancel.mutate({ requestId: yen.request.requestId }), trpcError('NOT_FOUND'));
    const row = (await requestRow(yen.request.requestId))!;
    const foreign = await post({ id: eventId(), type: 'payment', providerRef: row.providerRef, status: 'paid' }, { secret: otherSecret, path: '/payments/other/webhook' });
    assert.equal(foreign.status, 404);
    assert.equal((await requestRow(yen.request.requestId))!.status, 'pending');

    // Pending (unassigned) and closed conversations take no requests.
    const waiting = await startChat(t.url, { departmentId: support(), name: 'Queued Quinn' });
    await assert.rejects(request(waiting.id), trpcError('CONFLICT'));
    await sam.conversations.close.mutate({ conversationId: c.id });
    await assert.rejects(request(c.id), trpcError('CONFLICT'));
  });

  test('pending requests expire (sweep and cancel); settled ones stay', async (ctx) => {
    const c = await chat(ctx);
    const soon = await request(c.id, { expiresInMinutes: 5 });
    const paid = await request(c.id, { expiresInMinutes: 5 });
    const paidRow = (await requestRow(paid.request.requestId))!;
    assert.equal((await post({ id: eventId(), type: 'payment', providerRef: paidRow.providerRef, status: 'paid' })).status, 200);

    assert.equal(await t.desk.services.payments.sweep(new Date(Date.now() + 60_000)), 0, 'not yet');
    assert.ok((await t.desk.services.payments.sweep(new Date(Date.now() + 6 * 60_000))) >= 1);
    assert.equal((await requestRow(soon.request.requestId))!.status, 'expired');
    assert.equal((await requestRow(paid.request.requestId))!.status, 'paid');
    await waitFor(
      () => c.visitorLive.events.some((e) => e.data.type === 'message' && e.data.message.id === soon.message.id && e.data.message.payment?.status === 'expired'),
      3_000,
      'expired to visitor',
    );
    // A provider "paid" after expiry does not revive it.
    const soonRow = (await requestRow(soon.request.requestId))!;
    const late = await post({ id: eventId(), type: 'payment', providerRef: soonRow.providerRef, status: 'paid' });
    assert.equal(late.body.updated, false);

    const withdrawn = await request(c.id);
    assert.equal((await sam.payments.cancel.mutate({ requestId: withdrawn.request.requestId })).status, 'expired');
    await assert.rejects(sam.payments.cancel.mutate({ requestId: withdrawn.request.requestId }), trpcError('CONFLICT'));
    const statuses = (await sam.payments.list.query({ conversationId: c.id })).map((r) => r.status);
    assert.deepEqual(statuses, ['expired', 'paid', 'expired']);
  });

  test('admins configure an http provider: signed link requests, its links, its webhooks; failures store nothing', async (ctx) => {
    const otherAda = (await as('ada', 'other')).client;
    const otherTenantId = String((await t.desk.services.models.Tenant.findOne({ slug: 'other' }).lean())!._id);
    // A payments provider on loopback: checks our signature, answers with a link (or fails when told to).
    let signingSecret = '';
    let fail = false;
    const seen: Array<Record<string, unknown>> = [];
    const server: Server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        const check = verifySignature(signingSecret, { timestamp: req.headers[TIMESTAMP_HEADER.toLowerCase()] as string, signature: req.headers[SIGNATURE_HEADER.toLowerCase()] as string }, raw);
        if (!check.ok || fail) {
          res.writeHead(check.ok ? 500 : 401).end('{"error":"no"}');
          return;
        }
        const body = JSON.parse(raw) as Record<string, unknown>;
        seen.push({ ...body, idempotencyKey: req.headers['idempotency-key'] });
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ providerRef: `px_${body.reference}`, url: `https://pay.example/c/${body.reference}`, expiresAt: new Date(Date.now() + 3_600_000).toISOString() }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    ctx.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}/links`;

    await assert.rejects(otherAda.payments.configure.mutate({ provider: 'http' }), trpcError('BAD_REQUEST', 'endpoint'));
    await assert.rejects(otherAda.payments.configure.mutate({ provider: 'http', endpoint: 'http://pay.example/links' }), trpcError('BAD_REQUEST', 'endpoint'));
    await assert.rejects(other.payments.configure.mutate({ provider: 'local' }), trpcError('FORBIDDEN'));
    const configured = await otherAda.payments.configure.mutate({ provider: 'http', endpoint });
    assert.equal(configured.secrets, null, 'the seeded account keeps its secrets');
    assert.deepEqual([configured.account.provider, configured.account.endpoint, configured.account.webhookPath], ['http', endpoint, '/payments/other/webhook']);
    const rotated = await otherAda.payments.rotateSecret.mutate({ which: 'both' });
    signingSecret = rotated.secrets.signingSecret!;
    assert.equal((await otherAda.payments.account.query())!.webhookSecretLast4, rotated.secrets.webhookSecret!.slice(-4));

    // An open chat in the other tenant, handled by its sam.
    const otherLive = record<AgentLiveEvent>((h) => other.conversations.onEvent.subscribe(undefined, h));
    ctx.after(otherLive.unsubscribe);
    await waitFor(() => otherLive.started, 3_000, 'other live');
    await other.presence.setStatus.mutate({ status: 'available' });
    const dept = (await t.desk.services.models.Department.findOne({ tenantId: otherTenantId, name: 'Support' }).lean())!;
    const started = await startChat(t.url, { tenant: 'other', departmentId: String(dept._id), name: 'Http Hana' });
    await other.conversations.accept.mutate({ conversationId: started.id });
    const ask = (over: Record<string, unknown> = {}) =>
      other.payments.request.mutate({ conversationId: started.id, amount: '7.5', currency: 'USD', description: 'Shipping', clientMessageId: clientMessageId(), ...over } as never);

    const sent = await ask();
    assert.equal(sent.message.payment!.url, `https://pay.example/c/${sent.request.requestId}`);
    assert.deepEqual(seen.at(-1), { reference: sent.request.requestId, amountMinor: 750, currency: 'USD', description: 'Shipping', expiresAt: seen.at(-1)!.expiresAt, idempotencyKey: sent.request.requestId });
    const paid = await post({ id: eventId(), type: 'payment', providerRef: `px_${sent.request.requestId}`, status: 'paid' }, { secret: rotated.secrets.webhookSecret!, path: '/payments/other/webhook' });
    assert.equal(paid.status, 200);
    assert.equal((await other.payments.list.query({ conversationId: started.id }))[0]!.status, 'paid');

    // In an SMS conversation the text carries amount and link, and goes out through the channel.
    const smsChat = (await other.conversations.list.query({ view: 'all', filter: { channel: 'sms' } })).items[0]!;
    const viaSms = await ask({ conversationId: smsChat.id });
    assert.match(viaSms.message.body, /^Shipping: 7\.50 USD https:\/\/pay\.example\/c\/[0-9a-f]{24}$/);
    assert.deepEqual([viaSms.message.kind, viaSms.message.delivery?.channel], ['payment', 'sms']);
    await t.desk.services.outbound.idle();
    // The demo tenant's local links work only in web chats.
    const demoSms = (await sam.conversations.list.query({ view: 'all', filter: { channel: 'sms' } })).items[0]!;
    await assert.rejects(
      sam.payments.request.mutate({ conversationId: demoSms.id, amount: '1', currency: 'EUR', description: 'x', clientMessageId: clientMessageId() }),
      trpcError('PRECONDITION_FAILED'),
    );

    // The provider fails: BAD_GATEWAY, and neither a request nor a message is left behind.
    fail = true;
    const messagesBefore = (await other.conversations.messages.query({ conversationId: started.id })).length;
    await assert.rejects(ask(), trpcError('BAD_GATEWAY'));
    assert.equal((await other.conversations.messages.query({ conversationId: started.id })).length, messagesBefore);
    assert.equal((await other.payments.list.query({ conversationId: started.id })).length, 1);
    assert.equal(await t.desk.services.models.PaymentRequest.countDocuments({ tenantId: otherTenantId, conversationId: started.id }), 1);
    assert.equal(await t.desk.services.models.PaymentRequest.countDocuments({ tenantId: otherTenantId }), 2);

    // Disabled: nobody can request.
    await otherAda.payments.configure.mutate({ provider: 'http', endpoint, enabled: false });
    await assert.rejects(ask(), trpcError('PRECONDITION_FAILED'));
    assert.equal((await post({ id: eventId(), type: 'payment', providerRef: 'px_x', status: 'paid' }, { secret: rotated.secrets.webhookSecret!, path: '/payments/other/webhook' })).status, 404);
  });

  test('the demo checkout page: strict CSP, Pay posts a signed webhook, the card turns paid', async (ctx) => {
    const c = await chat(ctx);
    const sent = await request(c.id, { amount: '49.99', description: 'Annual plan <renewal>' });
    const url = `${t.url}${sent.message.payment!.url}`;
    const page = await fetch(url);
    assert.equal(page.status, 200);
    const csp = page.headers.get('content-security-policy')!;
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /form-action 'self'/);
    const html = await page.text();
    assert.match(html, /€49\.99/);
    assert.match(html, /Annual plan &lt;renewal&gt;/);
    assert.ok(!/<script/i.test(html));

    const res = await fetch(url, { method: 'POST', body: new URLSearchParams({ decision: 'pay' }), redirect: 'manual' });
    assert.equal(res.status, 303);
    await waitFor(
      () => c.visitorLive.events.some((e) => e.data.type === 'message' && e.data.message.id === sent.message.id && e.data.message.payment?.status === 'paid'),
      3_000,
      'paid via checkout',
    );
    assert.match(await (await fetch(url)).text(), /data-status="paid"/);
    assert.equal((await fetch(`${t.url}/demo/pay/lp_doesnotexistdoesnotexist`)).status, 404);
  });
});
