import assert from 'node:assert/strict';
import { after, before, describe, test, type TestContext } from 'node:test';
import type { AgentLiveEvent, DeskClient, VisitorLiveEvent } from '@deskkit/client';
import { Types } from 'mongoose';
import type { Models } from '../models/index.js';
import type { Priority } from '../schemas/conversations.js';
import { AgentService } from '../services/agents.js';
import { RoutingService } from '../services/routing.js';
import { trpcError } from '../testing/assertions.js';
import { goLive, record, signedInClient, startChat, waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

const password = 'routing-password';

/**
 * Automatic routing: what is handed out first, which queues a freed or new slot
 * serves, what starts routing, and per-department modes. Each test has its own
 * tenant, so nothing else waits in its queues. Routing runs in the background (no
 * request waits for it), so the helpers that read the outcome first let the runs
 * started so far finish.
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
      const live = await goLive(signed.client, { ctx, available, what: `${name} online` });
      const row = async () => (await models.Agent.findOne({ tenantId, _id: signed.agentId }).lean())!;
      return { ...signed, live, row };
    };
    const chat = async (departmentId: string | null, priority?: Priority) => {
      const started = await startChat(t.url, { tenant: slug, ...(departmentId ? { departmentId } : {}) });
      if (priority) await admin.conversations.updateTicket.mutate({ conversationId: started.id, priority });
      return started.id;
    };
    const settled = () => t.desk.services.conversations.routingSettled();
    const get = async (conversationId: string) => {
      await settled();
      return admin.conversations.get.query({ conversationId });
    };
    /** The open chats an agent holds, once routing has settled. */
    const held = async (client: DeskClient) => {
      await settled();
      return (await client.conversations.list.query({ view: 'mine', limit: 200 })).items
        .filter((c) => c.kind === 'chat' && c.status === 'open')
        .map((c) => c.id);
    };
    return { slug, tenantId, admin, department, agent, chat, get, held, settled };
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

  test('a waiting burst is placed in rounds: evenly, one slot reservation per agent, each chat announced with its agent', async (ctx) => {
    const { tenantId, admin, department, agent, chat, get, held, settled } = await tenant();
    const support = await department('Support');
    const agents = [await agent(ctx, 'ann', [support], 5), await agent(ctx, 'ben', [support], 5), await agent(ctx, 'cat', [support], 5)];
    const chats = await Promise.all(Array.from({ length: 12 }, () => chat(support)));
    await settled();

    // Count the slot reservations (writes taking free slots) the run makes.
    const { models } = t.desk.services;
    const reservations: unknown[] = [];
    for (const method of ['updateOne', 'findOneAndUpdate'] as const) {
      const original = models.Agent[method];
      (models.Agent as any)[method] = function (this: unknown, ...args: any[]) {
        if (args[0]?.tenantId === tenantId && (args[1]?.$inc?.freeSlots ?? 0) < 0) reservations.push(args[1].$inc.freeSlots);
        return (original as any).apply(this, args);
      };
      ctx.after(() => void ((models.Agent as any)[method] = original));
    }
    await admin.tenant.update.mutate({ routingMode: 'auto' });
    await settled();

    const loads = await Promise.all(agents.map(async (a) => (await held(a.client)).length));
    assert.deepEqual(loads, [4, 4, 4], 'spread evenly');
    assert.deepEqual(reservations, [-4, -4, -4], 'each agent’s slots for the round reserved in one update');
    for (const a of agents) assert.equal((await a.row()).freeSlots, 1);
    const names = new Map(agents.map((a, i) => [a.agentId, ['ann', 'ben', 'cat'][i]]));
    for (const id of chats) {
      const view = await get(id);
      assert.equal(view.status, 'open');
      const timeline = await admin.conversations.messages.query({ conversationId: id, limit: 10 });
      const assigned = timeline.map((m) => m.event).find((e) => e?.type === 'assigned');
      assert.ok(assigned && assigned.type === 'assigned', 'announced');
      assert.equal(assigned.agentId, view.assigneeId);
      assert.equal(assigned.agentName, names.get(view.assigneeId!));
    }
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
            raced ??= Promise.all([routing.reserve(tenantId, ann.agentId, String(new Types.ObjectId())), routing.reserve(tenantId, ann.agentId, String(new Types.ObjectId()))]);
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
    const { tenantId, admin, department, agent, get, held, settled } = await tenant();
    await admin.tenant.update.mutate({ routingMode: 'auto' });
    const auto = await department('Swept');
    const manual = await department('By hand', 'manual');
    const ann = await agent(ctx, 'ann', [auto, manual], 5);
    await settled();
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

  test('a customer’s start returns while routing is busy; the chat is placed after and the customer sees the agent join', async (ctx) => {
    const { slug, tenantId, admin, department, agent, get, held, settled } = await tenant();
    await admin.tenant.update.mutate({ routingMode: 'auto' });
    const support = await department('Support');
    const ann = await agent(ctx, 'ann', [support], 1);
    await settled();

    // Hold this tenant's routing runs at their start until the test lets them go.
    const { routing } = t.desk.services;
    const route = routing.route;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let runsHeld = 0;
    routing.route = async function* (id, queues, signal) {
      if (id === tenantId) {
        runsHeld++;
        await gate;
      }
      yield* route.call(routing, id, queues, signal);
    };
    ctx.after(() => {
      routing.route = route;
      release();
    });

    const started = await startChat(t.url, { tenant: slug, departmentId: support });
    assert.equal(runsHeld, 1, 'the start triggered a routing run, which is still held');
    assert.equal(started.conversation.status, 'pending', 'answered before routing placed the chat');
    assert.equal(started.conversation.agentName, null);

    // The customer follows their events from before the start and sees Ann join once routing goes on.
    const live = record<VisitorLiveEvent>((h) => started.visitor.webchat.onEvent.subscribe({ lastEventId: started.lastEventId }, h));
    ctx.after(live.unsubscribe);
    await waitFor(() => live.started, 3_000, 'visitor stream');
    release();
    const joined = await waitFor(
      () => live.events.map((e) => (e.data.type === 'message' ? e.data.message.event : null)).find((e) => e?.type === 'assigned'),
      5_000,
      'the assigned event',
    );
    assert.deepEqual(joined.type === 'assigned' && joined.agentName, 'ann');
    await waitFor(
      () => live.events.some((e) => e.data.type === 'conversation' && e.data.conversation.status === 'open' && e.data.conversation.agentName === 'ann'),
      5_000,
      'the conversation as assigned',
    );
    assert.equal((await get(started.id)).assigneeId, ann.agentId);
    assert.deepEqual(await held(ann.client), [started.id]);
  });

  test('a routing run that fails is logged with its tenant and queues; the next run places the chat', async (ctx) => {
    const { slug, tenantId, admin, department, agent, get, settled } = await tenant();
    await admin.tenant.update.mutate({ routingMode: 'auto' });
    const support = await department('Support');
    const ann = await agent(ctx, 'ann', [support], 1);
    await settled();

    const { routing, conversations, log } = t.desk.services;
    const route = routing.route;
    routing.route = async function* (id, queues, signal) {
      if (id === tenantId) throw new Error('database went away');
      yield* route.call(routing, id, queues, signal);
    };
    const logged: unknown[] = [];
    const warn = log.warn;
    log.warn = ((...args: unknown[]) => void logged.push(args)) as typeof log.warn;
    ctx.after(() => {
      routing.route = route;
      log.warn = warn;
    });

    const started = await startChat(t.url, { tenant: slug, departmentId: support });
    await settled();
    assert.equal((await get(started.id)).status, 'pending');
    assert.equal(logged.length, 1, 'one failed run, logged');
    const [context, message] = logged[0] as [Record<string, unknown>, string];
    assert.match(String((context.err as Error).message), /database went away/);
    assert.equal(context.tenantId, tenantId);
    assert.deepEqual(context.queues, [support]);
    assert.match(message, /routing failed/);

    routing.route = route;
    await conversations.routeWaiting();
    assert.equal((await get(started.id)).assigneeId, ann.agentId, 'the sweep placed it');
  });
  test('slots a process that died mid-assignment left are freed once stale; held chats keep theirs; a release frees once', async (ctx) => {
    const { tenantId, department, agent, chat } = await tenant();
    const support = await department('Support');
    const ann = await agent(ctx, 'ann', [support], 3);
    const { models, routing } = t.desk.services;
    const [kept, closed, unclaimed] = [await chat(support), await chat(support), await chat(support)];
    await ann.client.conversations.accept.mutate({ conversationId: kept });
    await ann.client.conversations.accept.mutate({ conversationId: closed });
    // Died after reserving, before claiming; and after closing, before releasing.
    assert.equal(await routing.reserve(tenantId, ann.agentId, unclaimed), null);
    await models.Conversation.updateOne({ tenantId, _id: closed }, { $set: { status: 'closed', closedAt: new Date() } });
    assert.equal((await ann.row()).freeSlots, 0);

    // Every tenant's agents are reconciled; this test looks at its own.
    const reconcile = async (now?: number, all = false) => (await routing.reconcileSlots({ now, all })).filter((fixed) => fixed.tenantId === tenantId);
    assert.deepEqual(await reconcile(), [], 'young slots may still be claimed: left alone');
    assert.equal((await ann.row()).freeSlots, 0);
    const later = Date.now() + 2 * 60_000 + 1_000;
    assert.deepEqual(await reconcile(later), [{ tenantId, agentId: ann.agentId, freed: 2 }]);
    const row = await ann.row();
    assert.equal(row.freeSlots, 2);
    assert.deepEqual(row.slots.map((slot) => [String(slot.c), slot.at]), [[kept, null]], 'the held chat, confirmed');
    assert.deepEqual(await reconcile(later), [], 'confirmed slots are not looked at again');
    assert.deepEqual(await reconcile(later, true), [], 'nothing to put right');

    // A chat found held, then closed by a process that died before its release: the audit of every agent frees it.
    await models.Conversation.updateOne({ tenantId, _id: kept }, { $set: { status: 'closed', closedAt: new Date() } });
    assert.deepEqual(await reconcile(later), [], 'the frequent run does not look at confirmed slots');
    assert.deepEqual(await reconcile(undefined, true), [{ tenantId, agentId: ann.agentId, freed: 1 }]);
    assert.equal((await ann.row()).freeSlots, 3);
    await models.Conversation.updateOne({ tenantId, _id: kept }, { $set: { status: 'open', closedAt: null } });
    await routing.recountSlots(tenantId);
    assert.equal((await ann.row()).freeSlots, 2);

    // A release the reconcile got to first, and a repeated one, free nothing more.
    await routing.release(tenantId, ann.agentId, closed);
    await ann.client.conversations.close.mutate({ conversationId: kept });
    await routing.release(tenantId, ann.agentId, kept);
    assert.equal((await ann.row()).freeSlots, 3);
    assert.deepEqual((await ann.row()).slots, []);
  });

  test('the reconcile writes nothing over a reservation made while it counted; one chat takes one slot per agent', async (ctx) => {
    const { tenantId, department, agent, chat } = await tenant();
    const support = await department('Support');
    const ann = await agent(ctx, 'ann', [support], 2);
    const { models, leases, routing } = t.desk.services;
    const [leaked, next] = [await chat(support), await chat(support)];
    assert.equal(await routing.reserve(tenantId, ann.agentId, leaked), null);
    assert.equal(await routing.reserve(tenantId, ann.agentId, leaked), 'taken', 'a second reservation of the same chat');
    assert.equal((await ann.row()).freeSlots, 1);

    // Another process reserves a slot for `next` while this reconcile reads the chats Ann holds.
    let raced: Promise<unknown> | null = null;
    const Conversation = new Proxy(models.Conversation, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (prop !== 'find') return value;
        return (...args: Array<{ assigneeId?: unknown }>) => {
          const query = value.apply(target, args);
          if (String(args[0]?.assigneeId) !== ann.agentId) return query;
          const exec = query.exec.bind(query);
          query.exec = async () => {
            const result = await exec();
            await (raced ??= routing.reserve(tenantId, ann.agentId, next));
            return result;
          };
          return query;
        };
      },
    });
    const reconcile = async (service: RoutingService, now: number) => (await service.reconcileSlots({ now })).filter((fixed) => fixed.tenantId === tenantId);
    const racing = new RoutingService({ ...models, Conversation } as Models, leases, { staleSlotMs: 0 });
    assert.deepEqual(await reconcile(racing, Date.now() + 1), [], 'its write lost to the reservation');
    assert.equal(await raced, null);
    const row = await ann.row();
    assert.equal(row.freeSlots, 0);
    assert.deepEqual(row.slots.map((slot) => String(slot.c)), [leaked, next]);
    // The next run writes: neither chat was claimed.
    assert.deepEqual(await reconcile(racing, Date.now() + 1), [{ tenantId, agentId: ann.agentId, freed: 2 }]);
  });

  test('an agent from before slots listed chats gets one per chat held', async (ctx) => {
    const { tenantId, department, agent, chat } = await tenant();
    const support = await department('Support');
    const ann = await agent(ctx, 'ann', [support], 3);
    const { models, routing } = t.desk.services;
    const held = await chat(support);
    await ann.client.conversations.accept.mutate({ conversationId: held });
    await models.Agent.updateOne({ tenantId, _id: ann.agentId }, { $unset: { slots: 1, slotsRev: 1 }, $set: { freeSlots: 3 } });
    const fixed = (await routing.reconcileSlots()).filter((f) => f.tenantId === tenantId);
    assert.deepEqual(fixed, [{ tenantId, agentId: ann.agentId, freed: -1 }]);
    const row = await ann.row();
    assert.equal(row.freeSlots, 2);
    assert.deepEqual(row.slots.map((slot) => String(slot.c)), [held]);
    await ann.client.conversations.close.mutate({ conversationId: held });
    assert.equal((await ann.row()).freeSlots, 3, 'its release frees it');
  });
});

