import assert from 'node:assert/strict';
import { after, before, describe, test, type TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Types } from 'mongoose';
import type { DeskClient } from '@deskkit/client';
import { trpcError } from '../testing/assertions.js';
import { goLive, signedInClient, startChat } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

const s = 1_000;
const at = (iso: string, plusMs = 0) => new Date(Date.parse(iso) + plusMs);
const period = { from: '2025-03-03T00:00:00.000Z', to: '2025-03-05T00:00:00.000Z' };

describe('metrics.summary against hand-built conversations in their own tenant', () => {
  let t: TestDesk;
  let boss: DeskClient;
  let alice: DeskClient;
  let ids: { boss: string; alice: string; bob: string; support: string; sales: string };

  before(async () => {
    t = await startTestDesk();
    const { models, tenants, agents } = t.desk.services;
    const { id: tenantId } = await tenants.ensure('metrics-fixture', 'Metrics fixture');
    const tenant = new Types.ObjectId(tenantId);
    const support = String((await models.Department.create({ tenantId: tenant, name: 'Support' }))._id);
    const sales = String((await models.Department.create({ tenantId: tenant, name: 'Sales' }))._id);
    const agent = (email: string, name: string, role: 'agent' | 'supervisor') =>
      agents.create(tenantId, { email, name, password: t.seed.password, role, departmentIds: [support, sales], maxChats: 3 });
    const chief = await agent('boss@metrics.test', 'Boss', 'supervisor');
    const a = await agent('alice@metrics.test', 'Alice', 'agent');
    const b = await agent('bob@metrics.test', 'Bob', 'agent');
    ids = { boss: chief.id, alice: a.id, bob: b.id, support, sales };

    // Day 1: two handled and closed, one closed unanswered (missed). Day 2: one open, one still
    // waiting (missed: the period is over). One more outside the period, and a ticket, must not count.
    const conversation = (o: {
      created: string;
      dept: string;
      agent?: string;
      waitS?: number;
      firstS?: number;
      handleS?: number;
      status: string;
      kind?: 'chat' | 'ticket';
    }) => {
      const createdAt = at(o.created);
      const assignedAt = o.waitS === undefined ? null : at(o.created, o.waitS * s);
      return {
        tenantId: tenant,
        kind: o.kind ?? 'chat',
        customerId: new Types.ObjectId(),
        customerName: 'Fixture',
        departmentId: new Types.ObjectId(o.dept),
        assigneeId: o.agent ? new Types.ObjectId(o.agent) : null,
        status: o.status,
        createdAt,
        updatedAt: createdAt,
        queuedAt: createdAt,
        lastMessageAt: createdAt,
        assignedAt,
        firstResponseAt: o.firstS === undefined ? null : at(o.created, o.firstS * s),
        closedAt: o.status === 'closed' ? (assignedAt ? new Date(assignedAt.getTime() + (o.handleS ?? 0) * s) : at(o.created, 900 * s)) : null,
      };
    };
    await models.Conversation.insertMany([
      conversation({ created: '2025-03-03T10:00:00Z', dept: support, agent: a.id, waitS: 60, firstS: 120, handleS: 600, status: 'closed' }),
      conversation({ created: '2025-03-03T11:00:00Z', dept: support, agent: b.id, waitS: 180, firstS: 300, handleS: 1200, status: 'closed' }),
      conversation({ created: '2025-03-03T12:00:00Z', dept: sales, status: 'closed' }),
      conversation({ created: '2025-03-04T09:00:00Z', dept: support, agent: a.id, waitS: 120, firstS: 240, status: 'open' }),
      conversation({ created: '2025-03-04T10:00:00Z', dept: sales, status: 'pending' }),
      conversation({ created: '2025-03-06T10:00:00Z', dept: support, agent: a.id, waitS: 5, firstS: 5, handleS: 5, status: 'closed' }),
      conversation({ created: '2025-03-03T13:00:00Z', dept: sales, agent: a.id, waitS: 1, status: 'solved', kind: 'ticket' }),
      conversation({ created: '2025-03-04T11:00:00Z', dept: sales, status: 'pending', kind: 'ticket' }),
    ]);
    const as = async (email: string) => (await signedInClient(t.url, { tenant: 'metrics-fixture', email, password: t.seed.password })).client;
    boss = await as('boss@metrics.test');
    alice = await as('alice@metrics.test');
  });
  after(() => t?.close());

  test('totals over chats only, medians, missed chats, queue length and CSAT placeholder', async () => {
    const m = await boss.metrics.summary.query({ ...period, bucket: 'day' });
    assert.equal(m.queueLength, 1);
    assert.deepEqual(
      { conversations: m.totals.conversations, assigned: m.totals.assigned, closed: m.totals.closed, missed: m.totals.missed },
      { conversations: 5, assigned: 3, closed: 3, missed: 2 },
    );
    assert.deepEqual(m.totals.waitTime, { average: 120 * s, median: 120 * s, count: 3 });
    assert.deepEqual(m.totals.firstResponseTime, { average: 220 * s, median: 240 * s, count: 3 });
    assert.deepEqual(m.totals.handleTime, { average: 900 * s, median: 900 * s, count: 2 });
    assert.equal(m.csat, null);
    assert.match(m.csatNote ?? '', /survey/i);
  });

  test('a series per bucket, with every bucket present', async () => {
    const days = await boss.metrics.summary.query({ ...period, bucket: 'day' });
    assert.deepEqual(days.series, [
      { start: '2025-03-03T00:00:00.000Z', conversations: 3, closed: 3, missed: 1, averageWaitMs: 120 * s, averageFirstResponseMs: 210 * s },
      { start: '2025-03-04T00:00:00.000Z', conversations: 2, closed: 0, missed: 1, averageWaitMs: 120 * s, averageFirstResponseMs: 240 * s },
    ]);
    const hours = await boss.metrics.summary.query({ ...period, bucket: 'hour' });
    assert.equal(hours.series.length, 48);
    assert.equal(hours.series.find((p) => p.start === '2025-03-03T11:00:00.000Z')?.conversations, 1);
    assert.equal(hours.series.filter((p) => p.conversations).length, 5);
    const weeks = await boss.metrics.summary.query({ ...period, bucket: 'week' });
    assert.deepEqual(weeks.series.map((p) => [p.start, p.conversations]), [['2025-03-03T00:00:00.000Z', 5]]);
  });

  test('per agent and per department breakdowns, and filters', async () => {
    const m = await boss.metrics.summary.query({ ...period, bucket: 'day' });
    assert.deepEqual(m.agents.map((a) => [a.name, a.conversations, a.closed]), [['Alice', 2, 1], ['Unassigned', 2, 1], ['Bob', 1, 1]]);
    assert.equal(m.agents.find((a) => a.name === 'Bob')?.handleTime.average, 1200 * s);
    assert.deepEqual(m.departments.map((d) => [d.name, d.conversations, d.missed]), [['Support', 3, 0], ['Sales', 2, 2]]);

    const sales = await boss.metrics.summary.query({ ...period, bucket: 'day', departmentId: ids.sales });
    assert.equal(sales.totals.conversations, 2);
    assert.equal(sales.queueLength, 1);
    const support = await boss.metrics.summary.query({ ...period, bucket: 'day', departmentId: ids.support });
    assert.equal(support.queueLength, 0);
    const bob = await boss.metrics.summary.query({ ...period, bucket: 'day', agentId: ids.bob });
    assert.deepEqual([bob.totals.conversations, bob.totals.waitTime.median], [1, 180 * s]);
  });

  test('an agent gets only their own numbers', async () => {
    const mine = await alice.metrics.summary.query({ ...period, bucket: 'day', agentId: ids.bob });
    assert.equal(mine.period.agentId, ids.alice);
    assert.equal(mine.totals.conversations, 2);
    assert.deepEqual(mine.agents.map((a) => a.name), ['Alice']);
  });

  test('another tenant sees none of it; bad periods name the field', async () => {
    const sam = (await signedInClient(t.url, { email: 'sam@demo.deskkit.dev', password: t.seed.password })).client;
    const theirs = await sam.metrics.summary.query({ ...period, bucket: 'day' });
    assert.equal(theirs.totals.conversations, 0);
    await assert.rejects(sam.metrics.summary.query({ from: period.to, to: period.from }), trpcError('BAD_REQUEST', 'to'));
    await assert.rejects(
      sam.metrics.summary.query({ from: '2024-01-01T00:00:00Z', to: '2025-03-01T00:00:00Z', bucket: 'hour' }),
      trpcError('BAD_REQUEST', 'bucket'),
    );
  });

  test('medians over thousands of chats, streamed rather than collected', async () => {
    const { models } = t.desk.services;
    const { id: tenantId } = await t.desk.services.tenants.ensure('metrics-fixture', 'Metrics fixture');
    const base = Date.parse('2025-04-01T00:00:00Z');
    await models.Conversation.insertMany(
      Array.from({ length: 3_000 }, (_, i) => {
        const createdAt = new Date(base + i * 600 * s);
        return {
          tenantId: new Types.ObjectId(tenantId),
          customerId: new Types.ObjectId(),
          departmentId: new Types.ObjectId(i % 2 ? ids.sales : ids.support),
          assigneeId: new Types.ObjectId(i % 3 ? ids.alice : ids.bob),
          status: 'closed',
          createdAt,
          queuedAt: createdAt,
          assignedAt: new Date(createdAt.getTime() + (i % 10) * s),
          // 1, 2, … 3000 seconds: the median of all is 1500.5 s, to the second 1500.5 s.
          firstResponseAt: new Date(createdAt.getTime() + (i + 1) * s),
          closedAt: new Date(createdAt.getTime() + 300 * s),
        };
      }),
    );
    const m = await boss.metrics.summary.query({ from: '2025-04-01T00:00:00Z', to: '2025-05-01T00:00:00Z', bucket: 'day' });
    assert.equal(m.totals.conversations, 3_000);
    assert.equal(m.totals.waitTime.median, 4_500);
    assert.equal(m.totals.firstResponseTime.median, 1_500_500);
    assert.equal(m.totals.handleTime.median, 300 * s - 4_500);
    // Bob has every third chat (i = 0, 3, …): waits 0, 3, 6, 9, 2, 5, 8, 1, 4, 7 s, evenly.
    assert.equal(m.agents.find((a) => a.name === 'Bob')!.waitTime.median, 4_500);
    // Sales has the odd i: answers after 2, 4, … 3000 s.
    assert.equal(m.departments.find((d) => d.name === 'Sales')!.firstResponseTime.median, 1_501_000);
  });

  test('missed chats, first response and CSAT per agent and per department', async () => {
    const { models, tenants } = t.desk.services;
    const { id: tenantId } = await tenants.ensure('metrics-fixture', 'Metrics fixture');
    const answer = (rating: number, agent: string | null, department: string, closed = '2025-03-03T15:00:00Z') => ({
      tenantId: new Types.ObjectId(tenantId),
      conversationId: new Types.ObjectId(),
      customerId: new Types.ObjectId(),
      agentId: agent ? new Types.ObjectId(agent) : null,
      departmentId: new Types.ObjectId(department),
      closedAt: new Date(closed),
      rating,
      answeredAt: new Date(closed),
    });
    // Alice 5, 4, 1 and Bob 2 in Support; an unassigned Sales chat 5; Boss (no chats of his own) 3 in Sales; one after the period.
    await models.SurveyResponse.insertMany([
      answer(5, ids.alice, ids.support),
      answer(4, ids.alice, ids.support),
      answer(1, ids.alice, ids.support),
      answer(2, ids.bob, ids.support),
      answer(5, null, ids.sales),
      answer(3, ids.boss, ids.sales),
      answer(5, ids.bob, ids.support, '2025-03-07T10:00:00Z'),
    ]);
    const m = await boss.metrics.summary.query({ ...period, bucket: 'day' });
    assert.deepEqual(m.csat, { score: 50, responses: 6, good: 3, bad: 3 });
    const figures = (rows: typeof m.agents) => rows.map((r) => [r.name, r.conversations, r.missed, r.firstResponseTime.average, r.csat?.score ?? null, r.csat?.responses ?? 0]);
    assert.deepEqual(figures(m.agents), [
      ['Alice', 2, 0, 180 * s, 67, 3],
      ['Unassigned', 2, 2, null, 100, 1],
      ['Bob', 1, 0, 300 * s, 0, 1],
      ['Boss', 0, 0, null, 0, 1],
    ]);
    assert.deepEqual(figures(m.departments), [
      ['Support', 3, 0, 220 * s, 50, 4],
      ['Sales', 2, 2, null, 50, 2],
    ]);
    assert.deepEqual(m.departments[0]!.csat, { score: 50, responses: 4, good: 2, bad: 2 });
    // The filters and an agent's own view apply to the answers too.
    const bob = await boss.metrics.summary.query({ ...period, bucket: 'day', agentId: ids.bob });
    assert.deepEqual(figures(bob.agents), [['Bob', 1, 0, 300 * s, 0, 1]]);
    assert.deepEqual(figures(bob.departments), [['Support', 1, 0, 300 * s, 0, 1]]);
    const sales = await boss.metrics.summary.query({ ...period, bucket: 'day', departmentId: ids.sales });
    assert.deepEqual(figures(sales.agents), [['Unassigned', 2, 2, null, 100, 1], ['Boss', 0, 0, null, 0, 1]]);
    const mine = await alice.metrics.summary.query({ ...period, bucket: 'day' });
    assert.deepEqual(figures(mine.agents), [['Alice', 2, 0, 180 * s, 67, 3]]);
  });
});

