import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDeskClient, type DeskClient } from '@deskkit/client';
import { startDesk, type RunningDesk } from '../app.js';
import { RATE_LIMITS_COLLECTION, RateLimitService } from '../services/rate-limits.js';
import { trpcError } from '../testing/assertions.js';
import { clientMessageId, record, startChat, waitFor } from '../testing/clients.js';
import { startTestDesk, testRateLimits, type TestDesk } from '../testing/harness.js';

const limits = { signInLimitAccount: 3, signInLimitIp: 6, signInWindowSec: 600, sendRatePerSec: 0, sendBurst: 5, sendBurstWindowSec: 600 };

/** A fetch that says the request came from `ip` (the desk trusts its proxy here). */
const from = (ip: string): typeof fetch => (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set('X-Forwarded-For', `203.0.113.9, ${ip}`);
  return fetch(input, { ...init, headers });
};

const tooMany = (err: unknown) => {
  trpcError('TOO_MANY_REQUESTS')(err);
  const { message, data } = err as { message: string; data: { retryAfterMs?: number } };
  assert.match(message, /^too many .*; try again in \d+ (s|minutes)$/);
  assert.ok(data.retryAfterMs && data.retryAfterMs > 0, 'says when to try again');
  return true;
};

describe('rate limits: sign-in and sends, counted in the database', () => {
  let t: TestDesk;
  let second: RunningDesk;
  const counters = () => t.desk.services.db.connection.db!.collection(RATE_LIMITS_COLLECTION);
  const signIn = (url: string, ip: string, email: string, password: string) =>
    createDeskClient({ url, fetch: from(ip) }).auth.signIn.mutate({ tenant: 'demo', email, password });
  /** Ends every current window, as if their time had passed (the embedded database never expires them itself). */
  const endWindows = () => counters().updateMany({}, { $set: { expire: new Date(Date.now() - 1_000) } });

  before(async () => {
    t = await startTestDesk({ rateLimits: limits, trustProxy: true });
    // A second process-alike on the same database, with the same limits, trusting the same proxy.
    second = await startDesk({ port: 0, mongodbUri: t.databaseUri, logLevel: 'silent', eventPollMs: 50, trustProxy: 'true', ...limits });
  });
  after(async () => {
    await second?.close();
    await t?.close();
  });

  test('sign-in: failures per account and address trip the limit, across both desks; others are unaffected; a success resets', async () => {
    const url = second.url;
    const { password } = t.seed;
    const alice = 'alice@demo.deskkit.dev';
    // Three failures from 198.51.100.1, on one desk and the other…
    await assert.rejects(signIn(t.url, '198.51.100.1', alice, 'wrong-1'), trpcError('UNAUTHORIZED'));
    await assert.rejects(signIn(second.url, '198.51.100.1', alice, 'wrong-2'), trpcError('UNAUTHORIZED'));
    await assert.rejects(signIn(t.url, '198.51.100.1', alice, 'wrong-3'), trpcError('UNAUTHORIZED'));
    // …and now even the right password is refused there, on both.
    await assert.rejects(signIn(second.url, '198.51.100.1', alice, password), tooMany);
    await assert.rejects(signIn(t.url, '198.51.100.1', alice, password), tooMany);
    // …but not from elsewhere, nor for another account from the same address.
    assert.ok((await signIn(url, '198.51.100.2', alice, password)).token);
    assert.ok((await signIn(url, '198.51.100.1', 'bob@demo.deskkit.dev', password)).token);

    // A success forgets the account's failures at that address.
    const sam = 'sam@demo.deskkit.dev';
    for (const attempt of [1, 2]) await assert.rejects(signIn(url, '198.51.100.3', sam, `wrong-${attempt}`), trpcError('UNAUTHORIZED'));
    assert.ok((await signIn(url, '198.51.100.3', sam, password)).token);
    for (const attempt of [3, 4, 5]) await assert.rejects(signIn(url, '198.51.100.3', sam, `wrong-${attempt}`), trpcError('UNAUTHORIZED'));
    await assert.rejects(signIn(url, '198.51.100.3', sam, password), tooMany);

    // The limit is plain HTTP too: 429 with Retry-After.
    const res = await fetch(`${url}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Forwarded-For': '198.51.100.3' },
      body: JSON.stringify({ tenant: 'demo', email: sam, password }),
    });
    assert.equal(res.status, 429);
    assert.ok(Number(res.headers.get('retry-after')) > 500, `Retry-After ${res.headers.get('retry-after')}`);

    // When the window ends, the account may try again; the ended counters are purged.
    await endWindows();
    assert.ok((await signIn(url, '198.51.100.3', sam, password)).token);
    assert.ok((await signIn(url, '198.51.100.1', alice, password)).token);
    assert.ok((await t.desk.services.rateLimits.purgeExpired()) > 0);
    assert.equal(await counters().countDocuments({ expire: { $lte: new Date() } }), 0);
  });

  test('sign-in: an address guessing at many accounts is stopped for all of them, on both desks', async () => {
    await endWindows();
    const ip = '198.51.100.20';
    for (let i = 0; i < limits.signInLimitIp; i++) {
      const url = i % 2 ? second.url : t.url;
      await assert.rejects(signIn(url, ip, `nobody-${i}@demo.deskkit.dev`, 'guess'), trpcError('UNAUTHORIZED'));
    }
    await assert.rejects(signIn(second.url, ip, 'chen@demo.deskkit.dev', t.seed.password), tooMany);
    assert.ok((await signIn(second.url, '198.51.100.21', 'chen@demo.deskkit.dev', t.seed.password)).token, 'another address is fine');
  });

  test('sends: per sender, across both desks, nothing stored past the limit; other senders unaffected', async () => {
    await endWindows();
    const support = t.seed.departments.find((d) => d.name === 'Support')!.id;
    const agent = async (email: string, url: string) => {
      const { token } = await createDeskClient({ url }).auth.signIn.mutate({ tenant: 'demo', email, password: t.seed.password });
      return createDeskClient({ url, token });
    };
    const [alice, aliceElsewhere, bob] = [await agent('alice@demo.deskkit.dev', t.url), await agent('alice@demo.deskkit.dev', second.url), await agent('bob@demo.deskkit.dev', t.url)];
    const take = async (client: DeskClient) => {
      const live = record((h) => client.conversations.onEvent.subscribe(undefined, h));
      await waitFor(() => live.started, 5_000, 'live');
      await client.presence.setStatus.mutate({ status: 'available' });
      const chat = await startChat(t.url, { departmentId: support });
      await client.conversations.accept.mutate({ conversationId: chat.id });
      live.unsubscribe();
      return chat;
    };
    const [aliceChat, bobChat] = [await take(alice), await take(bob)];
    await endWindows(); // the chats' starts came from this address

    const { Message } = t.desk.services.models;
    const stored = () => Message.countDocuments({ tenantId: t.seed.tenantId, conversationId: aliceChat.id });
    const reply = (client: DeskClient, conversationId: string) =>
      client.conversations.reply.mutate({ conversationId, body: 'On it', clientMessageId: clientMessageId() });
    // Five sends in the burst, alternating between the two desks.
    for (let i = 0; i < limits.sendBurst; i++) await reply(i % 2 ? aliceElsewhere : alice, aliceChat.id);
    const before = await stored();
    await assert.rejects(reply(alice, aliceChat.id), tooMany);
    await assert.rejects(reply(aliceElsewhere, aliceChat.id), tooMany);
    await assert.rejects(
      alice.sms.send.mutate({ conversationId: aliceChat.id, body: 'Also by text', clientMessageId: clientMessageId() }),
      tooMany,
      'every kind of send counts',
    );
    await assert.rejects(
      alice.payments.request.mutate({ conversationId: aliceChat.id, amount: '1.00', currency: 'EUR', description: 'x', clientMessageId: clientMessageId() }),
      tooMany,
    );
    assert.equal(await stored(), before, 'nothing stored when refused');

    // Bob and the customers keep talking.
    await reply(bob, bobChat.id);
    await aliceChat.visitor.webchat.send.mutate({ conversationId: aliceChat.id, body: 'Hello?', clientMessageId: clientMessageId() });
    // A visitor has their own limit (starting the chat counted for the address, not the visitor).
    for (let i = 0; i < limits.sendBurst; i++) await bobChat.visitor.webchat.send.mutate({ conversationId: bobChat.id, body: `line ${i}`, clientMessageId: clientMessageId() });
    await assert.rejects(bobChat.visitor.webchat.send.mutate({ conversationId: bobChat.id, body: 'one more', clientMessageId: clientMessageId() }), tooMany);

    // New chats are counted per address.
    const start = (ip: string) =>
      createDeskClient({ url: second.url, fetch: from(ip) }).webchat.start.mutate({ tenant: 'demo', message: { body: 'Hi', clientMessageId: clientMessageId() } });
    for (let i = 0; i < limits.sendBurst; i++) await start('198.51.100.30');
    const chats = await t.desk.services.models.Conversation.countDocuments({ tenantId: t.seed.tenantId });
    await assert.rejects(start('198.51.100.30'), tooMany);
    assert.equal(await t.desk.services.models.Conversation.countDocuments({ tenantId: t.seed.tenantId }), chats);
    assert.ok((await start('198.51.100.31')).visitorToken);
  });

  test('a steady rate plus a burst: the burst is spent first, then one per second', async () => {
    const service = new RateLimitService(t.desk.services.db.connection.db!, { ...testRateLimits, ...limits, sendRatePerSec: 1, sendBurst: 2 });
    const sender = `steady-${Date.now()}`;
    for (let i = 0; i < 3; i++) await service.send(sender); // 1 steady + 2 burst
    await assert.rejects(service.send(sender), (err: { code: string; cause: { retryAfterMs: number } }) => err.code === 'TOO_MANY_REQUESTS' && err.cause.retryAfterMs > 0);
    // The steady second passes; the burst is still spent.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await service.send(sender);
    await assert.rejects(service.send(sender));
  });
});