describe('shutting down while routing runs', () => {
  test('close ends the run going on at its next step and waits for it; later triggers do nothing; nothing is rejected unhandled', async (ctx) => {
    const t = await startTestDesk();
    let closed = false;
    ctx.after(() => (closed ? undefined : t.close()));
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    ctx.after(() => process.off('unhandledRejection', onUnhandled));

    const { tenants, agents, routing, conversations, log } = t.desk.services;
    const { id: tenantId } = await tenants.ensure('closing', 'Closing');
    await t.desk.services.models.Tenant.updateOne({ _id: tenantId }, { $set: { routingMode: 'auto' } });
    await agents.create(tenantId, { email: 'ann@closing.example', name: 'ann', password, role: 'agent', departmentIds: [], maxChats: 2 });
    const ann = await signedInClient(t.url, { tenant: 'closing', email: 'ann@closing.example', password });
    const live = record<AgentLiveEvent>((h) => ann.client.conversations.onEvent.subscribe(undefined, h));
    await waitFor(() => live.started, 3_000, 'ann online');
    await ann.client.presence.setStatus.mutate({ status: 'available' });
    await conversations.routingSettled();

    // The next run of this tenant waits until shutdown signals it, then goes on (as one mid-run would).
    const steps: string[] = [];
    const route = routing.route;
    routing.route = async function* (id, queues, signal) {
      if (id !== tenantId) return yield* route.call(routing, id, queues, signal);
      steps.push('run started');
      await new Promise((resolve) => signal!.addEventListener('abort', resolve, { once: true }));
      try {
        for await (const assignment of route.call(routing, id, queues, signal)) {
          steps.push('assigned');
          yield assignment;
        }
      } finally {
        steps.push('run ended');
      }
    };
    const warnings: unknown[] = [];
    const warn = log.warn;
    log.warn = ((...args: unknown[]) => void warnings.push(args)) as typeof log.warn;
    ctx.after(() => {
      log.warn = warn;
    });

    const started = await startChat(t.url, { tenant: 'closing' });
    assert.equal(started.conversation.status, 'pending');
    await waitFor(() => steps.includes('run started'), 3_000, 'the run held');
    live.unsubscribe();
    await t.close();
    closed = true;
    steps.push('closed');
    assert.deepEqual(steps, ['run started', 'run ended', 'closed'], 'close waited for the run, which stopped before assigning');

    // A trigger after shutdown starts nothing (no query on the closed connection).
    conversations.route(tenantId, null);
    conversations.routeFor(tenantId, ann.agentId);
    await conversations.routeWaiting();
    await conversations.routingSettled();
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(warnings, []);
    assert.deepEqual(unhandled, []);
  });
});

