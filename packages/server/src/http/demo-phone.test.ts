import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DeskClient } from '@deskkit/client';
import { signedInClient, waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

describe('the demo phone: the customers’ side of the demo’s SMS and WhatsApp', () => {
  let t: TestDesk;
  let ada: DeskClient;
  const phonePage = () => `${t.url}/demo/phone`;

  /** Sends the phone's form as a customer; the response, not followed. */
  const send = (fields: Record<string, string>, origin = t.url) =>
    fetch(phonePage(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
  const page = async () => (await fetch(phonePage())).text();

  before(async () => {
    t = await startTestDesk({ demo: true });
    ({ client: ada } = await signedInClient(t.url, { email: 'ada@demo.deskkit.dev', password: t.seed.password }));
    // The seeded accounts point at the demo provider on the desk's configured port; this desk listens elsewhere.
    await ada.channels.configure.mutate({ channel: 'whatsapp', endpoint: `${t.url}/demo/provider`, fromNumber: '+15550100200' });
  });
  after(() => t.close());

  test('a customer writes from the phone, is asked to verify, reads the code there and answers with it', async () => {
    const from = '+34 600 555 001';
    const posted = await send({ channel: 'whatsapp', from, name: 'Pat Phone', text: 'Hello, is my order <b>late</b>?' });
    assert.equal(posted.status, 303);
    assert.equal(posted.headers.get('location'), '/demo/phone');

    // The provider posted it, signed, to the channel's webhook: a conversation like any other.
    const { models } = t.desk.services;
    const conversation = await waitFor(
      async () => {
        const customer = await models.Customer.findOne({ tenantId: t.seed.tenantId, phoneDigits: '34600555001' }).lean();
        return customer && (await models.Conversation.findOne({ tenantId: t.seed.tenantId, customerId: customer._id, channel: 'whatsapp' }).lean());
      },
      3_000,
      'the conversation',
    );
    const conversationId = String(conversation._id);
    const timeline = await ada.conversations.messages.query({ conversationId });
    assert.ok(timeline.some((m) => m.author.kind === 'customer' && m.body === 'Hello, is my order <b>late</b>?'));
    // What the customer sent shows on their phone, as text.
    assert.match(await page(), /Hello, is my order &lt;b&gt;late&lt;\/b&gt;\?/);

    await ada.conversations.requestVerification.mutate({ conversationId });
    const code = await waitFor(async () => /verification code is (\d{6})/.exec(await page())?.[1], 5_000, 'the code on the phone');
    assert.equal((await send({ channel: 'whatsapp', from, text: `It is ${code}` })).status, 303);
    const verified = await waitFor(async () => {
      const view = await ada.conversations.get.query({ conversationId });
      return view.customer.verified ? view : null;
    }, 3_000, 'verified');
    assert.equal(verified.customer.verifiedBy?.method, 'code');
  });

  test('refuses a bad number, an empty message and a foreign page; stores nothing for them', async () => {
    const before = await t.desk.services.models.Message.countDocuments({ tenantId: t.seed.tenantId });
    const bad = await send({ channel: 'sms', from: '600 111', text: 'Hi' });
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /international format/);
    assert.equal((await send({ channel: 'whatsapp', from: '+34600555002', text: '  ' })).status, 400);
    assert.equal((await send({ channel: 'fax', from: '+34600555002', text: 'Hi' })).status, 400);
    assert.equal((await send({ channel: 'whatsapp', from: '+34600555002', text: 'Hi' }, 'https://evil.example')).status, 403);
    assert.equal(await t.desk.services.models.Message.countDocuments({ tenantId: t.seed.tenantId }), before);
  });

  test('is a plain page under a strict CSP', async () => {
    const res = await fetch(phonePage());
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.doesNotMatch(await res.text(), /<script/);
    assert.equal((await fetch(phonePage(), { method: 'DELETE' })).status, 405);
  });
});
