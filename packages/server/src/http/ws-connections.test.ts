import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createTRPCClient, createWSClient, isTRPCClientError, wsLink } from '@trpc/client';
import { TRPCError } from '@trpc/server';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import WebSocket, { WebSocketServer } from 'ws';
import { waitFor } from '../testing/clients.js';
import { seen, transportRouter } from '../testing/transport-router.js';
import { WsConnections } from './ws-connections.js';

const createContext = async ({ info }: { info: { connectionParams: Record<string, string | undefined> | null } }) => ({
  token: info.connectionParams?.token ?? null,
});

async function listen(wire: (wss: WebSocketServer) => void): Promise<{ server: http.Server; url: string; wss: WebSocketServer }> {
  const server = http.createServer();
  const wss = new WebSocketServer({ server });
  wire(wss);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, wss, url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Sends `messages` on a raw socket and collects what comes back within `ms`. */
async function exchange(url: string, messages: unknown[], ms = 500): Promise<unknown[]> {
  const ws = new WebSocket(url);
  const received: unknown[] = [];
  ws.on('message', (data) => {
    const text = String(data);
    // The server's keep-alive pings are not answers.
    if (text !== 'PING') received.push(text === 'PONG' ? text : JSON.parse(text));
  });
  await once(ws, 'open');
  for (const message of messages) ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  await new Promise((resolve) => setTimeout(resolve, ms));
  ws.close();
  return received;
}

/** Responses in a comparable order: by request id, in the order each id got them. */
function byId(messages: unknown[]) {
  const groups = new Map<string, unknown[]>();
  for (const m of messages as Array<{ id: unknown }>) {
    const key = typeof m === 'string' ? m : JSON.stringify(m.id);
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b));
}

