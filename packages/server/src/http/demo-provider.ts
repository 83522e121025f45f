import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import getRawBody from 'raw-body';
import { phoneChannelSchema } from '../schemas/channels.js';
import { webhookPath } from '../services/channels/accounts.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signedHeaders, verifySignature } from '../services/channels/signing.js';
import type { Services } from '../services/index.js';
import type { ProviderMessage } from '../services/channels/provider.js';
import { selfUrl } from './demo-page.js';
import type { DemoPhone } from './demo-phone.js';

export const DEMO_PROVIDER_PATH = '/demo/provider';

/** How many sends the demo provider remembers for status questions. */
const REMEMBERED = 1_000;

/**
 * Demo only: plays an SMS/WhatsApp provider for the demo tenant. It takes signed
 * sends, answers with an id, and a moment later posts signed receipts back to the
 * desk's webhook (`delivered`, and `read` on WhatsApp), so delivery status moves.
 * Asked about a message (`{"type": "status"}`), it answers where that message is by
 * then; a message it has forgotten (or never sent) is `unknown`. What it "delivers" shows
 * on the demo phone (`/demo/phone`), where a person can answer as the customer.
 */
export function demoProviderRoute(
  desk: Services,
  { tenant = 'demo', delays = { deliveredMs: 800, readMs: 2_500 }, phone }: { tenant?: string; delays?: { deliveredMs: number; readMs: number }; phone?: DemoPhone } = {},
): Middleware {
  const sent = new Map<string, { channel: string; at: number }>();
  const statusOf = (providerMessageId: string) => {
    const send = sent.get(providerMessageId);
    if (!send) return 'unknown';
    const age = Date.now() - send.at;
    if (send.channel === 'whatsapp' && age >= delays.readMs) return 'read';
    return age >= delays.deliveredMs ? 'delivered' : 'sent';
  };
  return async function demoProvider(ctx, next) {
    if (ctx.path !== DEMO_PROVIDER_PATH || ctx.method !== 'POST') return next();
    const raw = await getRawBody(ctx.req, { limit: 64 * 1024, encoding: 'utf8' }).catch(() => null);
    let message: { type?: unknown; channel?: unknown; providerMessageId?: unknown } | null = null;
    try {
      message = raw ? JSON.parse(raw) : null;
    } catch {
      message = null;
    }
    const channel = phoneChannelSchema.safeParse(message?.channel);
    const tenantRow = await desk.models.Tenant.findOne({ slug: tenant }).select({ _id: 1 }).lean();
    const account = channel.success && tenantRow ? await desk.channelAccounts.find(String(tenantRow._id), channel.data) : null;
    if (!raw || !account) {
      ctx.status = 400;
      ctx.body = { error: 'not a send for a demo channel' };
      return;
    }
    const check = verifySignature(account.signingSecret, { timestamp: ctx.get(TIMESTAMP_HEADER), signature: ctx.get(SIGNATURE_HEADER) }, raw);
    if (!check.ok) {
      ctx.status = 401;
      ctx.body = { error: check.reason };
      return;
    }
    if (message?.type === 'status') {
      ctx.body = { status: typeof message.providerMessageId === 'string' ? statusOf(message.providerMessageId) : 'unknown' };
      return;
    }
    // Signed by the desk: what it sends is a ProviderMessage (see the HTTP provider).
    if (typeof (message as Partial<ProviderMessage>).to === 'string') phone?.delivered(message as ProviderMessage);
    const providerMessageId = `demo-${randomUUID()}`;
    ctx.body = { providerMessageId };
    sent.set(providerMessageId, { channel: account.channel, at: Date.now() });
    if (sent.size > REMEMBERED) sent.delete(sent.keys().next().value!);

    // The receipts go to the desk that called, on the address it called us at.
    const url = selfUrl(ctx, webhookPath(tenant, account.channel));
    const post = async (status: 'delivered' | 'read', attempt: number): Promise<void> => {
      const body = JSON.stringify({ id: `${providerMessageId}-${status}`, type: 'status', providerMessageId, status });
      // Signed with whatever the webhook secret is by then (an admin may have rotated it).
      const current = await desk.channelAccounts.find(account.tenantId, account.channel);
      if (!current) return;
      const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...signedHeaders(current.webhookSecret, body) }, body });
      // 409: the desk has not stored our id yet (or is busy with this event); like real providers, retry.
      if (res.status === 409 && attempt < 5) await later(500, () => post(status, attempt + 1));
    };
    const receipt = (status: 'delivered' | 'read', delayMs: number) =>
      later(delayMs, () => post(status, 1)).catch((err) => desk.log.debug({ err }, 'demo provider receipt not delivered'));
    void receipt('delivered', delays.deliveredMs);
    if (account.channel === 'whatsapp') void receipt('read', delays.readMs);
  };
}

/** Runs `task` after `ms` without keeping the process alive for it. */
function later(ms: number, task: () => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    setTimeout(() => task().then(resolve, reject), ms).unref();
  });
}
