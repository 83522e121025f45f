import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signedHeaders, signature, verifySignature } from '../services/channels/signing.js';
import type { ProviderMessage, ProviderStatus } from '../services/channels/provider.js';

export interface RecordedSend {
  message: ProviderMessage;
  providerMessageId: string;
  idempotencyKey: string | undefined;
  /** What the provider got from each media link, fetched before it answered the send. */
  fetched: Array<{ status: number; contentType: string | null; disposition: string | null; bytes: Buffer }>;
}

/**
 * A provider for tests: an HTTP server on loopback that checks the desk's signature
 * on every request (with the secret it is given), records the sends, fetches their media
 * links as a real provider would, and answers with ids. `failWith` makes it answer an
 * error status instead. Status questions are answered from `statuses` (by provider
 * message id; a send it made and was told nothing about is `sent`, others `unknown`).
 */
export async function startTestProvider() {
  const sends: RecordedSend[] = [];
  const rejected: string[] = [];
  const statusQueries: Array<{ channel: string; providerMessageId: string }> = [];
  const statuses = new Map<string, ProviderStatus>();
  const state = { secret: '', failWith: 0, count: 0 };
  const fetchMedia = async (message: ProviderMessage) =>
    Promise.all(
      (message.media ?? []).map(async ({ url }) => {
        const res = await fetch(url);
        return {
          status: res.status,
          contentType: res.headers.get('content-type'),
          disposition: res.headers.get('content-disposition'),
          bytes: Buffer.from(await res.arrayBuffer()),
        };
      }),
    );
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
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
      const body = JSON.parse(raw) as ProviderMessage | { type: 'status'; channel: string; providerMessageId: string };
      if (body.type === 'status') {
        statusQueries.push({ channel: body.channel, providerMessageId: body.providerMessageId });
        const known = sends.some((s) => s.providerMessageId === body.providerMessageId);
        res.writeHead(200).end(JSON.stringify(statuses.get(body.providerMessageId) ?? { status: known ? 'sent' : 'unknown' }));
        return;
      }
      const providerMessageId = `prov-${++state.count}`;
      const fetched = await fetchMedia(body).catch(() => []);
      sends.push({ message: body, providerMessageId, idempotencyKey: req.headers['idempotency-key'] as string | undefined, fetched });
      res.writeHead(200).end(JSON.stringify({ providerMessageId }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/send`,
    sends,
    rejected,
    statusQueries,
    statuses,
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

/** One file the media host serves, or what it does instead. */
export interface HostedMedia {
  status?: number;
  /** What the host claims the file is (the desk must not believe it). */
  contentType?: string;
  body?: Buffer | string;
  /** Answers with a redirect to this URL instead. */
  redirect?: string;
  /** Waits this long before answering. */
  delayMs?: number;
}

/**
 * Plays a provider's media host on loopback: `host(path, media)` serves a file there and
 * answers its URL; requests are counted by path.
 */
export async function startMediaHost() {
  const files = new Map<string, HostedMedia>();
  const hits = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const media = files.get(path);
    if (!media) return void res.writeHead(404).end('not found');
    const answer = () => {
      if (res.destroyed) return;
      if (media.redirect) return void res.writeHead(302, { Location: media.redirect }).end();
      res.writeHead(media.status ?? 200, { 'Content-Type': media.contentType ?? 'application/octet-stream' }).end(media.body ?? '');
    };
    if (media.delayMs) setTimeout(answer, media.delayMs).unref();
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    hits,
    host(path: string, media: HostedMedia): string {
      files.set(path, media);
      return `${base}${path}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
