import type { Middleware } from 'koa';
import getRawBody from 'raw-body';
import { channelWebhookEventSchema, phoneChannelSchema } from '../schemas/channels.js';
import type { Services } from '../services/index.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../services/channels/signing.js';

/** Largest webhook body accepted. */
export const WEBHOOK_BODY_LIMIT = 256 * 1024;

const PATH = /^\/channels\/([a-z0-9][a-z0-9-]{1,62})\/([a-z]+)\/webhook$/;

/**
 * `POST /channels/<tenant>/<sms|whatsapp>/webhook`: the provider's signed events
 * (server to server, so no browser Origin rules). The signature covers the exact
 * bytes received; nothing is stored unless the request is signed, fresh and valid.
 */
export function channelWebhook(desk: Services): Middleware {
  return async function channelWebhookRoute(ctx, next) {
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
    const channel = phoneChannelSchema.safeParse(match[2]);
    const account = channel.success ? await desk.channelAccounts.forWebhook(match[1]!, channel.data) : null;
    if (!account) return reply(404, { error: 'no such channel' });

    let raw: string;
    try {
      raw = await getRawBody(ctx.req, { limit: WEBHOOK_BODY_LIMIT, length: ctx.get('Content-Length') || undefined, encoding: 'utf8' });
    } catch (err) {
      const e = err as { type?: string; status?: number };
      if (e.type === 'entity.too.large') return reply(413, { error: `the body is larger than ${WEBHOOK_BODY_LIMIT / 1024} KiB` });
      return reply(e.status && e.status < 500 ? e.status : 400, { error: 'the body could not be read' });
    }

    const check = verifySignature(account.webhookSecret, { timestamp: ctx.get(TIMESTAMP_HEADER), signature: ctx.get(SIGNATURE_HEADER) }, raw);
    if (!check.ok) {
      desk.log.warn({ path: ctx.path, reason: check.reason }, 'channel webhook rejected');
      const error = check.reason === 'stale' ? 'stale: the timestamp is more than 5 minutes off' : check.reason === 'missing' ? `missing ${TIMESTAMP_HEADER} or ${SIGNATURE_HEADER}` : 'bad signature';
      return reply(401, { error });
    }

    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return reply(400, { error: 'the body is not JSON' });
    }
    const event = channelWebhookEventSchema.safeParse(json);
    if (!event.success) {
      const issue = event.error.issues[0]!;
      const field = issue.path.length ? issue.path.join('.') : '(body)';
      return reply(400, { error: `${field}: ${issue.message}`, field });
    }
    const outcome = await desk.channelInbound.receive(account, event.data);
    reply(outcome.status, outcome.body);
  };
}
