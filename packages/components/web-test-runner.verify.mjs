// Test-only: customer verification for the browser tests, in a separate tenant `verify` (the demo
// agents and departments) whose SMS channel goes to a local provider that records what it sends.
//
//   GET /__desk-verify                                → { tenant, identitySecret, departments } (set up once)
//   GET /__desk-verify/phone?conversationId=…&phone=… → puts a phone number on the chat's customer
//   GET /__desk-verify/code?to=+34…                   → { code } the latest code the provider sent there
// Every answer carries `status`.
import { createServer } from 'node:http';
import mongoose from 'mongoose';
import { seedDemo } from '../server/src/services/seed.ts';

const TENANT = 'verify';

export function deskVerify(desk) {
  let setup;
  let provider;
  const sends = [];
  let count = 0;

  async function setUp() {
    const { services } = desk.desk;
    const seed = await seedDemo(services, TENANT);
    provider = createServer((req, res) => {
      const chunks = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', () => {
        sends.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ providerMessageId: `verify-${++count}` }));
      });
    });
    await new Promise((resolve) => provider.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${provider.address().port}/send`;
    await services.channelAccounts.configure(seed.tenantId, { channel: 'sms', provider: 'http', endpoint, fromNumber: '+15550100003', enabled: true });
    return { tenant: TENANT, tenantId: seed.tenantId, identitySecret: seed.identitySecret, departments: seed.departments };
  }

  async function phone(params) {
    const { tenantId } = await setup;
    const { models } = desk.desk.services;
    const conversation = await models.Conversation.findOne({ tenantId, _id: new mongoose.Types.ObjectId(params.get('conversationId')) }).lean();
    if (!conversation) return { status: 404, body: { error: 'no such conversation' } };
    const value = params.get('phone');
    await models.Customer.updateOne({ tenantId, _id: conversation.customerId }, { $set: { phone: value, phoneDigits: value.replace(/\D/g, '') } });
    return { status: 200, body: {} };
  }

  async function code(params) {
    await setup;
    const sent = sends.filter((s) => s.to === params.get('to')).at(-1);
    const match = /\b(\d{6})\b/.exec(sent?.body ?? '');
    return match ? { status: 200, body: { code: match[1] } } : { status: 404, body: { error: 'nothing sent there' } };
  }

  return {
    name: 'desk-verify',
    async serve(context) {
      if (!context.path.startsWith('/__desk-verify')) return undefined;
      setup ??= setUp();
      const route = context.path.slice('/__desk-verify'.length);
      const params = context.URL.searchParams;
      const answer = route === '/phone' ? await phone(params) : route === '/code' ? await code(params) : { status: 200, body: await setup };
      return { body: JSON.stringify({ status: answer.status, ...answer.body }), type: 'json', headers: { 'Cache-Control': 'no-store' } };
    },
    async serverStop() {
      await new Promise((resolve) => (provider ? provider.close(resolve) : resolve()));
    },
  };
}