describe('metrics.summary: missed chats and the business time zone', () => {
  let t: TestDesk;
  const min = 60_000;

  /** A tenant of its own with a supervisor, and a way to add chats to it. */
  async function fixture(slug: string, timezone: string) {
    const { tenants, agents, models, settings } = t.desk.services;
    const { id: tenantId } = await tenants.ensure(slug, slug);
    await settings.updateProfile(tenantId, { timezone });
    await agents.create(tenantId, { email: `boss@${slug}.test`, name: 'Boss', password: t.seed.password, role: 'supervisor', departmentIds: [], maxChats: 3 });
    const boss = (await signedInClient(t.url, { tenant: slug, email: `boss@${slug}.test`, password: t.seed.password })).client;
    const add = (o: { created: Date; status?: 'pending' | 'open' | 'closed' | 'solved'; kind?: 'chat' | 'ticket'; assignedAt?: Date; answeredAt?: Date; closedAt?: Date }) =>
      models.Conversation.create({
        tenantId,
        kind: o.kind ?? 'chat',
        customerId: new Types.ObjectId(),
        customerName: 'Fixture',
        status: o.status ?? (o.closedAt ? 'closed' : o.assignedAt ? 'open' : 'pending'),
        createdAt: o.created,
        queuedAt: o.created,
        lastMessageAt: o.created,
        assignedAt: o.assignedAt ?? null,
        firstResponseAt: o.answeredAt ?? null,
        closedAt: o.closedAt ?? null,
      });
    return { boss, add };
  }

  before(async () => {
    t = await startTestDesk();
  });
  after(() => t?.close());

  test('missed: ended unanswered, or still unanswered when the period is over; never tickets', async () => {
    const { boss, add } = await fixture('metrics-missed', 'UTC');
    const now = Date.now();
    const at = (minutes: number) => new Date(now + minutes * min);
    await add({ created: at(-50), assignedAt: at(-49), closedAt: at(-40) }); // picked up, never answered, ended
    await add({ created: at(-50) }); // still waiting
    await add({ created: at(-50), assignedAt: at(-49), answeredAt: at(-5) }); // answered after the first period's end
    await add({ created: at(-50), assignedAt: at(-49), answeredAt: at(-45), closedAt: at(-30) }); // answered in time
    await add({ created: at(-50), kind: 'ticket' }); // a ticket is never a missed chat
    await add({ created: at(-50), kind: 'ticket', status: 'solved', closedAt: at(-40) });

    const over = await boss.metrics.summary.query({ from: at(-60).toISOString(), to: at(-10).toISOString(), bucket: 'hour' });
    assert.deepEqual([over.totals.conversations, over.totals.missed], [4, 3]);
    // While the period runs, a waiting chat is not missed yet.
    const running = await boss.metrics.summary.query({ from: at(-60).toISOString(), to: at(60).toISOString(), bucket: 'hour' });
    assert.deepEqual([running.totals.conversations, running.totals.missed], [4, 1]);
    assert.equal(running.series.reduce((sum, p) => sum + p.missed, 0), 1);
    assert.equal(running.queueLength, 1, 'waiting tickets are not in the chat queue');
  });

  test('days, hours and weeks follow the business’s time zone across DST changes', async () => {
    const { boss, add } = await fixture('metrics-london', 'Europe/London');
    // London goes to BST at 01:00 UTC on 30 March 2025 and back at 01:00 UTC on 26 October.
    for (const iso of ['2025-03-29T23:30:00Z', '2025-03-30T00:30:00Z', '2025-03-30T23:30:00Z', '2025-03-31T22:30:00Z', '2025-10-26T00:30:00Z', '2025-10-26T01:30:00Z']) {
      await add({ created: new Date(iso) });
    }
    const days = await boss.metrics.summary.query({ from: '2025-03-29T00:00:00Z', to: '2025-03-31T23:00:00Z', bucket: 'day' });
    assert.equal(days.period.timezone, 'Europe/London');
    // 23:30 UTC on the 30th is already 00:30 on the 31st in London.
    assert.deepEqual(days.series.map((p) => [p.start, p.conversations]), [
      ['2025-03-29T00:00:00.000Z', 1],
      ['2025-03-30T00:00:00.000Z', 1],
      ['2025-03-30T23:00:00.000Z', 2],
    ]);
    // The spring day has 23 hours, the autumn one 25 (01:00 twice, as two buckets).
    const spring = await boss.metrics.summary.query({ from: '2025-03-30T00:00:00Z', to: '2025-03-30T23:00:00Z', bucket: 'hour' });
    assert.equal(spring.series.length, 23);
    assert.deepEqual(spring.series.filter((p) => p.conversations).map((p) => p.start), ['2025-03-30T00:00:00.000Z']);
    const autumn = await boss.metrics.summary.query({ from: '2025-10-25T23:00:00Z', to: '2025-10-27T00:00:00Z', bucket: 'hour' });
    assert.equal(autumn.series.length, 25);
    assert.deepEqual(autumn.series.filter((p) => p.conversations).map((p) => p.start), ['2025-10-26T00:00:00.000Z', '2025-10-26T01:00:00.000Z']);
    const autumnDay = await boss.metrics.summary.query({ from: '2025-10-25T23:00:00Z', to: '2025-10-27T00:00:00Z', bucket: 'day' });
    assert.deepEqual(autumnDay.series.map((p) => [p.start, p.conversations]), [['2025-10-25T23:00:00.000Z', 2]]);
    // Weeks start on Monday at local midnight.
    const weeks = await boss.metrics.summary.query({ from: '2025-03-24T00:00:00Z', to: '2025-04-06T23:00:00Z', bucket: 'week' });
    assert.deepEqual(weeks.series.map((p) => [p.start, p.conversations]), [
      ['2025-03-24T00:00:00.000Z', 2],
      ['2025-03-30T23:00:00.000Z', 2],
    ]);
    // A zone half an hour off: its hours start at :30 UTC.
    const { boss: delhi } = await fixture('metrics-delhi', 'Asia/Kolkata');
    const hours = await delhi.metrics.summary.query({ from: '2025-03-03T00:00:00Z', to: '2025-03-03T02:00:00Z', bucket: 'hour' });
    assert.deepEqual(hours.series.map((p) => p.start), ['2025-03-02T23:30:00.000Z', '2025-03-03T00:30:00.000Z', '2025-03-03T01:30:00.000Z']);
  });
});

