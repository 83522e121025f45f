import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDeskClient, isTRPCClientError } from '@deskkit/client';
import { signedInClient } from '../testing/clients.js';
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
    const { key } = await admin.client.apiKeys.create.mutate({ name: 'HR provisioning', scopes: ['agents:read', 'agents:manage'] });
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
