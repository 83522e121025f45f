// Test-only: the security suite's tenant `xss`, where every text a person can type carries
// XSS payloads (src/security/xss-payloads.ts). Seeded once, through the real server: the typed
// client as each role would (and the portal's signed identity tokens, a channel provider's
// signed webhooks, uploads over HTTP); services only to create the tenant and its first admin.
//
//   GET /__desk-xss → { tenant, password, emails, agentIds, departmentId, conversations,
//                       customerId, visitorTokens } (set up once)
//
// A few values the schemas refuse (javascript: avatars, a connected app's javascript: links,
// tags and attribute keys with markup) are written straight to the database afterwards, as
// an import or an older version could have left them: the elements must stay inert anyway.
import { createServer } from 'node:http';
import mongoose from 'mongoose';
import { createDeskClient, uploadFile } from '@deskkit/client';
import { png, signedInClient, waitFor } from '@deskkit/server/testing';
import { signedHeaders } from '../server/src/services/channels/signing.ts';
import { sha256 } from '../server/src/services/secrets.ts';
import { signIdentityToken } from '../server/src/services/identity.ts';
import { CRM_LINK, FIELDS as F, HOSTILE_URLS, TEMPLATE_URL } from './src/security/xss-payloads.ts';

const TENANT = 'xss';
const PASSWORD = 'xss-suite-password';
const emails = {
  admin: 'admin@xss.test',
  supervisor: 'supervisor@xss.test',
  agent: 'agent@xss.test',
  second: 'second@xss.test',
};
const numbers = { whatsapp: '+15550100021', sms: '+15550100022', customer: '+34600999001' };
const cid = () => crypto.randomUUID().replaceAll('-', '');

