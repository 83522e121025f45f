import assert from 'node:assert/strict';
import { after, before, describe, test, type TestContext } from 'node:test';
import type { DeskClient, VisitorLiveEvent } from '@deskkit/client';
import { signIdentityToken } from '../services/identity.js';
import { seedDemo } from '../services/seed.js';
import { trpcError } from '../testing/assertions.js';
import { postWebhook, startTestProvider } from '../testing/channel-provider.js';
import { record, signedInClient, startChat, waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

const OUR_NUMBER = '+15550100100';

describe('customer verification: one-time codes and identity tokens', () => {
  let t: TestDesk;
  let provider: Awaited<ReturnType<typeof startTestProvider>>;
  let webhookSecret: string;
  let sam: DeskClient;
  let samId: string;
  const support = () => t.seed.departments.find((d) => d.name === 'Support')!.id;
  const as = (name: string, tenant = 'demo') => signedInClient(t.url, { tenant, email: `${name}@demo.deskkit.dev`, password: t.seed.password });
  let phoneSeq = 0;
  const newPhone = () => `+34 600 900 ${String(100 + ++phoneSeq)}`;

  /** A web chat whose customer has `phone` on file (as an agent would have added it). */
  async function webChat(phone: string | null, name = 'Casey Customer') {
    const chat = await startChat(t.url, { departmentId: support(), name });
    if (phone) {
      const { models } = t.desk.services;
      const row = await models.Conversation.findOne({ tenantId: t.seed.tenantId, _id: chat.id }).lean();
      await models.Customer.updateOne({ tenantId: t.seed.tenantId, _id: row!.customerId }, { $set: { phone, phoneDigits: phone.replace(/\D/g, '') } });
    }
    return chat;
  }
  /** The code in the latest SMS the provider got for `to` (E.164). */
  const codeSentTo = async (to: string, after = 0) => {
    const send = await waitFor(() => provider.sends.slice(after).findLast((s) => s.message.to === to), 3_000, `a send to ${to}`);
    return /\b(\d{6})\b/.exec(send.message.body ?? '')![1]!;
  };
  const e164 = (phone: string) => `+${phone.replace(/\D/g, '')}`;
  const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
  const events = async (client: DeskClient, conversationId: string) =>
    (await client.conversations.messages.query({ conversationId })).flatMap((m) => (m.event ? [m.event] : []));

  before(async () => {
    t = await startTestDesk({ demo: true });
    provider = await startTestProvider();
    const ada = (await as('ada')).client;
    await ada.channels.configure.mutate({ channel: 'sms', endpoint: provider.url, fromNumber: OUR_NUMBER });
    const { secrets } = await ada.channels.rotateSecret.mutate({ channel: 'sms' });
    webhookSecret = secrets.webhookSecret!;
    provider.state.secret = secrets.signingSecret!;
    ({ client: sam, agentId: samId } = await as('sam'));
  });
  after(async () => {
    await t.close();
    await provider.close();
  });

  test('a web chat: the code goes by SMS to the phone on file, the visitor enters it, both sides see it live', async (ctx: TestContext) => {
    const phone = newPhone();
    const chat = await webChat(phone);
    const live = record<VisitorLiveEvent>((h) => chat.visitor.webchat.onEvent.subscribe(undefined, h));
    ctx.after(live.unsubscribe);
    await waitFor(() => live.started, 3_000, 'visitor live');

    const sent = provider.sends.length;
    const request = await sam.conversations.requestVerification.mutate({ conversationId: chat.id });
    assert.equal(request.channel, 'sms');
    assert.equal(request.to, '+34 ••• ••• ' + e164(phone).slice(-3));
    assert.ok(Date.parse(request.expiresAt) > Date.now() + 9 * 60_000);
    const code = await codeSentTo(e164(phone), sent);
    assert.equal(provider.sends.at(-1)!.message.from, OUR_NUMBER);

    // The code is nowhere but on the customer's phone: not in the timeline, not in the database.
    const timeline = await sam.conversations.messages.query({ conversationId: chat.id });
    assert.ok(!JSON.stringify(timeline).includes(code));
    const stored = await t.desk.services.models.VerificationCode.findOne({ tenantId: t.seed.tenantId, conversationId: chat.id }).lean();
    assert.ok(stored && !JSON.stringify(stored).includes(code));
    const requested = (await events(sam, chat.id)).find((e) => e.type === 'verification-requested');
    assert.deepEqual(requested && { ...requested, expiresAt: '' }, {
      type: 'verification-requested',
      channel: 'sms',
      to: request.to,
      expiresAt: '',
      agentId: samId,
      agentName: 'Sam Carter',
    });
    // The visitor's prompt arrives live, stripped of who asked.
    const prompt = await waitFor(
      () => live.events.find((e) => e.data.type === 'message' && e.data.message.event?.type === 'verification-requested'),
      3_000,
      'prompt',
    );
    assert.deepEqual(prompt.data.type === 'message' && prompt.data.message.event, {
      type: 'verification-requested',
      channel: 'sms',
      to: request.to,
      expiresAt: request.expiresAt,
    });

    await assert.rejects(
      chat.visitor.webchat.verify.mutate({ conversationId: chat.id, code: otherCode(code) }),
      (err: Error) => trpcError('BAD_REQUEST', 'code')(err) && /4 attempts left/.test(err.message),
    );
    await assert.rejects(chat.visitor.webchat.verify.mutate({ conversationId: chat.id, code: '12ab56' }), trpcError('BAD_REQUEST', 'code'));
    const verified = await chat.visitor.webchat.verify.mutate({ conversationId: chat.id, code: `${code.slice(0, 3)} ${code.slice(3)}` });
    assert.equal(verified.verified, true);

    const view = await sam.conversations.get.query({ conversationId: chat.id });
    assert.equal(view.customer.verified, true);
    assert.deepEqual(view.customer.verifiedBy, { method: 'code', agentId: samId, agentName: 'Sam Carter' });
    assert.ok(Date.now() - Date.parse(view.customer.verifiedAt!) < 10_000);
    assert.deepEqual((await events(sam, chat.id)).at(-1), { type: 'verified', method: 'code', agentId: samId, agentName: 'Sam Carter' });
    const customer = await t.desk.services.models.Customer.findOne({ tenantId: t.seed.tenantId, _id: view.customer.id }).lean();
    assert.equal(customer?.verified, true);
    await waitFor(
      () => live.events.find((e) => e.data.type === 'message' && e.data.message.event?.type === 'verified'),
      3_000,
      'verified live',
    );
    const visitorEvents = (await chat.visitor.webchat.messages.query({ conversationId: chat.id })).flatMap((m) => (m.event ? [m.event] : []));
    assert.deepEqual(visitorEvents.at(-1), { type: 'verified', method: 'code' });

    // A code works once.
    await assert.rejects(
      chat.visitor.webchat.verify.mutate({ conversationId: chat.id, code }),
      (err: Error) => trpcError('BAD_REQUEST', 'code')(err) && /already used/.test(err.message),
    );
  });

  test('attempts run out, codes expire, a new request replaces the code, requests are rate-limited', async () => {
    const { models } = t.desk.services;
    const phone = newPhone();
    const chat = await webChat(phone);
    const verify = (code: string) => chat.visitor.webchat.verify.mutate({ conversationId: chat.id, code });

    await assert.rejects(verify('123456'), (err: Error) => trpcError('BAD_REQUEST', 'code')(err) && /no verification code/.test(err.message));
    await sam.conversations.requestVerification.mutate({ conversationId: chat.id });
    const first = await codeSentTo(e164(phone));
    for (const left of ['4 attempts', '3 attempts', '2 attempts', '1 attempt ', 'no attempts']) {
      await assert.rejects(verify(otherCode(first)), (err: Error) => trpcError('BAD_REQUEST', 'code')(err) && err.message.includes(left.trim()));
    }
    await assert.rejects(verify(first), (err: Error) => trpcError('BAD_REQUEST', 'code')(err) && /too many wrong attempts/.test(err.message));

    // A new request replaces the code (and resets the attempts).
    let sent = provider.sends.length;
    await sam.conversations.requestVerification.mutate({ conversationId: chat.id });
    const second = await codeSentTo(e164(phone), sent);
    sent = provider.sends.length;
    await sam.conversations.requestVerification.mutate({ conversationId: chat.id });
    const third = await codeSentTo(e164(phone), sent);
    if (second !== third) await assert.rejects(verify(second), trpcError('BAD_REQUEST', 'code'));

    // Three requests per ten minutes.
    await assert.rejects(sam.conversations.requestVerification.mutate({ conversationId: chat.id }), trpcError('TOO_MANY_REQUESTS'));
    await models.VerificationCode.updateOne({ tenantId: t.seed.tenantId, conversationId: chat.id }, { $set: { windowStart: new Date(Date.now() - 11 * 60_000) } });
    sent = provider.sends.length;
    await sam.conversations.requestVerification.mutate({ conversationId: chat.id });
    const fourth = await codeSentTo(e164(phone), sent);

    // Expired (the clock cannot move: the expiry does).
    await models.VerificationCode.updateOne({ tenantId: t.seed.tenantId, conversationId: chat.id }, { $set: { expiresAt: new Date(Date.now() - 1_000) } });
    await assert.rejects(verify(fourth), (err: Error) => trpcError('BAD_REQUEST', 'code')(err) && /expired/.test(err.message));
    assert.equal((await sam.conversations.get.query({ conversationId: chat.id })).customer.verified, false);

    // The agent can type the code the customer reads back.
    sent = provider.sends.length;
    await sam.conversations.requestVerification.mutate({ conversationId: chat.id });
    const fifth = await codeSentTo(e164(phone), sent);
    await assert.rejects(sam.conversations.confirmVerification.mutate({ conversationId: chat.id, code: otherCode(fifth) }), trpcError('BAD_REQUEST', 'code'));
    const confirmed = await sam.conversations.confirmVerification.mutate({ conversationId: chat.id, code: fifth });
    assert.deepEqual(confirmed.customer.verifiedBy, { method: 'code', agentId: samId, agentName: 'Sam Carter' });
  });

  test('a provider failure is reported and leaves no valid code behind', async () => {
    const phone = newPhone();
    const chat = await webChat(phone);
    provider.state.failWith = 503;
    try {
      await assert.rejects(sam.conversations.requestVerification.mutate({ conversationId: chat.id }), (err: Error) => trpcError('BAD_GATEWAY')(err) && /could not be sent/.test(err.message));
    } finally {
      provider.state.failWith = 0;
    }
    await assert.rejects(chat.visitor.webchat.verify.mutate({ conversationId: chat.id, code: '000000' }), trpcError('BAD_REQUEST', 'code'));
    assert.ok(!(await events(sam, chat.id)).some((e) => e.type === 'verification-requested'));
  });

  test('without a phone on file a web chat needs the portal: identity tokens verify mid-conversation', async () => {
    const chat = await webChat(null, 'Anonymous Visitor');
    await assert.rejects(
      sam.conversations.requestVerification.mutate({ conversationId: chat.id }),
      (err: Error) => trpcError('PRECONDITION_FAILED')(err) && /phone number/.test(err.message) && /identity token/.test(err.message),
    );
    const forged = await signIdentityToken('not-the-secret-of-this-tenant-0123456789', { externalId: 'portal-77' });
    await assert.rejects(chat.visitor.webchat.identify.mutate({ conversationId: chat.id, identityToken: forged }), trpcError('BAD_REQUEST', 'identityToken'));

    const identityToken = await signIdentityToken(t.seed.identitySecret, { externalId: 'portal-77', name: 'Ida Portal', phone: '+44 7700 900 777' });
    const verified = await chat.visitor.webchat.identify.mutate({ conversationId: chat.id, identityToken });
    assert.equal(verified.verified, true);
    const view = await sam.conversations.get.query({ conversationId: chat.id });
    assert.equal(view.customer.name, 'Ida Portal');
    assert.deepEqual(view.customer.verifiedBy, { method: 'identity-token', agentId: null, agentName: null });
    const customer = await t.desk.services.models.Customer.findOne({ tenantId: t.seed.tenantId, _id: view.customer.id }).lean();
    assert.equal(customer?.externalId, 'portal-77');
    assert.equal(customer?.phone, '+44 7700 900 777');
    assert.deepEqual((await events(sam, chat.id)).at(-1), { type: 'verified', method: 'identity-token', agentId: null, agentName: null });
  });

  test('only the assignee or a supervisor asks; other tenants, agents and visitors get NOT_FOUND', async (ctx: TestContext) => {
    const phone = newPhone();
    const chat = await webChat(phone);
    const other = await webChat(newPhone());
    const alice = await as('alice');
    const bob = await as('bob');
    // Pending: alice sees it in her queue but does not handle it yet.
    await assert.rejects(alice.client.conversations.requestVerification.mutate({ conversationId: chat.id }), trpcError('FORBIDDEN'));
    const online = record((h) => alice.client.presence.onChange.subscribe(undefined, h));
    ctx.after(online.unsubscribe);
    await waitFor(() => online.started, 3_000, 'alice online');
    await alice.client.presence.setStatus.mutate({ status: 'available' });
    await alice.client.conversations.accept.mutate({ conversationId: chat.id });
    ctx.after(() => alice.client.conversations.close.mutate({ conversationId: chat.id }).then(() => undefined));

    await assert.rejects(bob.client.conversations.requestVerification.mutate({ conversationId: chat.id }), trpcError('NOT_FOUND'));
    await seedDemo(t.desk.services, 'verify-other');
    const foreign = (await as('ada', 'verify-other')).client;
    await assert.rejects(foreign.conversations.requestVerification.mutate({ conversationId: chat.id }), trpcError('NOT_FOUND'));

    const sent = provider.sends.length;
    await alice.client.conversations.requestVerification.mutate({ conversationId: chat.id });
    const code = await codeSentTo(e164(phone), sent);
    await assert.rejects(bob.client.conversations.confirmVerification.mutate({ conversationId: chat.id, code }), trpcError('NOT_FOUND'));
    await assert.rejects(foreign.conversations.confirmVerification.mutate({ conversationId: chat.id, code }), trpcError('NOT_FOUND'));
    // Another chat's visitor cannot verify this one, even with the right code; agents cannot call the visitor side.
    await assert.rejects(other.visitor.webchat.verify.mutate({ conversationId: chat.id, code }), trpcError('NOT_FOUND'));
    await assert.rejects(alice.client.webchat.verify.mutate({ conversationId: chat.id, code }), trpcError('FORBIDDEN'));
    await assert.rejects(chat.visitor.conversations.requestVerification.mutate({ conversationId: chat.id }), trpcError('FORBIDDEN'));
    // Those failures did not use up attempts on this conversation's code.
    const row = await t.desk.services.models.VerificationCode.findOne({ tenantId: t.seed.tenantId, conversationId: chat.id }).lean();
    assert.equal(row?.attempts, 0);
    const verified = await chat.visitor.webchat.verify.mutate({ conversationId: chat.id, code });
    assert.equal(verified.verified, true);
    assert.equal((await alice.client.conversations.get.query({ conversationId: chat.id })).customer.verifiedBy?.agentName, 'Alice Moreau');
  });

  test('a WhatsApp conversation gets its code on WhatsApp, within the 24-hour window only', async (ctx: TestContext) => {
    const ada = (await as('ada')).client;
    await ada.channels.configure.mutate({ channel: 'whatsapp', endpoint: provider.url, fromNumber: OUR_NUMBER });
    const { secrets } = await ada.channels.rotateSecret.mutate({ channel: 'whatsapp' });
    const smsSigning = provider.state.secret;
    provider.state.secret = secrets.signingSecret!;
    ctx.after(() => (provider.state.secret = smsSigning));
    const from = '+447700900999';
    const answer = await postWebhook(
      t.url,
      '/channels/demo/whatsapp/webhook',
      { id: `evt-wa-verify-${Date.now()}`, type: 'message', from, to: OUR_NUMBER, text: 'Hello from WhatsApp', timestamp: Math.floor(Date.now() / 1000) },
      { secret: secrets.webhookSecret },
    );
    assert.equal(answer.status, 200);
    const conversationId = answer.body.conversationId as string;
    const sent = provider.sends.length;
    assert.equal((await sam.conversations.requestVerification.mutate({ conversationId })).channel, 'whatsapp');
    assert.equal(provider.sends.at(-1)!.message.channel, 'whatsapp');
    const code = await codeSentTo(from, sent);
    assert.match(code, /^\d{6}$/);

    // Outside the window WhatsApp takes only templates: the code goes in the authentication one (the demo seeds it).
    await t.desk.services.models.Conversation.updateOne(
      { tenantId: t.seed.tenantId, _id: conversationId },
      { $set: { lastCustomerMessageAt: new Date(Date.now() - 25 * 3_600_000) } },
    );
    const before = provider.sends.length;
    assert.equal((await sam.conversations.requestVerification.mutate({ conversationId })).channel, 'whatsapp');
    const late = await waitFor(() => provider.sends.slice(before).find((s) => s.message.to === from), 3_000, 'the templated code');
    const lateCode = /^(\d{6}) is your verification code/.exec(late.message.body ?? '')![1]!;
    assert.deepEqual({ name: late.message.template?.name, variables: late.message.template?.variables }, { name: 'verification_code', variables: [lateCode] });
    // Without such a template, no code can go, and the agent is told why.
    await t.desk.services.models.WhatsAppTemplate.deleteMany({ tenantId: t.seed.tenantId, category: 'authentication' });
    await assert.rejects(
      sam.conversations.requestVerification.mutate({ conversationId }),
      (err: Error) => trpcError('PRECONDITION_FAILED')(err) && /24 hours ago: a code can go only in an authentication template/.test(err.message),
    );
  });

  test('an SMS conversation: the code goes back over SMS and a reply carrying it verifies', async () => {
    const from = '+447700900888';
    let n = 0;
    const inbound = (text: string) =>
      postWebhook(
        t.url,
        '/channels/demo/sms/webhook',
        { id: `evt-verify-${Date.now()}-${++n}`, type: 'message', from, to: OUR_NUMBER, text, timestamp: Math.floor(Date.now() / 1000) },
        { secret: webhookSecret },
      );
    const first = await inbound('Hi, I want to change my address');
    assert.equal(first.status, 200);
    const conversationId = first.body.conversationId as string;
    const sent = provider.sends.length;
    const request = await sam.conversations.requestVerification.mutate({ conversationId });
    assert.equal(request.channel, 'sms');
    const code = await codeSentTo(from, sent);
    // The code went straight to the provider: no agent message carries it.
    assert.ok(!JSON.stringify(await sam.conversations.messages.query({ conversationId })).includes(code));

    assert.equal((await inbound('What code? 999')).status, 200);
    assert.equal((await sam.conversations.get.query({ conversationId })).customer.verified, false);
    // Six digits in a longer message are an order number, not a guess: no attempt is used.
    assert.equal((await inbound(`Before that: order ${otherCode(code)} still has not arrived, and it has been two weeks now`)).status, 200);
    const row = await t.desk.services.models.VerificationCode.findOne({ tenantId: t.seed.tenantId, conversationId }).lean();
    assert.equal(row?.attempts, 0);
    assert.equal((await inbound(`It is ${code.slice(0, 3)} ${code.slice(3)}, thanks`)).status, 200);
    const view = await sam.conversations.get.query({ conversationId });
    assert.equal(view.customer.verified, true);
    assert.deepEqual(view.customer.verifiedBy, { method: 'code', agentId: samId, agentName: 'Sam Carter' });
  });
});
