import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createTRPCClient, httpSubscriptionLink, isTRPCClientError } from '@trpc/client';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { EventSource } from 'eventsource';
import { record, waitFor } from '../testing/clients.js';
import { BIG, seen, transportRouter } from '../testing/transport-router.js';
import { SseSubscriptions } from './sse-subscriptions.js';

async function listen(handler: http.RequestListener): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** A whole response as raw text (or what came within `ms`). */
function raw(url: string, headers: Record<string, string> = {}, ms = 2_000) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.get(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      const timer = setTimeout(() => req.destroy(), ms);
      res.on('close', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode!, headers: res.headers, body });
      });
    });
    req.on('error', reject);
  });
}

const input = (value: unknown) => `input=${encodeURIComponent(JSON.stringify(value))}`;

describe('SSE subscriptions without the fetch layer', () => {
  let trpc: { server: http.Server; url: string };
  let lean: { server: http.Server; url: string };
  let subscriptions: SseSubscriptions;

  before(async () => {
    // tRPC's own adapter, and ours in front of it (as the Koa middleware composes them).
    const handler = createHTTPHandler({ router: transportRouter, createContext: () => ({ token: null }) });
    trpc = await listen(handler);
    subscriptions = new SseSubscriptions({ router: transportRouter, createContext: async () => ({ token: null }), pingMs: 50 });
    lean = await listen((req, res) => {
      const url = new URL(req.url!, 'http://x');
      void subscriptions.serve(req, res, url.pathname.slice(1), url.search.slice(1)).then((served) => served || handler(req, res));
    });
  });
  after(() => {
    trpc.server.closeAllConnections();
    lean.server.closeAllConnections();
    trpc.server.close();
    lean.server.close();
  });

  test("writes the same bytes and headers as tRPC's own SSE path, for events, ends and errors", async () => {
    const requests: Array<[string, Record<string, string>?]> = [
      ['/tracked'],
      [`/tracked?${input({ count: 2, lastEventId: '5' })}`],
      ['/tracked', { 'Last-Event-ID': '40' }],
      ['/tracked?lastEventId=12'],
      ['/plain'],
      ['/plain', { 'Last-Event-ID': '3' }],
      ['/mixed'],
      ['/failsEarly'],
      ['/failsLater'],
      ['/crashes'],
      ['/notAStream'],
      ['/observed'],
      [`/tracked?${input({ count: 'many' })}`],
      ['/tracked?input=%7B'],
      // An id that could not be written back in an `id:` field is not echoed.
      ['/plain?lastEventId=a%0Ab'],
      // Left to resolveResponse: batches, a query, an unknown path, bad connection params.
      [`/tracked?batch=1&${input({ 0: {} })}`],
      ['/hello'],
      ['/nothing'],
      ['/tracked?connectionParams=%7B'],
    ];
    for (const [path, headers] of requests) {
      const [theirs, ours] = await Promise.all([raw(trpc.url + path, headers), raw(lean.url + path, headers)]);
      assert.equal(ours.status, theirs.status, path);
      assert.equal(ours.body, theirs.body, path);
      for (const name of ['content-type', 'cache-control', 'x-accel-buffering', 'connection', 'vary']) {
        assert.equal(ours.headers[name], theirs.headers[name], `${path}: ${name}`);
      }
    }
    // (and what those bytes are, for the record)
    const { body } = await raw(`${lean.url}/mixed`);
    assert.equal(
      body,
      'event: connected\ndata: {"reconnectAfterInactivityMs":5000}\n\n\n' +
        'data: "seven"\nid: 7\n\n\n' +
        'data: "untracked"\nid: \n\n\nevent: restore-id\ndata: \nid: 7\n\n\n' +
        'data: "eight"\nid: 8\n\n\n' +
        'event: return\ndata: \n\n\n',
    );
  });

  test('the real tRPC client gets the events with their ids, the end, and errors with their codes', async () => {
    const client = createTRPCClient<typeof transportRouter>({ links: [httpSubscriptionLink({ url: lean.url, EventSource })] });

    const events = record<{ n: number }>((h) => client.tracked.subscribe({ count: 3, lastEventId: '10' }, h));
    await waitFor(() => events.completed, 3_000, 'the end');
    assert.deepEqual(
      events.events.map((e) => [e.id, e.data]),
      [
        ['11', { n: 11 }],
        ['12', { n: 12 }],
        ['13', { n: 13 }],
      ],
    );
    assert.deepEqual(events.errors, []);

    // (Untracked values: the recorder's `{ id, data }` type does not fit them.)
    const observed = record((h) => client.observed.subscribe(undefined, h as never));
    await waitFor(() => observed.completed, 3_000, 'observable end');
    assert.deepEqual(observed.events, [1, 2]);

    const later = record<string>((h) => client.failsLater.subscribe(undefined, h));
    await waitFor(() => later.errors.length, 3_000, 'mid-stream error');
    assert.deepEqual(
      later.events.map((e) => e.id),
      ['1', '2'],
    );
    const [error] = later.errors;
    assert.ok(isTRPCClientError(error));
    assert.equal(error.data?.code, 'CONFLICT');
    assert.equal(error.message, 'gone away');

    const early = record((h) => client.failsEarly.subscribe(undefined, h as never));
    await waitFor(() => early.errors.length, 3_000, 'early error');
    assert.ok(isTRPCClientError(early.errors[0]));
    assert.equal(early.errors[0].data?.code, 'UNAUTHORIZED');
    assert.deepEqual(early.events, []);
  });

  test('a full socket pauses the procedure; no event is lost or reordered once the client reads again', async () => {
    const count = 300; // 19 MB: far more than the socket buffers take
    seen.pulled = 0;
    let body = '';
    const done = new Promise<void>((resolve, reject) => {
      const req = http.get(`${lean.url}/big?${input({ count })}`, (res) => {
        res.setEncoding('utf8');
        res.pause();
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', resolve);
        void (async () => {
          // The client reads nothing: the stream stops pulling once the socket is full.
          let last = -1;
          while (seen.pulled !== last) {
            last = seen.pulled;
            await new Promise((r) => setTimeout(r, 300));
          }
          assert.ok(seen.pulled < count / 2, `pulled ${seen.pulled} of ${count} while the client read nothing`);
          res.resume();
        })().catch(reject);
      });
      req.on('error', reject);
    });
    await done;
    assert.equal(seen.pulled, count);
    const frames = body.split('\n\n\n').filter(Boolean);
    assert.equal(frames.length, count + 2, 'connected, every event, return');
    assert.match(frames[0]!, /^event: connected\n/);
    frames.slice(1, -1).forEach((frame, i) => {
      const n = i + 1;
      assert.equal(frame, `data: ${JSON.stringify({ n, pad: BIG })}\nid: ${n}`);
    });
    assert.equal(frames.at(-1), 'event: return\ndata: ');
  });

  test('a client that goes away ends the procedure (its finally runs) and leaves no open stream', async () => {
    const before = seen.released;
    const stop = new AbortController();
    const res = await fetch(`${lean.url}/idle`, { signal: stop.signal });
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    assert.match(first, /^event: connected\n/);
    assert.equal(subscriptions.size, 1);
    stop.abort();
    await waitFor(() => seen.released === before + 1 && subscriptions.size === 0, 3_000, 'released');
  });

  test('idle streams get pings from one shared interval, and no more once they close', async () => {
    const { body } = await raw(`${lean.url}/idle`, {}, 400);
    const frames = body.split('\n\n\n').filter(Boolean);
    assert.match(frames[0]!, /^event: connected\n/);
    const pings = frames.slice(1);
    assert.ok(pings.length >= 4, `${pings.length} pings in 400 ms at 50 ms`);
    for (const frame of pings) assert.equal(frame, 'event: ping\ndata: ');
    await waitFor(() => subscriptions.size === 0, 3_000, 'closed');
  });
});
