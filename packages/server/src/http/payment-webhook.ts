import type { Middleware } from 'koa';
import getRawBody from 'raw-body';
import { paymentWebhookEventSchema } from '../schemas/payments.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../services/channels/signing.js';
import type { Services } from '../services/index.js';

/** Largest payment webhook body accepted. */
export const PAYMENT_WEBHOOK_BODY_LIMIT = 64 * 1024;

const PATH = /^\/payments\/([a-z0-9][a-z0-9-]{1,62})\/webhook$/;

export const paymentWebhookPath = (tenantSlug: string) => `/payments/${tenantSlug}/webhook`;

/**
 * `POST /payments/<tenant>/webhook`: the payments provider's signed events (server to
 * server). Signed like channel webhooks with the tenant's payment webhook secret; nothing
 * is stored unless the request is signed, fresh and well-formed.
 */
export function paymentWebhook(desk: Services): Middleware {
  return async function paymentWebhookRoute(ctx, next) {
    const match = PATH.exec(ctx.path);
    if (!match) return next();
    const reply = (status: number, body: Record<string, unknown>) => {
      ctx.status = status;
      ctx.body = body;
      ctx.set('Cache-Control', 'no-store');
    };
    if (ctx.method !== 'POST') {
      ctx.set('Allow', 'POST');
      return reply(405, { error: 'use POST' });
    }
    const account = await desk.payments.accountForWebhook(match[1]!);
    if (!account) return reply(404, { error: 'no payments account' });

    let raw: string;
    try {
      raw = await getRawBody(ctx.req, { limit: PAYMENT_WEBHOOK_BODY_LIMIT, length: ctx.get('Content-Length') || undefined, encoding: 'utf8' });
    } catch (err) {
      const e = err as { type?: string; status?: number };
      if (e.type === 'entity.too.large') return reply(413, { error: `the body is larger than ${PAYMENT_WEBHOOK_BODY_LIMIT / 1024} KiB` });
      return reply(e.status && e.status < 500 ? e.status : 400, { error: 'the body could not be read' });
    }

    const check = verifySignature(account.webhookSecret, { timestamp: ctx.get(TIMESTAMP_HEADER), signature: ctx.get(SIGNATURE_HEADER) }, raw);
    if (!check.ok) {
      desk.log.warn({ path: ctx.path, reason: check.reason }, 'payment webhook rejected');
      const error = check.reason === 'stale' ? 'stale: the timestamp is more than 5 minutes off' : check.reason === 'missing' ? `missing ${TIMESTAMP_HEADER} or ${SIGNATURE_HEADER}` : 'bad signature';
      return reply(401, { error });
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return reply(400, { error: 'the body is not JSON' });
    }
    const event = paymentWebhookEventSchema.safeParse(json);
    if (!event.success) {
      const issue = event.error.issues[0]!;
      const field = issue.path.length ? issue.path.join('.') : '(body)';
      return reply(400, { error: `${field}: ${issue.message}`, field });
    }
    const outcome = await desk.payments.receive(account, event.data);
    reply(outcome.status, outcome.body);
  };
}
