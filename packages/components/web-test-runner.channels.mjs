// Test-only: SMS and WhatsApp for the browser tests, in a separate tenant `channels` (the demo
// agents and departments) so the other elements' tests never see its conversations.
//
//   GET /__desk-channels                       → { tenant, whatsappNumber, smsNumber } (set up once)
//   GET /__desk-channels/inbound?channel=whatsapp&from=+34…&name=…&text=…[&ageHours=25][&media=photo&caption=…]
//       A customer's message through the desk's signed provider webhook; `ageHours` then moves
//       the conversation's last customer message into the past (the clock cannot be moved);
//       `media=photo` sends a PNG (48×32) the fake provider hosts, with `caption`, instead of text;
//       `media=missing` a link the provider answers with 404.
//       → { conversationId }
//   GET /__desk-channels/status?messageId=…&status=delivered|read|failed[&error=…]
//       The provider's signed receipt for one of our messages, through the desk's webhook.
//       → { status } (the webhook's HTTP status)
// Every answer carries `status` (what the desk's webhook answered, or 200 for the setup).
//
// The provider itself is a local HTTP server that accepts every send and answers with an id,
// and hosts the customers' media at GET /media/photo.png (any other /media/ path is 404).
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import mongoose from 'mongoose';
import { webhookPath } from '../server/src/services/channels/accounts.ts';
import { signedHeaders } from '../server/src/services/channels/signing.ts';
import { seedDemo } from '../server/src/services/seed.ts';
import { png } from '../server/src/testing/fixtures.ts';

const TENANT = 'channels';
const numbers = { whatsapp: '+15550100001', sms: '+15550100002' };

export function deskChannels(desk) {
  let setup;
  let provider;

  async function setUp() {
    const { services } = desk.desk;
    const seed = await seedDemo(services, TENANT);
    const photo = png(48, 32);
    provider = createServer((req, res) => {
      if (req.method === 'GET' && req.url.startsWith('/media/')) {
        if (req.url === '/media/photo.png') res.writeHead(200, { 'Content-Type': 'image/png' }).end(photo);
        else res.writeHead(404).end('not found');
        return;
      }
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ providerMessageId: `fake-${randomUUID()}` }));
      });
    });
    await new Promise((resolve) => provider.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${provider.address().port}/send`;
    for (const channel of ['whatsapp', 'sms']) {
      await services.channelAccounts.configure(seed.tenantId, { channel, provider: 'http', endpoint, fromNumber: numbers[channel], enabled: true });
    }
    return { tenant: TENANT, tenantId: seed.tenantId, whatsappNumber: numbers.whatsapp, smsNumber: numbers.sms };
  }

  /** Posts a signed provider event to the desk's webhook, as the provider would. */
  async function webhook(channel, event) {
    const { tenantId } = await setup;
    const account = await desk.desk.services.channelAccounts.find(tenantId, channel);
    const body = JSON.stringify(event);
    const res = await fetch(`${desk.url}${webhookPath(TENANT, channel)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...signedHeaders(account.webhookSecret, body) },
      body,
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  }

  async function inbound(params) {
    const { tenantId } = await setup;
    const channel = params.get('channel') ?? 'whatsapp';
    const media = params.get('media');
    const event = {
      id: `in-${randomUUID()}`,
      type: 'message',
      from: params.get('from'),
      to: numbers[channel],
      ...(media
        ? {
            media: [
              {
                url: `http://127.0.0.1:${provider.address().port}/media/${media}.png`,
                contentType: 'image/png',
                filename: `${media}.png`,
                ...(params.get('caption') ? { caption: params.get('caption') } : {}),
              },
            ],
          }
        : { text: params.get('text') ?? 'Hello' }),
      ...(params.get('name') ? { name: params.get('name') } : {}),
      timestamp: new Date().toISOString(),
    };
    const answer = await webhook(channel, event);
    if (answer.status !== 200) return answer;
    const { conversationId } = answer.body;
    const ageHours = Number(params.get('ageHours') ?? 0);
    if (ageHours) {
      const at = new Date(Date.now() - ageHours * 3_600_000);
      await desk.desk.services.models.Conversation.updateOne(
        { tenantId, _id: conversationId },
        { $set: { lastCustomerMessageAt: at }, $inc: { revision: 1 } },
      );
    }
    return { status: 200, body: { conversationId } };
  }

  async function status(params) {
    const { tenantId } = await setup;
    const message = await desk.desk.services.models.Message.findOne({ tenantId, _id: new mongoose.Types.ObjectId(params.get('messageId')) }).lean();
    if (!message?.delivery?.providerMessageId) return { status: 404, body: { error: 'no sent message with this id' } };
    const answer = await webhook(message.delivery.channel, {
      id: `st-${randomUUID()}`,
      type: 'status',
      providerMessageId: message.delivery.providerMessageId,
      status: params.get('status'),
      ...(params.get('error') ? { error: params.get('error') } : {}),
    });
    return { status: answer.status, body: answer.body ?? {} };
  }

  return {
    name: 'desk-channels',
    async serve(context) {
      if (!context.path.startsWith('/__desk-channels')) return undefined;
      setup ??= setUp();
      const route = context.path.slice('/__desk-channels'.length);
      const answer = route === '/inbound' ? await inbound(context.URL.searchParams) : route === '/status' ? await status(context.URL.searchParams) : { status: 200, body: await setup };
      // Serve results are always HTTP 200: the outcome's status is in the body.
      return { body: JSON.stringify({ status: answer.status, ...answer.body }), type: 'json', headers: { 'Cache-Control': 'no-store' } };
    },
    async serverStop() {
      await new Promise((resolve) => (provider ? provider.close(resolve) : resolve()));
    },
  };
}
