import type { Middleware } from 'koa';
import getRawBody from 'raw-body';
import type { z } from 'zod';
import type { Logger } from '../logger.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../services/channels/signing.js';

export interface WebhookOutcome {
  status: number;
  body: Record<string, unknown>;
}

/**
 * A provider's signed webhook (server to server, so no browser Origin rules): POST only,
 * the raw body read within `limit`, the signature checked over those exact bytes with the
 * account's secret, then the JSON checked against `schema` before `receive` acts on it.
 * Nothing is stored unless the request is signed, fresh and well-formed.
 */
export function signedWebhookRoute<Account extends { webhookSecret: string }, Event>(options: {
  path: RegExp;
  /** What the log calls it, e.g. 'channel webhook'. */
  name: string;
  limit: number;
  log: Logger;
  /** The account the path names, or null (404 with `unknown`). */
  account(match: RegExpExecArray): Promise<Account | null>;
  unknown: string;
  schema: z.ZodType<Event>;
  receive(account: Account, event: Event): Promise<WebhookOutcome>;
}): Middleware {
  return async function signedWebhook(ctx, next) {
    const match = options.path.exec(ctx.path);
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
    const account = await options.account(match);
    if (!account) return reply(404, { error: options.unknown });

    let raw: string;
    try {
      raw = await getRawBody(ctx.req, { limit: options.limit, length: ctx.get('Content-Length') || undefined, encoding: 'utf8' });
    } catch (err) {
      const e = err as { type?: string; status?: number };
      if (e.type === 'entity.too.large') return reply(413, { error: `the body is larger than ${options.limit / 1024} KiB` });
      return reply(e.status && e.status < 500 ? e.status : 400, { error: 'the body could not be read' });
    }

    const check = verifySignature(account.webhookSecret, { timestamp: ctx.get(TIMESTAMP_HEADER), signature: ctx.get(SIGNATURE_HEADER) }, raw);
    if (!check.ok) {
      options.log.warn({ path: ctx.path, reason: check.reason }, `${options.name} rejected`);
      const error =
        check.reason === 'stale'
          ? 'stale: the timestamp is more than 5 minutes off'
          : check.reason === 'missing'
            ? `missing ${TIMESTAMP_HEADER} or ${SIGNATURE_HEADER}`
            : 'bad signature';
      return reply(401, { error });
    }

    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return reply(400, { error: 'the body is not JSON' });
    }
    const event = options.schema.safeParse(json);
    if (!event.success) {
      const issue = event.error.issues[0]!;
      const field = issue.path.length ? issue.path.join('.') : '(body)';
      return reply(400, { error: `${field}: ${issue.message}`, field });
    }
    const outcome = await options.receive(account, event.data);
    reply(outcome.status, outcome.body);
  };
}