describe('WebSocket connections without tRPC’s ws adapter', () => {
  let trpc: Awaited<ReturnType<typeof listen>>;
  let lean: Awaited<ReturnType<typeof listen>>;
  let connections: WsConnections;

  before(async () => {
    trpc = await listen((wss) => applyWSSHandler({ wss, router: transportRouter, createContext }));
    lean = await listen((wss) => (connections = new WsConnections({ wss, router: transportRouter, createContext, keepAlive: { pingMs: 200, pongWaitMs: 200 } })));
  });
  after(() => {
    for (const { server, wss } of [trpc, lean]) {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.close();
    }
  });

  test("answers queries, mutations, subscriptions and errors exactly as tRPC's adapter does", async () => {
    const messages = [
      { id: 1, jsonrpc: '2.0', method: 'query', params: { path: 'hello', input: { name: 'ann' } } },
      { id: 2, method: 'mutation', params: { path: 'add', input: { a: 2, b: 3 } } },
      { id: 3, method: 'query', params: { path: 'hello', input: { name: 7 } } },
      { id: 4, method: 'query', params: { path: 'refuses' } },
      { id: 5, method: 'query', params: { path: 'nothing.here' } },
      { id: 6, method: 'subscription', params: { path: 'tracked', input: { count: 2 }, lastEventId: '4' } },
      { id: 7, method: 'subscription', params: { path: 'plain' } },
      { id: 8, method: 'subscription', params: { path: 'failsEarly' } },
      { id: 9, method: 'subscription', params: { path: 'failsLater' } },
      { id: 10, method: 'subscription', params: { path: 'observed' } },
      [
        { id: 11, method: 'query', params: { path: 'hello', input: { name: 'batch' } } },
        { id: 12, method: 'mutation', params: { path: 'add', input: { a: 1, b: 1 } } },
      ],
      { id: null, method: 'query', params: { path: 'hello', input: { name: 'x' } } },
      'not json',
      'PING',
    ];
    const [theirs, ours] = await Promise.all([exchange(trpc.url, messages), exchange(lean.url, messages)]);
    assert.deepEqual(byId(ours), byId(theirs));
    // And it is what the protocol says (not two servers agreeing on nothing).
    assert.deepEqual(
      ours.filter((m) => (m as { id: unknown }).id === 6),
      [
        { id: 6, result: { type: 'started' } },
        { id: 6, result: { type: 'data', id: '5', data: { id: '5', data: { n: 5 } } } },
        { id: 6, result: { type: 'data', id: '6', data: { id: '6', data: { n: 6 } } } },
        { id: 6, result: { type: 'stopped' } },
      ],
    );
    assert.deepEqual(ours.find((m) => (m as { id: unknown }).id === 1), { id: 1, jsonrpc: '2.0', result: { type: 'data', data: 'hi ann (anonymous)' } });
  });

  test('connection params come first when the URL asks for them; malformed ones end the connection as tRPC does', async () => {
    const query = { id: 1, method: 'query', params: { path: 'hello', input: { name: 'cy' } } };
    for (const first of [{ method: 'connectionParams', data: { token: 'tok' } }, 'not json', { method: 'connectionParams', data: 7 }]) {
      const messages = [first, query];
      const [theirs, ours] = await Promise.all([exchange(`${trpc.url}/?connectionParams=1`, messages), exchange(`${lean.url}/?connectionParams=1`, messages)]);
      assert.deepEqual(ours, theirs, JSON.stringify(first));
    }
    const [ok] = await exchange(`${lean.url}/?connectionParams=1`, [{ method: 'connectionParams', data: { token: 'tok' } }, query]);
    assert.deepEqual(ok, { id: 1, result: { type: 'data', data: 'hi cy (tok)' } });
  });

  test('the real tRPC client works through it: connection params, calls, resumable events, errors with their codes', async () => {
    const wsClient = createWSClient({ url: lean.url, connectionParams: () => ({ token: 'tok' }), WebSocket: WebSocket as never });
    const client = createTRPCClient<typeof transportRouter>({ links: [wsLink({ client: wsClient })] });
    try {
      assert.equal(await client.hello.query({ name: 'bo' }), 'hi bo (tok)');
      assert.equal(await client.add.mutate({ a: 40, b: 2 }), 42);
      const refused = await client.refuses.query().catch((err: unknown) => err);
      assert.ok(isTRPCClientError(refused));
      assert.equal(refused.data?.code, 'FORBIDDEN');

      const events: unknown[] = [];
      await new Promise<void>((resolve, reject) => {
        client.tracked.subscribe({ lastEventId: '10', count: 2 }, { onData: (e) => events.push(e), onComplete: resolve, onError: reject });
      });
      assert.deepEqual(events, [
        { id: '11', data: { n: 11 } },
        { id: '12', data: { n: 12 } },
      ]);

      const error = await new Promise<unknown>((resolve) => {
        client.failsLater.subscribe(undefined, { onError: resolve });
      });
      assert.ok(isTRPCClientError(error));
      assert.equal(error.data?.code, 'CONFLICT');
    } finally {
      await wsClient.close();
    }
  });

  test('stopping a subscription, or closing the socket, ends the procedure and frees the connection', async () => {
    const wsClient = createWSClient({ url: lean.url, WebSocket: WebSocket as never });
    const client = createTRPCClient<typeof transportRouter>({ links: [wsLink({ client: wsClient })] });
    const released = seen.released;
    const first = await new Promise<{ unsubscribe(): void }>((resolve) => {
      const sub = client.idle.subscribe(undefined, { onStarted: () => resolve(sub) });
    });
    await new Promise<void>((resolve) => {
      client.idle.subscribe(undefined, { onStarted: () => resolve() });
    });
    await waitFor(() => connections.size === 1, 2_000, 'only this connection open');
    first.unsubscribe();
    await waitFor(() => seen.released === released + 1, 2_000, 'the stopped procedure released');
    await wsClient.close();
    await waitFor(() => seen.released === released + 2 && connections.size === 0, 2_000, 'the other one released with the socket');
  });

  test('a quiet connection is pinged, and one that stops answering is ended', async () => {
    const answering = new WebSocket(lean.url);
    const silent = new WebSocket(lean.url);
    const pings: string[] = [];
    answering.on('message', (data) => {
      pings.push(String(data));
      if (String(data) === 'PING') answering.send('PONG');
    });
    await Promise.all([once(answering, 'open'), once(silent, 'open')]);
    const [code] = await once(silent, 'close');
    assert.equal(code, 1006, 'terminated');
    assert.ok(pings.includes('PING'));
    assert.equal(answering.readyState, WebSocket.OPEN);
    answering.close();
  });

  test('a connection runs a bounded number of calls at once, the rest in turn; too many subscriptions are refused', async () => {
    const limited = await listen((wss) => new WsConnections({ wss, router: transportRouter, createContext, limits: { callsInFlight: 4, subscriptions: 3 } }));
    try {
      // One frame of 40 calls, as tRPC's client sends whatever it has queued.
      seen.mostRunning = 0;
      const calls = Array.from({ length: 40 }, (_, n) => ({ id: n, method: 'query', params: { path: 'slow', input: n } }));
      const answers = await exchange(limited.url, [calls], 1_000);
      assert.deepEqual(
        (answers as Array<{ id: number; result: { data: number } }>).map((a) => [a.id, a.result.data]).sort((a, b) => a[0]! - b[0]!),
        calls.map(({ id }) => [id, id]),
        'every call answered once',
      );
      assert.equal(seen.mostRunning, 4, 'never more than four at once');

      const ws = new WebSocket(limited.url);
      const replies: string[] = [];
      ws.on('message', (data) => {
        const reply = JSON.parse(String(data)) as { id: number; result?: { type: string }; error?: { data: { code: string } } };
        replies.push(`${reply.id} ${reply.result?.type ?? reply.error?.data.code}`);
      });
      await once(ws, 'open');
      const subscribe = (id: number) => ({ id, method: 'subscription', params: { path: 'idle' } });
      ws.send(JSON.stringify([1, 2, 3, 4].map(subscribe)));
      await waitFor(() => replies.length === 4, 2_000, 'four answers');
      assert.deepEqual(replies.sort(), ['1 started', '2 started', '3 started', '4 TOO_MANY_REQUESTS']);
      // A stopped one frees its place.
      ws.send(JSON.stringify({ id: 2, method: 'subscription.stop' }));
      await waitFor(() => replies.length === 5, 2_000, 'stopped');
      ws.send(JSON.stringify(subscribe(5)));
      await waitFor(() => replies.length === 6, 2_000, 'the next one');
      assert.deepEqual(replies.slice(4), ['2 stopped', '5 started']);
      ws.close();
    } finally {
      for (const client of limited.wss.clients) client.terminate();
      limited.wss.close();
      limited.server.close();
    }
  });

  test('each call and new subscription runs with the context `callContext` makes from the connection\'s, or fails with its error', async () => {
    let calls = 0;
    let revoked = false;
    const callContext = async (ctx: unknown) => {
      if (revoked) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'credential revoked' });
      return { token: `${(ctx as { token: string }).token}#${++calls}` };
    };
    const checked = await listen((wss) => new WsConnections({ wss, router: transportRouter, createContext, callContext }));
    try {
      const query = (id: number) => ({ id, method: 'query', params: { path: 'hello', input: { name: 'di' } } });
      const first = await exchange(`${checked.url}/?connectionParams=1`, [{ method: 'connectionParams', data: { token: 'tok' } }, query(1), query(2)]);
      assert.deepEqual(
        byId(first),
        byId([
          { id: 1, result: { type: 'data', data: 'hi di (tok#1)' } },
          { id: 2, result: { type: 'data', data: 'hi di (tok#2)' } },
        ]),
      );
      revoked = true;
      const subscription = { id: 3, method: 'subscription', params: { path: 'plain' } };
      const refused = (await exchange(checked.url, [query(1), subscription])) as Array<{ id: number; error?: { data: { code: string } } }>;
      assert.deepEqual(refused.map((m) => [m.id, m.error?.data.code]).sort(), [[1, 'UNAUTHORIZED'], [3, 'UNAUTHORIZED']]);
    } finally {
      for (const client of checked.wss.clients) client.terminate();
      checked.wss.close();
      checked.server.close();
    }
  });

  test('reconnect notifications reach every client', async () => {
    const ws = new WebSocket(lean.url);
    await once(ws, 'open');
    const message = once(ws, 'message');
    connections.broadcastReconnectNotification();
    assert.deepEqual(JSON.parse(String((await message)[0])), { id: null, method: 'reconnect' });
    ws.close();
  });
});
