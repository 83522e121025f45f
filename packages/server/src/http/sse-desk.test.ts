import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { createDeskClient, isTRPCClientError, type AgentLiveEvent, type VisitorLiveEvent } from '@deskkit/client';
import { clientMessageId, record, signedInClient, startChat, waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

type Chat = Awaited<ReturnType<typeof startChat>>;

/** Reads a response as raw text until it ends, or until `ms` have passed (then drops it). */
function raw(url: string, ms = 3_000, onOpen?: () => void) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string; ended: boolean }>((resolve, reject) => {
    const req = http.get(url, (res) => {
      let body = '';
      let ended = false;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (!body) onOpen?.();
        body += chunk;
      });
      res.on('end', () => (ended = true));
      const timer = setTimeout(() => req.destroy(), ms);
      res.on('close', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode!, headers: res.headers, body, ended });
      });
    });
    req.on('error', reject);
  });
}

const frames = (body: string) => body.split('\n\n\n').filter(Boolean);

/**
 * Subscriptions over SSE on a real desk, through Koa and the typed client: the
 * desk's own SSE path (http/sse-subscriptions.ts) must look to `httpSubscriptionLink`
 * exactly as tRPC's did.
 */
describe('SSE subscriptions on the desk', () => {
  let t: TestDesk;
  const sseUrl = (path: string, params: { token?: string; input?: unknown } = {}) => {
    const query = new URLSearchParams();
    if (params.input !== undefined) query.set('input', JSON.stringify(params.input));
    if (params.token) query.set('connectionParams', JSON.stringify({ token: params.token }));
    return `${t.url}/trpc/${path}?${query}`;
  };
  const send = (chat: Chat, body: string) =>
    chat.visitor.webchat.send.mutate({ conversationId: chat.id, body, clientMessageId: clientMessageId() });
  const bodies = (events: Array<{ data: VisitorLiveEvent }>) =>
    events.flatMap(({ data }) => (data.type === 'message' && data.message.kind === 'text' ? [data.message.body] : []));

  before(async () => {
    t = await startTestDesk({ ssePingMs: 150 });
  });
  after(() => t.close());

  test('the handshake, answered ahead of Koa, carries the headers Koa gives a tRPC answer', async () => {
    const chat = await startChat(t.url);
    const read = (url: string, origin: string) =>
      new Promise<http.IncomingMessage>((resolve, reject) => {
        const req = http.get(url, { headers: { Origin: origin } }, (res) => {
          resolve(res);
          res.destroy();
        });
        req.on('error', reject);
      });
    const own = (res: http.IncomingMessage) => {
      const { date, 'content-type': _type, 'content-length': _length, 'transfer-encoding': _te, vary, ...rest } = res.headers;
      // (Connection handling: tRPC's SSE headers, and what Node adds to keep-alive answers.)
      for (const name of ['cache-control', 'connection', 'keep-alive', 'x-accel-buffering']) delete rest[name];
      return rest;
    };
    for (const origin of [t.url, '']) {
      const query = await read(`${t.url}/trpc/meta.info`, origin);
      const stream = await read(sseUrl('webchat.onEvent', { token: chat.visitorToken }), origin);
      assert.equal(stream.headers['content-type'], 'text/event-stream');
      assert.deepEqual(own(stream), own(query), `Origin: ${origin || '(none)'}`);
      // Answers differ by origin (Access-Control-Allow-Origin): caches must key them by it.
      assert.equal(stream.headers.vary, 'Origin, trpc-accept, accept');
      assert.equal(query.headers.vary, stream.headers.vary);
      assert.equal(stream.headers['access-control-allow-origin'], origin || undefined);
    }
    const foreign = await read(sseUrl('webchat.onEvent', { token: chat.visitorToken }), 'https://evil.example');
    assert.equal(foreign.statusCode, 403, 'Koa refuses a foreign origin');
  });

  test('a subscription resumed from its lastEventId gets exactly the events it missed, in order', async () => {
    const chat = await startChat(t.url);
    const first = record<VisitorLiveEvent>((h) => chat.visitor.webchat.onEvent.subscribe(undefined, h));
    await waitFor(() => first.started, 3_000, 'started');
    await send(chat, 'one');
    await waitFor(() => first.events.some((e) => e.data.type === 'conversation' && e.data.conversation.lastSeq === 3), 3_000, 'one');
    first.unsubscribe();
    const lastEventId = first.events.at(-1)!.id;

    await send(chat, 'two');
    await send(chat, 'three');
    const resumed = record<VisitorLiveEvent>((h) => chat.visitor.webchat.onEvent.subscribe({ lastEventId }, h));
    await waitFor(() => bodies(resumed.events).includes('three'), 3_000, 'missed events');
    assert.deepEqual(bodies(resumed.events), ['two', 'three']);
    const ids = resumed.events.map((e) => Number(e.id));
    assert.ok(ids[0]! > Number(lastEventId), 'nothing from before');
    assert.deepEqual(ids, [...new Set(ids)].sort((a, b) => a - b), 'increasing, none twice');

    // The same stream read from the start of the chat: the first subscription and the resumed one, end to end.
    const whole = record<VisitorLiveEvent>((h) => chat.visitor.webchat.onEvent.subscribe({ lastEventId: String(Number(first.events[0]!.id) - 1) }, h));
    const both = [...first.events, ...resumed.events].map((e) => e.id);
    await waitFor(() => whole.events.length >= both.length, 3_000, 'replay');
    assert.deepEqual(
      whole.events.slice(0, both.length).map((e) => e.id),
      both,
    );
    resumed.unsubscribe();
    whole.unsubscribe();
  });

  test('an error before the first event reaches the client with its code; on the wire it follows `connected`, then the stream ends', async () => {
    const chat = await startChat(t.url);
    const anonymous = record((h) => createDeskClient({ url: t.url, token: 'not-a-token' }).webchat.onEvent.subscribe(undefined, h));
    const badInput = record((h) => chat.visitor.webchat.onEvent.subscribe({ lastEventId: 'latest' }, h));
    const { client: agent } = await signedInClient(t.url, { email: 'sam@demo.deskkit.dev', password: t.seed.password });
    const wrongCaller = record((h) => agent.webchat.onEvent.subscribe(undefined, h));
    await waitFor(() => anonymous.errors.length && badInput.errors.length && wrongCaller.errors.length, 3_000, 'errors');
    const codes = [anonymous, badInput, wrongCaller].map(({ errors: [error] }) => isTRPCClientError(error) && error.data?.code);
    assert.deepEqual(codes, ['UNAUTHORIZED', 'BAD_REQUEST', 'FORBIDDEN']);
    const [fieldError] = badInput.errors;
    assert.ok(isTRPCClientError(fieldError));
    assert.deepEqual(Object.keys((fieldError.data as { fields: Record<string, string[]> }).fields), ['lastEventId']);
    for (const stream of [anonymous, badInput, wrongCaller]) {
      assert.deepEqual(stream.events, []);
      stream.unsubscribe();
    }

    const res = await raw(sseUrl('webchat.onEvent', { input: { lastEventId: 'latest' }, token: chat.visitorToken }));
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'text/event-stream');
    assert.equal(res.headers['cache-control'], 'no-cache, no-transform');
    assert.equal(res.headers['x-content-type-options'], 'nosniff', 'security headers as on every answer');
    assert.ok(res.ended, 'the response ended');
    assert.deepEqual(frames(res.body), [
      'event: connected\ndata: {"reconnectAfterInactivityMs":25000}',
      'event: serialized-error\ndata: ' +
        JSON.stringify({
          message: 'lastEventId: Invalid string: must match pattern /^\\d{1,15}$/',
          code: -32600,
          data: { code: 'BAD_REQUEST', httpStatus: 400, path: 'webchat.onEvent', fields: { lastEventId: ['Invalid string: must match pattern /^\\d{1,15}$/'] } },
        }),
    ]);

    // No such subscription: tRPC's plain 404, no stream.
    const missing = await raw(sseUrl('webchat.onNothing', { token: chat.visitorToken }));
    assert.equal(missing.status, 404);
    assert.match(missing.body, /"code":"NOT_FOUND"/);
  });

  test('an error mid-stream ends it after the events before it; the client gives up rather than reconnect', async () => {
    const support = t.seed.departments.find((d) => d.name === 'Support')!.id;
    const alice = await signedInClient(t.url, { email: 'alice@demo.deskkit.dev', password: t.seed.password });
    const live = record<AgentLiveEvent>((h) => alice.client.conversations.onEvent.subscribe(undefined, h));
    await waitFor(() => live.started, 3_000, 'started');
    const chat = await startChat(t.url, { departmentId: support });
    await waitFor(() => live.events.some((e) => e.data.type === 'conversation' && e.data.conversation.id === chat.id), 3_000, 'the new chat');

    // The same stream on the wire, beside it.
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const wire = raw(sseUrl('conversations.onEvent', { token: alice.token }), 5_000, opened);
    await open;
    await alice.client.auth.signOut.mutate();

    await waitFor(() => live.errors.length, 3_000, 'error');
    const [error] = live.errors;
    assert.ok(isTRPCClientError(error));
    assert.equal(error.data?.code, 'UNAUTHORIZED');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(live.errors.length, 1, 'one error, no retries');

    const { body, ended } = await wire;
    assert.ok(ended);
    const last = frames(body).at(-1)!;
    assert.match(last, /^event: serialized-error\ndata: /);
    assert.equal(JSON.parse(last.split('data: ')[1]!).data.code, 'UNAUTHORIZED');
  });

  test("a client that goes away ends the procedure's stream (and an agent's presence with it)", async () => {
    const { streams, models } = t.desk.services;
    await waitFor(() => streams.size === 0, 3_000, 'earlier streams closed');
    const base = streams.size;
    const chats = await Promise.all([startChat(t.url), startChat(t.url), startChat(t.url)]);
    const visitors = chats.map((chat) => record<VisitorLiveEvent>((h) => chat.visitor.webchat.onEvent.subscribe(undefined, h)));
    const bob = await signedInClient(t.url, { email: 'bob@demo.deskkit.dev', password: t.seed.password });
    const presence = record((h) => bob.client.presence.onChange.subscribe(undefined, h));
    const stop = new AbortController();
    const bare = await fetch(sseUrl('webchat.onEvent', { token: chats[0]!.visitorToken }), { signal: stop.signal });
    assert.equal(bare.status, 200);
    await waitFor(() => visitors.every((v) => v.started) && presence.started, 3_000, 'started');
    await waitFor(() => streams.size === base + 5, 3_000, 'five open');
    const online = () => models.PresenceConnection.countDocuments({ tenantId: t.seed.tenantId, agentId: bob.agentId });
    assert.equal(await online(), 1);

    for (const live of [...visitors, presence]) live.unsubscribe();
    stop.abort();
    await waitFor(() => streams.size === base, 3_000, 'every stream released');
    await waitFor(async () => (await online()) === 0, 3_000, 'bob offline');
  });

  test('an idle stream gets a keep-alive ping every interval', async () => {
    const chat = await startChat(t.url);
    const { body } = await raw(sseUrl('webchat.onEvent', { token: chat.visitorToken }), 800);
    const [connected, ...rest] = frames(body);
    assert.equal(connected, 'event: connected\ndata: {"reconnectAfterInactivityMs":25000}');
    const ping = 'event: ping\ndata: ';
    const pings = rest.filter((frame) => frame === ping);
    assert.ok(pings.length >= 3, `${pings.length} pings in 800 ms at 150 ms`);
    assert.deepEqual(rest.filter((frame) => frame !== ping && !frame.startsWith('data: ')), [], 'only pings and events');
  });
});
