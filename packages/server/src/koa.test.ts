import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { createDeskClient } from '@deskkit/client';
import { startDesk } from './app.js';
import { record, signedInClient, waitFor } from './testing/clients.js';
import { startTestDesk, type TestDesk } from './testing/harness.js';

describe('http server', () => {
  let t: TestDesk;
  const allowed = 'https://intranet.example.com';

  before(async () => {
    t = await startTestDesk({ corsOrigins: [allowed] });
  });
  after(() => t.close());

  test('/healthz checks the database', async () => {
    const res = await fetch(`${t.url}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { ok: true, db: 'embedded' });
  });

  test('security headers are set', async () => {
    const res = await fetch(`${t.url}/healthz`);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    assert.ok(res.headers.get('strict-transport-security'));
  });

  test('CORS: allow-listed origins get headers, others are refused', async () => {
    const preflight = await fetch(`${t.url}/trpc/auth.signIn`, {
      method: 'OPTIONS',
      headers: { Origin: allowed, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    assert.equal(preflight.headers.get('access-control-allow-origin'), allowed);

    const foreign = await fetch(`${t.url}/trpc/presence.list`, { headers: { Origin: 'https://evil.example' } });
    assert.equal(foreign.status, 403);
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);

    // Server-to-server calls carry no Origin and are not affected.
    const noOrigin = await fetch(`${t.url}/trpc/presence.list`);
    assert.equal(noOrigin.status, 401);
  });

  test('oversized bodies are refused without harm', async () => {
    const big = JSON.stringify({ tenant: 'demo', email: 'a@b.co', password: 'x'.repeat(2_000_000) });
    const res = await fetch(`${t.url}/trpc/auth.signIn`, { method: 'POST', body: big, headers: { 'content-type': 'application/json' } });
    assert.equal(res.status, 413);
    const health = await fetch(`${t.url}/healthz`);
    assert.equal(health.status, 200);
  });

  test('malformed JSON is a clear BAD_REQUEST, not a crash', async () => {
    const res = await fetch(`${t.url}/trpc/auth.signIn`, { method: 'POST', body: '{"tenant":', headers: { 'content-type': 'application/json' } });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { error: { data: { code: string } } };
    assert.equal(body.error.data.code, 'BAD_REQUEST');
    assert.equal((await fetch(`${t.url}/healthz`)).status, 200);
  });

  test('WebSocket upgrades from foreign origins are refused', async () => {
    const wsUrl = `${t.url.replace('http', 'ws')}/trpc`;
    const foreign = new WebSocket(wsUrl, { headers: { Origin: 'https://evil.example' } });
    const [err] = await once(foreign, 'error');
    assert.match(String(err), /403/);

    const ok = new WebSocket(wsUrl, { headers: { Origin: allowed } });
    await once(ok, 'open');
    ok.close();
  });

  test('meta.info tells anyone which server this is and its clock', async () => {
    const info = await createDeskClient({ url: t.url }).meta.info.query();
    assert.equal(info.name, 'deskkit');
    assert.match(info.version, /^\d+\.\d+\.\d+/);
    assert.ok(Math.abs(Date.parse(info.time) - Date.now()) < 5_000);
  });

  test('unknown procedures are NOT_FOUND', async () => {
    const res = await fetch(`${t.url}/trpc/nothing.here`);
    assert.equal(res.status, 404);
  });

  test('calls made together travel in one batched request; oversized batches are refused', async () => {
    const requests: string[] = [];
    const counting: typeof fetch = (input, init) => {
      requests.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    };
    const { token } = await signedInClient(t.url, { email: 'sam@demo.deskkit.dev', password: t.seed.password });
    const sam = createDeskClient({ url: t.url, token, fetch: counting });
    const [me, online, counts] = await Promise.all([
      sam.auth.me.query(),
      sam.presence.list.query(),
      sam.conversations.counts.query(),
    ]);
    assert.equal(me.agent.email, 'sam@demo.deskkit.dev');
    assert.ok(Array.isArray(online.agents));
    assert.equal(typeof counts.pending, 'number');
    assert.equal(requests.length, 1, 'three queries, one request');
    assert.match(requests[0]!, /auth\.me,presence\.list,conversations\.counts\?batch=1/);

    // 60 calls from the typed client are split within the server's cap.
    requests.length = 0;
    await Promise.all(Array.from({ length: 60 }, () => sam.auth.me.query()));
    assert.equal(requests.length, 3);

    // A hand-made batch over the cap is a clear 400, not work for the server.
    const paths = Array.from({ length: 51 }, () => 'auth.me').join(',');
    const res = await fetch(`${t.url}/trpc/${paths}?batch=1&input=${encodeURIComponent('{}')}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    assert.equal(res.status, 400);
    assert.equal((await fetch(`${t.url}/healthz`)).status, 200);
  });
});

describe('graceful shutdown', () => {
  test('closes live subscriptions, marks agents offline, then closes the database', async () => {
    // One desk hosts the database; a second desk process-alike shares it and is shut down.
    const host = await startTestDesk();
    const desk = await startDesk({ port: 0, mongodbUri: host.databaseUri, logLevel: 'silent', heartbeatMs: 500, eventPollMs: 50 });
    const alice = await signedInClient(desk.url, { email: 'alice@demo.deskkit.dev', password: host.seed.password });
    const stream = record((h) => alice.client.presence.onChange.subscribe(undefined, h));
    const tenantId = host.seed.tenantId;
    const { presence, models } = host.desk.services;
    await waitFor(async () => (await presence.list(tenantId)).some((e) => e.agentId === alice.agentId), 3_000, 'online');

    await desk.close();
    assert.equal(desk.services.db.connection.readyState, 0, 'database connection closed');
    await assert.rejects(fetch(`${desk.url}/healthz`), 'no longer listening');
    // The stream's clean-up ran before the database closed: no stale connection row is left to expire.
    assert.equal(await models.PresenceConnection.countDocuments({ tenantId, agentId: alice.agentId }), 0);
    const last = await models.Event.findOne({ tenantId, type: 'presence.changed' }).sort({ seq: -1 }).lean();
    assert.equal((last?.payload as { online: boolean; agentId: string }).online, false);
    assert.equal((last?.payload as { agentId: string }).agentId, alice.agentId);
    // The client was cut off, not told the stream ended: it keeps trying to resume.
    await waitFor(() => stream.connection === 'connecting', 3_000, 'client reconnecting');
    assert.equal(stream.completed, false);
    assert.deepEqual(stream.errors, []);
    stream.unsubscribe();
    await host.close();
  });
});
