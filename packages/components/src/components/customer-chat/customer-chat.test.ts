import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SignJWT } from 'jose';
import { nothing } from 'lit';
import { createDeskClient, type AgentLiveEvent, type DeskClient } from '@deskkit/client';
import { deskEnv, signInAs, type DeskEnv } from '../../internal/test-env.js';
import { visitorStorageKey } from './customer-chat.session.js';
import { CustomerChat } from './customer-chat.js';

const id = () => crypto.randomUUID().replace(/-/g, '');

interface MountOptions {
  /** The department chats start in (Support by default). */
  department?: string;
  identityToken?: string;
  transport?: 'sse' | 'ws';
  pageSize?: number;
}

async function mount(options: MountOptions = {}) {
  const env = await deskEnv();
  const support = env.departments.find((d) => d.name === 'Support')!;
  const chat = await fixture<CustomerChat>(html`
    <customer-chat
      server=${env.url}
      tenant=${env.tenant}
      department=${options.department ?? support.id}
      identity-token=${options.identityToken ?? nothing}
      transport=${options.transport ?? 'sse'}
      page-size=${options.pageSize ?? 50}
    ></customer-chat>
  `);
  return { env, chat };
}

const $ = <T extends Element = HTMLElement>(chat: CustomerChat, selector: string) => chat.shadowRoot!.querySelector<T>(selector);
const $$ = (chat: CustomerChat, selector: string) => [...chat.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const texts = (chat: CustomerChat, selector: string) => $$(chat, selector).map((el) => el.textContent!.replace(/\s+/g, ' ').trim());
const bodies = (chat: CustomerChat, part: string) => $$(chat, `[part~=${part}] .body`).map((el) => el.textContent!);

/** Fills the start form through the DOM and submits it; resolves with the new conversation id. */
async function startChat(chat: CustomerChat, fields: { name?: string; email?: string; message: string }): Promise<string> {
  await waitUntil(() => $(chat, '[part=form]'), 'start form shown', { timeout: 5_000 });
  if (fields.name !== undefined) $<HTMLInputElement>(chat, 'input[name=name]')!.value = fields.name;
  if (fields.email !== undefined) $<HTMLInputElement>(chat, 'input[name=email]')!.value = fields.email;
  $<HTMLTextAreaElement>(chat, 'textarea[name=message]')!.value = fields.message;
  const started = oneEvent(chat, 'desk-chat-start');
  $<HTMLButtonElement>(chat, '[part=start]')!.click();
  return (await started).detail.conversationId;
}

/** An agent who can take chats: signed in, online (an open live stream) and Available. */
async function onlineAgent(email: string) {
  const agent = await signInAs(email);
  const events: AgentLiveEvent[] = [];
  const stream = agent.client.conversations.onEvent.subscribe(undefined, { onData: ({ data }) => events.push(data) });
  await agent.client.presence.setStatus.mutate({ status: 'available' });
  await waitUntil(
    async () => {
      const { agents } = await agent.client.presence.list.query();
      return agents.some((a) => a.agentId === agent.agentId && a.online && a.status === 'available');
    },
    'agent online and available',
    { timeout: 5_000, interval: 100 },
  );
  return {
    ...agent,
    events,
    async leave() {
      stream.unsubscribe();
      await agent.client.presence.setStatus.mutate({ status: 'unavailable' });
    },
  };
}

function forgetVisitors(): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith('deskkit.visitor:')) localStorage.removeItem(key);
}

function identityToken(env: DeskEnv, claims: { name: string; email: string }, subject: string): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    // The desk bounds a token's age, so it needs `iat` as well as `exp`.
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(env.identitySecret));
}

