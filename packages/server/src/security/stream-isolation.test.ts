/**
 * Security suite: live streams never carry another tenant's events. Every subscription is
 * held open by the other tenant's admin, agent, partner key and visitor (over SSE and over
 * WebSocket) while the victim tenant does a bit of everything; none of what they receive may
 * name the victim's tenant, agents, conversation or customer. The victim's own admin, on
 * the same streams, must see it all (so a stream that delivers nothing cannot pass).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDeskClient, type DeskClient } from '@deskkit/client';
import { seedDemo, type SeedResult } from '../services/seed.js';
import { clientMessageId, signedInClient, startChat, waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

type Transport = 'sse' | 'ws';
type Handlers = { onData(event: unknown): void; onError(err: unknown): void; onStarted(): void };
type Subscribe = (client: DeskClient, handlers: Handlers) => { unsubscribe(): void };

/** Each agent-side stream, and which outsiders may hold it (partner keys follow presence only). */
const streams: Record<string, { subscribe: Subscribe; partner: boolean }> = {
  'presence.onChange': { subscribe: (client, h) => client.presence.onChange.subscribe(undefined, h), partner: true },
  'conversations.onEvent': { subscribe: (client, h) => client.conversations.onEvent.subscribe({ presence: true }, h), partner: false },
};
const MARKER = 'Victim Marker Customer';

describe('security: no stream carries another tenant’s events', () => {
  let t: TestDesk;
  let other: SeedResult;
  const open: Array<{ unsubscribe(): void }> = [];
  /** What each listener received, as JSON. */
  const received = new Map<string, string[]>();
  /** Errors after a stream started (an allowed stream must not end). */
  const failures: string[] = [];
  let victimChat = '';

  /** Subscribes `client` to `path`; resolves once the stream has started. */
  async function listen(name: string, client: DeskClient, subscribe: Subscribe): Promise<void> {
    const events: string[] = [];
    received.set(name, events);
    await new Promise<void>((resolve, reject) => {
      open.push(
        subscribe(client, {
          onData: (event) => events.push(JSON.stringify(event)),
          onError: (err) => {
            failures.push(`${name}: ${String(err)}`);
            reject(new Error(`${name}: ${String(err)}`));
          },
          onStarted: () => resolve(),
        }),
      );
    });
  }

  before(async () => {
    t = await startTestDesk();
    other = await seedDemo(t.desk.services, 'other');
    const password = t.seed.password;
    const outsiderAdmin = await signedInClient(t.url, { tenant: 'other', email: 'ada@demo.deskkit.dev', password });
    const key = await outsiderAdmin.client.apiKeys.create.mutate({ name: 'outsider', scopes: ['presence:read', 'conversations:read'] });
    for (const transport of ['sse', 'ws'] as Transport[]) {
      const as = async (tenant: string, email: string) => (await signedInClient(t.url, { tenant, email: `${email}@demo.deskkit.dev`, password }, { transport })).client;
      const outsiders: Record<string, DeskClient> = {
        admin: await as('other', 'ada'),
        agent: await as('other', 'alice'),
        partner: createDeskClient({ url: t.url, apiKey: key.key, transport }),
      };
      for (const [path, { subscribe, partner }] of Object.entries(streams)) {
        for (const [who, client] of Object.entries(outsiders)) {
          if (who !== 'partner' || partner) await listen(`outsider ${who} ${path} ${transport}`, client, subscribe);
        }
        await listen(`victim admin ${path} ${transport}`, await as('demo', 'ada'), subscribe);
      }
      // The other tenant's own visitor, on their chat's stream.
      const theirs = await startChat(t.url, { tenant: 'other', name: 'Outsider Visitor' });
      const visitor = createDeskClient({ url: t.url, token: theirs.visitorToken, transport });
      await listen(`outsider visitor webchat.onEvent ${transport}`, visitor, (c, h) => c.webchat.onEvent.subscribe(undefined, h));
    }
  });
  after(async () => {
    for (const stream of open) stream.unsubscribe();
    await t?.close();
  });

  test('the victim tenant does a bit of everything', async () => {
    const password = t.seed.password;
    const alice = await signedInClient(t.url, { email: 'alice@demo.deskkit.dev', password });
    const live = alice.client.conversations.onEvent.subscribe(undefined, { onData() {}, onError() {} });
    open.push(live);
    await waitFor(async () => (await alice.client.presence.list.query()).agents.some((a) => a.agentId === alice.agentId), 5_000, 'alice online');
    await alice.client.presence.setStatus.mutate({ status: 'available' });
    const chat = await startChat(t.url, { departmentId: t.seed.departments.find((d) => d.name === 'Support')!.id, name: MARKER, body: 'Victim secret question' });
    victimChat = chat.id;
    await alice.client.conversations.accept.mutate({ conversationId: chat.id });
    await alice.client.conversations.reply.mutate({ conversationId: chat.id, body: 'Victim secret answer', clientMessageId: clientMessageId() });
    await alice.client.conversations.typing.mutate({ conversationId: chat.id, typing: true });
    await chat.visitor.webchat.send.mutate({ conversationId: chat.id, body: 'Victim follow-up', clientMessageId: clientMessageId() });
    await alice.client.conversations.tag.mutate({ conversationId: chat.id, add: ['victim-tag'] });
    await alice.client.conversations.close.mutate({ conversationId: chat.id });
    await alice.client.presence.setStatus.mutate({ status: 'unavailable' });
    await alice.client.auth.signOut.mutate();
  });

  test('the victim’s admin saw it on every stream; no outsider saw any of it', async () => {
    const victimIds = [t.seed.tenantId, victimChat, ...t.seed.agents.map((a) => a.id)];
    const victimTexts = [MARKER, 'Victim secret', 'Victim follow-up', 'victim-tag'];
    // The victim's admin: the chat on the conversation streams, Alice's status on all of them.
    for (const transport of ['sse', 'ws']) {
      await waitFor(() => received.get(`victim admin conversations.onEvent ${transport}`)!.some((e) => e.includes('Victim follow-up')), 5_000, `victim admin ${transport} sees the chat`);
      const alice = t.seed.agents.find((a) => a.email === 'alice@demo.deskkit.dev')!.id;
      await waitFor(() => received.get(`victim admin presence.onChange ${transport}`)!.some((e) => e.includes(alice)), 5_000, `victim admin ${transport} sees Alice`);
    }
    // Time for anything misaddressed to arrive too.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(failures, [], 'every stream stayed up');
    for (const [name, events] of received) {
      if (name.startsWith('victim')) continue;
      const leaks = events.filter((e) => victimIds.some((id) => e.includes(id)) || victimTexts.some((text) => e.includes(text)));
      assert.deepEqual(leaks, [], `${name} received the victim's events`);
    }
    // The outsiders' streams were live (they saw their own tenant): presence of the other tenant's agents.
    const theirAgents = other.agents.map((a) => a.id);
    assert.ok(received.get('outsider admin presence.onChange sse')!.some((e) => theirAgents.some((id) => e.includes(id))), 'the outsider admin sees their own colleagues come online');
  });
});
