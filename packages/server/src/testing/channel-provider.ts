import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signedHeaders, signature, verifySignature } from '../services/channels/signing.js';
import type { ProviderMessage } from '../services/channels/provider.js';

export interface RecordedSend {
  message: ProviderMessage;
  providerMessageId: string;
  idempotencyKey: string | undefined;
}

/**
 * A provider for tests: an HTTP server on loopback that checks the desk's signature
 * on every send (with the secret it is given), records the sends and answers with ids.
 * `failWith` makes it answer an error status instead.
 */
export async function startTestProvider() {
  const sends: RecordedSend[] = [];
  const rejected: string[] = [];
  const state = { secret: '', failWith: 0, count: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const check = verifySignature(state.secret, { timestamp: req.headers['x-deskkit-timestamp'] as string, signature: req.headers['x-deskkit-signature'] as string }, raw);
      res.setHeader('Content-Type', 'application/json');
      if (!check.ok) {
        rejected.push(check.reason);
        res.writeHead(401).end(JSON.stringify({ error: check.reason }));
        return;
      }
      if (state.failWith) {
        res.writeHead(state.failWith).end(JSON.stringify({ error: 'provider is having a bad day' }));
        return;
      }
      const providerMessageId = `prov-${++state.count}`;
      sends.push({ message: JSON.parse(raw) as ProviderMessage, providerMessageId, idempotencyKey: req.headers['idempotency-key'] as string | undefined });
      res.writeHead(200).end(JSON.stringify({ providerMessageId }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/send`,
    sends,
    rejected,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Posts a webhook the way a provider does: signed with `secret` unless headers are given. */
export async function postWebhook(
  url: string,
  path: string,
  body: unknown,
  opts: { secret?: string; timestamp?: number; headers?: Record<string, string>; method?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const signed = opts.secret
    ? opts.timestamp === undefined
      ? signedHeaders(opts.secret, raw)
      : { [TIMESTAMP_HEADER]: String(opts.timestamp), [SIGNATURE_HEADER]: signature(opts.secret, String(opts.timestamp), raw) }
    : {};
  const res = await fetch(`${url}${path}`, {
    method: opts.method ?? 'POST',
    headers: { 'Content-Type': 'application/json', ...signed, ...opts.headers },
    body: opts.method === 'GET' ? undefined : raw,
  });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { text };
  }
  return { status: res.status, body: parsed };
}
