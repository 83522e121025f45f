import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDeskClient, isTRPCClientError } from '@deskkit/client';
import { permissions, rolePermissions } from '../schemas/roles.js';
import { signedInClient } from '../testing/clients.js';
import { trpcError } from '../testing/assertions.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

describe('agents, roles and tenancy', () => {
  let t: TestDesk;
  let otherTenant: { id: string; agentId: string };

  before(async () => {
    t = await startTestDesk();
    const { services } = t.desk;
    const { id } = await services.tenants.ensure('globex', 'Globex');
    const agent = await services.agents.create(id, {
      email: 'hank@globex.example',
      name: 'Hank Scorpio',
      password: 'globex-password',
      role: 'admin',
      departmentIds: [],
      maxChats: 5,
    });
    otherTenant = { id, agentId: agent.id };
  });
  after(() => t.close());

  test('roles map to permissions checked by middleware', async () => {
    const password = t.seed.password;
    const admin = await signedInClient(t.url, { email: 'ada@demo.deskkit.dev', password });
    const supervisor = await signedInClient(t.url, { email: 'sam@demo.deskkit.dev', password });
    const agent = await signedInClient(t.url, { email: 'alice@demo.deskkit.dev', password });

    assert.equal((await agent.client.agents.list.query()).length, t.seed.agents.length);
    const input = { email: 'temp@demo.deskkit.dev', name: 'Temp', password: 'temporary-pass' };
    await assert.rejects(agent.client.agents.create.mutate(input), trpcError('FORBIDDEN'));
    await assert.rejects(supervisor.client.agents.create.mutate(input), trpcError('FORBIDDEN'));
    const created = await admin.client.agents.create.mutate({ ...input, role: 'supervisor' });
    assert.equal(created.role, 'supervisor');
    assert.ok(created.permissions.includes('conversations:supervise'));
    await assert.rejects(admin.client.agents.create.mutate(input), (err: unknown) => {
      assert.ok(isTRPCClientError(err));
      assert.equal(err.data?.code, 'BAD_REQUEST');
      assert.match(err.message, /^email: an agent with this email already exists/);
      return true;
    });

    const promoted = await admin.client.agents.update.mutate({ agentId: created.id, role: 'admin', maxChats: 8 });
    assert.equal(promoted.role, 'admin');
    assert.equal(promoted.maxChats, 8);
    await assert.rejects(
      admin.client.agents.update.mutate({ agentId: created.id, departmentIds: ['0123456789abcdef01234567'] }),
      trpcError('BAD_REQUEST'),
    );
  });

  test('a caller gives (or takes away) only a role whose permissions it holds in full: no key or role escalates to admin', async () => {
    const admin = await signedInClient(t.url, { email: 'ada@demo.deskkit.dev', password: t.seed.password });
    const key = async (scopes: Array<(typeof permissions)[number]>) =>
      createDeskClient({ url: t.url, apiKey: (await admin.client.apiKeys.create.mutate({ name: 'provisioning', scopes })).key });
    const forbidden = (pattern: RegExp) => (err: unknown) => {
      assert.ok(isTRPCClientError(err));
      assert.equal(err.data?.code, 'FORBIDDEN');
      assert.match(err.message, pattern);
      return true;
    };
    let hires = 0;
    const newAgent = (role: 'agent' | 'supervisor' | 'admin') => ({ email: `hire-${++hires}@demo.deskkit.dev`, name: 'Hire', password: t.seed.password, role });

    // Only agents:manage: not even the agent role (it grants presence, conversations…); above all not admin.
    const bare = await key(['agents:read', 'agents:manage']);
    await assert.rejects(bare.agents.create.mutate(newAgent('admin')), forbidden(/^cannot grant the admin role: the admin role grants .*apikeys:manage.*, which you do not hold$/));
    await assert.rejects(bare.agents.create.mutate(newAgent('agent')), forbidden(/cannot grant the agent role: the agent role grants presence:read/));

    // The agent role's scopes too: agents yes, supervisors and admins no, by create or update.
    const hr = await key([...rolePermissions.agent, 'agents:manage']);
    const hired = await hr.agents.create.mutate(newAgent('agent'));
    assert.equal(hired.role, 'agent');
    await assert.rejects(hr.agents.create.mutate(newAgent('supervisor')), forbidden(/^cannot grant the supervisor role: the supervisor role grants conversations:supervise, which/));
    await assert.rejects(hr.agents.update.mutate({ agentId: hired.id, role: 'admin' }), forbidden(/cannot grant the admin role/));
    assert.equal((await hr.agents.update.mutate({ agentId: hired.id, maxChats: 3 })).maxChats, 3);
    // Nor demote someone holding more than the key does.
    const ada = await admin.client.auth.me.query();
    await assert.rejects(hr.agents.update.mutate({ agentId: ada.agent.id, role: 'agent' }), forbidden(/^cannot change the role of an agent whose role is admin: /));
    assert.equal((await admin.client.agents.get.query({ agentId: ada.agent.id })).role, 'admin');
    assert.equal(await t.desk.services.models.Agent.countDocuments({ tenantId: t.seed.tenantId, role: { $ne: 'agent' }, name: 'Hire' }), 0);

    // A key with every scope, and an admin, may create admins.
    assert.equal((await (await key([...permissions])).agents.create.mutate(newAgent('admin'))).role, 'admin');
    assert.equal((await admin.client.agents.create.mutate(newAgent('admin'))).role, 'admin');

    // A role with agents:manage but not the rest of admin (none is seeded; the rule is the same).
    const supervisorManager = { permissions: [...rolePermissions.supervisor, 'agents:manage' as const] };
    const { services } = t.desk;
    const input = { ...newAgent('admin'), departmentIds: [], maxChats: 2 };
    await assert.rejects(services.agents.create(t.seed.tenantId, input, supervisorManager), /cannot grant the admin role/);
    const sup = await services.agents.create(t.seed.tenantId, { ...input, role: 'supervisor' }, supervisorManager);
    await assert.rejects(services.agents.update(t.seed.tenantId, { agentId: sup.id, role: 'admin' }, supervisorManager), /cannot grant the admin role/);
  });

  test('disabling and enabling: never one’s own account, never an agent whose role the caller could not give', async () => {
    const refused = (pattern: RegExp) => (err: unknown) => {
      assert.ok(isTRPCClientError(err));
      assert.equal(err.data?.code, 'FORBIDDEN');
      assert.match(err.message, pattern);
      return true;
    };
    const admin = await signedInClient(t.url, { email: 'ada@demo.deskkit.dev', password: t.seed.password });
    const ada = (await admin.client.auth.me.query()).agent;
    await assert.rejects(admin.client.agents.disable.mutate({ agentId: ada.id }), refused(/^you cannot disable your own account$/));

    const hr = createDeskClient({
      url: t.url,
      apiKey: (await admin.client.apiKeys.create.mutate({ name: 'hr', scopes: [...rolePermissions.agent, 'agents:manage'] })).key,
    });
    const other = await admin.client.agents.create.mutate({ email: 'second-admin@demo.deskkit.dev', name: 'Second Admin', password: t.seed.password, role: 'admin' });
    await assert.rejects(hr.agents.disable.mutate({ agentId: other.id }), refused(/^cannot disable an agent whose role is admin: /));
    assert.equal((await admin.client.agents.get.query({ agentId: other.id })).disabled, false);

    // An agent, yes; and the admin may switch the other admin off and on.
    const hire = await hr.agents.create.mutate({ email: 'temp-hire@demo.deskkit.dev', name: 'Temp Hire', password: t.seed.password, role: 'agent' });
    assert.equal((await hr.agents.disable.mutate({ agentId: hire.id })).disabled, true);
    assert.equal((await hr.agents.enable.mutate({ agentId: hire.id })).disabled, false);
    assert.equal((await admin.client.agents.disable.mutate({ agentId: other.id })).disabled, true);
    await assert.rejects(hr.agents.enable.mutate({ agentId: other.id }), refused(/^cannot enable an agent whose role is admin: /));
    assert.equal((await admin.client.agents.enable.mutate({ agentId: other.id })).disabled, false);
  });

  test("another tenant's ids are NOT_FOUND, never leaked", async () => {
    const admin = await signedInClient(t.url, { email: 'ada@demo.deskkit.dev', password: t.seed.password });
    const foreign = otherTenant.agentId;
    await assert.rejects(admin.client.agents.get.query({ agentId: foreign }), trpcError('NOT_FOUND'));
    await assert.rejects(admin.client.agents.disable.mutate({ agentId: foreign }), trpcError('NOT_FOUND'));
    await assert.rejects(admin.client.agents.update.mutate({ agentId: foreign, role: 'agent' }), trpcError('NOT_FOUND'));
    // Nonexistent ids look exactly the same.
    await assert.rejects(admin.client.agents.get.query({ agentId: 'ffffffffffffffffffffffff' }), trpcError('NOT_FOUND'));
    // And the foreign agent was not touched.
    const hank = await t.desk.services.agents.get(otherTenant.id, foreign);
    assert.equal(hank.disabled, false);
    assert.equal(hank.role, 'admin');

    // The other tenant sees only its own agents and presence.
    const globex = await signedInClient(t.url, { tenant: 'globex', email: 'hank@globex.example', password: 'globex-password' });
    const agents = await globex.client.agents.list.query();
    assert.deepEqual(agents.map((a) => a.email), ['hank@globex.example']);
  });

  test('ids are validated before any query', async () => {
    const admin = await signedInClient(t.url, { email: 'ada@demo.deskkit.dev', password: t.seed.password });
    await assert.rejects(admin.client.agents.get.query({ agentId: { $ne: null } as never }), trpcError('BAD_REQUEST'));
    await assert.rejects(admin.client.agents.get.query({ agentId: 'not-an-id' }), (err: unknown) => {
      assert.ok(isTRPCClientError(err));
      assert.match(err.message, /^agentId: must be a 24-character hex id/);
      return true;
    });
  });

  test('a query without tenantId is refused by the model layer', async () => {
    const { Agent } = t.desk.services.models;
    await assert.rejects(Agent.find({ email: 'ada@demo.deskkit.dev' }).exec(), /without tenantId/);
    await assert.rejects(Agent.updateOne({}, { $set: { role: 'admin' } }).exec(), /without tenantId/);
    await assert.rejects(Agent.aggregate([{ $match: {} }]).exec(), /tenantId/);
    assert.equal(await Agent.countDocuments({ tenantId: otherTenant.id }), 1);
  });
});
