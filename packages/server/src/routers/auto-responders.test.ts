import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
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

  test('a silent customer is warned, then the chat closes for inactivity and the slot comes back', async (ctx) => {
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

    // Turned off: nothing is closed.
    await ada.settings.updatePreferences.mutate({ autoCloseMinutes: 0 });
    const other = await startChat(t.url, { departmentId: support() });
    await alice.client.conversations.accept.mutate({ conversationId: other.id });
    await alice.client.conversations.reply.mutate({ conversationId: other.id, clientMessageId: clientMessageId(), body: 'Hello' });
    assert.deepEqual(await sweeper.sweep(at(600)), { warned: 0, closed: 0 });
  });
});
