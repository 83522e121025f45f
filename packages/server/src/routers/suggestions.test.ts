import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { seedDemo } from '../services/seed.js';
import { trpcError } from '../testing/assertions.js';
import { clientMessageId, record, signedInClient, startChat, waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

/** A local OpenAI-compatible chat-completions server that records what it was asked. */
async function startCompletions() {
  const requests: Array<{ path: string; authorization: string | undefined; body: any }> = [];
  let behaviour: { delayMs: number; status: number; content: string } = { delayMs: 0, status: 200, content: 'Hello from the model.' };
  const readBody = async (req: IncomingMessage) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    return JSON.parse(raw || '{}');
  };
  const server: Server = createServer(async (req, res) => {
    requests.push({ path: req.url ?? '', authorization: req.headers.authorization, body: await readBody(req) });
    const { delayMs, status, content } = behaviour;
    const timer = setTimeout(() => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        status === 200
          ? JSON.stringify({ id: 'cmpl-1', object: 'chat.completion', model: 'local', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] })
          : JSON.stringify({ error: { message: 'overloaded' } }),
      );
    }, delayMs);
    res.on('close', () => clearTimeout(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    set: (next: Partial<typeof behaviour>) => (behaviour = { ...behaviour, ...next }),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

describe('suggested responses', () => {
  let t: TestDesk;
  const department = (name: string) => t.seed.departments.find((d) => d.name === name)!.id;
  const as = (name: string, tenant = 'demo') => signedInClient(t.url, { tenant, email: `${name}@demo.deskkit.dev`, password: t.seed.password });

  type Agent = Awaited<ReturnType<typeof as>>;
  /** Online and Available until the test ends (accepting needs both). */
  const online = async (agent: Agent, ctx: { after(fn: () => void): void }) => {
    const presence = record((h) => agent.client.presence.onChange.subscribe(undefined, h));
    ctx.after(presence.unsubscribe);
    await waitFor(() => presence.started, 2_000, 'online');
    await agent.client.presence.setStatus.mutate({ status: 'available' });
  };
  /** The agent handles the chat: routed to them, or accepted. */
  const take = (agent: Agent, conversationId: string) =>
    waitFor(async () => {
      const view = await agent.client.conversations.get.query({ conversationId });
      if (view.assigneeId === agent.agentId) return true;
      if (view.status === 'pending') await agent.client.conversations.accept.mutate({ conversationId }).catch(() => undefined);
      return false;
    }, 5_000, 'the chat assigned');
  /** A past conversation: the agent answers and closes it. */
  const answer = async (agent: Agent, conversationId: string, body: string) => {
    await take(agent, conversationId);
    await agent.client.conversations.reply.mutate({ conversationId, body, clientMessageId: clientMessageId() });
    await agent.client.conversations.close.mutate({ conversationId });
  };

  before(async () => {
    t = await startTestDesk();
  });
  after(() => t.close());

  test("suggests a past agent answer to a similar question, with the names made this conversation's", async () => {
    const alice = await as('alice');
    const chat = await startChat(t.url, { departmentId: department('Support'), name: 'Lena Park', body: 'Hello, my reset password link has expired, what should I do?' });
    const result = await alice.client.suggestions.forConversation.query({ conversationId: chat.id });
    assert.equal(result.conversationId, chat.id);
    assert.ok(result.basedOnSeq! > 0);
    assert.ok(result.suggestions.length >= 1 && result.suggestions.length <= 3);
    const [top] = result.suggestions;
    assert.equal(top!.source, 'history');
    assert.match(top!.text, /^Hi Lena, reset links stay valid for one hour/, 'the past customer James became Lena');
    assert.ok(top!.score! > 0);
    const texts = result.suggestions.map((s) => s.text);
    assert.equal(new Set(texts).size, texts.length, 'distinct');
    // Ranked best first.
    const scores = result.suggestions.map((s) => s.score!);
    assert.deepEqual([...scores].sort((a, b) => b - a), scores);
    // The Support canned reply about password resets is offered too.
    assert.ok(result.suggestions.some((s) => s.source === 'canned' && s.title === 'Password reset'), JSON.stringify(result.suggestions));
  });

  test('canned replies come with their placeholders filled for this customer, agent and department', async () => {
    const bob = await as('bob');
    const chat = await startChat(t.url, { departmentId: department('Billing'), name: 'Lena Park', email: 'lena@example.com', body: 'I would like a refund of my payment please' });
    const { suggestions } = await bob.client.suggestions.forConversation.query({ conversationId: chat.id });
    const refund = suggestions.find((s) => s.source === 'canned' && s.title === 'Refund policy');
    assert.ok(refund, JSON.stringify(suggestions));
    assert.match(refund.id, /^canned:[0-9a-f]{24}$/);
    assert.match(refund.text, /I’ve noted your request, Lena; our Billing team will confirm by email to lena@example\.com\./);
    assert.ok(!refund.text.includes('{{'));
  });

  test('answers the latest customer messages only: nothing once an agent replied, nothing for closed conversations', async (ctx) => {
    const alice = await as('alice');
    await online(alice, ctx);
    const chat = await startChat(t.url, { departmentId: department('Support'), name: 'Ola Nordmann', body: 'How do I change the email address of my account?' });
    const first = await alice.client.suggestions.forConversation.query({ conversationId: chat.id });
    assert.match(first.suggestions[0]!.text, /Settings → Profile → Email/);

    await take(alice, chat.id);
    await alice.client.conversations.reply.mutate({ conversationId: chat.id, body: 'Let me check.', clientMessageId: clientMessageId() });
    assert.deepEqual(await alice.client.suggestions.forConversation.query({ conversationId: chat.id }), { conversationId: chat.id, basedOnSeq: null, suggestions: [], llm: false });

    // A new customer message: suggestions for it.
    const asked = await chat.visitor.webchat.send.mutate({ conversationId: chat.id, body: 'Also, the app crashes on start after the update', clientMessageId: clientMessageId() });
    const again = await alice.client.suggestions.forConversation.query({ conversationId: chat.id });
    assert.equal(again.basedOnSeq, asked.message.seq);
    assert.match(again.suggestions[0]!.text, /Version 4\.2\.2 fixes a crash/);
    assert.ok(!again.suggestions[0]!.text.includes('Sofia'), 'the past customer’s name is not suggested: ' + again.suggestions[0]!.text);
    assert.ok(again.suggestions[0]!.text.includes('Ola'));

    await alice.client.conversations.close.mutate({ conversationId: chat.id });
    assert.deepEqual((await alice.client.suggestions.forConversation.query({ conversationId: chat.id })).suggestions, []);
  });

  test("past answers stay in their department; a conversation the agent cannot see is NOT_FOUND", async () => {
    const chen = await as('chen');
    const sales = await startChat(t.url, { departmentId: department('Sales'), body: 'My password reset link expired, and is there a free trial?' });
    const { suggestions } = await chen.client.suggestions.forConversation.query({ conversationId: sales.id });
    assert.ok(suggestions.length > 0);
    assert.ok(suggestions.every((s) => !/reset links stay valid/.test(s.text)), 'no Support answers in a Sales chat');
    assert.ok(suggestions.some((s) => /14-day free trial/.test(s.text)));

    const support = await startChat(t.url, { departmentId: department('Support'), body: 'My password reset link expired' });
    await assert.rejects(chen.client.suggestions.forConversation.query({ conversationId: support.id }), trpcError('NOT_FOUND'));
    await assert.rejects(chen.client.suggestions.forConversation.query({ conversationId: 'nope' }), trpcError('BAD_REQUEST', 'conversationId'));
  });

  test('a newly closed conversation’s answer is learned without a restart', async (ctx) => {
    const alice = await as('alice');
    await online(alice, ctx);
    const question = 'Can I print my boarding certificate as a poster?';
    const reply = 'Sure: open Documents, pick the certificate and choose Print → Poster size.';
    const past = await startChat(t.url, { departmentId: department('Support'), body: question });
    await answer(alice, past.id, reply);

    const now = await startChat(t.url, { departmentId: department('Support'), body: 'How do I print the certificate as a poster?' });
    // The index looks for changes every few seconds.
    const found = await waitFor(
      async () => (await alice.client.suggestions.forConversation.query({ conversationId: now.id })).suggestions.find((s) => s.text === reply),
      12_000,
      'the new answer',
    );
    assert.equal(found.source, 'history');
  });

  test("another tenant's texts are never suggested and its agents cannot ask about our conversations", async (ctx) => {
    await seedDemo(t.desk.services, 'suggest-other');
    const other = await as('alice', 'suggest-other');
    await online(other, ctx);
    const otherSupport = (await other.client.departments.list.query()).find((d) => d.name === 'Support')!.id;
    const secret = 'Zebra widgets ship every Tuesday from the Oslo warehouse.';
    const past = await startChat(t.url, { tenant: 'suggest-other', departmentId: otherSupport, body: 'When do zebra widgets ship?' });
    await answer(other, past.id, secret);
    // In the other tenant it is suggested…
    const theirs = await startChat(t.url, { tenant: 'suggest-other', departmentId: otherSupport, body: 'When will zebra widgets ship?' });
    await waitFor(async () => (await other.client.suggestions.forConversation.query({ conversationId: theirs.id })).suggestions.some((s) => s.text === secret), 12_000, 'their own answer');

    // …never in ours, whatever we ask.
    const alice = await as('alice');
    const ours = await startChat(t.url, { departmentId: department('Support'), body: 'When do zebra widgets ship?' });
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    const { suggestions } = await alice.client.suggestions.forConversation.query({ conversationId: ours.id });
    assert.ok(suggestions.every((s) => !/zebra/i.test(s.text)), JSON.stringify(suggestions));
    await assert.rejects(other.client.suggestions.forConversation.query({ conversationId: ours.id }), trpcError('NOT_FOUND'));
  });

  test('an optional LLM adds one suggestion; its key is never returned; timeouts and errors fall back to local ones', async () => {
    const llm = await startCompletions();
    try {
      const ada = await as('ada');
      const alice = await as('alice');
      assert.deepEqual(await ada.client.suggestions.llmSettings.query(), { enabled: false, baseUrl: null, model: null, hasApiKey: false, updatedAt: null });
      await assert.rejects(alice.client.suggestions.llmSettings.query(), trpcError('FORBIDDEN'));
      await assert.rejects(
        alice.client.suggestions.configureLlm.mutate({ baseUrl: `${llm.url}/v1`, model: 'local', enabled: true }),
        trpcError('FORBIDDEN'),
      );
      await assert.rejects(
        ada.client.suggestions.configureLlm.mutate({ baseUrl: 'http://llm.example.com/v1', model: 'local', enabled: true }),
        trpcError('BAD_REQUEST', 'baseUrl'),
      );

      const configured = await ada.client.suggestions.configureLlm.mutate({ baseUrl: `${llm.url}/v1/`, model: 'local-chat', apiKey: 'sk-test-secret-42', enabled: true });
      assert.equal(configured.baseUrl, `${llm.url}/v1`);
      assert.equal(configured.hasApiKey, true);
      assert.ok(!JSON.stringify(configured).includes('sk-test'));
      assert.ok(!JSON.stringify(await ada.client.suggestions.llmSettings.query()).includes('sk-test'));
      // Changing other fields keeps the key.
      assert.equal((await ada.client.suggestions.configureLlm.mutate({ baseUrl: `${llm.url}/v1`, model: 'local-chat', enabled: true })).hasApiKey, true);

      const chat = await startChat(t.url, { departmentId: department('Support'), name: 'Lena Park', body: 'My password reset link expired' });
      const withLlm = await alice.client.suggestions.forConversation.query({ conversationId: chat.id });
      assert.deepEqual(withLlm.suggestions[0], { id: 'llm', source: 'llm', text: 'Hello from the model.', title: null, score: null });
      assert.equal(withLlm.suggestions.length, 3);
      assert.equal(withLlm.suggestions[1]!.source, 'history');
      const asked = llm.requests.at(-1)!;
      assert.equal(asked.path, '/v1/chat/completions');
      assert.equal(asked.authorization, 'Bearer sk-test-secret-42');
      assert.equal(asked.body.model, 'local-chat');
      const prompt = asked.body.messages.map((m: { content: string }) => m.content).join('\n');
      assert.match(prompt, /Customer: My password reset link expired/);
      assert.match(prompt, /reset links stay valid for one hour/, 'the best local answers go along as references');

      // Asked for the local ranking alone, it answers at once, saying the LLM is on, and asks it nothing.
      llm.set({ delayMs: 8_000 });
      const before = llm.requests.length;
      const quick = Date.now();
      const localOnly = await alice.client.suggestions.forConversation.query({ conversationId: chat.id, llm: false });
      assert.ok(Date.now() - quick < 2_000, `took ${Date.now() - quick} ms`);
      assert.equal(localOnly.llm, true);
      assert.deepEqual(localOnly.suggestions, withLlm.suggestions.slice(1, 3).concat(localOnly.suggestions.slice(2)));
      assert.equal(llm.requests.length, before);

      // Too slow: given up after about four seconds, local suggestions only.
      const started = Date.now();
      const slow = await alice.client.suggestions.forConversation.query({ conversationId: chat.id });
      const took = Date.now() - started;
      assert.ok(took >= 3_500 && took < 7_000, `took ${took} ms`);
      assert.ok(slow.suggestions.length > 0 && slow.suggestions.every((s) => s.source !== 'llm'));

      // An error: the same.
      llm.set({ delayMs: 0, status: 500 });
      const failed = await alice.client.suggestions.forConversation.query({ conversationId: chat.id });
      assert.ok(failed.suggestions.length > 0 && failed.suggestions.every((s) => s.source !== 'llm'));

      // Disabled: not asked at all; removing the key.
      llm.set({ status: 200 });
      const calls = llm.requests.length;
      const disabled = await ada.client.suggestions.configureLlm.mutate({ baseUrl: `${llm.url}/v1`, model: 'local-chat', apiKey: null, enabled: false });
      assert.equal(disabled.hasApiKey, false);
      const local = await alice.client.suggestions.forConversation.query({ conversationId: chat.id });
      assert.ok(local.suggestions.every((s) => s.source !== 'llm'));
      assert.equal(local.llm, false);
      assert.equal(llm.requests.length, calls);
    } finally {
      await llm.close();
    }
  });
});
