import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DeskEvent } from '../events/types.js';
import { signedInClient, waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';
import { EventStream } from './event-stream.js';
import type { Principal } from './principal.js';
import type { StreamService } from './streams.js';

/** Takes the tenant's `presence.changed` events as their seq; `convert` can be held at a gate. */
class Seqs extends EventStream<number> {
  carried = 0;
  gate: Promise<void> | null = null;

  constructor(streams: StreamService, principal: Principal, lastEventId?: string) {
    super(streams, principal, lastEventId);
  }

  protected carries(event: DeskEvent): boolean {
    this.carried++;
    return event.type === 'presence.changed';
  }

  protected async convert(event: DeskEvent): Promise<number> {
    await this.gate;
    return event.seq;
  }
}

function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** The lean stream core (services/event-stream.ts) on a real desk: the feed, the event log, presence. */
/** Reads a stream to its end: the error it ended with, or undefined when it just ended. */
async function endingError(stream: AsyncIterator<unknown>): Promise<unknown> {
  try {
    while (!(await stream.next()).done);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('EventStream', () => {
  let t: TestDesk;
  let principal: Principal;
  const services = () => t.desk.services;
  const change = (name: string) =>
    services().events.publish(t.seed.tenantId, 'presence.changed', { agentId: t.seed.tenantId, name, avatarUrl: null, role: 'agent', status: 'available', online: true });
  const latest = async () => String(await services().events.position(t.seed.tenantId));
  const take = async (stream: AsyncIterator<number>, count: number) => {
    const seqs: number[] = [];
    while (seqs.length < count) {
      const next = await stream.next();
      assert.equal(next.done, false, `ended after ${seqs.length} of ${count}`);
      seqs.push(next.value);
    }
    return seqs;
  };
  const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

  before(async () => {
    t = await startTestDesk();
    principal = { kind: 'partner', tenantId: t.seed.tenantId, keyId: 'test', permissions: ['presence:read'] };
  });
  after(() => t.close());

  test('replays from lastEventId, then follows live: every event once, in order, across the seam', async () => {
    const from = await latest();
    const missed = await Promise.all(range(0, 3).map((i) => change(`missed ${i}`)));
    const stream = new Seqs(services().streams, principal, from);
    const replaying = gate();
    stream.gate = replaying.promise;
    const first = stream.next();
    // Published while the replay is held: after the feed's position, so they come live.
    await waitFor(() => services().streams.size, 3_000, 'the stream watching');
    const during = [];
    for (const i of range(0, 3)) during.push(await change(`during ${i}`));
    replaying.open();
    stream.gate = null;
    const seqs = [(await first).value as number, ...(await take(stream, 5))];
    assert.deepEqual(seqs, [...missed, ...during].map((event) => event.seq));
    const later = await change('later');
    assert.deepEqual(await take(stream, 1), [later.seq]);
    await stream.return();
  });

  test('return() ends a waiting reader at once and releases the feed listener', async () => {
    const { streams } = services();
    const base = streams.size;
    const stream = new Seqs(streams, principal);
    const waiting = stream.next();
    await waitFor(() => streams.size === base + 1, 3_000, 'open');
    await change('seen');
    assert.equal(typeof (await waiting).value, 'number');
    const parked = stream.next();
    await stream.return();
    assert.deepEqual(await parked, { value: undefined, done: true });
    assert.equal(streams.size, base, 'no longer counted');
    const carried = stream.carried;
    await change('after the end');
    // Another stream sees that event: by then the feed has passed it to every listener.
    const witness = new Seqs(streams, principal, String(Number(await latest()) - 1));
    await take(witness, 1);
    await witness.return();
    assert.equal(stream.carried, carried, 'the ended stream is no longer asked');
    assert.deepEqual(await stream.next(), { value: undefined, done: true });
  });

  test('return() mid-replay ends the pending read and the replay', async () => {
    const { streams } = services();
    const base = streams.size;
    const from = await latest();
    await Promise.all(range(0, 3).map((i) => change(`old ${i}`)));
    const stream = new Seqs(streams, principal, from);
    const held = gate();
    stream.gate = held.promise;
    const pending = stream.next();
    await waitFor(() => streams.size === base + 1, 3_000, 'replaying');
    await stream.return();
    assert.equal(streams.size, base);
    held.open();
    assert.deepEqual(await pending, { value: undefined, done: true });
    assert.deepEqual(await stream.next(), { value: undefined, done: true });
  });

  test('a slow reader loses nothing: events queue until it reads them', async () => {
    const stream = new Seqs(services().streams, principal);
    const first = stream.next();
    await waitFor(() => services().streams.size, 3_000, 'open');
    const published = [];
    for (const i of range(0, 60)) published.push((await change(`burst ${i}`)).seq);
    const seqs = [(await first).value as number];
    // Read slowly, while more arrive.
    for (const i of range(0, 20)) {
      published.push((await change(`more ${i}`)).seq);
      seqs.push(...(await take(stream, 1)));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    seqs.push(...(await take(stream, published.length - seqs.length)));
    assert.deepEqual(seqs, published);
    await stream.return();
  });

  test("an agent's stream holds their presence connection and ends UNAUTHORIZED when the session ends", async () => {
    const { streams, models, auth, live } = services();
    const sam = await signedInClient(t.url, { email: 'sam@demo.deskkit.dev', password: t.seed.password });
    const agent = await auth.authenticate(sam.token);
    assert.equal(agent.kind, 'agent');
    const online = () => models.PresenceConnection.countDocuments({ tenantId: t.seed.tenantId, agentId: sam.agentId });
    const base = streams.size;
    const stream = live.presence(agent, {});
    const reading = stream.next();
    await waitFor(async () => (await online()) === 1, 3_000, 'online');
    assert.equal(streams.size, base + 1);
    // Its own presence event comes first; then the sign-out ends the stream.
    assert.equal((await reading).done, false);
    await sam.client.auth.signOut.mutate();
    const error = await endingError(stream);
    assert.equal((error as { code?: string }).code, 'UNAUTHORIZED');
    assert.equal(await online(), 0, 'the connection went with the stream');
    assert.equal(streams.size, base);
  });

  test("a session found expired by the heartbeat ends the stream UNAUTHORIZED and lets its connection go", async () => {
    const { streams, models, auth, live } = services();
    const sam = await signedInClient(t.url, { email: 'sam@demo.deskkit.dev', password: t.seed.password });
    const signedIn = await auth.authenticate(sam.token);
    assert.equal(signedIn.kind, 'agent');
    // A session about to expire: the next heartbeat (every second here) revokes its connection.
    const agent = { ...signedIn, expiresAt: new Date(Date.now() + 300) };
    const online = () => models.PresenceConnection.countDocuments({ tenantId: t.seed.tenantId, agentId: sam.agentId });
    const base = streams.size;
    const stream = live.presence(agent, {});
    assert.equal((await stream.next()).done, false, 'its own presence event');
    assert.equal(await online(), 1);
    const error = await endingError(stream);
    assert.equal((error as { code?: string }).code, 'UNAUTHORIZED');
    assert.equal(await online(), 0);
    assert.equal(streams.size, base);
  });
});
