import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createDeskClient, type DeskClient } from '@deskkit/client';
import { record, signedInClient, waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';
import { spawnDesk, stopDesks } from '../testing/processes.js';

const cid = () => randomUUID().replaceAll('-', '');

/**
 * Three server processes route at once over one database: no chat is assigned
 * twice and no agent goes over their cap. Routing runs in the background of each
 * process, so the tests wait for its outcome; the test's own desk never sweeps, so
 * a chat nobody triggered routing for can only be placed by the processes' sweeps.
 */
describe('routing across three server processes', () => {
  let host: TestDesk;
  const processes: ChildProcess[] = [];
  const urls: string[] = [];
  const agentEmails = ['alice', 'bob', 'sam', 'ada'].map((n) => `${n}@demo.deskkit.dev`);
  let agents: Array<{ client: DeskClient; agentId: string; stop: () => void }> = [];

  before(async () => {
    host = await startTestDesk({ routingSweepMs: 3_600_000 });
    for (let i = 0; i < 3; i++) {
      const started = await spawnDesk(host.databaseUri, { env: { DESKKIT_ROUTING_SWEEP_MS: '500' } });
      processes.push(started.child);
      urls.push(started.url);
    }
    // Each agent connects (goes online) through a different process and is Available.
    agents = await Promise.all(
      agentEmails.map(async (email, i) => {
        const { client, agentId } = await signedInClient(urls[i % 3]!, { email, password: host.seed.password });
        const stream = record((h) => client.presence.onChange.subscribe(undefined, h));
        await waitFor(() => stream.started, 3_000, `${email} online`);
        await client.presence.setStatus.mutate({ status: 'available' });
        return { client, agentId, stop: stream.unsubscribe };
      }),
    );
  });

  after(async () => {
    for (const agent of agents) agent.stop();
    await stopDesks(processes);
    await host.close();
  });

  async function assertInvariants() {
    const { models } = host.desk.services;
    const tenantId = host.seed.tenantId;
    // Chats take slots; tickets (async work) do not.
    const open = await models.Conversation.find({ tenantId, kind: 'chat', status: 'open' }).lean();
    for (const agent of agents) {
      const row = (await models.Agent.findOne({ tenantId, _id: agent.agentId }).lean())!;
      const mine = open.filter((c) => String(c.assigneeId) === agent.agentId).map((c) => String(c._id));
      const held = mine.length;
      assert.ok(held <= row.maxChats, `${row.name} holds ${held} > cap ${row.maxChats}`);
      assert.equal(row.freeSlots, row.maxChats - held, `${row.name}'s free slots match`);
      assert.deepEqual(row.slots.map((slot) => String(slot.c)).sort(), mine.sort(), `${row.name}'s slots are the chats they hold`);
    }
    // Exactly one 'assigned' timeline event per assigned chat: nobody won twice.
    const assigned = await models.Message.find({ tenantId, kind: 'event', 'event.type': 'assigned' }).lean();
    const perChat = new Map<string, number>();
    for (const m of assigned) perChat.set(String(m.conversationId), (perChat.get(String(m.conversationId)) ?? 0) + 1);
    for (const [chat, count] of perChat) assert.equal(count, 1, `chat ${chat} assigned ${count} times`);
    return { open, assigned };
  }

  test('manual: every agent grabs every pending chat at once', async () => {
    const support = host.seed.departments.find((d) => d.name === 'Support')!.id;
    const chats = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        createDeskClient({ url: urls[i % 3]! }).webchat.start.mutate({
          tenant: 'demo',
          departmentId: support,
          message: { body: `help #${i}`, clientMessageId: cid() },
        }),
      ),
    );
    const ids = new Set(chats.map((c) => c.conversation.id));
    const ours = (open: Array<{ _id: unknown }>) => open.filter((c) => ids.has(String(c._id))).length;
    // Room left on the four agents (seeded chats already hold some of it).
    const room = (await host.desk.services.models.Agent.find({ tenantId: host.seed.tenantId, _id: { $in: agents.map((a) => a.agentId) } }).lean())
      .reduce((sum, a) => sum + a.freeSlots, 0);
    const attempts = agents.flatMap((agent) =>
      chats.map((chat) => agent.client.conversations.accept.mutate({ conversationId: chat.conversation.id }).then(
        () => 'won',
        (err: { data?: { code?: string } }) => err.data?.code ?? 'error',
      )),
    );
    const results = await Promise.all(attempts);
    assert.ok(results.every((r) => r === 'won' || r === 'CONFLICT'), `unexpected results: ${[...new Set(results)]}`);
    const won = results.filter((r) => r === 'won').length;
    const { open } = await assertInvariants();
    assert.equal(ours(open), won);
    // Under contention an attempt can lose to a slot another attempt held for a moment;
    // a calm second round fills every remaining slot, still without breaking anything.
    for (const agent of agents) {
      for (const chat of chats) {
        await agent.client.conversations.accept.mutate({ conversationId: chat.conversation.id }).catch(() => undefined);
      }
    }
    const after = await assertInvariants();
    assert.equal(ours(after.open), Math.min(room, chats.length), 'every slot filled, none twice');
  });

  test('automatic: chats arriving through three processes are spread without breaking a cap', async () => {
    const { models } = host.desk.services;
    const tenantId = host.seed.tenantId;
    // Free everyone: close what the manual test assigned, then switch the tenant to automatic routing.
    const open = await models.Conversation.find({ tenantId, status: 'open' }).lean();
    await Promise.all(
      open.map((c) => {
        const owner = agents.find((a) => a.agentId === String(c.assigneeId))!;
        return owner.client.conversations.close.mutate({ conversationId: String(c._id) });
      }),
    );
    await models.Conversation.updateMany({ tenantId, status: 'pending' }, { $set: { status: 'closed' } });
    await models.Tenant.updateOne({ _id: tenantId }, { $set: { routingMode: 'auto' } });
    const support = host.seed.departments.find((d) => d.name === 'Support')!.id;

    const started = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        createDeskClient({ url: urls[i % 3]! }).webchat.start.mutate({
          tenant: 'demo',
          departmentId: support,
          message: { body: `auto #${i}`, clientMessageId: cid() },
        }),
      ),
    );
    const supportAgents = await models.Agent.find({ tenantId, _id: { $in: agents.map((a) => a.agentId) }, departmentIds: support }).lean();
    const capacity = supportAgents.reduce((sum, a) => sum + a.maxChats, 0);
    const openChats = () => models.Conversation.countDocuments({ tenantId, kind: 'chat', status: 'open' });
    await waitFor(async () => (await openChats()) >= Math.min(capacity, started.length), 20_000, 'every free slot in Support used');
    const { open: assigned } = await assertInvariants();
    assert.equal(assigned.length, Math.min(capacity, started.length), 'every free slot in Support was used');
    // Least-loaded spreading: everyone in Support got chats.
    for (const agent of supportAgents) assert.ok(assigned.some((c) => String(c.assigneeId) === String(agent._id)), `${agent.name} got chats`);

    // When capacity frees, the next queued chat is assigned.
    const victim = assigned[0]!;
    const owner = agents.find((a) => a.agentId === String(victim.assigneeId))!;
    const pendingBefore = await models.Conversation.countDocuments({ tenantId, status: 'pending' });
    await owner.client.conversations.close.mutate({ conversationId: String(victim._id) });
    const pending = () => models.Conversation.countDocuments({ tenantId, status: 'pending' });
    await waitFor(async () => (await pending()) === pendingBefore - 1, 10_000, 'the next queued chat assigned');
    await assertInvariants();
  });

  test('a chat stored by a process that died before routing it is placed by another process’s sweep', async () => {
    const { models } = host.desk.services;
    const tenantId = host.seed.tenantId;
    const support = host.seed.departments.find((d) => d.name === 'Support')!.id;
    // Nothing waits, and one Support agent has room.
    await models.Conversation.updateMany({ tenantId, status: 'pending' }, { $set: { status: 'closed' } });
    const victim = (await models.Conversation.findOne({ tenantId, kind: 'chat', status: 'open', departmentId: support }).lean())!;
    const owner = agents.find((a) => a.agentId === String(victim.assigneeId))!;
    await owner.client.conversations.close.mutate({ conversationId: String(victim._id) });
    await waitFor(async () => (await models.Agent.findOne({ tenantId, _id: owner.agentId }).lean())!.freeSlots > 0, 5_000, 'a free slot');

    // What a process leaves behind when it dies between storing a chat and routing it: the chat, pending.
    const customer = await models.Customer.create({ tenantId, name: 'Orphan' });
    const orphan = await models.Conversation.create({ tenantId, customerId: customer._id, customerName: 'Orphan', departmentId: support, status: 'pending' });
    const placed = await waitFor(
      async () => {
        const row = await models.Conversation.findOne({ tenantId, _id: orphan._id }).lean();
        return row?.status === 'open' ? row : null;
      },
      10_000,
      'the orphaned chat placed by a sweep',
    );
    assert.equal(String(placed.assigneeId), owner.agentId, 'the agent with room');
    await assertInvariants();
  });
});
