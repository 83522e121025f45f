import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { postWebhook, startTestProvider } from '../testing/channel-provider.js';
import { clientMessageId, record, signedInClient, startChat, waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '00:00', close: '24:00' }));
const texts = async (visitor: Awaited<ReturnType<typeof startChat>>['visitor'], conversationId: string) =>
  (await visitor.webchat.messages.query({ conversationId, limit: 50 })).filter((m) => m.author.kind === 'system' && m.body).map((m) => m.body);

describe('auto responders and the inactivity auto-close', () => {
  let t: TestDesk;
  const support = () => t.seed.departments.find((d) => d.name === 'Support')!.id;
  const as = (name: string) => signedInClient(t.url, { email: `${name}@demo.deskkit.dev`, password: t.seed.password });

  before(async () => {
    t = await startTestDesk();
  });
  after(() => t.close());

  test('greeting, no-agent and outside-hours messages appear in a new chat for the visitor', async () => {
    const ada = (await as('ada')).client;
    await ada.settings.updateAutoResponders.mutate({
      greeting: { enabled: true, message: 'Hi! Thanks for reaching out.' },
      noAgent: { enabled: true, message: 'All our agents are busy; we will answer soon.' },
      outsideHours: { enabled: true, message: 'We are closed now; we answer tomorrow from 9:00.' },
    });

    // Open all week and nobody online: greeting, then no agent.
    await ada.settings.updateProfile.mutate({ timezone: 'Europe/Paris', hours: allWeek });
    const open = await startChat(t.url, { departmentId: support() });
    assert.deepEqual(await texts(open.visitor, open.id), ['Hi! Thanks for reaching out.', 'All our agents are busy; we will answer soon.']);

    // Closed (no hours at all): greeting, then outside hours (no "busy" on top).
    await ada.settings.updateProfile.mutate({ hours: [] });
    const closed = await startChat(t.url, { departmentId: support() });
    assert.deepEqual(await texts(closed.visitor, closed.id), ['Hi! Thanks for reaching out.', 'We are closed now; we answer tomorrow from 9:00.']);

    // Disabled responders say nothing.
    await ada.settings.updateAutoResponders.mutate({
      greeting: { enabled: false, message: '' },
      noAgent: { enabled: false, message: 'x' },
      outsideHours: { enabled: false, message: 'y' },
    });
    const quiet = await startChat(t.url, { departmentId: support() });
    assert.deepEqual(await texts(quiet.visitor, quiet.id), []);
  });

  test('no-agent stays silent when an Available agent of the department is online', async (ctx) => {
    const ada = (await as('ada')).client;
    await ada.settings.updateProfile.mutate({ hours: allWeek });
    await ada.settings.updateAutoResponders.mutate({ noAgent: { enabled: true, message: 'Busy.' } });
    const alice = await as('alice');
    const online = record((h) => alice.client.presence.onChange.subscribe(undefined, h));
    ctx.after(async () => {
      await alice.client.presence.setStatus.mutate({ status: 'unavailable' });
      online.unsubscribe();
    });
    await waitFor(() => online.started, 2_000, 'alice online');
    await alice.client.presence.setStatus.mutate({ status: 'available' });
    const chat = await startChat(t.url, { departmentId: support() });
    assert.deepEqual(await texts(chat.visitor, chat.id), []);
    await ada.settings.updateAutoResponders.mutate({ noAgent: { enabled: false, message: 'Busy.' } });
  });

  test('a silent customer is warned, then the chat closes for inactivity and the slot comes back; tickets are left alone', async (ctx) => {
    const { models } = t.desk.services;
    const ada = (await as('ada')).client;
    await ada.settings.updatePreferences.mutate({ autoCloseMinutes: 10, inactivityWarningMinutes: 5 });
    await ada.settings.updateAutoResponders.mutate({
      inactivity: { enabled: true, message: 'We will close this chat in 5 minutes if we do not hear from you.' },
    });
    const alice = await as('alice');
    const online = record((h) => alice.client.presence.onChange.subscribe(undefined, h));
    ctx.after(online.unsubscribe);
    await waitFor(() => online.started, 2_000, 'alice online');
    await alice.client.presence.setStatus.mutate({ status: 'available' });
    const slots = async () => (await models.Agent.findOne({ tenantId: t.seed.tenantId, _id: alice.agentId }).lean())!.freeSlots;

    const sweeper = t.desk.services.autoResponders;
    const at = (minutes: number) => new Date(Date.now() + minutes * 60_000);
    // The seeded chats go first (warned, then closed), so the counts below are ours alone.
    await sweeper.sweep(at(600));
    await sweeper.sweep(at(600));
    assert.deepEqual(await sweeper.sweep(at(600)), { warned: 0, closed: 0 });

    const chat = await startChat(t.url, { departmentId: support() });
    await alice.client.conversations.accept.mutate({ conversationId: chat.id });
    // An open ticket whose customer is just as quiet: tickets are async, never warned or closed for it.
    const ticket = await startChat(t.url, { departmentId: support() });
    await alice.client.conversations.accept.mutate({ conversationId: ticket.id });
    await alice.client.conversations.convert.mutate({ conversationId: ticket.id, to: 'ticket' });
    await alice.client.conversations.reply.mutate({ conversationId: ticket.id, clientMessageId: clientMessageId(), body: 'We will look into it.' });
    ctx.after(() => alice.client.conversations.close.mutate({ conversationId: ticket.id }));
    const held = await slots();

    // The customer spoke last: they are waiting, not idle.
    await sweeper.sweep(at(30));
    assert.equal((await alice.client.conversations.get.query({ conversationId: chat.id })).status, 'open');

    await alice.client.conversations.reply.mutate({ conversationId: chat.id, clientMessageId: clientMessageId(), body: 'Anything else?' });
    assert.deepEqual(await sweeper.sweep(at(9)), { warned: 0, closed: 0 });
    assert.deepEqual(await sweeper.sweep(at(11)), { warned: 1, closed: 0 });
    assert.deepEqual(await sweeper.sweep(at(12)), { warned: 0, closed: 0 }, 'warned once');
    assert.deepEqual(await texts(chat.visitor, chat.id), ['We will close this chat in 5 minutes if we do not hear from you.']);

    // The customer answers: the clock starts again.
    await chat.visitor.webchat.send.mutate({ conversationId: chat.id, clientMessageId: clientMessageId(), body: 'Still here!' });
    assert.deepEqual(await sweeper.sweep(at(16)), { warned: 0, closed: 0 });
    await alice.client.conversations.reply.mutate({ conversationId: chat.id, clientMessageId: clientMessageId(), body: 'Great, done then?' });
    assert.deepEqual(await sweeper.sweep(at(11)), { warned: 1, closed: 0 });
    assert.deepEqual(await sweeper.sweep(at(14)), { warned: 0, closed: 0 });
    assert.deepEqual(await sweeper.sweep(at(16)), { warned: 0, closed: 1 });

    const closed = await alice.client.conversations.get.query({ conversationId: chat.id });
    assert.equal(closed.status, 'closed');
    assert.equal(await slots(), held + 1, "alice's slot is released");
    const row = (await models.Conversation.findOne({ tenantId: t.seed.tenantId, _id: chat.id }).lean())!;
    assert.equal(row.closeReason, 'inactivity');
    const seen = await chat.visitor.webchat.messages.query({ conversationId: chat.id, limit: 50 });
    assert.ok(seen.some((m) => m.event?.type === 'closed'), 'the visitor sees the chat end');
    assert.deepEqual(await sweeper.sweep(at(60)), { warned: 0, closed: 0 });
    assert.equal((await alice.client.conversations.get.query({ conversationId: ticket.id })).status, 'open', 'the ticket stays open');
    assert.deepEqual(await texts(ticket.visitor, ticket.id), [], 'and its customer is not warned');

    // Turned off: nothing is closed.
    await ada.settings.updatePreferences.mutate({ autoCloseMinutes: 0 });
    const other = await startChat(t.url, { departmentId: support() });
    await alice.client.conversations.accept.mutate({ conversationId: other.id });
    await alice.client.conversations.reply.mutate({ conversationId: other.id, clientMessageId: clientMessageId(), body: 'Hello' });
    assert.deepEqual(await sweeper.sweep(at(600)), { warned: 0, closed: 0 });
  });
});