describe('slots a dead process left, on the desk’s own timer', () => {
  test('an unclaimed reservation is freed once stale and the waiting chat goes to its agent, without the sweep', async (ctx) => {
    // The routing sweep is far off: only the reconcile's own trigger can place the chat in time.
    const t = await startTestDesk({ slotReconcileMs: 100, slotStaleMs: 400, routingSweepMs: 600_000 });
    ctx.after(() => t.close());
    const { tenants, agents, routing, models } = t.desk.services;
    const { id: tenantId } = await tenants.ensure('leaked', 'Leaked');
    await models.Tenant.updateOne({ _id: tenantId }, { $set: { routingMode: 'auto' } });
    await agents.create(tenantId, { email: 'ann@leaked.example', name: 'ann', password, role: 'agent', departmentIds: [], maxChats: 1 });
    const ann = await signedInClient(t.url, { tenant: 'leaked', email: 'ann@leaked.example', password });
    const live = record<AgentLiveEvent>((h) => ann.client.conversations.onEvent.subscribe(undefined, h));
    ctx.after(() => live.unsubscribe());
    await waitFor(() => live.started, 3_000, 'ann online');

    // A process reserved Ann's one slot for a chat and died before claiming it; the next chat finds no room.
    await ann.client.presence.setStatus.mutate({ status: 'available' });
    await t.desk.services.conversations.routingSettled();
    assert.equal(await routing.reserve(tenantId, ann.agentId, String(new Types.ObjectId())), null);
    const started = await startChat(t.url, { tenant: 'leaked' });
    await t.desk.services.conversations.routingSettled();
    assert.equal((await ann.client.conversations.get.query({ conversationId: started.id })).status, 'pending', 'no room while the slot is held');

    await waitFor(async () => (await ann.client.conversations.get.query({ conversationId: started.id })).assigneeId === ann.agentId, 5_000, 'placed with Ann');
    const row = (await models.Agent.findOne({ tenantId, _id: ann.agentId }).lean())!;
    assert.equal(row.freeSlots, 0);
    assert.deepEqual(row.slots.map((slot) => String(slot.c)), [started.id]);
  });
});
