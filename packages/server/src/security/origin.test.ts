import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { createDeskClient, type DeskClient } from '@deskkit/client';
import { record, signedInClient, waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

// koa.test.ts covers CORS headers, a foreign-origin query and a bare WebSocket upgrade;
// here: the live streams' handshakes with a valid credential, and mutations by GET.

const allowed = 'https://intranet.example.com';
const evil = 'https://evil.example';

/** `ws` with an Origin header, the way a browser on that page would connect. */
const webSocketFrom = (origin: string) =>
  class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { Origin: origin } });
    }
  } as unknown as typeof globalThis.WebSocket;

describe('security: Origin checks on the SSE and WebSocket handshakes, no mutations by GET', () => {
  let t: TestDesk;
  let chen: Awaited<ReturnType<typeof signedInClient>>;
  const online = () => t.desk.services.models.PresenceConnection.countDocuments({ tenantId: t.seed.tenantId, agentId: chen.agentId });
  /** Announcements that Chen came online, after event `since` (the last one so far by default). */
  const lastSeq = async () => (await t.desk.services.models.Event.findOne({ tenantId: t.seed.tenantId }).sort({ seq: -1 }).lean())?.seq ?? 0;
  const cameOnline = (since: number) =>
    t.desk.services.models.Event.countDocuments({ tenantId: t.seed.tenantId, type: 'presence.changed', seq: { $gt: since }, 'payload.agentId': chen.agentId, 'payload.online': true });
  /** The SSE request the client makes for `presence.onChange`, credential in `connectionParams`. */
  const sseUrl = (token: string) =>
    `${t.url}/trpc/presence.onChange?input=${encodeURIComponent(JSON.stringify({ lastEventId: '1' }))}&connectionParams=${encodeURIComponent(JSON.stringify({ token }))}`;

  before(async () => {
    t = await startTestDesk({ corsOrigins: [allowed] });
    chen = await signedInClient(t.url, { email: 'chen@demo.deskkit.dev', password: t.seed.password });
  });
  after(() => t?.close());

  test('an SSE subscription from a foreign or opaque origin is refused with a valid token: 403, no event, not online', async () => {
    const since = await lastSeq();
    for (const origin of [evil, 'null', 'http://intranet.example.com']) {
      const res = await fetch(sseUrl(chen.token), { headers: { Origin: origin, Accept: 'text/event-stream' } });
      assert.equal(res.status, 403, origin);
      assert.doesNotMatch(res.headers.get('content-type') ?? '', /event-stream/);
      assert.deepEqual(await res.json(), { error: 'origin not allowed' });
    }
    assert.equal(await online(), 0);
    assert.equal(await cameOnline(since), 0, 'not announced online');
  });

  test('allow-listed and Origin-less (server-to-server) SSE subscriptions work and make the agent online', async () => {
    for (const headers of [{ Origin: allowed }, {} as Record<string, string>]) {
      const stop = new AbortController();
      const res = await fetch(sseUrl(chen.token), { headers: { ...headers, Accept: 'text/event-stream' }, signal: stop.signal });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type')!, /text\/event-stream/);
      await waitFor(async () => (await online()) > 0, 5_000, 'online');
      stop.abort();
      await waitFor(async () => (await online()) === 0, 5_000, 'offline again');
    }
  });

  test('a WebSocket from a foreign origin never opens, whatever its connectionParams; an allowed one does', async () => {
    const through = (origin: string): DeskClient =>
      createDeskClient({ url: t.url, token: chen.token, transport: 'ws', WebSocket: webSocketFrom(origin) });
    const since = await lastSeq();
    const foreign = record((h) => through(evil).presence.onChange.subscribe({ lastEventId: '1' }, h));
    // The client keeps retrying a refused socket: give it a few attempts.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    assert.equal(foreign.started, false);
    assert.equal(foreign.events.length, 0);
    assert.equal(await online(), 0);
    assert.equal(await cameOnline(since), 0);
    foreign.unsubscribe();

    const ok = record((h) => through(allowed).presence.onChange.subscribe({ lastEventId: '1' }, h));
    await waitFor(() => ok.started, 5_000, 'allowed socket');
    await waitFor(async () => (await online()) > 0, 5_000, 'online over WebSocket');
    ok.unsubscribe();
  });

  test('mutations by GET are refused (METHOD_NOT_SUPPORTED) and do nothing; a foreign-origin POST is refused too', async () => {
    const sam = await signedInClient(t.url, { email: 'sam@demo.deskkit.dev', password: t.seed.password });
    const tags = async () => (await sam.client.settings.get.query()).tags;
    const before = await tags();
    const get = await fetch(`${t.url}/trpc/auth.signOut`, { headers: { Authorization: `Bearer ${sam.token}` } });
    assert.equal(get.status, 405);
    assert.equal(((await get.json()) as { error: { data: { code: string } } }).error.data.code, 'METHOD_NOT_SUPPORTED');
    const ada = await signedInClient(t.url, { email: 'ada@demo.deskkit.dev', password: t.seed.password });
    const input = encodeURIComponent(JSON.stringify({ tag: 'csrf-by-get' }));
    const tagByGet = await fetch(`${t.url}/trpc/settings.tags.add?input=${input}`, { headers: { Authorization: `Bearer ${ada.token}` } });
    assert.equal(tagByGet.status, 405);
    const foreignPost = await fetch(`${t.url}/trpc/settings.tags.add`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ada.token}`, Origin: evil, 'content-type': 'application/json' },
      body: JSON.stringify({ tag: 'csrf-by-post' }),
    });
    assert.equal(foreignPost.status, 403);
    assert.deepEqual(await tags(), before, 'no tag was added');
    assert.equal((await sam.client.auth.me.query()).agent.email, 'sam@demo.deskkit.dev', 'still signed in');
  });
});