describe('auto responders and the inactivity close on SMS and WhatsApp', () => {
  let t: TestDesk;
  const providers = {} as Record<'sms' | 'whatsapp', Awaited<ReturnType<typeof startTestProvider>>>;
  const secrets: Record<'sms' | 'whatsapp', string> = { sms: '', whatsapp: '' };
  const numbers = { sms: '+15550100300', whatsapp: '+15550100301' };
  const as = (name: string) => signedInClient(t.url, { email: `${name}@demo.deskkit.dev`, password: t.seed.password });
  let n = 0;
  /** A customer's message through the provider's signed webhook; answers the conversation id. */
  const inbound = async (channel: 'sms' | 'whatsapp', from: string, text: string, sentAt = new Date()) => {
    const event = { id: `in-${Date.now()}-${++n}`, type: 'message', from, to: numbers[channel], text, timestamp: sentAt.toISOString() };
    const { status, body } = await postWebhook(t.url, `/channels/demo/${channel}/webhook`, event, { secret: secrets[channel] });
    assert.equal(status, 200);
    return body.conversationId as string;
  };
  const sentTo = async (phone: string) => {
    await t.desk.services.outbound.idle();
    return [...providers.sms.sends, ...providers.whatsapp.sends].filter((s) => s.message.to === phone).map((s) => [s.message.channel, s.message.body]);
  };

  before(async () => {
    t = await startTestDesk();
    const ada = (await as('ada')).client;
    for (const channel of ['sms', 'whatsapp'] as const) {
      providers[channel] = await startTestProvider();
      await ada.channels.configure.mutate({ channel, endpoint: providers[channel].url, fromNumber: numbers[channel] });
      const rotated = await ada.channels.rotateSecret.mutate({ channel });
      secrets[channel] = rotated.secrets.webhookSecret!;
      providers[channel].state.secret = rotated.secrets.signingSecret!;
    }
  });
  after(async () => {
    await t.desk.services.outbound.idle();
    await Promise.all(Object.values(providers).map((p) => p.close()));
    await t.close();
  });

  test('a new SMS or WhatsApp chat gets the greeting and the outside-hours message on the phone', async () => {
    const ada = (await as('ada')).client;
    await ada.settings.updateProfile.mutate({ timezone: 'Europe/Paris', hours: [] });
    await ada.settings.updateAutoResponders.mutate({
      greeting: { enabled: true, message: 'Hi! Thanks for writing to Acme.' },
      outsideHours: { enabled: true, message: 'We are closed now; we answer from 9:00.' },
      noAgent: { enabled: true, message: 'Everyone is busy.' },
    });
    const said = ['Hi! Thanks for writing to Acme.', 'We are closed now; we answer from 9:00.'];
    for (const [channel, phone] of [['sms', '+34600111001'], ['whatsapp', '+34600111002']] as const) {
      const conversationId = await inbound(channel, phone, 'Hello, is anyone there?');
      assert.deepEqual(await sentTo(phone), said.map((body) => [channel, body]));
      const timeline = await t.desk.services.messages.page(t.seed.tenantId, conversationId, { limit: 50 });
      const auto = timeline.filter((m) => m.author.kind === 'system' && m.body);
      assert.deepEqual(auto.map((m) => [m.body, m.delivery?.channel, m.delivery?.to]), said.map((body) => [body, channel, phone]));
      // The customer's next message continues the chat: no second greeting.
      await inbound(channel, phone, 'Hello again');
      assert.equal((await sentTo(phone)).length, 2);
    }
    await ada.settings.updateAutoResponders.mutate({ greeting: { enabled: false, message: 'x' }, outsideHours: { enabled: false, message: 'y' }, noAgent: { enabled: false, message: 'z' } });
  });

  test('silent SMS customers are warned on their phone, then closed; past WhatsApp’s 24 hours the warning is skipped', async (ctx) => {
    const ada = (await as('ada')).client;
    await ada.settings.updatePreferences.mutate({ autoCloseMinutes: 10, inactivityWarningMinutes: 5 });
    await ada.settings.updateAutoResponders.mutate({ inactivity: { enabled: true, message: 'Still there? We will close this chat soon.' } });
    const alice = await as('alice');
    const online = record((h) => alice.client.presence.onChange.subscribe(undefined, h));
    ctx.after(online.unsubscribe);
    await waitFor(() => online.started, 2_000, 'alice online');
    await alice.client.presence.setStatus.mutate({ status: 'available' });
    const sweeper = t.desk.services.autoResponders;
    const at = (minutes: number) => new Date(Date.now() + minutes * 60_000);
    // Earlier chats go first, so the counts below are ours alone.
    for (let i = 0; i < 3; i++) await sweeper.sweep(at(48 * 60));

    const answered = async (channel: 'sms' | 'whatsapp', phone: string) => {
      const conversationId = await inbound(channel, phone, 'I have a question');
      await alice.client.conversations.accept.mutate({ conversationId });
      await alice.client.conversations.reply.mutate({ conversationId, clientMessageId: clientMessageId(), body: 'Sure, go ahead.' });
      return conversationId;
    };
    const status = async (conversationId: string) => (await alice.client.conversations.get.query({ conversationId })).status;

    const sms = await answered('sms', '+34600111003');
    assert.deepEqual(await sweeper.sweep(at(11)), { warned: 1, closed: 0 });
    assert.deepEqual((await sentTo('+34600111003')).at(-1), ['sms', 'Still there? We will close this chat soon.']);
    assert.deepEqual(await sweeper.sweep(at(16)), { warned: 0, closed: 1 });
    assert.equal(await status(sms), 'closed');

    // WhatsApp within 24 hours: warned on the phone like SMS.
    const fresh = await answered('whatsapp', '+34600111004');
    assert.deepEqual(await sweeper.sweep(at(11)), { warned: 1, closed: 0 });
    assert.deepEqual((await sentTo('+34600111004')).at(-1), ['whatsapp', 'Still there? We will close this chat soon.']);
    assert.deepEqual(await sweeper.sweep(at(16)), { warned: 0, closed: 1 });
    assert.equal(await status(fresh), 'closed');

    // Silent for 25 hours: no free-form message may go out, so it closes without one.
    const stale = await answered('whatsapp', '+34600111005');
    const before = (await sentTo('+34600111005')).length;
    assert.deepEqual(await sweeper.sweep(at(25 * 60)), { warned: 0, closed: 1 });
    assert.equal((await sentTo('+34600111005')).length, before, 'nothing sent outside the 24 hours');
    assert.equal(await status(stale), 'closed');
    const warning = await t.desk.services.models.Message.findOne({ tenantId: t.seed.tenantId, conversationId: stale, clientMessageId: /^auto:inactivity/ }).lean();
    assert.equal(warning, null);

    // The customer answers last, by a message that took a while to arrive (its time is when they sent it): they are waiting, not idle.
    const waiting = await answered('whatsapp', '+34600111006');
    await inbound('whatsapp', '+34600111006', 'One more thing', new Date(Date.now() - 60_000));
    assert.deepEqual(await sweeper.sweep(at(60)), { warned: 0, closed: 0 });
    assert.equal(await status(waiting), 'open');
    await alice.client.conversations.close.mutate({ conversationId: waiting });
    await ada.settings.updatePreferences.mutate({ autoCloseMinutes: 0 });
  });
});