/** A local HTTP server answering every request with `answer(path, body)` (JSON). */
async function localServer(answer) {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(answer(req.url, raw ? JSON.parse(raw) : null)));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}` };
}

export function deskXss(desk) {
  let setup;
  const servers = [];

  async function setUp() {
    const { services } = desk.desk;
    const { models } = services;
    const url = desk.url;

    // The channel provider (records what it is asked to send) and a connected app.
    const sent = [];
    const provider = await localServer((path, body) => {
      sent.push(body);
      return { providerMessageId: `xss-${sent.length}` };
    });
    const app = await localServer((path) =>
      path === '/liar'
        ? { fields: [{ label: 'Link', value: 'x', url: HOSTILE_URLS[0] }] }
        : {
            fields: [
              { label: F.integrationLabel, value: F.integrationValue },
              { label: 'Account', value: F.integrationLinkText, url: CRM_LINK },
            ],
          },
    );
    servers.push(provider.server, app.server);

    // The tenant and its first admin (no procedure creates those), then everything else as people would.
    const { id: tenantId } = await services.tenants.ensure(TENANT, F.businessName);
    await services.agents.create(tenantId, { email: emails.admin, name: F.adminName, password: PASSWORD, role: 'admin', departmentIds: [], maxChats: 5 });
    const signIn = (email) => signedInClient(url, { tenant: TENANT, email, password: PASSWORD });
    const admin = await signIn(emails.admin);
    const department = await admin.client.departments.create.mutate({ name: F.departmentName, description: F.departmentName });
    const agentIds = { admin: admin.agentId };
    for (const [role, name] of [['supervisor', F.supervisorName], ['agent', F.agentName], ['second', F.secondAgentName]]) {
      const created = await admin.client.agents.create.mutate({
        email: emails[role],
        name,
        password: PASSWORD,
        role: role === 'supervisor' ? 'supervisor' : 'agent',
        departmentIds: [department.id],
      });
      agentIds[role] = created.id;
    }
    await admin.client.agents.update.mutate({ agentId: admin.agentId, departmentIds: [department.id] });
    const supervisor = await signIn(emails.supervisor);
    const agent = await signIn(emails.agent);
    // A web avatar whose query carries markup (the schema takes http(s) links only).
    await admin.client.auth.updateProfile.mutate({ avatarUrl: `http://127.0.0.1:1/avatar.png?q=${encodeURIComponent(F.adminName)}` });

    // Settings, auto responders, the survey, a canned reply, payments, channels, a template, connected apps.
    await admin.client.settings.updateProfile.mutate({ name: F.businessName, logoUrl: F.logoUrl });
    await admin.client.settings.updateAutoResponders.mutate({
      greeting: { enabled: true, message: F.greeting },
      noAgent: { enabled: true, message: F.noAgentText },
      outsideHours: { enabled: false, message: F.outsideHoursText },
      inactivity: { enabled: false, message: F.inactivityText },
    });
    await admin.client.surveys.update.mutate({
      enabled: true,
      ratingQuestion: F.ratingQuestion,
      questions: [
        { id: 'detail', kind: 'text', label: F.textQuestion, required: false },
        { id: 'pick', kind: 'choice', label: F.choiceQuestion, required: false, options: [F.choiceOne, F.choiceTwo] },
      ],
      thankYou: F.thankYou,
    });
    await supervisor.client.cannedReplies.create.mutate({ departmentId: department.id, shortcut: 'xss', title: F.cannedTitle, body: `${F.cannedBody} for {{customer.name}}, {{agent.name}}` });
    await admin.client.payments.configure.mutate({ provider: 'local' });
    const whatsapp = await admin.client.channels.configure.mutate({ channel: 'whatsapp', endpoint: `${provider.url}/send`, fromNumber: numbers.whatsapp });
    await admin.client.channels.configure.mutate({ channel: 'sms', endpoint: `${provider.url}/send`, fromNumber: numbers.sms });
    const template = await admin.client.templates.create.mutate({
      name: 'xss_order',
      language: 'en',
      category: 'utility',
      header: `Order {{1}} ${F.templateHeader}`,
      body: `Hi {{2}}, ${F.templateBody} order {{1}}`,
      footer: F.templateFooter,
      buttons: [
        { type: 'quick_reply', text: F.templateQuickReply },
        { type: 'url', text: F.templateUrlText, url: TEMPLATE_URL },
      ],
    });
    await admin.client.integrations.create.mutate({ name: F.integrationName, endpoint: `${app.url}/ok`, cacheTtlSeconds: 0 });
    await admin.client.integrations.create.mutate({ name: F.failingIntegrationName, endpoint: `${app.url}/liar`, cacheTtlSeconds: 0 });
    const cached = await admin.client.integrations.create.mutate({ name: F.cachedIntegrationName, endpoint: 'http://127.0.0.1:9/unreachable', cacheTtlSeconds: 3_600 });

    // The portal vouches for its customer (and for a second one with the same email and phone).
    const { identitySecret } = await admin.client.tenant.rotateIdentitySecret.mutate();
    const vouch = (externalId, name = F.customerName) => signIdentityToken(identitySecret, { externalId, name, email: F.customerEmail, phone: F.customerPhone });
    const visitor = createDeskClient({ url });
    const start = async (input) => {
      const started = await visitor.webchat.start.mutate({ tenant: TENANT, departmentId: department.id, ...input });
      return { id: started.conversation.id, token: started.visitorToken, client: createDeskClient({ url, token: started.visitorToken }) };
    };

    /** Online (a live stream) and Available, so the agent can take chats; returns how to leave. */
    async function available(session) {
      const stream = session.client.conversations.onEvent.subscribe(undefined, { onData() {}, onError() {} });
      await waitFor(async () => (await session.client.presence.list.query()).agents.some((a) => a.agentId === session.agentId && a.online), 5_000, 'online');
      await session.client.presence.setStatus.mutate({ status: 'available' });
      return async () => {
        await session.client.presence.setStatus.mutate({ status: 'unavailable' });
        stream.unsubscribe();
      };
    }

    // An earlier chat of the customer: answered, closed with a reason, rated with a comment.
    const past = await start({ identityToken: await vouch(F.externalId), message: { body: 'I need a refund for my order', clientMessageId: cid() } });
    const agentLeaves = await available(agent);
    await agent.client.conversations.accept.mutate({ conversationId: past.id });
    await agent.client.conversations.reply.mutate({ conversationId: past.id, body: F.pastAnswer, clientMessageId: cid() });
    await agent.client.conversations.close.mutate({ conversationId: past.id, reason: F.closeReason });
    await past.client.webchat.answerSurvey.mutate({ conversationId: past.id, rating: 2, answers: { detail: F.surveyComment, pick: F.choiceOne }, comment: F.surveyComment });

    // The main chat: every kind of content from the customer, a transfer with a note, the agent's reply, tags, a payment.
    const main = await start({ identityToken: await vouch(F.externalId), message: { body: F.firstMessage, clientMessageId: cid() } });
    await main.client.webchat.send.mutate({ conversationId: main.id, body: F.everyPayload, clientMessageId: cid() });
    await main.client.webchat.send.mutate({ conversationId: main.id, location: { latitude: 48.8584, longitude: 2.2945, address: F.address }, clientMessageId: cid() });
    for (const [name, file] of [[F.imageName, png(4, 3)], [F.fileName, Buffer.from('plain text, nothing else\n')]]) {
      const { fileId } = await uploadFile({ url, token: main.token, conversationId: main.id, file, name });
      await main.client.webchat.send.mutate({ conversationId: main.id, attachment: { fileId }, clientMessageId: cid() });
    }
    const adminLeaves = await available(admin);
    await admin.client.conversations.accept.mutate({ conversationId: main.id });
    await admin.client.conversations.transfer.mutate({ conversationId: main.id, to: { agentId: agent.agentId }, note: F.transferNote });
    await adminLeaves();
    await agent.client.conversations.reply.mutate({ conversationId: main.id, body: F.agentReply, clientMessageId: cid() });
    await agent.client.conversations.tag.mutate({ conversationId: main.id, add: ['refund'] });
    await agent.client.conversations.updateTicket.mutate({ conversationId: main.id, subject: F.subject });
    await agent.client.payments.request.mutate({ conversationId: main.id, amount: '12.50', currency: 'EUR', description: F.paymentDescription, clientMessageId: cid() });
    await main.client.webchat.send.mutate({ conversationId: main.id, body: F.lastMessage, clientMessageId: cid() });
    const customerId = (await agent.client.conversations.get.query({ conversationId: main.id })).customer.id;
    await agent.client.customers.update.mutate({ customerId, notes: F.notes, attributes: { plan: F.attributeValue } });

    // WhatsApp: the customer's profile name, text and a place; a template with payload variables; verification by code.
    const inbound = async (event) => {
      const body = JSON.stringify({ id: `in-${cid()}`, type: 'message', from: numbers.customer, to: numbers.whatsapp, timestamp: new Date().toISOString(), ...event });
      const res = await fetch(`${url}${whatsapp.account.webhookPath}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...signedHeaders(whatsapp.secrets.webhookSecret, body) },
        body,
      });
      if (res.status !== 200) throw new Error(`the WhatsApp webhook answered ${res.status}: ${await res.text()}`);
      return (await res.json()).conversationId;
    };
    const whatsappId = await inbound({ name: F.whatsappName, text: F.whatsappText });
    await inbound({ name: F.whatsappName, location: { latitude: 41.3874, longitude: 2.1686, address: F.address } });
    await agent.client.conversations.accept.mutate({ conversationId: whatsappId });
    await agent.client.templates.send.mutate({
      conversationId: whatsappId,
      templateId: template.id,
      variables: [F.templateVariable1, F.templateVariable2],
      clientMessageId: cid(),
    });
    await agent.client.conversations.requestVerification.mutate({ conversationId: whatsappId });
    const code = /\b(\d{6})\b/.exec(sent.findLast((s) => s?.to === numbers.customer && /code/.test(s.body ?? ''))?.body ?? '')?.[1];
    if (!code) throw new Error('the verification code was not sent');
    await agent.client.conversations.confirmVerification.mutate({ conversationId: whatsappId, code });
    await agentLeaves();

    // Waiting in the queue: a second customer the portal vouches for (same email and phone), an anonymous visitor.
    const duplicate = await start({ identityToken: await vouch('xss-duplicate', F.duplicateName), message: { body: 'Hello again', clientMessageId: cid() } });
    const queued = await start({ name: F.queuedName, message: { body: F.firstMessage, clientMessageId: cid() } });
    // An anonymous visitor whose chat an admin closed: the survey waits for them.
    const surveyed = await start({ name: F.visitorName, message: { body: 'Thanks, that is all', clientMessageId: cid() } });
    await admin.client.conversations.close.mutate({ conversationId: surveyed.id, reason: F.closeReason });

    // Past the schema (see the header): hostile avatars, tags and keys with markup, a cached answer with hostile links.
    const tenantOid = new mongoose.Types.ObjectId(tenantId);
    const oid = (id) => new mongoose.Types.ObjectId(id);
    for (const [role, avatarUrl] of [['supervisor', HOSTILE_URLS[1]], ['agent', HOSTILE_URLS[0]], ['second', HOSTILE_URLS[3]]]) {
      await models.Agent.updateOne({ tenantId: tenantOid, _id: oid(agentIds[role]) }, { $set: { avatarUrl } });
    }
    await models.Conversation.updateOne({ tenantId: tenantOid, _id: oid(main.id) }, { $addToSet: { tags: F.tag }, $inc: { revision: 1 } });
    await models.Customer.updateOne(
      { tenantId: tenantOid, _id: oid(customerId) },
      { $set: { language: F.language }, $push: { attributes: { key: F.attributeKey, value: 'stored past the schema' } } },
    );
    const now = Date.now();
    // A cached answer is only reused for the identifiers it was asked with (`customers.integrationData` sends these).
    const asked = await admin.client.customers.get.query({ customerId });
    const requestKey = sha256(JSON.stringify({ id: asked.id, externalId: asked.externalId, email: asked.email, phone: asked.phone, name: asked.name }));
    await models.IntegrationCache.create({
      tenantId: tenantOid,
      integrationId: oid(cached.id),
      customerId: oid(customerId),
      revision: 0,
      requestKey,
      fields: HOSTILE_URLS.map((link) => ({ label: F.cachedLabel, value: F.cachedValue, url: link })),
      fetchedAt: new Date(now),
      expiresAt: new Date(now + 3_600_000),
    });

    for (const session of [admin, supervisor, agent]) await session.client.auth.signOut.mutate();
    return {
      tenant: TENANT,
      password: PASSWORD,
      emails,
      agentIds,
      departmentId: department.id,
      customerId,
      conversations: { main: main.id, past: past.id, whatsapp: whatsappId, duplicate: duplicate.id, queued: queued.id, surveyed: surveyed.id },
      visitorTokens: { main: main.token, surveyed: surveyed.token },
    };
  }

  return {
    name: 'desk-xss',
    async serve(context) {
      if (context.path !== '/__desk-xss') return undefined;
      setup ??= setUp();
      // Serve results are HTTP 200: a failed set-up says why in `error`.
      const body = await setup.catch((err) => ({ error: String(err?.stack ?? err) }));
      return { body: JSON.stringify(body), type: 'json', headers: { 'Cache-Control': 'no-store' } };
    },
    async serverStop() {
      for (const server of servers) server.close();
    },
  };
}
