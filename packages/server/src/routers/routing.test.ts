import assert from 'node:assert/strict';
import { after, before, describe, test, type TestContext } from 'node:test';
import type { AgentLiveEvent, DeskClient } from '@deskkit/client';
import type { Models } from '../models/index.js';
import type { Priority } from '../schemas/conversations.js';
import { AgentService } from '../services/agents.js';
import { trpcError } from '../testing/assertions.js';
import { record, signedInClient, startChat, waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

const password = 'routing-password';

/**
 * Automatic routing: what is handed out first, which queues a freed or new slot
 * serves, what starts routing, and per-department modes. Each test has its own
 * tenant, so nothing else waits in its queues.
 */
describe('automatic routing', () => {
  let t: TestDesk;
  let tenants = 0;

  before(async () => {
    t = await startTestDesk();
  });
  after(() => t.close());

  /** A tenant with an admin (who never goes online, so never takes chats). */
  async function tenant() {
    const slug = `routing-${++tenants}`;
    const { id: tenantId } = await t.desk.services.tenants.ensure(slug, `Routing ${tenants}`);
    await t.desk.services.agents.create(tenantId, { email: 'admin@routing.example', name: 'Admin', password, role: 'admin', departmentIds: [], maxChats: 0 });
    const admin = (await signedInClient(t.url, { tenant: slug, email: 'admin@routing.example', password })).client;
    const department = async (name: string, routingMode?: 'tenant' | 'manual' | 'auto') =>
      (await admin.departments.create.mutate({ name, ...(routingMode ? { routingMode } : {}) })).id;
    /** An agent, online through their live stream; Available unless told otherwise. */
    const agent = async (ctx: TestContext, name: string, departmentIds: string[], maxChats: number, available = true) => {
      const { models } = t.desk.services;
      await t.desk.services.agents.create(tenantId, { email: `${name}@routing.example`, name, password, role: 'agent', departmentIds, maxChats });
      const signed = await signedInClient(t.url, { tenant: slug, email: `${name}@routing.example`, password });
      const live = record<AgentLiveEvent>((h) => signed.client.conversations.onEvent.subscribe(undefined, h));
      ctx.after(live.unsubscribe);
      await waitFor(() => live.started, 3_000, `${name} online`);
      if (available) await signed.client.presence.setStatus.mutate({ status: 'available' });
      const row = async () => (await models.Agent.findOne({ tenantId, _id: signed.agentId }).lean())!;
      return { ...signed, live, row };
    };
    const chat = async (departmentId: string | null, priority?: Priority) => {
      const started = await startChat(t.url, { tenant: slug, ...(departmentId ? { departmentId } : {}) });
      if (priority) await admin.conversations.updateTicket.mutate({ conversationId: started.id, priority });
      return started.id;
    };
    const get = (conversationId: string) => admin.conversations.get.query({ conversationId });
    /** The open chats an agent holds. */
    const held = async (client: DeskClient) =>
      (await client.conversations.list.query({ view: 'mine', limit: 200 })).items
        .filter((c) => c.kind === 'chat' && c.status === 'open')
        .map((c) => c.id);
    return { slug, tenantId, admin, department, agent, chat, get, held };
  }

  test('the highest priority goes first, then the longest waiting; each freed slot takes the next', async (ctx) => {
    const { admin, department, agent, chat, held } = await tenant();
    const support = await department('Support');
    const ann = await agent(ctx, 'ann', [support], 1, false);
    const normal = await chat(support, 'normal');
    const firstHigh = await chat(support, 'high');
    const low = await chat(support, 'low');
    const secondHigh = await chat(support, 'high');
    const urgent = await chat(support, 'urgent');
    await admin.tenant.update.mutate({ routingMode: 'auto' });
    assert.deepEqual(await held(ann.client), [], 'not Available yet');

    await ann.client.presence.setStatus.mutate({ status: 'available' });
    const order = [];
    for (let i = 0; i < 5; i++) {
      const mine = await held(ann.client);
      assert.equal(mine.length, 1, 'one chat at a time (her cap)');
      order.push(mine[0]!);
      await ann.client.conversations.close.mutate({ conversationId: mine[0]! });
    }
    assert.deepEqual(order, [urgent, firstHigh, secondHigh, normal, low]);
    assert.equal((await ann.row()).freeSlots, 1);
  });

  test('a freed slot takes the next chat from any queue its agent serves: another department, or the general queue', async (ctx) => {
    const { admin, department, agent, chat, get, held } = await tenant();
    const support = await department('Support');
    const billing = await department('Billing');
    await admin.tenant.update.mutate({ routingMode: 'auto' });
    const ann = await agent(ctx, 'ann', [support, billing], 1);

    const first = await chat(support);
    assert.deepEqual(await held(ann.client), [first], 'routed at once');
    const billingChat = await chat(billing);
    const general = await chat(null, 'high');
    assert.equal((await get(billingChat)).status, 'pending');
    assert.equal((await get(general)).status, 'pending');

    // Closing a Support chat: the most urgent of everything she serves is the general queue's.
    await ann.client.conversations.close.mutate({ conversationId: first });
    assert.deepEqual(await held(ann.client), [general]);
    // Turning it into a ticket (async work) frees her slot for Billing's chat.
    const transferred = await ann.client.conversations.convert.mutate({ conversationId: general, to: 'ticket' });
    assert.equal(transferred.kind, 'ticket');
    assert.deepEqual(await held(ann.client), [billingChat], 'a chat turned ticket frees the slot for another department');
    assert.equal((await ann.row()).freeSlots, 0);
  });

  test('becoming Available takes chats waiting in the general queue (portal chats without a department)', async (ctx) => {
    const { admin, department, agent, chat, get, held } = await tenant();
    const sales = await department('Sales');
    await admin.tenant.update.mutate({ routingMode: 'auto' });
    const ben = await agent(ctx, 'ben', [sales], 2, false);
    const general = await chat(null);
    assert.equal((await get(general)).status, 'pending', 'nobody is Available');
    await ben.client.presence.setStatus.mutate({ status: 'available' });
    assert.deepEqual(await held(ben.client), [general]);
  });

  test('transferring to a department frees the slot for the agent’s other queues and routes the target queue', async (ctx) => {
    const { admin, department, agent, chat, get, held } = await tenant();
    const support = await department('Support');
    const billing = await department('Billing');
    const sales = await department('Sales');
    await admin.tenant.update.mutate({ routingMode: 'auto' });
    const ann = await agent(ctx, 'ann', [support, billing], 1);
    const first = await chat(support);
    const billingChat = await chat(billing);
    assert.deepEqual(await held(ann.client), [first]);
    // Sales has no Available agent: the chat waits there; Ann's slot goes to Billing's chat.
    await ann.client.conversations.transfer.mutate({ conversationId: first, to: { departmentId: sales }, note: 'a pricing question' });
    assert.equal((await get(first)).status, 'pending');
    assert.deepEqual(await held(ann.client), [billingChat]);
    // A Sales agent coming in takes it.
    const cat = await agent(ctx, 'cat', [sales], 1);
    assert.deepEqual(await held(cat.client), [first]);
  });

  test('raising an agent’s cap hands out waiting chats at once, in one atomic update', async (ctx) => {
    const { admin, department, agent, chat, held } = await tenant();
    const support = await department('Support');
    await admin.tenant.update.mutate({ routingMode: 'auto' });
    const ann = await agent(ctx, 'ann', [support], 1);
    const chats = [await chat(support), await chat(support), await chat(support)];
    assert.deepEqual(await held(ann.client), [chats[0]]);
    const raised = await admin.agents.update.mutate({ agentId: ann.agentId, maxChats: 3 });
    assert.equal(raised.maxChats, 3);
    assert.deepEqual((await held(ann.client)).sort(), [...chats].sort());
    const row = await ann.row();
    assert.equal(row.freeSlots, 0);
    assert.equal(row.maxChats, 3);
  });

  test('a lower cap and the free slots change together: no reserve lands between them', async (ctx) => {
    const { tenantId, department, agent, chat } = await tenant();
    const support = await department('Support');
    const ann = await agent(ctx, 'ann', [support], 5);
    for (let i = 0; i < 3; i++) await ann.client.conversations.accept.mutate({ conversationId: await chat(support) });
    assert.equal((await ann.row()).freeSlots, 2);

    // Another process tries to give Ann two more chats the moment the update's first write lands.
    const { models, events, presence, conversations, routing } = t.desk.services;
    let raced: Promise<unknown> | null = null;
    const Agent = new Proxy(models.Agent, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (typeof value !== 'function' || !['findOneAndUpdate', 'updateOne'].includes(String(prop))) return value;
        return (...args: unknown[]) => {
          const query = value.apply(target, args);
          const exec = query.exec.bind(query);
          query.exec = async () => {
            const result = await exec();
            raced ??= Promise.all([routing.reserve(tenantId, ann.agentId), routing.reserve(tenantId, ann.agentId)]);
            await raced;
            return result;
          };
          return query;
        };
      },
    });
    const agents = new AgentService({ ...models, Agent } as Models, events, presence, conversations);
    const updated = await agents.update(tenantId, { agentId: ann.agentId, maxChats: 3 });
    assert.equal(updated.maxChats, 3);
    assert.deepEqual(await raced, ['at-capacity', 'at-capacity'], 'the new cap was already in force');
    assert.equal((await ann.row()).freeSlots, 0);
  });

  test('adding an agent to a department hands them its waiting chats at once', async (ctx) => {
    const { admin, department, agent, chat, held } = await tenant();
    const support = await department('Support');
    const returns = await department('Returns');
    const billing = await department('Billing');
    await admin.tenant.update.mutate({ routingMode: 'auto' });
    const ann = await agent(ctx, 'ann', [support], 3);
    const waitingReturn = await chat(returns);
    const waitingBill = await chat(billing);
    assert.deepEqual(await held(ann.client), []);
    await admin.departments.update.mutate({ departmentId: returns, addMemberIds: [ann.agentId] });
    assert.deepEqual(await held(ann.client), [waitingReturn], 'through departments.update');
    await admin.agents.update.mutate({ agentId: ann.agentId, departmentIds: [support, returns, billing] });
    assert.deepEqual((await held(ann.client)).sort(), [waitingReturn, waitingBill].sort(), 'through agents.update');
  });

  test('a department’s own routing mode overrides the tenant’s, both ways', async (ctx) => {
    const { admin, department, agent, chat, get, held } = await tenant();
    const autoQueue = await department('Always auto', 'auto');
    const manualQueue = await department('Always manual', 'manual');
    const followsTenant = await department('Follows tenant');
    const listed = await admin.departments.list.query();
    assert.deepEqual(
      Object.fromEntries(listed.map((d) => [d.name, d.routingMode])),
      { 'Always auto': 'auto', 'Always manual': 'manual', 'Follows tenant': 'tenant' },
    );
    const ann = await agent(ctx, 'ann', [autoQueue, manualQueue, followsTenant], 5);

    // The tenant routes by hand: only the automatic department hands out.
    const a = await chat(autoQueue);
    const m = await chat(manualQueue);
    const f = await chat(followsTenant);
    assert.deepEqual(await held(ann.client), [a]);
    assert.equal((await get(m)).status, 'pending');
    assert.equal((await get(f)).status, 'pending');

    // The tenant routes automatically: the manual department still waits for an accept.
    await admin.tenant.update.mutate({ routingMode: 'auto' });
    assert.deepEqual((await held(ann.client)).sort(), [a, f].sort());
    const m2 = await chat(manualQueue);
    assert.equal((await get(m2)).status, 'pending');
    await ann.client.conversations.accept.mutate({ conversationId: m });

    // Switching the manual department to follow the tenant hands out what waits there.
    const switched = await admin.departments.update.mutate({ departmentId: manualQueue, routingMode: 'tenant' });
    assert.equal(switched.routingMode, 'tenant');
    assert.equal((await get(m2)).status, 'open');

    // Admins only, and the schema names the field.
    await assert.rejects(admin.departments.update.mutate({ departmentId: autoQueue, routingMode: 'sometimes' as never }), trpcError('BAD_REQUEST', 'routingMode'));
    await assert.rejects(admin.departments.create.mutate({ name: 'X', routingMode: 'auto ' as never }), trpcError('BAD_REQUEST', 'routingMode'));
    await assert.rejects(ann.client.departments.update.mutate({ departmentId: autoQueue, routingMode: 'manual' }), trpcError('FORBIDDEN'));
  });

  test('a chat left waiting by a lost trigger is placed by the routing sweep; a manual queue is left alone', async (ctx) => {
    const { tenantId, admin, department, agent, get, held } = await tenant();
    await admin.tenant.update.mutate({ routingMode: 'auto' });
    const auto = await department('Swept');
    const manual = await department('By hand', 'manual');
    const ann = await agent(ctx, 'ann', [auto, manual], 5);
    // Two chats stored without routing (as when the process that would have routed them died).
    const { models } = t.desk.services;
    const customer = await models.Customer.create({ tenantId, name: 'Lost' });
    const waiting = async (departmentId: string) =>
      String((await models.Conversation.create({ tenantId, customerId: customer._id, customerName: 'Lost', departmentId, status: 'pending' }))._id);
    const lost = await waiting(auto);
    const untouched = await waiting(manual);
    assert.equal((await get(lost)).status, 'pending');

    await t.desk.services.conversations.routeWaiting();
    assert.deepEqual(await held(ann.client), [lost]);
    assert.equal((await get(lost)).assigneeId, ann.agentId);
    assert.equal((await get(untouched)).status, 'pending');
  });
});
