import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Types } from 'mongoose';
import { isOpen } from '../services/settings.js';
import { seedDemo } from '../services/seed.js';
import { trpcError } from '../testing/assertions.js';
import { signedInClient, startChat } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

describe('isOpen: business hours in the business time zone', () => {
  const weekdays = [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '17:00' }));

  test('uses the local weekday and time, open inclusive and close exclusive', () => {
    // Wednesday 2026-11-25, London is on GMT.
    assert.equal(isOpen(weekdays, 'Europe/London', new Date('2026-11-25T09:00:00Z')), true);
    assert.equal(isOpen(weekdays, 'Europe/London', new Date('2026-11-25T08:59:00Z')), false);
    assert.equal(isOpen(weekdays, 'Europe/London', new Date('2026-11-25T17:00:00Z')), false);
    // 20:00 UTC Wednesday is 05:00 Thursday in Tokyo (closed) and 15:00 Wednesday in New York (open).
    assert.equal(isOpen(weekdays, 'Asia/Tokyo', new Date('2026-11-25T20:00:00Z')), false);
    assert.equal(isOpen(weekdays, 'America/New_York', new Date('2026-11-25T20:00:00Z')), true);
    // Saturday and an empty schedule are closed.
    assert.equal(isOpen(weekdays, 'UTC', new Date('2026-11-28T12:00:00Z')), false);
    assert.equal(isOpen([], 'UTC', new Date('2026-11-25T12:00:00Z')), false);
    assert.equal(isOpen([{ day: 3, open: '00:00', close: '24:00' }], 'UTC', new Date('2026-11-25T23:59:30Z')), true);
  });

  test('follows daylight saving time', () => {
    // London moves to BST on Sunday 2026-03-29: 08:30 UTC is 09:30 local on Monday 30th, 08:30 local on Friday 27th.
    assert.equal(isOpen(weekdays, 'Europe/London', new Date('2026-03-30T08:30:00Z')), true);
    assert.equal(isOpen(weekdays, 'Europe/London', new Date('2026-03-27T08:30:00Z')), false);
    assert.equal(isOpen(weekdays, 'Europe/London', new Date('2026-03-30T16:30:00Z')), false, '17:30 BST');
    // New York falls back on Sunday 2026-11-01: 01:30 happens twice, 02:30 once.
    const night = [{ day: 0, open: '01:00', close: '02:00' }];
    assert.equal(isOpen(night, 'America/New_York', new Date('2026-11-01T05:30:00Z')), true, '01:30 EDT');
    assert.equal(isOpen(night, 'America/New_York', new Date('2026-11-01T06:30:00Z')), true, '01:30 EST');
    assert.equal(isOpen(night, 'America/New_York', new Date('2026-11-01T07:30:00Z')), false, '02:30 EST');
    // Spring forward on 2026-03-08: 02:00–03:00 does not exist; 07:30 UTC is 03:30 EDT.
    assert.equal(isOpen([{ day: 0, open: '03:00', close: '04:00' }], 'America/New_York', new Date('2026-03-08T07:30:00Z')), true);
  });
});

