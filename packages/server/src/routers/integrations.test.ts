import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { verifySignature } from '../services/channels/signing.js';
import { seedDemo } from '../services/seed.js';
import { trpcError } from '../testing/assertions.js';
import { signedInClient, startChat } from '../testing/clients.js';
import { startDesk } from '../app.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

const SECRET = 'crm-shared-secret-0123456789';

/** A third-party app on loopback: answers per path, records what it was sent. */
function startCrm() {
  const calls: Array<{ path: string; body: any; signed: boolean }> = [];
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const check = verifySignature(SECRET, { timestamp: req.headers['x-deskkit-timestamp'] as string, signature: req.headers['x-deskkit-signature'] as string }, raw);
    calls.push({ path: req.url!, body: JSON.parse(raw), signed: check.ok });
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (req.url === '/crm') {
      if (!check.ok) return json(401, { error: 'unsigned' });
      const { customer } = JSON.parse(raw);
      return json(200, { fields: [{ label: 'Plan', value: 'Gold' }, { label: 'Account', value: customer.email ?? '-', url: 'https://crm.example/acct/1' }] });
    }
    if (req.url === '/slow') return setTimeout(() => json(200, { fields: [] }), 1_500);
    if (req.url === '/broken') return json(500, { error: 'boom' });
    if (req.url === '/bad-url') return json(200, { fields: [{ label: 'x', value: 'y', url: 'javascript:alert(1)' }] });
    json(404, {});
  });
  return new Promise<{ url: string; calls: typeof calls; close: () => void }>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls, close: () => server.close() })),
  );
}

