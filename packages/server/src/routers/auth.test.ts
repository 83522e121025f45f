import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDeskClient, isTRPCClientError } from '@deskkit/client';
import { record, signedInClient, waitFor, wsOnlyClient } from '../testing/clients.js';
import { trpcError } from '../testing/assertions.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

const rejects = (promise: Promise<unknown>, code: string, field?: string) => assert.rejects(promise, trpcError(code, field));

describe('auth', () => {
  let t: TestDesk;
  const alice = () => ({ email: 'alice@demo.deskkit.dev', password: t.seed.password });

  before(async () => {
    t = await startTestDesk();
  });
  after(() => t.close());

  test('signs in with email and password, returning a 24 h opaque session', async () => {
    const anonymous = createDeskClient({ url: t.url });
    const before = Date.now();
    const session = await anonymous.auth.signIn.mutate({ tenant: 'demo', ...alice() });
    assert.match(session.token, /^dks_[A-Za-z0-9_-]{43}$/);
    const ttl = Date.parse(session.expiresAt) - before;
    assert.ok(Math.abs(ttl - 24 * 3600_000) < 10_000, `ttl ${ttl}`);
    assert.equal(session.agent.email, 'alice@demo.deskkit.dev');
    assert.equal(session.agent.role, 'agent');
    assert.ok(!('passwordHash' in session.agent));

    // Only the hash of the token is stored.
    const stored = await t.desk.services.models.Session.find({ tenantId: session.agent.tenantId }).lean();
    assert.ok(stored.length >= 1);
    assert.ok(stored.every((row) => row.tokenHash !== session.token && !JSON.stringify(row).includes(session.token)));
  });

  test('wrong password, unknown email and unknown tenant all fail the same way', async () => {
    const anonymous = createDeskClient({ url: t.url });
    for (const input of [
      { tenant: 'demo', email: 'alice@demo.deskkit.dev', password: 'wrong-password' },
      { tenant: 'demo', email: 'nobody@demo.deskkit.dev', password: t.seed.password },
      { tenant: 'no-such-tenant', email: 'alice@demo.deskkit.dev', password: t.seed.password },
    ]) {
      await assert.rejects(anonymous.auth.signIn.mutate(input), (err: unknown) => {
        assert.ok(isTRPCClientError(err));
        assert.equal(err.data?.code, 'UNAUTHORIZED');
        assert.equal(err.message, 'invalid email or password');
        return true;
      });
    }
  });

  test('bad input is a BAD_REQUEST naming the field', async () => {
    const anonymous = createDeskClient({ url: t.url });
    await rejects(anonymous.auth.signIn.mutate({ tenant: 'demo', email: 'not-an-email', password: 'x' }), 'BAD_REQUEST', 'email');
    await rejects(
      // Operator injection never reaches a query.
      anonymous.auth.signIn.mutate({ tenant: 'demo', email: { $ne: null }, password: 'x' } as never),
      'BAD_REQUEST',
      'email',
    );
  });

  test('calls without a session, or with a made-up one, are UNAUTHORIZED', async () => {
    await rejects(createDeskClient({ url: t.url }).auth.me.query(), 'UNAUTHORIZED');
    await rejects(createDeskClient({ url: t.url, token: 'dks_' + 'A'.repeat(43) }).auth.me.query(), 'UNAUTHORIZED');
  });

  test('me shows profile, role and permissions; profile settings update', async () => {
    const { client } = await signedInClient(t.url, alice());
    const me = await client.auth.me.query();
    assert.equal(me.agent.name, 'Alice Moreau');
    assert.ok(me.agent.permissions.includes('presence:write'));
    assert.ok(!me.agent.permissions.includes('agents:manage'));

    const updated = await client.auth.updateProfile.mutate({ name: 'Alice M.', avatarUrl: 'https://example.com/a.png' });
    assert.equal(updated.name, 'Alice M.');
    assert.equal(updated.avatarUrl, 'https://example.com/a.png');
    await rejects(client.auth.updateProfile.mutate({ avatarUrl: 'javascript:alert(1)' }), 'BAD_REQUEST', 'avatarUrl');
    await client.auth.updateProfile.mutate({ name: 'Alice Moreau', avatarUrl: null });
  });

  test('an expired session is UNAUTHORIZED', async () => {
    const { client, agentId } = await signedInClient(t.url, alice());
    await client.auth.me.query();
    await t.desk.services.models.Session.updateMany(
      { tenantId: t.seed.tenantId, agentId },
      { $set: { expiresAt: new Date(Date.now() - 1000) } },
    );
    await assert.rejects(client.auth.me.query(), /session expired/);
  });

  test('sign out ends the session and makes the agent Unavailable', async () => {
    const { client } = await signedInClient(t.url, { email: 'bob@demo.deskkit.dev', password: t.seed.password });
    await client.presence.setStatus.mutate({ status: 'available' });
    await client.auth.signOut.mutate();
    await rejects(client.auth.me.query(), 'UNAUTHORIZED');
    const bob = await t.desk.services.models.Agent.findOne({ tenantId: t.seed.tenantId, email: 'bob@demo.deskkit.dev' }).lean();
    assert.equal(bob?.status, 'unavailable');
  });

  test('changing the password needs the old one and ends other sessions', async () => {
    const chen = { email: 'chen@demo.deskkit.dev', password: t.seed.password };
    const first = await signedInClient(t.url, chen);
    const second = await signedInClient(t.url, chen);
    await rejects(
      first.client.auth.changePassword.mutate({ currentPassword: 'not-it', newPassword: 'a-new-password' }),
      'BAD_REQUEST',
      'currentPassword',
    );
    await rejects(
      first.client.auth.changePassword.mutate({ currentPassword: chen.password, newPassword: 'short' }),
      'BAD_REQUEST',
      'newPassword',
    );
    await first.client.auth.changePassword.mutate({ currentPassword: chen.password, newPassword: 'a-new-password' });
    await first.client.auth.me.query();
    await rejects(second.client.auth.me.query(), 'UNAUTHORIZED');
    await rejects(signedInClient(t.url, chen), 'UNAUTHORIZED');
    await signedInClient(t.url, { ...chen, password: 'a-new-password' });
  });

  test("a WebSocket's calls check its credential each time: disabled, signed out, expired are UNAUTHORIZED at once, roles are current", async () => {
    const admin = await signedInClient(t.url, { email: 'ada@demo.deskkit.dev', password: t.seed.password });
    const hire = async () => {
      const email = `ws-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@demo.deskkit.dev`;
      await admin.client.agents.create.mutate({ email, name: 'Wes Socket', password: t.seed.password });
      const signed = await signedInClient(t.url, { email, password: t.seed.password });
      const ws = wsOnlyClient(t.url, signed.token);
      assert.equal((await ws.client.auth.me.query()).agent.email, email);
      return { ...signed, ws };
    };
    const refusedSubscription = async (ws: { client: typeof admin.client }) => {
      const late = record((h) => ws.client.presence.onChange.subscribe(undefined, h));
      await waitFor(() => late.errors.length, 3_000, 'new subscription refused');
      assert.ok(isTRPCClientError(late.errors[0]));
      assert.equal(late.errors[0].data?.code, 'UNAUTHORIZED');
      assert.equal(late.started, false);
      late.unsubscribe();
    };

    // Disabled: calls and new subscriptions on the open socket are refused, its open stream ends.
    const disabled = await hire();
    const stream = record((h) => disabled.ws.client.presence.onChange.subscribe(undefined, h));
    await waitFor(() => stream.started, 3_000, 'stream started');
    await admin.client.agents.disable.mutate({ agentId: disabled.agentId });
    await rejects(disabled.ws.client.auth.me.query(), 'UNAUTHORIZED');
    await rejects(disabled.ws.client.auth.updateProfile.mutate({ name: 'Still Here' }), 'UNAUTHORIZED');
    await refusedSubscription(disabled.ws);
    await waitFor(() => stream.errors.length, 3_000, 'open stream ended');
    assert.ok(isTRPCClientError(stream.errors[0]));
    assert.equal(stream.errors[0].data?.code, 'UNAUTHORIZED');
    assert.equal((await admin.client.agents.get.query({ agentId: disabled.agentId })).name, 'Wes Socket');
    await disabled.ws.close();

    // Signed out (over HTTP, with the same token).
    const signedOut = await hire();
    await signedOut.client.auth.signOut.mutate();
    await rejects(signedOut.ws.client.auth.me.query(), 'UNAUTHORIZED');
    await refusedSubscription(signedOut.ws);
    await signedOut.ws.close();

    // Expired while the socket stays open.
    const expired = await hire();
    await t.desk.services.models.Session.updateMany(
      { tenantId: t.seed.tenantId, agentId: expired.agentId },
      { $set: { expiresAt: new Date(Date.now() - 1000) } },
    );
    await assert.rejects(expired.ws.client.auth.me.query(), /session expired/);
    await expired.ws.close();

    // A role changed meanwhile holds from the next call, as over HTTP.
    const promoted = await hire();
    await rejects(promoted.ws.client.agents.load.query(), 'FORBIDDEN');
    await admin.client.agents.update.mutate({ agentId: promoted.agentId, role: 'supervisor' });
    assert.ok(Array.isArray(await promoted.ws.client.agents.load.query()));
    await promoted.ws.close();
  });
});
