import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { closeDeskClient, createDeskClient, type DeskClient } from '@deskkit/client';
import { trpcError } from '../testing/assertions.js';
import { record, signedInClient, startChat, waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

const LIMIT = 3;

type Recorded = ReturnType<typeof record>;

const refused = (stream: Recorded) => {
  assert.equal(stream.errors.length, 1, 'refused once');
  trpcError('TOO_MANY_REQUESTS')(stream.errors[0]);
  assert.match((stream.errors[0] as Error).message, new RegExp(`^At most ${LIMIT} live streams at once`));
};

describe('live streams per agent, customer and API key', () => {
  let t: TestDesk;
  const clients: DeskClient[] = [];
  const opened: Recorded[] = [];
  /** Opens a stream and waits until the desk has either let it in (it counts one more open) or refused it. */
  const open = async (subscribe: Parameters<typeof record>[0], what: string) => {
    const size = t.desk.services.streams.size;
    const stream = record(subscribe);
    opened.push(stream);
    await waitFor(() => stream.errors.length > 0 || t.desk.services.streams.size > size, 5_000, what);
    return stream;
  };
  const presence = (client: DeskClient, what: string) => open((h) => client.presence.onChange.subscribe(undefined, h), what);

  before(async () => {
    t = await startTestDesk({ streamsPerHolder: LIMIT });
  });
  after(async () => {
    for (const stream of opened) stream.unsubscribe();
    await Promise.all(clients.map((client) => closeDeskClient(client)));
    await t?.close();
  });

  test('an agent holds at most the limit across sessions and transports; the next is refused until one closes; others are unaffected', async () => {
    const { password } = t.seed;
    const sse = await signedInClient(t.url, { email: 'sam@demo.deskkit.dev', password });
    const ws = await signedInClient(t.url, { email: 'sam@demo.deskkit.dev', password }, { transport: 'ws' });
    const bob = await signedInClient(t.url, { email: 'bob@demo.deskkit.dev', password });
    clients.push(ws.client);
    const before = t.desk.services.streams.size;

    // Two sessions of one agent, over SSE and WebSocket: the limit counts them together.
    const held = [await presence(sse.client, 'stream 1'), await presence(sse.client, 'stream 2'), await presence(ws.client, 'stream 3')];
    assert.deepEqual(held.map((s) => s.errors.length), [0, 0, 0]);
    refused(await presence(sse.client, 'refusal over SSE'));
    refused(await presence(ws.client, 'refusal over WebSocket'));
    assert.equal(t.desk.services.streams.size, before + LIMIT, 'a refused stream holds nothing');

    // Another agent is not held back by Sam's streams.
    assert.equal((await presence(bob.client, "Bob's stream")).errors.length, 0);

    // Once one of Sam's closes (and the desk has let it go), a new one is let in.
    held[0]!.unsubscribe();
    await waitFor(() => t.desk.services.streams.size === before + LIMIT, 5_000, 'the closed stream let go');
    assert.equal((await presence(sse.client, 'a stream after one closed')).errors.length, 0);
    // The streams held all along carry on: a status change reaches them.
    await bob.client.presence.setStatus.mutate({ status: 'available' });
    await waitFor(() => held[2]!.events.some((e) => JSON.stringify(e.data).includes('"available"')), 5_000, 'a change on a held stream');
  });

  test('a customer and an API key are limited the same way, each on its own', async () => {
    const chat = await startChat(t.url, { name: 'Many Tabs' });
    const visitor = () => open((h) => chat.visitor.webchat.onEvent.subscribe(undefined, h), 'visitor stream');
    for (let i = 0; i < LIMIT; i++) assert.equal((await visitor()).errors.length, 0);
    refused(await visitor());
    // Another customer is their own holder.
    const other = await startChat(t.url, { name: 'One Tab' });
    assert.equal((await open((h) => other.visitor.webchat.onEvent.subscribe(undefined, h), "another customer's stream")).errors.length, 0);

    const ada = (await signedInClient(t.url, { email: 'ada@demo.deskkit.dev', password: t.seed.password })).client;
    const partner = createDeskClient({ url: t.url, apiKey: (await ada.apiKeys.create.mutate({ name: 'wallboard', scopes: ['presence:read'] })).key });
    for (let i = 0; i < LIMIT; i++) assert.equal((await presence(partner, 'partner stream')).errors.length, 0);
    refused(await presence(partner, 'a partner stream too many'));
    // A second key of the same tenant is its own holder.
    const tv = createDeskClient({ url: t.url, apiKey: (await ada.apiKeys.create.mutate({ name: 'tv', scopes: ['presence:read'] })).key });
    assert.equal((await presence(tv, "the other key's stream")).errors.length, 0);
  });
});