describe('third-party integrations', () => {
  let t: TestDesk;
  let crm: Awaited<ReturnType<typeof startCrm>>;
  const as = (name: string, tenant = 'demo') => signedInClient(t.url, { tenant, email: `${name}@demo.deskkit.dev`, password: t.seed.password });

  before(async () => {
    t = await startTestDesk();
    crm = await startCrm();
  });
  after(async () => {
    crm.close();
    await t.close();
  });

  test('admins manage integrations; secrets are never returned; endpoints are validated', async () => {
    const ada = await as('ada');
    const created = await ada.client.integrations.create.mutate({ name: 'Scratch', endpoint: 'https://crm.example/hook', secret: SECRET });
    assert.equal(created.hasSecret, true);
    assert.equal(created.secretLast4, SECRET.slice(-4));
    assert.equal(created.timeoutMs, 3_000);
    assert.equal(created.cacheTtlSeconds, 300);
    assert.ok(!JSON.stringify(created).includes(SECRET));
    assert.ok(!JSON.stringify(await ada.client.integrations.list.query()).includes(SECRET));
    const updated = await ada.client.integrations.update.mutate({ id: created.id, enabled: false, secret: null });
    assert.equal(updated.hasSecret, false);
    assert.equal(updated.enabled, false);

    await assert.rejects(ada.client.integrations.create.mutate({ name: 'x', endpoint: 'http://crm.example/hook' }), trpcError('BAD_REQUEST', 'endpoint'));
    await assert.rejects(ada.client.integrations.create.mutate({ name: 'x', endpoint: 'https://crm.example', timeoutMs: 50 }), trpcError('BAD_REQUEST', 'timeoutMs'));
    await assert.rejects(ada.client.integrations.create.mutate({ name: 'x', endpoint: 'https://crm.example', cacheTtlSeconds: 90_000 }), trpcError('BAD_REQUEST', 'cacheTtlSeconds'));
    await assert.rejects(ada.client.integrations.create.mutate({ name: '', endpoint: 'https://crm.example' }), trpcError('BAD_REQUEST', 'name'));

    const sam = await as('sam');
    await assert.rejects(sam.client.integrations.list.query(), trpcError('FORBIDDEN'));
    const other = await seedDemo(t.desk.services, 'integrations-other');
    const theirs = await as('ada', other.tenant);
    await assert.rejects(theirs.client.integrations.update.mutate({ id: created.id, name: 'x' }), trpcError('NOT_FOUND'));
    await assert.rejects(theirs.client.integrations.remove.mutate({ id: created.id }), trpcError('NOT_FOUND'));
    assert.deepEqual(await ada.client.integrations.remove.mutate({ id: created.id }), { id: created.id });
  });

  test('agents see each integration’s fields, cached, with timeouts and errors shown per integration', async () => {
    const ada = await as('ada');
    const good = await ada.client.integrations.create.mutate({ name: 'A CRM', endpoint: `${crm.url}/crm`, secret: SECRET, cacheTtlSeconds: 60 });
    const slow = await ada.client.integrations.create.mutate({ name: 'B Slow', endpoint: `${crm.url}/slow`, timeoutMs: 200 });
    await ada.client.integrations.create.mutate({ name: 'C Broken', endpoint: `${crm.url}/broken` });
    await ada.client.integrations.create.mutate({ name: 'D Bad links', endpoint: `${crm.url}/bad-url` });
    await ada.client.integrations.create.mutate({ name: 'E Off', endpoint: `${crm.url}/crm`, enabled: false });

    const chat = await startChat(t.url, { name: 'Ines', email: 'ines@example.com' });
    const customerId = String((await t.desk.services.models.Conversation.findOne({ tenantId: t.seed.tenantId, _id: chat.id }).lean())!.customerId);
    const alice = await as('alice');
    const results = await alice.client.customers.integrationData.query({ customerId });
    assert.deepEqual(results.map((r) => [r.name, r.status, r.cached]), [
      ['A CRM', 'ok', false],
      ['B Slow', 'timeout', false],
      ['C Broken', 'error', false],
      ['D Bad links', 'error', false],
    ]);
    assert.deepEqual(results[0]!.fields, [
      { label: 'Plan', value: 'Gold', url: null },
      { label: 'Account', value: 'ines@example.com', url: 'https://crm.example/acct/1' },
    ]);
    assert.match(results[1]!.error!, /200 ms/);
    assert.match(results[2]!.error!, /HTTP 500/);
    assert.match(results[3]!.error!, /url/);
    // The CRM got the customer's identifiers in a signed body.
    const call = crm.calls.find((c) => c.path === '/crm')!;
    assert.equal(call.signed, true);
    assert.deepEqual(call.body, { customer: { id: customerId, externalId: null, email: 'ines@example.com', phone: null, name: 'Ines' } });

    // Second look: the good answer comes from the cache (no new call); failures are retried.
    const before = crm.calls.filter((c) => c.path === '/crm').length;
    const again = await alice.client.customers.integrationData.query({ customerId });
    assert.equal(again[0]!.cached, true);
    assert.deepEqual(again[0]!.fields, results[0]!.fields);
    assert.equal(crm.calls.filter((c) => c.path === '/crm').length, before);
    assert.equal(again[2]!.cached, false);

    // A profile edit changes what the app is asked with: the cached answer is not reused.
    await alice.client.customers.update.mutate({ customerId, email: 'ines.new@example.com' });
    const edited = await alice.client.customers.integrationData.query({ customerId });
    assert.equal(edited[0]!.cached, false);
    assert.equal(edited[0]!.fields[1]!.value, 'ines.new@example.com');
    assert.equal(crm.calls.filter((c) => c.path === '/crm').at(-1)!.body.customer.email, 'ines.new@example.com');
    await alice.client.customers.update.mutate({ customerId, phone: '+34 600 123 456' });
    assert.equal((await alice.client.customers.integrationData.query({ customerId }))[0]!.cached, false);
    assert.equal((await alice.client.customers.integrationData.query({ customerId }))[0]!.cached, true);

    // Expired entries are not used, whatever the database does with TTL indexes.
    await t.desk.services.models.IntegrationCache.updateMany({ tenantId: t.seed.tenantId }, { $set: { expiresAt: new Date(Date.now() - 1_000) } });
    assert.equal((await alice.client.customers.integrationData.query({ customerId }))[0]!.cached, false);
    // Changing the integration drops its cached answers.
    await ada.client.integrations.update.mutate({ id: good.id, cacheTtlSeconds: 120 });
    assert.equal((await alice.client.customers.integrationData.query({ customerId }))[0]!.cached, false);
    // Wrong secret: the endpoint refuses; shown as an error.
    await ada.client.integrations.update.mutate({ id: good.id, secret: 'a-different-secret-000000' });
    const refused = await alice.client.customers.integrationData.query({ customerId });
    assert.equal(refused[0]!.status, 'error');
    assert.match(refused[0]!.error!, /HTTP 401/);
    await ada.client.integrations.update.mutate({ id: slow.id, enabled: false });

    // No response anywhere carries a secret.
    for (const text of [JSON.stringify(await ada.client.integrations.list.query()), JSON.stringify(refused), JSON.stringify(results)]) {
      assert.ok(!text.includes(SECRET) && !text.includes('a-different-secret'));
    }
    // Other tenants' agents cannot ask about our customers.
    const other = await seedDemo(t.desk.services, 'integrations-other2');
    const theirs = await as('alice', other.tenant);
    await assert.rejects(theirs.client.customers.integrationData.query({ customerId }), trpcError('NOT_FOUND'));
  });

  test('a desk that keeps endpoints off private networks (DESKKIT_PRIVATE_ENDPOINTS=false) calls none on this machine', async () => {
    const ada = await as('ada');
    const local = await ada.client.integrations.create.mutate({ name: 'Local CRM', endpoint: `${crm.url}/crm`, secret: SECRET, cacheTtlSeconds: 0 });
    // A second process on the same database, configured for tenants it does not trust.
    const hosted = await startDesk({ port: 0, host: '127.0.0.1', logLevel: 'silent', mongodbUri: t.databaseUri, privateEndpoints: 'false' });
    try {
      const chat = await startChat(t.url, { name: 'Olga', email: 'olga@example.com' });
      const customerId = String((await t.desk.services.models.Conversation.findOne({ tenantId: t.seed.tenantId, _id: chat.id }).lean())!.customerId);
      const calls = crm.calls.length;
      const alice = await signedInClient(hosted.url, { tenant: 'demo', email: 'alice@demo.deskkit.dev', password: t.seed.password });
      const [result] = (await alice.client.customers.integrationData.query({ customerId })).filter((r) => r.integrationId === local.id);
      assert.deepEqual([result!.status, result!.error], ['error', 'the endpoint may not be reached: http URLs are not allowed here']);
      assert.equal(crm.calls.length, calls, 'the endpoint was not called');
      // The intranet desk (the default) still calls it.
      const [same] = (await (await as('alice')).client.customers.integrationData.query({ customerId })).filter((r) => r.integrationId === local.id);
      assert.equal(same!.status, 'ok');
    } finally {
      await hosted.close();
      await ada.client.integrations.remove.mutate({ id: local.id });
    }
  });
});