describe('settings: profile, preferences, auto responders, tags, departments', () => {
  let t: TestDesk;
  const as = (name: string, tenant = 'demo') => signedInClient(t.url, { tenant, email: `${name}@demo.deskkit.dev`, password: t.seed.password });
  const department = (name: string) => t.seed.departments.find((d) => d.name === name)!.id;

  before(async () => {
    t = await startTestDesk();
    await seedDemo(t.desk.services, 'settings-other');
  });
  after(() => t.close());

  test('admins change the profile; bad input names the field; agents read but cannot write', async () => {
    const ada = (await as('ada')).client;
    const alice = (await as('alice')).client;
    const hours = [
      { day: 1, open: '09:00', close: '12:00' },
      { day: 1, open: '13:00', close: '17:30' },
    ];
    const saved = await ada.settings.updateProfile.mutate({ name: 'Acme Help', logoUrl: 'https://cdn.example/logo.png', timezone: 'Europe/Berlin', hours });
    assert.deepEqual(saved.profile, { name: 'Acme Help', logoUrl: 'https://cdn.example/logo.png', timezone: 'Europe/Berlin', hours });
    assert.deepEqual((await alice.settings.get.query()).profile, saved.profile);

    await assert.rejects(ada.settings.updateProfile.mutate({ logoUrl: 'http://cdn.example/logo.png' }), trpcError('BAD_REQUEST', 'logoUrl'));
    await assert.rejects(ada.settings.updateProfile.mutate({ timezone: 'Mars/Olympus_Mons' }), trpcError('BAD_REQUEST', 'timezone'));
    await assert.rejects(ada.settings.updateProfile.mutate({ hours: [{ day: 7, open: '09:00', close: '10:00' }] }), trpcError('BAD_REQUEST', 'hours.0.day'));
    await assert.rejects(ada.settings.updateProfile.mutate({ hours: [{ day: 1, open: '9:00', close: '10:00' }] }), trpcError('BAD_REQUEST', 'hours.0.open'));
    await assert.rejects(ada.settings.updateProfile.mutate({ hours: [{ day: 1, open: '10:00', close: '09:00' }] }), trpcError('BAD_REQUEST', 'hours.0.close'));
    await assert.rejects(
      ada.settings.updateProfile.mutate({ hours: [{ day: 2, open: '09:00', close: '12:00' }, { day: 2, open: '11:00', close: '13:00' }] }),
      trpcError('BAD_REQUEST', 'hours'),
    );
    await assert.rejects(ada.settings.updateAutoResponders.mutate({ greeting: { enabled: true, message: '' } }), trpcError('BAD_REQUEST', 'greeting.message'));
    await assert.rejects(ada.settings.updateAutoResponders.mutate({ greeting: { enabled: true, message: 'x'.repeat(1001) } }), trpcError('BAD_REQUEST', 'greeting.message'));
    await assert.rejects(ada.settings.updatePreferences.mutate({ autoCloseMinutes: -1 }), trpcError('BAD_REQUEST', 'autoCloseMinutes'));

    await assert.rejects(alice.settings.updateProfile.mutate({ name: 'Hijacked' }), trpcError('FORBIDDEN'));
    await assert.rejects(alice.settings.updatePreferences.mutate({ autoCloseMinutes: 5 }), trpcError('FORBIDDEN'));
    await assert.rejects(alice.settings.tags.add.mutate({ tag: 'vip' }), trpcError('FORBIDDEN'));
    await assert.rejects(alice.departments.create.mutate({ name: 'Rogue' }), trpcError('FORBIDDEN'));

    // Another tenant's settings are untouched and their admin sees only their own.
    const other = (await as('ada', 'settings-other')).client;
    const theirs = await other.settings.get.query();
    assert.equal(theirs.profile.name, 'Acme Support (demo)');
    assert.equal(theirs.profile.timezone, 'Europe/London', 'still the seeded defaults');
    assert.equal(theirs.profile.hours.length, 5);
  });

  test('tags: add, rename, remove', async () => {
    const ada = (await as('ada')).client;
    await ada.settings.tags.add.mutate({ tag: 'Warranty' });
    await ada.settings.tags.add.mutate({ tag: 'warranty' });
    await ada.settings.tags.add.mutate({ tag: 'outage' });
    assert.deepEqual((await ada.settings.get.query()).tags.filter((x) => ['warranty', 'outage'].includes(x)), ['warranty', 'outage']);
    const renamed = await ada.settings.tags.rename.mutate({ from: 'outage', to: 'defect' });
    assert.ok(renamed.tags.includes('defect') && !renamed.tags.includes('outage'));
    await assert.rejects(ada.settings.tags.rename.mutate({ from: 'warranty', to: 'defect' }), trpcError('BAD_REQUEST', 'to'));
    await assert.rejects(ada.settings.tags.rename.mutate({ from: 'nope', to: 'other' }), trpcError('NOT_FOUND'));
    const removed = await ada.settings.tags.remove.mutate({ tag: 'warranty' });
    assert.ok(!removed.tags.includes('warranty'));
    assert.ok(!(await (await as('ada', 'settings-other')).client.settings.get.query()).tags.includes('defect'));
  });

  test('changing the default chat cap moves agents on the old default and keeps slot accounting exact', async () => {
    const { models } = t.desk.services;
    const ada = (await as('ada')).client;
    const agents = async () => models.Agent.find({ tenantId: t.seed.tenantId }).lean();
    const held = async (agentId: Types.ObjectId) =>
      models.Conversation.countDocuments({ tenantId: t.seed.tenantId, kind: 'chat', assigneeId: agentId, status: { $in: ['open', 'on-hold'] } });
    const beforeRows = await agents();
    const updated = await ada.settings.updatePreferences.mutate({ defaultMaxChats: 8, routingMode: 'auto' });
    assert.equal(updated.preferences.defaultMaxChats, 8);
    assert.equal(updated.preferences.routingMode, 'auto');
    // Switching to automatic routing hands out what waits, in the background: let it finish.
    await t.desk.services.conversations.routingSettled();
    for (const row of await agents()) {
      const was = beforeRows.find((b) => String(b._id) === String(row._id))!;
      assert.equal(row.maxChats, was.maxChats === 5 ? 8 : was.maxChats, `${row.name}'s cap`);
      assert.equal(row.freeSlots, row.maxChats - (await held(row._id)), `${row.name}'s free slots`);
    }
    // The tenant router sees the same routing mode.
    assert.equal((await ada.tenant.settings.query()).routingMode, 'auto');
    await ada.settings.updatePreferences.mutate({ routingMode: 'manual' });
  });

  test('departments: create with members, update membership, refuse removal with open chats, tenant isolation', async () => {
    const { models } = t.desk.services;
    const ada = (await as('ada')).client;
    const alice = await as('alice');
    const bob = await as('bob');
    const created = await ada.departments.create.mutate({ name: 'Returns', description: 'Parcels coming back', memberIds: [alice.agentId] });
    assert.deepEqual(created.memberIds, [alice.agentId]);
    await assert.rejects(ada.departments.create.mutate({ name: 'Returns' }), trpcError('BAD_REQUEST', 'name'));
    await assert.rejects(ada.departments.create.mutate({ name: '' }), trpcError('BAD_REQUEST', 'name'));
    await assert.rejects(ada.departments.create.mutate({ name: 'X', memberIds: ['0123456789abcdef01234567'] }), trpcError('BAD_REQUEST', 'memberIds'));

    const updated = await ada.departments.update.mutate({ departmentId: created.id, name: 'Returns EU', addMemberIds: [bob.agentId], removeMemberIds: [alice.agentId] });
    assert.equal(updated.name, 'Returns EU');
    assert.deepEqual(updated.memberIds, [bob.agentId]);
    const aliceRow = (await models.Agent.findOne({ tenantId: t.seed.tenantId, _id: alice.agentId }).lean())!;
    assert.ok(aliceRow.departmentIds.some((d) => String(d) === department('Support')), 'other memberships stay');
    assert.ok(!aliceRow.departmentIds.some((d) => String(d) === created.id));

    // Another tenant cannot see or change it.
    const other = (await as('ada', 'settings-other')).client;
    await assert.rejects(other.departments.update.mutate({ departmentId: created.id, name: 'Mine' }), trpcError('NOT_FOUND'));
    await assert.rejects(other.departments.remove.mutate({ departmentId: created.id }), trpcError('NOT_FOUND'));
    await assert.rejects(other.departments.update.mutate({ departmentId: (await other.departments.list.query())[0]!.id, addMemberIds: [bob.agentId] }), trpcError('BAD_REQUEST', 'addMemberIds'));

    const chat = await startChat(t.url, { departmentId: created.id });
    await assert.rejects(ada.departments.remove.mutate({ departmentId: created.id }), trpcError('CONFLICT'));
    await ada.conversations.close.mutate({ conversationId: chat.id });
    assert.deepEqual(await ada.departments.remove.mutate({ departmentId: created.id }), { removed: true });
    assert.ok(!(await ada.departments.list.query()).some((d) => d.id === created.id));
    const bobRow = (await models.Agent.findOne({ tenantId: t.seed.tenantId, _id: bob.agentId }).lean())!;
    assert.ok(!bobRow.departmentIds.some((d) => String(d) === created.id), 'membership removed with the department');
  });
});