describe('metrics.summary: transferred chats', () => {
  let t: TestDesk;
  before(async () => {
    t = await startTestDesk();
  });
  after(() => t?.close());

  /** Signs a demo agent in, online and Available until the test ends. */
  async function live(ctx: TestContext, name: string) {
    const signed = await signedInClient(t.url, { email: `${name}@demo.deskkit.dev`, password: t.seed.password });
    await goLive(signed.client, { ctx, available: true, what: `${name} live` });
    ctx.after(() => signed.client.presence.setStatus.mutate({ status: 'unavailable' }));
    return signed;
  }

  test('wait ends at the first pickup and handle time covers every agent of the chat', async (ctx) => {
    const { models } = t.desk.services;
    const department = (name: string) => t.seed.departments.find((d) => d.name === name)!.id;
    const from = new Date(Date.now() - 1_000).toISOString();
    const alice = await live(ctx, 'alice');
    const bob = await live(ctx, 'bob');
    const doc = async (id: string) => (await models.Conversation.findOne({ tenantId: t.seed.tenantId, _id: id }).lean())!;
    const ms = (date: Date | null | undefined) => date!.getTime();

    // Alice picks the chat up, keeps it a while, hands it to Bob, who closes it. It predates
    // `firstAssignedAt` (the field is missing, not null), as older chats do.
    const direct = await startChat(t.url, { departmentId: department('Support'), name: 'Tess Transfer' });
    await models.Conversation.updateOne({ tenantId: t.seed.tenantId, _id: direct.id }, { $unset: { firstAssignedAt: 1 } });
    await sleep(20);
    await alice.client.conversations.accept.mutate({ conversationId: direct.id });
    const pickedUp = (await doc(direct.id)).firstAssignedAt;
    assert.ok(pickedUp);
    await sleep(300);
    await alice.client.conversations.transfer.mutate({ conversationId: direct.id, to: { agentId: bob.agentId } });
    await bob.client.conversations.close.mutate({ conversationId: direct.id });
    const d = await doc(direct.id);
    assert.deepEqual(d.firstAssignedAt, pickedUp, 'a transfer leaves the first pickup');
    assert.ok(ms(d.assignedAt) - ms(d.firstAssignedAt) >= 300);

    // Another goes back to a department's queue: its wait is then the one in that queue.
    const requeued = await startChat(t.url, { departmentId: department('Support'), name: 'Quinn Queue' });
    await alice.client.conversations.accept.mutate({ conversationId: requeued.id });
    const first = (await doc(requeued.id)).firstAssignedAt;
    await sleep(100);
    await alice.client.conversations.transfer.mutate({ conversationId: requeued.id, to: { departmentId: department('Billing') } });
    await sleep(50);
    await bob.client.conversations.accept.mutate({ conversationId: requeued.id });
    await bob.client.conversations.close.mutate({ conversationId: requeued.id });
    const r = await doc(requeued.id);
    assert.deepEqual(r.firstAssignedAt, first, 'picking it up again leaves the first pickup');
    assert.ok(ms(r.queuedAt) > ms(r.firstAssignedAt));

    const sam = (await signedInClient(t.url, { email: 'sam@demo.deskkit.dev', password: t.seed.password })).client;
    const m = await sam.metrics.summary.query({ from, to: new Date(Date.now() + 60_000).toISOString(), bucket: 'hour' });
    assert.equal(m.totals.conversations, 2);
    assert.equal(m.totals.assigned, 2);
    const waits = [ms(d.firstAssignedAt) - ms(d.queuedAt), ms(r.assignedAt) - ms(r.queuedAt)];
    const handles = [ms(d.closedAt) - ms(d.firstAssignedAt), ms(r.closedAt) - ms(r.assignedAt)];
    assert.ok(waits[0]! < 300, `the wait (${waits[0]} ms) leaves out Alice's handling`);
    assert.ok(handles[0]! >= 300, `the handle time (${handles[0]} ms) includes Alice's handling`);
    const mean = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) / values.length);
    assert.deepEqual([m.totals.waitTime.average, m.totals.waitTime.count], [mean(waits), 2]);
    assert.deepEqual([m.totals.handleTime.average, m.totals.handleTime.count], [mean(handles), 2]);
    const bobs = m.agents.find((a) => a.id === bob.agentId)!;
    assert.deepEqual([bobs.conversations, bobs.handleTime.average], [2, mean(handles)]);
  });
});