describe('<customer-chat>', () => {
  beforeEach(forgetVisitors);

  it('starts a chat that an agent accepts, answers live and types in', async () => {
    const { env, chat } = await mount();
    expect($(chat, '[part=timeline]')).to.equal(null);
    // Labelled fields.
    expect($(chat, 'label[for=name]')!.textContent).to.equal('Your name');
    expect($(chat, 'label[for=message]')!.textContent).to.equal('How can we help?');

    const conversationId = await startChat(chat, { name: 'Alice Customer', email: 'alice.customer@example.com', message: 'Where is my order?' });
    await waitUntil(() => chat.shadowRoot!.activeElement?.id === 'composer-input', 'focus moves to the composer');
    expect(localStorage.getItem(visitorStorageKey(env.url, env.tenant, null))).to.match(/^dkv_/);
    const log = $(chat, '[part=timeline]')!;
    expect(log.getAttribute('role')).to.equal('log');
    expect(log.getAttribute('aria-live')).to.equal('polite');
    expect(bodies(chat, 'message-customer')).to.deep.equal(['Where is my order?']);
    expect(texts(chat, '[part=notice]')).to.include('Waiting for an agent…');

    const alice = await onlineAgent('alice@demo.deskkit.dev');
    try {
      const pending = await alice.client.conversations.list.query({ view: 'pending' });
      const listed = pending.items.find((c) => c.id === conversationId);
      expect(listed?.customer.name).to.equal('Alice Customer');
      expect(listed?.customer.verified).to.equal(false);

      await alice.client.conversations.accept.mutate({ conversationId });
      await waitUntil(() => texts(chat, '[part=event]').includes('Alice Moreau joined the chat'), 'joined line', { timeout: 2_000 });
      await waitUntil(() => !texts(chat, '[part=notice]').includes('Waiting for an agent…'), 'no longer waiting');
      expect($(chat, '[part=header]')!.textContent).to.contain('Chatting with Alice Moreau');

      await alice.client.conversations.typing.mutate({ conversationId, typing: true });
      await waitUntil(() => $(chat, '[part=typing]')!.textContent === 'Alice Moreau is typing…', 'typing shown', { timeout: 1_000 });

      const arrived = oneEvent(chat, 'desk-chat-message');
      const sentAt = performance.now();
      const reply = await alice.client.conversations.reply.mutate({ conversationId, body: 'It ships today.', clientMessageId: id() });
      const { detail } = await arrived;
      expect(detail).to.deep.equal({ conversationId, seq: reply.message.seq, fromAgent: true });
      await waitUntil(() => bodies(chat, 'message-agent').includes('It ships today.'), 'reply shown', { timeout: 1_000 });
      expect(performance.now() - sentAt).to.be.below(1_000);
      // The reply ends the agent's typing, and the agent has read the customer's message.
      expect($(chat, '[part=typing]')!.textContent).to.equal('');
      await waitUntil(() => $(chat, '[part~=message-customer] [part=seen]'), 'seen mark');

      // The customer sees the reply (the element is on screen at the bottom): the desk learns it was read.
      await waitUntil(async () => (await alice.client.conversations.get.query({ conversationId })).read.customer >= reply.message.seq, 'marked read', {
        timeout: 3_000,
        interval: 100,
      });
      await alice.client.conversations.close.mutate({ conversationId });
    } finally {
      await alice.leave();
    }
  });

  it('in an automatic queue, waits, then shows the agent routing placed it with (the start response never carries them)', async () => {
    const env = await deskEnv();
    const ada = await signInAs('ada@demo.deskkit.dev');
    const chen = env.agents.find((a) => a.email === 'chen@demo.deskkit.dev')!;
    const queue = await ada.client.departments.create.mutate({ name: `Auto ${id().slice(0, 8)}`, memberIds: [chen.id], routingMode: 'auto' });
    const conversations: string[] = [];
    try {
      // Chen serves the queue but is not Available: the chat waits.
      const { chat } = await mount({ department: queue.id });
      conversations.push(await startChat(chat, { name: 'Queued Quinn', message: 'Anyone there?' }));
      expect(texts(chat, '[part=notice]')).to.include('Waiting for an agent…');
      expect($(chat, '[part=header]')!.textContent).not.to.contain('Chatting with');

      // Chen becomes Available: routing places the chat in the background and the customer's events show him join.
      const agent = await onlineAgent('chen@demo.deskkit.dev');
      try {
        await waitUntil(() => texts(chat, '[part=event]').includes('Chen Wei joined the chat'), 'joined line', { timeout: 5_000 });
        await waitUntil(() => !texts(chat, '[part=notice]').includes('Waiting for an agent…'), 'no longer waiting');
        await waitUntil(() => $(chat, '[part=header]')!.textContent!.includes('Chatting with Chen Wei'), 'header names the agent', { timeout: 5_000 });

        // With Chen Available from the start, the next chat is placed right after it starts — still through the events.
        await agent.client.conversations.close.mutate({ conversationId: conversations[0]! });
        await waitUntil(() => $(chat, '[part=new-chat]'), 'ended');
        $<HTMLButtonElement>(chat, '[part=new-chat]')!.click();
        conversations.push(await startChat(chat, { message: 'Me again' }));
        await waitUntil(() => texts(chat, '[part=event]').includes('Chen Wei joined the chat'), 'joined again', { timeout: 5_000 });
        // The conversation's own update follows its joined line (the stream looks the agent's name up first).
        await waitUntil(() => $(chat, '[part=header]')!.textContent!.includes('Chatting with Chen Wei'), 'header names the agent', { timeout: 5_000 });
        await agent.client.conversations.close.mutate({ conversationId: conversations[1]! });
      } finally {
        await agent.leave();
      }
    } finally {
      for (const conversationId of conversations) await ada.client.conversations.close.mutate({ conversationId }).catch(() => undefined);
      await ada.client.departments.remove.mutate({ departmentId: queue.id });
    }
  });

  it('shows its own send once: the optimistic echo is replaced by the stored message, and typing reaches the agent', async () => {
    const { chat } = await mount();
    const conversationId = await startChat(chat, { name: 'Dana', message: 'Hello there' });
    const bob = await onlineAgent('bob@demo.deskkit.dev');
    try {
      const body = 'Is my parcel insured?';
      let most = 0;
      const count = () => bodies(chat, 'message-customer').filter((b) => b === body).length;
      const observer = new MutationObserver(() => (most = Math.max(most, count())));
      observer.observe(chat.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });

      $<HTMLTextAreaElement>(chat, '#composer-input')!.focus();
      await sendKeys({ type: body });
      await waitUntil(
        () => bob.events.some((e) => e.type === 'typing' && e.conversationId === conversationId && e.typing && e.author.kind === 'customer'),
        'the agent sees the customer typing',
        { timeout: 3_000 },
      );
      await sendKeys({ press: 'Enter' });
      expect($<HTMLTextAreaElement>(chat, '#composer-input')!.value).to.equal('');
      // Shown at once, before the server answers.
      await chat.updateComplete;
      expect($(chat, '[part~=message-customer].pending')?.textContent).to.contain(body);

      await waitUntil(() => $$(chat, '[part~=message-customer][data-seq]').some((el) => el.textContent!.includes(body)), 'stored copy shown');
      await waitUntil(
        () => bob.events.some((e) => e.type === 'message' && e.message.body === body),
        'the agent gets the message',
        { timeout: 3_000 },
      );
      await waitUntil(
        () => bob.events.some((e) => e.type === 'typing' && e.conversationId === conversationId && !e.typing),
        'typing ends on send',
        { timeout: 3_000 },
      );
      // Give the live echo of the same message time to arrive, too.
      await new Promise((resolve) => setTimeout(resolve, 300));
      observer.disconnect();
      expect(count()).to.equal(1);
      expect(most).to.equal(1);
      expect($(chat, '.pending')).to.equal(null);
      const stored = await bob.client.conversations.messages.query({ conversationId });
      expect(stored.filter((m) => m.body === body)).to.have.length(1);
    } finally {
      await bob.leave();
    }
  });

  it('resumes the same conversation after a reload, from the stored visitor token', async () => {
    const first = await mount({ transport: 'ws' });
    const conversationId = await startChat(first.chat, { name: 'Reload Rita', message: 'First message' });
    $<HTMLTextAreaElement>(first.chat, '#composer-input')!.focus();
    await sendKeys({ type: 'Second message' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(first.chat, '[part~=message-customer][data-seq]:last-of-type')?.textContent?.includes('Second message'), 'sent');
    first.chat.remove();

    const { chat } = await mount({ transport: 'ws' });
    await waitUntil(() => chat.conversation?.id === conversationId, 'same conversation', { timeout: 5_000 });
    await waitUntil(() => bodies(chat, 'message-customer').length === 2);
    expect(bodies(chat, 'message-customer')).to.deep.equal(['First message', 'Second message']);
    expect($(chat, '[part=form]')).to.equal(null);
    // And it is live again.
    $<HTMLTextAreaElement>(chat, '#composer-input')!.focus();
    await sendKeys({ type: 'Third message' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => bodies(chat, 'message-customer').includes('Third message'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bodies(chat, 'message-customer')).to.deep.equal(['First message', 'Second message', 'Third message']);
  });

  it('forgets a rejected visitor token and offers the start form', async () => {
    const env = await deskEnv();
    const key = visitorStorageKey(env.url, env.tenant, null);
    localStorage.setItem(key, 'dkv_not-a-real-token-at-all');
    const { chat } = await mount();
    await waitUntil(() => $(chat, '[part=form]'), 'start form', { timeout: 5_000 });
    expect(localStorage.getItem(key)).to.equal(null);
  });

  it('loads older messages when scrolled to the top', async () => {
    const { env, chat: first } = await mount();
    const conversationId = await startChat(first, { name: 'Pat', message: 'Message 1' });
    const visitor: DeskClient = createDeskClient({ url: env.url, token: localStorage.getItem(visitorStorageKey(env.url, env.tenant, null))! });
    for (let n = 2; n <= 8; n++) await visitor.webchat.send.mutate({ conversationId, body: `Message ${n}`, clientMessageId: id() });
    first.remove();

    const { chat } = await mount({ pageSize: 3 });
    chat.style.height = '14rem';
    await waitUntil(() => bodies(chat, 'message-customer').length === 3, 'newest page', { timeout: 5_000 });
    expect(bodies(chat, 'message-customer')).to.deep.equal(['Message 6', 'Message 7', 'Message 8']);
    const log = $(chat, '[part=timeline]')!;
    await waitUntil(() => log.scrollTop > 0 || log.scrollHeight <= log.clientHeight, 'starts at the bottom');

    log.scrollTop = 0;
    await waitUntil(() => bodies(chat, 'message-customer').length >= 6, 'older page on scroll', { timeout: 3_000 });
    // The keyboard way: the button at the top.
    await waitUntil(() => $(chat, '.older'));
    $<HTMLButtonElement>(chat, '.older')!.click();
    await waitUntil(() => bodies(chat, 'message-customer').length === 8, 'all loaded', { timeout: 3_000 });
    expect(bodies(chat, 'message-customer')).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8].map((n) => `Message ${n}`));
    await waitUntil(() => !$(chat, '.older'), 'nothing older');
  });

  it('asks a portal-verified customer only for the message; the agent sees them verified', async () => {
    const env = await deskEnv();
    const token = await identityToken(env, { name: 'Maria Garcia', email: 'maria.garcia@example.com' }, 'portal-42');
    const { chat } = await mount({ identityToken: token });
    await waitUntil(() => $(chat, '[part=form]'), 'start form');
    expect($(chat, 'input[name=name]')).to.equal(null);
    expect($(chat, 'input[name=email]')).to.equal(null);
    expect($(chat, '[part=form]')!.textContent).to.contain('You are chatting as Maria Garcia.');

    const conversationId = await startChat(chat, { message: 'I need a copy of my invoice' });
    expect(localStorage.getItem(visitorStorageKey(env.url, env.tenant, token))).to.match(/^dkv_/);
    // Anonymous visitors of this browser keep their own slot.
    expect(localStorage.getItem(visitorStorageKey(env.url, env.tenant, null))).to.equal(null);

    const alice = await signInAs('alice@demo.deskkit.dev');
    const conversation = await alice.client.conversations.get.query({ conversationId });
    expect(conversation.customer).to.include({ name: 'Maria Garcia', verified: true });

    // The portal renews the token for the same customer: the chat carries on untouched.
    chat.identityToken = await identityToken(env, { name: 'Maria Garcia', email: 'maria.garcia@example.com' }, 'portal-42');
    await chat.updateComplete;
    expect(chat.conversation?.id).to.equal(conversationId);
    expect($(chat, '[part=form]')).to.equal(null);
    expect($(chat, '[part=timeline]')).to.exist;
  });

  it('shows a clear error for a bad identity token, and field errors next to their fields', async () => {
    const bad = await mount({ identityToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bm90LWEtdmFsaWQtc2lnbmF0dXJl' });
    await waitUntil(() => $(bad.chat, '[part=form]'));
    $<HTMLTextAreaElement>(bad.chat, 'textarea[name=message]')!.value = 'Hi';
    $<HTMLButtonElement>(bad.chat, '[part=start]')!.click();
    await waitUntil(() => $(bad.chat, '[part=form] [role=alert]'), 'error shown', { timeout: 3_000 });
    expect($(bad.chat, '[part=form] [role=alert]')!.textContent).to.contain('We could not confirm who you are');
    expect($(bad.chat, '[part=timeline]')).to.equal(null);
    bad.chat.remove();

    const { chat } = await mount();
    await waitUntil(() => $(chat, '[part=form]'));
    // Missing name and message: caught before asking the desk.
    $<HTMLButtonElement>(chat, '[part=start]')!.click();
    await waitUntil(() => $(chat, '#name-error'));
    expect($(chat, '#name-error')!.textContent).to.equal('Please tell us your name.');
    expect($(chat, '#message-error')!.textContent).to.equal('Please write a message.');
    expect(chat.shadowRoot!.activeElement?.id).to.equal('name');

    // A bad email: the desk's BAD_REQUEST lands next to the email field.
    $<HTMLInputElement>(chat, 'input[name=name]')!.value = 'Eve';
    $<HTMLInputElement>(chat, 'input[name=email]')!.value = 'not-an-email';
    $<HTMLTextAreaElement>(chat, 'textarea[name=message]')!.value = 'Hello';
    $<HTMLButtonElement>(chat, '[part=start]')!.click();
    await waitUntil(() => $(chat, '#email-error'), 'email error', { timeout: 3_000 });
    const email = $<HTMLInputElement>(chat, 'input[name=email]')!;
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(email.getAttribute('aria-describedby')).to.equal('email-error');
    expect($(chat, '#name-error')).to.equal(null);
    expect(chat.shadowRoot!.activeElement).to.equal(email);
    // What was typed is kept.
    expect($<HTMLTextAreaElement>(chat, 'textarea[name=message]')!.value).to.equal('Hello');
  });

  it('ends when the agent closes the chat, and can start a new one', async () => {
    const { chat } = await mount();
    const conversationId = await startChat(chat, { name: 'Closing Carl', email: 'carl@example.com', message: 'Quick question' });
    const bob = await onlineAgent('bob@demo.deskkit.dev');
    try {
      await bob.client.conversations.accept.mutate({ conversationId });
      await waitUntil(() => texts(chat, '[part=event]').includes('Bob Okafor joined the chat'), 'joined', { timeout: 2_000 });
      const ended = oneEvent(chat, 'desk-chat-end');
      await bob.client.conversations.close.mutate({ conversationId, reason: 'internal note the customer must not see' });
      expect((await ended).detail).to.deep.equal({ conversationId });
      await waitUntil(() => texts(chat, '[part=event]').includes('The chat has ended'), 'ended line');
      expect($(chat, '[part=timeline]')!.textContent).not.to.contain('internal note');
      expect($<HTMLTextAreaElement>(chat, '#composer-input')!.disabled).to.equal(true);
      expect($(chat, 'message-composer')!.shadowRoot!.querySelector<HTMLButtonElement>('[part=send]')!.disabled).to.equal(true);

      $<HTMLButtonElement>(chat, '[part=new-chat]')!.click();
      await waitUntil(() => $(chat, '[part=form]'), 'form again');
      await chat.updateComplete;
      expect($<HTMLInputElement>(chat, 'input[name=name]')!.value).to.equal('Closing Carl');
      expect(chat.shadowRoot!.activeElement?.id).to.equal('name');
      const next = await startChat(chat, { message: 'One more thing' });
      expect(next).not.to.equal(conversationId);
      expect($<HTMLTextAreaElement>(chat, '#composer-input')!.disabled).to.equal(false);
      expect(bodies(chat, 'message-customer')).to.deep.equal(['One more thing']);
    } finally {
      await bob.leave();
    }
  });

  it('shows an ended chat read-only after a reload', async () => {
    const { env, chat: first } = await mount();
    const conversationId = await startChat(first, { name: 'Olga', message: 'Old question' });
    first.remove();
    const ada = await signInAs('ada@demo.deskkit.dev');
    await ada.client.conversations.close.mutate({ conversationId });

    const { chat } = await mount();
    await waitUntil(() => chat.conversation?.id === conversationId, 'the ended chat', { timeout: 5_000 });
    await waitUntil(() => texts(chat, '[part=event]').includes('The chat has ended'));
    expect($<HTMLTextAreaElement>(chat, '#composer-input')!.disabled).to.equal(true);
    expect($(chat, '[part=new-chat]')).to.exist;
    expect(localStorage.getItem(visitorStorageKey(env.url, env.tenant, null))).to.match(/^dkv_/);
  });

  it('is themeable through custom properties', async () => {
    const { chat } = await mount();
    chat.style.setProperty('--accent-color', 'rgb(1, 2, 3)');
    await waitUntil(() => $(chat, '[part=start]'));
    expect(getComputedStyle($(chat, '[part=header]')!).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle($(chat, '[part=start]')!).backgroundColor).to.equal('rgb(1, 2, 3)');
  });

  it('survives being defined twice', () => {
    expect(() => CustomerChat.define('customer-chat')).not.to.throw();
  });
});
