import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { closeDeskClient, createDeskClient, isTRPCClientError, type DeskClient } from '@deskkit/client';
import { startDesk } from '../app.js';
import { rolePermissions } from '../schemas/roles.js';
import { record, signedInClient, waitFor } from '../testing/clients.js';
import { trpcError } from '../testing/assertions.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

describe('partner API keys', () => {
  let t: TestDesk;
  before(async () => {
    t = await startTestDesk();
  });
  after(() => t.close());

  test('admins create scoped keys that partners use server-to-server', async () => {
    const admin = await signedInClient(t.url, { email: 'ada@demo.deskkit.dev', password: t.seed.password });
    const created = await admin.client.apiKeys.create.mutate({ name: 'CRM sync', scopes: ['presence:read'] });
    assert.match(created.key, /^dkk_[A-Za-z0-9_-]{12}_[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(created.info.scopes, ['presence:read']);

    // Stored hashed: the secret appears nowhere in the database.
    const rows = await t.desk.services.models.ApiKey.find({ tenantId: t.seed.tenantId }).lean();
    assert.ok(!JSON.stringify(rows).includes(created.key.slice(-43)));

    const partner = createDeskClient({ url: t.url, apiKey: created.key });
    assert.ok(Array.isArray((await partner.presence.list.query()).agents));
    // Outside its scopes, and agent-only procedures, are FORBIDDEN.
    await assert.rejects(partner.agents.list.query(), trpcError('FORBIDDEN'));
    await assert.rejects(partner.presence.setStatus.mutate({ status: 'available' }), trpcError('FORBIDDEN'));
    await assert.rejects(partner.auth.me.query(), trpcError('FORBIDDEN'));

    const listed = await admin.client.apiKeys.list.query();
    assert.ok(listed.some((k) => k.id === created.info.id && !k.revoked));

    await admin.client.apiKeys.revoke.mutate({ keyId: created.info.id });
    await assert.rejects(partner.presence.list.query(), trpcError('UNAUTHORIZED'));
  });

  test('a key with agents:manage can manage agents; a forged key cannot', async () => {
    const admin = await signedInClient(t.url, { email: 'ada@demo.deskkit.dev', password: t.seed.password });
    // It may give agents only a role whose permissions are all within its scopes.
    const { key } = await admin.client.apiKeys.create.mutate({ name: 'HR provisioning', scopes: [...rolePermissions.agent, 'agents:manage'] });
    const partner = createDeskClient({ url: t.url, apiKey: key });
    const agent = await partner.agents.create.mutate({
      email: 'new.hire@demo.deskkit.dev',
      name: 'New Hire',
      password: 'welcome-aboard',
    });
    assert.equal(agent.role, 'agent');
    await signedInClient(t.url, { email: 'new.hire@demo.deskkit.dev', password: 'welcome-aboard' });

    const forged = createDeskClient({ url: t.url, apiKey: key.slice(0, -4) + 'AAAA' });
    await assert.rejects(forged.presence.list.query(), trpcError('UNAUTHORIZED'));
  });

  test('revoking a key ends every stream open with it, over SSE and WebSocket, on every process; other keys keep theirs', async () => {
    // A second desk on the same database, as another process would be.
    const other = await startDesk({ port: 0, host: '127.0.0.1', mongodbUri: t.databaseUri, logLevel: 'silent', eventPollMs: 50 });
    const clients: DeskClient[] = [];
    try {
      const admin = await signedInClient(t.url, { email: 'ada@demo.deskkit.dev', password: t.seed.password });
      const [doomed, kept] = await Promise.all([
        admin.client.apiKeys.create.mutate({ name: 'Wallboard', scopes: ['presence:read'] }),
        admin.client.apiKeys.create.mutate({ name: 'Wallboard 2', scopes: ['presence:read'] }),
      ]);
      const open = (url: string, apiKey: string, transport: 'sse' | 'ws') => {
        const client = createDeskClient({ url, apiKey, transport });
        clients.push(client);
        return record((h) => client.presence.onChange.subscribe(undefined, h));
      };
      const streams = [open(t.url, doomed.key, 'sse'), open(t.url, doomed.key, 'ws'), open(other.url, doomed.key, 'sse'), open(other.url, doomed.key, 'ws')];
      const others = [open(t.url, kept.key, 'sse'), open(other.url, kept.key, 'ws')];
      await waitFor(() => [...streams, ...others].every((s) => s.started), 5_000, 'every stream started');

      await admin.client.apiKeys.revoke.mutate({ keyId: doomed.info.id });
      await waitFor(() => streams.every((s) => s.errors.length), 5_000, 'every stream of the revoked key ended');
      for (const stream of streams) {
        const [error] = stream.errors;
        assert.ok(isTRPCClientError(error));
        assert.equal(error.data?.code, 'UNAUTHORIZED');
        assert.match(error.message, /API key revoked/);
      }
      // Nor does it open a new one.
      const late = open(other.url, doomed.key, 'ws');
      await waitFor(() => late.errors.length, 3_000, 'new stream refused');
      assert.equal((late.errors[0] as { data?: { code?: string } }).data?.code, 'UNAUTHORIZED');

      // The other key's streams are still up: they get the next presence change.
      const { agent } = await admin.client.auth.me.query();
      await admin.client.auth.updateProfile.mutate({ name: agent.name });
      await waitFor(() => others.every((s) => s.events.some((e) => (e.data as { agentId: string }).agentId === admin.agentId)), 5_000, 'other key still live');
      assert.ok(others.every((s) => s.errors.length === 0));
      for (const s of [...streams, ...others, late]) s.unsubscribe();
    } finally {
      await Promise.all(clients.map((c) => closeDeskClient(c)));
      await other.close();
    }
  });

  test('only admins manage keys', async () => {
    for (const email of ['sam@demo.deskkit.dev', 'alice@demo.deskkit.dev']) {
      const { client } = await signedInClient(t.url, { email, password: t.seed.password });
      await assert.rejects(client.apiKeys.create.mutate({ name: 'x', scopes: ['presence:read'] }), trpcError('FORBIDDEN'));
      await assert.rejects(client.apiKeys.list.query(), trpcError('FORBIDDEN'));
    }
  });

  test('unknown scopes are a BAD_REQUEST naming the field', async () => {
    const admin = await signedInClient(t.url, { email: 'ada@demo.deskkit.dev', password: t.seed.password });
    await assert.rejects(admin.client.apiKeys.create.mutate({ name: 'x', scopes: ['root' as never] }), (err: unknown) => {
      assert.ok(isTRPCClientError(err));
      assert.equal(err.data?.code, 'BAD_REQUEST');
      assert.match(err.message, /^scopes\.0:/);
      return true;
    });
  });
});
