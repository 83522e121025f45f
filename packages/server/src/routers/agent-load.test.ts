import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Types } from 'mongoose';
import type { DeskClient } from '@deskkit/client';
import { trpcError } from '../testing/assertions.js';
import { signedInClient } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

describe('agents.load against hand-built conversations in their own tenant', () => {
  let t: TestDesk;
  let boss: DeskClient;
  let alice: DeskClient;
  let ids: { alice: string; bob: string; gone: string; support: string; sales: string };

  before(async () => {
    t = await startTestDesk();
    const { models, tenants, agents, presence } = t.desk.services;
    const { id: tenantId } = await tenants.ensure('load-fixture', 'Load fixture');
    const tenant = new Types.ObjectId(tenantId);
    const support = String((await models.Department.create({ tenantId: tenant, name: 'Support' }))._id);
    const sales = String((await models.Department.create({ tenantId: tenant, name: 'Sales' }))._id);
    const agent = (email: string, name: string, role: 'agent' | 'supervisor', departmentIds: string[], maxChats = 3) =>
      agents.create(tenantId, { email, name, password: t.seed.password, role, departmentIds, maxChats });
    await agent('boss@load.test', 'Boss', 'supervisor', []);
    const a = await agent('alice@load.test', 'Alice', 'agent', [support, sales], 4);
    const b = await agent('bob@load.test', 'Bob', 'agent', [sales]);
    const g = await agent('gone@load.test', 'Gone', 'agent', [support]);
    await agents.disable(tenantId, g.id);
    ids = { alice: a.id, bob: b.id, gone: g.id, support, sales };

    const conversation = (kind: 'chat' | 'ticket', status: string, assignee: string | null) => ({
      tenantId: tenant,
      kind,
      customerId: new Types.ObjectId(),
      customerName: 'Fixture',
      status,
      assigneeId: assignee ? new Types.ObjectId(assignee) : null,
    });
    await models.Conversation.insertMany([
      conversation('chat', 'open', a.id),
      conversation('chat', 'open', a.id),
      conversation('chat', 'closed', a.id),
      conversation('chat', 'pending', null),
      conversation('ticket', 'open', a.id),
      conversation('ticket', 'on-hold', a.id),
      conversation('ticket', 'solved', a.id),
      conversation('chat', 'open', b.id),
      conversation('ticket', 'open', b.id),
      conversation('chat', 'open', g.id),
    ]);
    await presence.setStatus(tenantId, a.id, 'available');
    await presence.connect(tenantId, a.id);
    const as = async (email: string) => (await signedInClient(t.url, { tenant: 'load-fixture', email, password: t.seed.password })).client;
    boss = await as('boss@load.test');
    alice = await as('alice@load.test');
  });
  after(() => t?.close());

  test('open chats, open/on-hold tickets, presence and departments per active agent', async () => {
    const rows = await boss.agents.load.query();
    assert.deepEqual(
      rows.map((r) => [r.name, r.role, r.status, r.online, r.openChats, r.maxChats, r.tickets]),
      [
        ['Alice', 'agent', 'available', true, 2, 4, 2],
        ['Bob', 'agent', 'unavailable', false, 1, 3, 1],
        ['Boss', 'supervisor', 'unavailable', false, 0, 3, 0],
      ],
    );
    const aliceRow = rows.find((r) => r.agentId === ids.alice);
    assert.deepEqual(aliceRow?.departments.map((d) => d.name).sort(), ['Sales', 'Support']);
    assert.ok(!rows.some((r) => r.agentId === ids.gone), 'disabled agents are left out');
  });

  test("a monitoring supervisor's read does not count for the assignee; the assignee's does", async () => {
    const { models } = t.desk.services;
    const chat = await models.Conversation.findOne({ kind: 'chat', status: 'open', assigneeId: new Types.ObjectId(ids.alice) })
      .setOptions({ crossTenant: true })
      .lean();
    await models.Conversation.updateOne({ tenantId: chat!.tenantId, _id: chat!._id }, { $set: { lastSeq: 3, agentReadSeq: 1 } });
    const conversationId = String(chat!._id);
    const watched = await boss.conversations.markRead.mutate({ conversationId, seq: 3 });
    assert.equal(watched.read.agent, 1);
    const read = await alice.conversations.markRead.mutate({ conversationId, seq: 3 });
    assert.equal(read.read.agent, 3);
  });

  test('agents may not see the desk; other tenants see only their own agents', async () => {
    await assert.rejects(alice.agents.load.query(), trpcError('FORBIDDEN'));
    const sam = (await signedInClient(t.url, { email: 'sam@demo.deskkit.dev', password: t.seed.password })).client;
    const theirs = await sam.agents.load.query();
    assert.ok(theirs.length > 0);
    assert.ok(!theirs.some((r) => [ids.alice, ids.bob].includes(r.agentId)));
  });
});
