import assert from 'node:assert/strict';
import { after, before, describe, test, type TestContext } from 'node:test';
import type { AgentLiveEvent, DeskClient } from '@deskkit/client';
import { seedDemo } from '../services/seed.js';
import { trpcError } from '../testing/assertions.js';
import { postWebhook, startTestProvider } from '../testing/channel-provider.js';
import { clientMessageId, goLive, record, signedInClient, waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

const WA_PATH = '/channels/demo/whatsapp/webhook';
const OUR_NUMBER = '+15550100200';
const HOUR = 60 * 60_000;

describe('WhatsApp: templates, the 24-hour rule, the demo provider', () => {
  let t: TestDesk;
  let provider: Awaited<ReturnType<typeof startTestProvider>>;
  let webhookSecret: string;
  let ada: DeskClient;
  let sam: DeskClient;
  let other: DeskClient;

  const as = (name: string, tenant = 'demo') => signedInClient(t.url, { tenant, email: `${name}@demo.deskkit.dev`, password: t.seed.password });
  let n = 0;
  const eventId = () => `wa-${Date.now()}-${++n}`;
  const post = (body: unknown) => postWebhook(t.url, WA_PATH, body, { secret: webhookSecret });
  const inbound = (from: string, text: string, name?: string) =>
    post({ id: eventId(), type: 'message', from, to: OUR_NUMBER, text, name, timestamp: new Date().toISOString() });
  const messageIn = async (conversationId: string, id: string) => (await sam.conversations.messages.query({ conversationId })).find((m) => m.id === id)!;
  const messageCount = () => t.desk.services.models.Message.countDocuments({ tenantId: t.seed.tenantId });

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
    await seedDemo(t.desk.services, 'other');
    other = (await as('ada', 'other')).client;
  });
  after(async () => {
    await t.desk.services.outbound.idle();
    await provider.close();
    await t.close();
  });

  test('the seed: SMS and WhatsApp accounts on the demo provider, templates, a WhatsApp chat past its 24 hours', async () => {
    const accounts = await ada.channels.list.query();
    assert.deepEqual(
      accounts.map((a) => [a.channel, a.fromNumber, a.enabled, a.endpoint.endsWith('/demo/provider')]),
      [['sms', '+15550100100', true, true], ['whatsapp', OUR_NUMBER, true, true]],
    );
    const names = (await sam.templates.list.query()).map((tpl) => tpl.name);
    assert.deepEqual(names, ['follow_up', 'order_update', 'verification_code']);
    const seeded = (await sam.conversations.list.query({ view: 'all', filter: { channel: 'whatsapp' } })).items;
    assert.equal(seeded.length, 1);
    assert.ok(Date.now() - Date.parse(seeded[0]!.lastCustomerMessageAt!) > 24 * HOUR);
    const timeline = await sam.conversations.messages.query({ conversationId: seeded[0]!.id });
    assert.ok(timeline.filter((m) => m.author.kind === 'agent').every((m) => m.delivery?.status === 'read'));
    assert.equal((await sam.conversations.list.query({ view: 'all', filter: { channel: 'sms' } })).items.length, 1);
    // Seeding again adds nothing.
    const before = await messageCount();
    await seedDemo(t.desk.services);
    assert.equal(await messageCount(), before);
    assert.equal((await sam.templates.list.query()).length, 3);
  });

  test('admins manage templates; agents list and preview them; mistakes are named by field', async () => {
    const created = await ada.templates.create.mutate({
      name: 'shipping_notice',
      language: 'en_US',
      category: 'utility',
      header: 'Parcel {{1}}',
      body: 'Hi {{2}}, parcel {{1}} arrives on {{3}}.',
      footer: 'Acme',
      buttons: [
        { type: 'quick_reply', text: 'Thanks' },
        { type: 'url', text: 'Track', url: 'https://acme.example/t' },
        { type: 'phone', text: 'Call us', phone: '+15550100300' },
      ],
    });
    assert.equal(created.variableCount, 3);
    await assert.rejects(ada.templates.create.mutate({ name: 'shipping_notice', language: 'en_US', category: 'utility', body: 'again' }), trpcError('CONFLICT'));
    const spanish = await ada.templates.create.mutate({ name: 'shipping_notice', language: 'es_ES', category: 'utility', body: 'Hola {{1}}' });

    const create = (input: Record<string, unknown>) =>
      ada.templates.create.mutate({ name: 'x_template', language: 'en_US', category: 'utility', body: 'Hi {{1}}', ...input } as never);
    await assert.rejects(create({ name: 'Bad Name' }), trpcError('BAD_REQUEST', 'name'));
    await assert.rejects(create({ language: 'english' }), trpcError('BAD_REQUEST', 'language'));
    await assert.rejects(create({ category: 'promo' }), trpcError('BAD_REQUEST', 'category'));
    await assert.rejects(create({ body: 'Hi {{1}}, see {{3}}' }), trpcError('BAD_REQUEST', 'body'));
    await assert.rejects(create({ body: 'Hi {{2}}' }), trpcError('BAD_REQUEST', 'body'));
    await assert.rejects(create({ body: 'Hi {{name}}' }), trpcError('BAD_REQUEST', 'body'));
    await assert.rejects(create({ footer: 'Code {{1}}' }), trpcError('BAD_REQUEST', 'footer'));
    await assert.rejects(create({ buttons: Array.from({ length: 4 }, () => ({ type: 'quick_reply', text: 'Ok' })) }), trpcError('BAD_REQUEST', 'buttons'));
    await assert.rejects(create({ buttons: [{ type: 'url', text: 'Go', url: 'http://acme.example' }] }), trpcError('BAD_REQUEST', 'buttons.0.url'));
    const alice = (await as('alice')).client;
    await assert.rejects(alice.templates.create.mutate({ name: 'mine', language: 'en_US', category: 'utility', body: 'Hi' }), trpcError('FORBIDDEN'));

    // Agents: list (optionally by language) and preview.
    assert.ok((await alice.templates.list.query()).some((tpl) => tpl.id === created.id));
    assert.deepEqual((await alice.templates.list.query({ language: 'es_ES' })).map((tpl) => tpl.id), [spanish.id]);
    const preview = await alice.templates.preview.query({ templateId: created.id, variables: ['P-1', 'Ann'] });
    assert.deepEqual(preview, {
      header: 'Parcel P-1',
      body: 'Hi Ann, parcel P-1 arrives on {{3}}.',
      footer: 'Acme',
      buttons: [
        { type: 'quick_reply', text: 'Thanks', value: null },
        { type: 'url', text: 'Track', value: 'https://acme.example/t' },
        { type: 'phone', text: 'Call us', value: '+15550100300' },
      ],
      variableCount: 3,
    });
    await assert.rejects(alice.templates.preview.query({ templateId: created.id, variables: ['1', '2', '3', '4'] }), trpcError('BAD_REQUEST', 'variables'));

    // Updates are checked as a whole; removing takes it out of the list.
    await assert.rejects(ada.templates.update.mutate({ templateId: created.id, body: 'Hi {{4}}' }), trpcError('BAD_REQUEST', 'body'));
    const updated = await ada.templates.update.mutate({ templateId: created.id, header: null, body: 'Hi {{1}}, it arrives on {{2}}.' });
    assert.deepEqual([updated.header, updated.variableCount, updated.footer], [null, 2, 'Acme']);
    await ada.templates.remove.mutate({ templateId: spanish.id });
    assert.deepEqual(await alice.templates.list.query({ language: 'es_ES' }), []);
    await assert.rejects(ada.templates.remove.mutate({ templateId: spanish.id }), trpcError('NOT_FOUND'));

    // Another tenant sees none of it.
    assert.ok(!(await other.templates.list.query()).some((tpl) => tpl.id === created.id));
    await assert.rejects(other.templates.preview.query({ templateId: created.id, variables: [] }), trpcError('NOT_FOUND'));
    await assert.rejects(other.templates.update.mutate({ templateId: created.id, body: 'Stolen' }), trpcError('NOT_FOUND'));
    await assert.rejects(other.templates.remove.mutate({ templateId: created.id }), trpcError('NOT_FOUND'));
    assert.equal((await alice.templates.preview.query({ templateId: created.id, variables: [] })).body, 'Hi {{1}}, it arrives on {{2}}.');
  });

  test('free-form replies only within 24 h of the customer\u2019s last message; templates any time, filled in', async (ctx) => {
    await ada.channels.configure.mutate({ channel: 'whatsapp', endpoint: provider.url, fromNumber: OUR_NUMBER });
    const { secrets } = await ada.channels.rotateSecret.mutate({ channel: 'whatsapp' });
    webhookSecret = secrets.webhookSecret!;
    provider.state.secret = secrets.signingSecret!;

    const alice = await agent(ctx, 'alice', true);
    const { body } = await inbound('+447700900555', 'Hi, about my order', 'Walt');
    const conversationId = body.conversationId as string;
    assert.equal((await sam.conversations.get.query({ conversationId })).channel, 'whatsapp');
    await alice.client.conversations.accept.mutate({ conversationId });
    const reply = (text: string) => alice.client.conversations.reply.mutate({ conversationId, body: text, clientMessageId: clientMessageId() });

    const within = (await reply('Happy to help!')).message;
    const out = await waitFor(() => provider.sends.find((s) => s.message.reference === within.id), 3_000, 'sent');
    assert.deepEqual([out.message.channel, out.message.to, out.message.from], ['whatsapp', '+447700900555', OUR_NUMBER]);

    // 25 hours later: no more free-form messages, and nothing is stored by trying.
    const { models } = t.desk.services;
    await models.Conversation.updateOne({ tenantId: t.seed.tenantId, _id: conversationId }, { $set: { lastCustomerMessageAt: new Date(Date.now() - 25 * HOUR) } });
    const before = await messageCount();
    await assert.rejects(reply('Still there?'), (err: Error) => trpcError('PRECONDITION_FAILED')(err) && /24 hours.*template/.test(err.message));
    assert.equal(await messageCount(), before);

    const orderUpdate = (await alice.client.templates.list.query({ language: 'en_US' })).find((tpl) => tpl.name === 'order_update')!;
    const send = (variables: string[], id = clientMessageId()) =>
      alice.client.templates.send.mutate({ conversationId, templateId: orderUpdate.id, variables, clientMessageId: id });
    await assert.rejects(send(['A-1001', 'Walt']), trpcError('BAD_REQUEST', 'variables'));
    await assert.rejects(send(['A-1001', 'Walt\nEvil', 'Friday']), trpcError('BAD_REQUEST', 'variables.1'));
    assert.equal(await messageCount(), before);

    const id = clientMessageId();
    const { message, created } = await send(['A-1001', 'Walt', 'Friday'], id);
    assert.equal(created, true);
    assert.deepEqual(
      { kind: message.kind, body: message.body, header: message.template?.header, variables: message.template?.variables, status: message.delivery?.status },
      { kind: 'template', body: 'Hi Walt, your order A-1001 is on its way and should arrive on Friday.', header: 'Order A-1001', variables: ['A-1001', 'Walt', 'Friday'], status: 'queued' },
    );
    assert.equal((await send(['A-1001', 'Walt', 'Friday'], id)).message.id, message.id, 'a retry is the same message');
    const sent = await waitFor(() => provider.sends.find((s) => s.message.reference === message.id), 3_000, 'template sent');
    assert.deepEqual(sent.message.template, {
      name: 'order_update',
      language: 'en_US',
      variables: ['A-1001', 'Walt', 'Friday'],
      header: 'Order A-1001',
      buttons: [
        { type: 'quick_reply', text: 'Thanks!', value: null },
        { type: 'url', text: 'Track order', value: 'https://acme.example/track' },
      ],
    });
    assert.equal(sent.message.body, message.body);
    assert.equal(provider.sends.filter((s) => s.message.reference === message.id).length, 1);
    await waitFor(() => liveDelivery(alice.live, message.id).includes('sent'), 2_000, 'sent, live');
    assert.equal((await post({ id: eventId(), type: 'status', providerMessageId: sent.providerMessageId, status: 'delivered' })).status, 200);
    await waitFor(() => liveDelivery(alice.live, message.id).includes('delivered'), 1_000, 'delivered, live');

    // The customer answers: the window opens again.
    await inbound('+447700900555', 'Thanks, Friday works');
    assert.equal((await reply('Great!')).created, true);

    // Only the handler (or a supervisor), only in WhatsApp conversations, only in this tenant.
    const bob = (await as('bob')).client;
    const input = { conversationId, templateId: orderUpdate.id, variables: ['A', 'B', 'C'], clientMessageId: clientMessageId() };
    await assert.rejects(bob.templates.send.mutate(input), trpcError('NOT_FOUND'));
    await assert.rejects(other.templates.send.mutate(input), trpcError('NOT_FOUND'));
    const sms = (await sam.conversations.list.query({ view: 'all', filter: { channel: 'sms' } })).items[0]!;
    await assert.rejects(sam.templates.send.mutate({ ...input, conversationId: sms.id }), trpcError('BAD_REQUEST', 'conversationId'));

    // The seeded chat whose customer last wrote over a day ago takes templates only.
    const seeded = (await sam.conversations.list.query({ view: 'all', filter: { channel: 'whatsapp', q: 'delivery address' } })).items[0]!;
    await assert.rejects(alice.client.conversations.reply.mutate({ conversationId: seeded.id, body: 'Hello?', clientMessageId: clientMessageId() }), trpcError('PRECONDITION_FAILED'));
  });

  test('the 24 hours run from when the customer sent it: a webhook delivered a day late opens nothing; a file that could not be had does', async (ctx) => {
    const alice = await agent(ctx, 'alice', true);
    const from = '+447700900556';
    const sentAgo = (ms: number) => Math.floor((Date.now() - ms) / 1000);
    const late = await post({ id: eventId(), type: 'message', from, to: OUR_NUMBER, text: 'Sent yesterday', timestamp: sentAgo(25 * HOUR) });
    assert.equal(late.status, 200, JSON.stringify(late.body));
    const conversationId = late.body.conversationId as string;
    await alice.client.conversations.accept.mutate({ conversationId });
    const view = await sam.conversations.get.query({ conversationId });
    assert.ok(Date.now() - Date.parse(view.lastCustomerMessageAt!) > 24 * HOUR, view.lastCustomerMessageAt!);
    const reply = (text: string) => alice.client.conversations.reply.mutate({ conversationId, body: text, clientMessageId: clientMessageId() });
    await assert.rejects(reply('Hello?'), trpcError('PRECONDITION_FAILED'));
    const followUp = (await alice.client.templates.list.query()).find((tpl) => tpl.name === 'follow_up')!;
    const template = await alice.client.templates.send.mutate({ conversationId, templateId: followUp.id, variables: ['there', 'your order'], clientMessageId: clientMessageId() });
    assert.equal(template.created, true);

    // A photo that cannot be fetched, without a caption: only a note is stored, but the customer wrote.
    const photo = { url: 'https://127.0.0.1:9/photo.jpg', contentType: 'image/jpeg' };
    const lost = await post({ id: eventId(), type: 'message', from, to: OUR_NUMBER, media: [photo], timestamp: new Date().toISOString() });
    assert.equal(lost.body.conversationId, conversationId);
    const last = (await sam.conversations.messages.query({ conversationId })).at(-1)!;
    assert.equal(last.event?.type, 'media-failed');
    assert.equal((await reply('Your photo did not come through; could you send it again?')).created, true);

    // Another late webhook does not take the window back.
    await post({ id: eventId(), type: 'message', from, to: OUR_NUMBER, text: 'Also from yesterday', timestamp: new Date(Date.now() - 26 * HOUR).toISOString() });
    assert.ok(Date.now() - Date.parse((await sam.conversations.get.query({ conversationId })).lastCustomerMessageAt!) < HOUR);
    assert.equal((await reply('Still here')).created, true);
    await alice.client.conversations.close.mutate({ conversationId });
  });

  test('from a profile: a template starts a conversation assigned to the sender, which the reply continues; an ongoing one the sender handles takes it', async () => {
    const { models } = t.desk.services;
    const { tenantId } = t.seed;
    const alice = await as('alice');
    const olu = String((await models.Customer.findOne({ tenantId, email: 'olu.adeyemi@example.com' }).lean())!._id);
    const followUp = (await alice.client.templates.list.query()).find((tpl) => tpl.name === 'follow_up')!;
    const send = (client: DeskClient, input: Record<string, unknown>) =>
      client.templates.send.mutate({ customerId: olu, templateId: followUp.id, variables: ['Olu', 'your refund'], clientMessageId: clientMessageId(), ...input } as never);
    const oluChats = () => models.Conversation.countDocuments({ tenantId, customerId: olu, channel: 'whatsapp' });
    const counts = async () => [await oluChats(), await messageCount()];

    // Mistakes are refused before anything is stored.
    const untouched = await counts();
    await assert.rejects(send(alice.client, { variables: ['Olu'] }), trpcError('BAD_REQUEST', 'variables'));
    await assert.rejects(send(alice.client, { customerId: undefined }), trpcError('BAD_REQUEST', 'conversationId'));
    const seeded = (await sam.conversations.list.query({ view: 'all', filter: { channel: 'whatsapp', q: 'delivery address' } })).items[0]!;
    await assert.rejects(send(alice.client, { conversationId: seeded.id }), trpcError('BAD_REQUEST', 'conversationId'));
    await assert.rejects(other.templates.send.mutate({ customerId: olu, templateId: followUp.id, variables: ['a', 'b'], clientMessageId: clientMessageId() }), trpcError('NOT_FOUND'));
    const noPhone = await models.Customer.create({ tenantId, name: 'No Phone', email: `no-phone-${Date.now()}@example.com` });
    await assert.rejects(send(alice.client, { customerId: String(noPhone._id) }), (err: Error) => trpcError('PRECONDITION_FAILED')(err) && /phone/.test(err.message));
    assert.deepEqual(await counts(), untouched);

    // No ongoing conversation: a new open ticket (no chat slot) assigned to the sender, with its 'created' event.
    const id = clientMessageId();
    const first = await send(alice.client, { clientMessageId: id });
    assert.deepEqual(
      {
        channel: first.conversation.channel,
        kind: first.conversation.kind,
        status: first.conversation.status,
        assigneeId: first.conversation.assigneeId,
        customer: first.conversation.customer.id,
        created: first.created,
        kind_: first.message.kind,
        to: first.message.delivery?.to,
      },
      { channel: 'whatsapp', kind: 'ticket', status: 'open', assigneeId: alice.agentId, customer: olu, created: true, kind_: 'template', to: '+2348035550101' },
    );
    const conversationId = first.conversation.id;
    assert.deepEqual((await alice.client.conversations.messages.query({ conversationId })).map((m) => m.event?.type ?? m.kind), ['created', 'template']);
    const out = await waitFor(() => provider.sends.find((s) => s.message.reference === first.message.id), 3_000, 'template sent');
    assert.deepEqual([out.message.to, out.message.template?.name, out.message.template?.variables], ['+2348035550101', 'follow_up', ['Olu', 'your refund']]);

    // A retry is the same conversation and message, sent once.
    const again = await send(alice.client, { clientMessageId: id });
    assert.deepEqual([again.conversation.id, again.message.id, again.created], [conversationId, first.message.id, false]);
    assert.equal(await oluChats(), 1);
    await t.desk.services.outbound.idle();
    assert.equal(provider.sends.filter((s) => s.message.reference === first.message.id).length, 1);

    // The customer's reply continues it, and opens the window for free-form replies.
    const reply = await inbound('+2348035550101', 'Thanks, any news on the refund?');
    assert.equal(reply.body.conversationId, conversationId);
    assert.equal((await alice.client.conversations.reply.mutate({ conversationId, body: 'It was sent today.', clientMessageId: clientMessageId() })).created, true);

    // Ongoing and Alice's: the next template goes into it. A plain agent may, as with a one-way SMS from a profile.
    const into = await send(alice.client, {});
    assert.deepEqual([into.conversation.id, into.created], [conversationId, true]);
    assert.equal((await alice.client.sms.send.mutate({ customerId: olu, body: 'Refund sent.', clientMessageId: clientMessageId() })).created, true);

    // Ongoing but not Bob's: Bob gets a conversation of his own, the latest, so the next reply continues it.
    const bob = await as('bob');
    const bobs = await send(bob.client, {});
    assert.notEqual(bobs.conversation.id, conversationId);
    assert.deepEqual([bobs.conversation.assigneeId, bobs.conversation.kind, bobs.conversation.status], [bob.agentId, 'ticket', 'open']);
    assert.equal((await inbound('+2348035550101', 'Hello Bob')).body.conversationId, bobs.conversation.id);

    // Closed: nothing more goes into it; from the profile, a new one starts.
    await bob.client.conversations.close.mutate({ conversationId: bobs.conversation.id });
    await alice.client.conversations.close.mutate({ conversationId });
    await assert.rejects(send(alice.client, { customerId: undefined, conversationId }), trpcError('CONFLICT'));
    const fresh = await send(alice.client, {});
    assert.ok(![conversationId, bobs.conversation.id].includes(fresh.conversation.id));
    assert.equal((await inbound('+2348035550101', 'Got it')).body.conversationId, fresh.conversation.id);
    await alice.client.conversations.close.mutate({ conversationId: fresh.conversation.id });
  });

  test('the demo provider takes signed sends and reports delivery back to the desk', async (ctx) => {
    await ada.channels.configure.mutate({ channel: 'whatsapp', endpoint: `${t.url}/demo/provider`, fromNumber: OUR_NUMBER });
    const alice = await agent(ctx, 'alice');
    const seeded = (await sam.conversations.list.query({ view: 'all', filter: { channel: 'whatsapp', q: 'delivery address' } })).items[0]!;
    const followUp = (await alice.client.templates.list.query()).find((tpl) => tpl.name === 'follow_up')!;
    const { message } = await alice.client.templates.send.mutate({
      conversationId: seeded.id,
      templateId: followUp.id,
      variables: ['James', 'your delivery address'],
      clientMessageId: clientMessageId(),
    });
    await waitFor(() => liveDelivery(alice.live, message.id).includes('read'), 6_000, 'read receipt from the demo provider');
    assert.deepEqual([...new Set(liveDelivery(alice.live, message.id))], ['queued', 'sent', 'delivered', 'read'], 'created, then each receipt in order');
    assert.equal((await messageIn(seeded.id, message.id)).delivery?.status, 'read');
    // Asked through the provider interface, it says where a message is; one it never sent is unknown.
    const { services } = t.desk;
    const account = (await services.channelAccounts.find(t.seed.tenantId, 'whatsapp'))!;
    const stored = (await services.models.Message.findOne({ tenantId: t.seed.tenantId, _id: message.id }).lean())!;
    const http = services.providers.get('http');
    assert.deepEqual(await http.status(account, { channel: 'whatsapp', providerMessageId: stored.delivery!.providerMessageId! }), { status: 'read' });
    assert.deepEqual(await http.status(account, { channel: 'whatsapp', providerMessageId: 'demo-never-sent' }), { status: 'unknown' });
    // It checks signatures like a real provider.
    const unsigned = await fetch(`${t.url}/demo/provider`, { method: 'POST', body: JSON.stringify({ channel: 'sms', to: '+1', reference: 'x' }) });
    assert.equal(unsigned.status, 401);
  });
});
