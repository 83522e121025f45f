import type { Middleware } from 'koa';
import { channelWebhookEventSchema, phoneChannelSchema } from '../schemas/channels.js';
import type { Services } from '../services/index.js';
import { signedWebhookRoute } from './signed-webhook.js';

/** Largest webhook body accepted. */
export const WEBHOOK_BODY_LIMIT = 256 * 1024;

/** `POST /channels/<tenant>/<sms|whatsapp>/webhook`: the SMS/WhatsApp provider's signed events. */
export function channelWebhook(desk: Services): Middleware {
  return signedWebhookRoute({
    path: /^\/channels\/([a-z0-9][a-z0-9-]{1,62})\/([a-z]+)\/webhook$/,
    name: 'channel webhook',
    limit: WEBHOOK_BODY_LIMIT,
    log: desk.log,
    account: async (match) => {
      const channel = phoneChannelSchema.safeParse(match[2]);
      return channel.success ? desk.channelAccounts.forWebhook(match[1]!, channel.data) : null;
    },
    unknown: 'no such channel',
    schema: channelWebhookEventSchema,
    receive: (account, event) => desk.channelInbound.receive(account, event),
  });
}
