import type { Middleware } from 'koa';
import { paymentWebhookEventSchema } from '../schemas/payments.js';
import type { Services } from '../services/index.js';
import { signedWebhookRoute } from './signed-webhook.js';

/** Largest payment webhook body accepted. */
export const PAYMENT_WEBHOOK_BODY_LIMIT = 64 * 1024;

export const paymentWebhookPath = (tenantSlug: string) => `/payments/${tenantSlug}/webhook`;

/**
 * `POST /payments/<tenant>/webhook`: the payments provider's signed events, signed like
 * channel webhooks with the tenant's payment webhook secret.
 */
export function paymentWebhook(desk: Services): Middleware {
  return signedWebhookRoute({
    path: /^\/payments\/([a-z0-9][a-z0-9-]{1,62})\/webhook$/,
    name: 'payment webhook',
    limit: PAYMENT_WEBHOOK_BODY_LIMIT,
    log: desk.log,
    account: (match) => desk.payments.accountForWebhook(match[1]!),
    unknown: 'no payments account',
    schema: paymentWebhookEventSchema,
    receive: (account, event) => desk.payments.receive(account, event),
  });
}
