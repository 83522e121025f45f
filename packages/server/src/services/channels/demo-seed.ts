import { Types } from 'mongoose';
import { DEMO_PROVIDER_PATH } from '../../http/demo-provider.js';
import type { CreateTemplateInput, PhoneChannel } from '../../schemas/channels.js';
import { variableCountOf } from '../../schemas/channels.js';
import { randomToken } from '../secrets.js';
import type { Services } from '../index.js';
import { e164Of } from './gateway.js';

const demoNumbers: Record<PhoneChannel, string> = { sms: '+15550100100', whatsapp: '+15550100200' };

const demoTemplates: CreateTemplateInput[] = [
  {
    name: 'order_update',
    language: 'en_US',
    category: 'utility',
    header: 'Order {{1}}',
    body: 'Hi {{2}}, your order {{1}} is on its way and should arrive on {{3}}.',
    footer: 'Acme Support',
    buttons: [
      { type: 'quick_reply', text: 'Thanks!' },
      { type: 'url', text: 'Track order', url: 'https://acme.example/track' },
    ],
  },
  {
    name: 'follow_up',
    language: 'en_US',
    category: 'utility',
    header: null,
    body: 'Hi {{1}}, we have an update about {{2}}. Reply to this message to continue the conversation.',
    footer: null,
    buttons: [
      { type: 'quick_reply', text: 'Continue' },
      { type: 'quick_reply', text: 'No, thanks' },
    ],
  },
  {
    name: 'verification_code',
    language: 'en_US',
    category: 'authentication',
    header: null,
    body: '{{1}} is your verification code. For your security, do not share it.',
    footer: null,
    buttons: [],
  },
];

/** Where the desk itself plays the provider (`--demo`): on loopback, at the port it listens on. */
function demoEndpoint(desk: Services): string {
  const { host, port } = desk.config;
  const loopback = host === '::' || host === '::1' ? '[::1]' : host.includes(':') ? `[${host}]` : ['0.0.0.0', 'localhost', ''].includes(host) ? '127.0.0.1' : host;
  return `http://${loopback}:${port}${DEMO_PROVIDER_PATH}`;
}

const HOUR = 60 * 60_000;

/** One WhatsApp thread whose customer last wrote more than 24 h ago, and one SMS thread (tickets: they take no chat slot). */
const demoChats = [
  {
    channel: 'whatsapp' as const,
    customerEmail: 'james.smith@example.com',
    agentEmail: 'alice@demo.deskkit.dev',
    department: 'Support',
    subject: 'Change the delivery address',
    // Hours ago, author and text.
    lines: [
      [27, 'c', 'Hi! Can I still change the delivery address for order 4512?'],
      [26.5, 'a', 'Yes, what is the new address?'],
      [26, 'c', '221B Baker Street, London NW1 6XE'],
      [25.5, 'a', 'Thanks, I have asked the warehouse and will let you know.'],
    ],
  },
  {
    channel: 'sms' as const,
    customerEmail: 'sofia.rossi@example.com',
    agentEmail: 'bob@demo.deskkit.dev',
    department: 'Support',
    subject: 'Is my appointment on Friday confirmed?',
    lines: [
      [0.6, 'c', 'Is my appointment on Friday still confirmed?'],
      [0.5, 'a', 'Yes, Friday at 10:00. See you then!'],
      [0.4, 'c', 'Great, thanks'],
    ],
  },
] as const;

/**
 * Demo channels: SMS and WhatsApp accounts served by the desk's own demo provider,
 * three WhatsApp templates and two conversations. Idempotent like the rest of the seed.
 */
export async function seedChannelDemo(
  desk: Services,
  tenantId: string,
  refs: { agents: Array<{ id: string; email: string; name: string }>; departments: Map<string, string> },
): Promise<void> {
  const { models } = desk;
  const tenantOid = new Types.ObjectId(tenantId);
  const endpoint = demoEndpoint(desk);

  for (const channel of ['sms', 'whatsapp'] as const) {
    await models.ChannelAccount.updateOne(
      { tenantId, channel },
      {
        $setOnInsert: {
          tenantId: tenantOid,
          channel,
          provider: 'http',
          endpoint,
          fromNumber: demoNumbers[channel],
          enabled: true,
          signingSecret: randomToken(32),
          webhookSecret: randomToken(32),
        },
      },
      { upsert: true },
    );
    // The demo provider moves with the desk's port between runs.
    await models.ChannelAccount.updateOne({ tenantId, channel, endpoint: { $regex: `${DEMO_PROVIDER_PATH}$` } }, { $set: { endpoint } });
  }

  for (const template of demoTemplates) {
    const key = { tenantId, name: template.name, language: template.language };
    await models.WhatsAppTemplate.updateOne(
      key,
      { $setOnInsert: { ...template, tenantId: tenantOid, buttons: template.buttons.map((b) => ({ url: null, phone: null, ...b })), variableCount: variableCountOf(template) } },
      { upsert: true },
    );
  }

  for (const chat of demoChats) {
    const customer = (await models.Customer.findOne({ tenantId, email: chat.customerEmail }).lean())!;
    const agent = refs.agents.find((a) => a.email === chat.agentEmail)!;
    const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * HOUR);
    const createdAt = at(chat.lines[0][0]);
    const { upsertedId } = await models.Conversation.updateOne(
      { tenantId, customerId: customer._id, subject: chat.subject },
      {
        $setOnInsert: {
          tenantId: tenantOid,
          customerId: customer._id,
          customerName: customer.name,
          subject: chat.subject,
          // Async threads, and no agent slot taken: tickets.
          kind: 'ticket',
          channel: chat.channel,
          status: 'open',
          departmentId: new Types.ObjectId(refs.departments.get(chat.department)),
          assigneeId: new Types.ObjectId(agent.id),
          createdAt,
          queuedAt: createdAt,
          assignedAt: createdAt,
        },
      },
      { upsert: true, timestamps: false },
    );
    if (!upsertedId) continue;
    const id = String(upsertedId);
    const to = e164Of(customer.phone)!;
    const created = await desk.messages.append(tenantId, id, { authorKind: 'system', event: { type: 'created' } });
    await models.Message.updateOne({ tenantId, _id: created.message.id }, { $set: { createdAt } });
    for (const [hoursAgo, who, body] of chat.lines) {
      const { message } = await desk.messages.append(tenantId, id, {
        authorKind: who === 'c' ? 'customer' : 'agent',
        authorId: who === 'c' ? String(customer._id) : agent.id,
        authorName: who === 'c' ? customer.name : agent.name,
        body,
        content: who === 'a' ? { kind: 'text', delivery: { channel: chat.channel, to, oneWay: false } } : undefined,
      });
      // Back-dated, and the agent's messages already went out and were read.
      const sentAt = at(hoursAgo);
      await models.Message.updateOne(
        { tenantId, _id: message.id },
        {
          $set: {
            createdAt: sentAt,
            ...(who === 'a' ? { 'delivery.status': 'read', 'delivery.providerMessageId': `demo-seed-${message.id}`, 'delivery.updatedAt': sentAt } : {}),
          },
        },
      );
    }
    const lastCustomer = [...chat.lines].reverse().find(([, who]) => who === 'c')!;
    const last = chat.lines[chat.lines.length - 1]!;
    await models.Conversation.updateOne(
      { tenantId, _id: id },
      { $set: { lastCustomerMessageAt: at(lastCustomer[0]), lastMessageAt: at(last[0]), firstResponseAt: at(chat.lines[1][0]) } },
      { timestamps: false },
    );
  }
}
