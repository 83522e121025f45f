import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SignJWT } from 'jose';
import { createDeskClient, type VisitorLiveEvent } from '@deskkit/client';
import '../desk-provider/desk-provider.js';
import type { DeskProvider } from '../desk-provider/desk-provider.js';
import { deskEnv, signInAs, type DeskEnv, cleanupsAfterEach, cid, makeAvailable } from '../../internal/test-env.js';
import { LocalizeController } from '../../utilities/localize.js';
import { windowTerms } from '../../translations/en/chat-window.js';
import { dayLabel, describeEvent } from './chat-window.format.js';
import { ChatWindow } from './chat-window.js';

/** Run after each test, newest first: frees chat slots and statuses for the other tests. */
const cleanups = cleanupsAfterEach();

/** A customer starts a web chat in the Support queue. */
async function startChat(env: DeskEnv, options: { name?: string; body?: string } = {}) {
  const support = env.departments.find((d) => d.name === 'Support')!.id;
  const started = await createDeskClient({ url: env.url }).webchat.start.mutate({
    tenant: env.tenant,
    name: options.name ?? 'Maria Garcia',
    departmentId: support,
    message: { body: options.body ?? 'Hello, my invoice looks wrong.', clientMessageId: cid() },
  });
  return { conversationId: started.conversation.id, visitor: createDeskClient({ url: env.url, token: started.visitorToken }) };
}

/** A provider signed in as `email`, with a window on `conversationId` that has loaded. */
async function mount(email: string, conversationId: string) {
  const env = await deskEnv();
  const provider = await fixture<DeskProvider>(
    html`<desk-provider server=${env.url}><chat-window style="height: 480px"></chat-window></desk-provider>`,
  );
  const win = provider.querySelector<ChatWindow>('chat-window')!;
  const session = await provider.signIn({ tenant: env.tenant, email, password: env.password });
  cleanups.push(() => provider.signOut());
  cleanups.push(() => provider.client!.presence.setStatus.mutate({ status: 'unavailable' }));
  win.conversationId = conversationId;
  await waitUntil(() => win.conversation?.id === conversationId, 'conversation loaded', { timeout: 5_000 });
  return { env, provider, win, client: provider.client!, agentId: session.agent.id };
}

/** A chat accepted by `email` through the window's Accept button. */
async function acceptedChat(email = 'alice@demo.deskkit.dev', chat: { name?: string; body?: string } = {}) {
  const env = await deskEnv();
  const started = await startChat(env, chat);
  const mounted = await mount(email, started.conversationId);
  cleanups.push(() => mounted.client.conversations.close.mutate({ conversationId: started.conversationId }));
  await makeAvailable(mounted.client, mounted.agentId);
  await mounted.win.updateComplete;
  await run(mounted.win, 'accept');
  await waitUntil(() => mounted.win.conversation?.status === 'open', 'accepted', { timeout: 3_000 });
  return { ...started, ...mounted };
}

const $ = <T extends Element = HTMLElement>(win: ChatWindow, selector: string) => win.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(win: ChatWindow, selector: string) => [...win.shadowRoot!.querySelectorAll<T>(selector)];
const action = (win: ChatWindow, name: string) => $<HTMLButtonElement>(win, `[part=actions] [data-action=${name}]`);
/** Clicks an action once the one before it has finished (a busy window ignores clicks). */
async function run(win: ChatWindow, name: string) {
  await waitUntil(() => action(win, name)?.getAttribute('aria-disabled') === 'false', `${name} ready`, { timeout: 3_000 });
  action(win, name)!.click();
}
const eventLines = (win: ChatWindow) => $$(win, '[part=event]').map((el) => el.querySelector('span')!.textContent!.trim());
const withBody = (win: ChatWindow, body: string) => $$(win, '[part~=message]').filter((el) => el.querySelector('[part=body]')?.textContent === body);
/** The reply text box, inside the window's `<message-composer>`. */
const replyBox = (win: ChatWindow) => $(win, 'message-composer')!.shadowRoot!.querySelector<HTMLTextAreaElement>('[part=input]')!;
/** The element an input's `aria-describedby` names (in the input's own shadow root). */
const describedBy = (input: HTMLElement) => (input.getRootNode() as ShadowRoot).getElementById(input.getAttribute('aria-describedby')!);
const byClientId = (win: ChatWindow, id: string) => $$(win, `[part~=message][data-client-message-id="${id}"]`);

/** Records the most elements ever shown at once for a client message id. */
function watchCopies(win: ChatWindow, id: () => string | null) {
  let most = 0;
  const observer = new MutationObserver(() => {
    const current = id();
    if (current) most = Math.max(most, byClientId(win, current).length);
  });
  observer.observe(win.shadowRoot!, { childList: true, subtree: true, attributes: true });
  cleanups.push(() => observer.disconnect());
  return () => most;
}

/** Makes the page's network fail for requests whose URL contains `path`, the given way, until restored. */
function breakNetwork(path: string, how: 'before' | 'after') {
  const original = window.fetch;
  window.fetch = (input, init) => {
    if (!String(input instanceof Request ? input.url : input).includes(path)) return original(input, init);
    if (how === 'before') return Promise.reject(new TypeError('Failed to fetch'));
    // The server stores it, but the answer never comes back.
    return original(input, init).then(() => Promise.reject(new TypeError('Network connection lost')));
  };
  const restore = () => {
    window.fetch = original;
  };
  cleanups.push(restore);
  return restore;
}

describe('<chat-window>', () => {
  it('asks to sign in, then to choose a conversation', async () => {
    const env = await deskEnv();
    const provider = await fixture<DeskProvider>(html`<desk-provider server=${env.url}><chat-window></chat-window></desk-provider>`);
    const win = provider.querySelector('chat-window')!;
    await win.updateComplete;
    expect($(win, '[part=notice]')!.textContent).to.contain('Sign in');
    await provider.signIn({ tenant: env.tenant, email: 'sam@demo.deskkit.dev', password: env.password });
    cleanups.push(() => provider.signOut());
    await waitUntil(() => $(win, '[part=notice]')?.textContent?.includes('Choose a conversation'));
  });

  it('says so when the conversation is not visible to the agent', async () => {
    const env = await deskEnv();
    const { conversationId } = await startChat(env);
    const provider = await fixture<DeskProvider>(html`<desk-provider server=${env.url}><chat-window conversation-id=${conversationId}></chat-window></desk-provider>`);
    const win = provider.querySelector('chat-window')!;
    // Chen works in Sales only: a pending Support chat is not his to see.
    await provider.signIn({ tenant: env.tenant, email: 'chen@demo.deskkit.dev', password: env.password });
    cleanups.push(() => provider.signOut());
    await waitUntil(() => $(win, '[part=error]'), 'error shown', { timeout: 5_000 });
    expect($(win, '[part=error]')!.getAttribute('role')).to.equal('alert');
    expect($(win, '[part=error]')!.textContent).to.contain("doesn't exist");
  });

  it('accepts a chat, sends once (optimistic, then replaced), and shows the customer live', async () => {
    const env = await deskEnv();
    const { conversationId, visitor } = await startChat(env);
    const { win, client, agentId } = await mount('alice@demo.deskkit.dev', conversationId);
    cleanups.push(() => client.conversations.close.mutate({ conversationId }));

    // Pending: header, the customer's first message, and a composer that explains why it is off.
    expect($(win, '.customer')!.textContent).to.equal('Maria Garcia');
    expect($(win, '[data-field=status]')!.textContent).to.equal('Pending');
    expect($(win, '[data-field=kind]')!.textContent).to.equal('Chat');
    expect(withBody(win, 'Hello, my invoice looks wrong.')[0]!.getAttribute('part')).to.equal('message message-customer');
    const input = replyBox(win);
    expect(input.disabled).to.equal(true);
    expect(describedBy(input)!.textContent).to.contain('Accept the chat');
    const log = $(win, '[part=timeline]')!;
    expect(log.getAttribute('role')).to.equal('log');
    expect(log.getAttribute('aria-live')).to.equal('polite');

    await makeAvailable(client, agentId);
    await run(win, 'accept');
    await waitUntil(() => eventLines(win).includes('Alice Moreau accepted the chat'), 'accepted line', { timeout: 3_000 });
    await waitUntil(() => !input.disabled, 'composer on');
    expect($(win, '[data-field=assignee]')!.textContent).to.equal('Alice Moreau');

    // The customer sees the agent typing, and stop on send.
    const visitorEvents: VisitorLiveEvent[] = [];
    const sub = visitor.webchat.onEvent.subscribe(undefined, { onData: ({ data }) => visitorEvents.push(data) });
    cleanups.push(() => sub.unsubscribe());
    await new Promise((resolve) => setTimeout(resolve, 300));

    let sentId: string | null = null;
    const most = watchCopies(win, () => sentId);
    input.focus();
    await sendKeys({ type: 'Let me check' });
    await waitUntil(() => visitorEvents.some((e) => e.type === 'typing' && e.typing && e.author.name === 'Alice Moreau'), 'agent typing reaches the customer', { timeout: 3_000 });
    const sent = oneEvent(win, 'desk-message-send');
    await sendKeys({ press: 'Enter' });
    // At once, before the server answers: the echo, marked as sending.
    const echo = withBody(win, 'Let me check')[0]!;
    expect(echo).to.exist;
    sentId = echo.dataset.clientMessageId!;
    expect(sentId).to.match(/^[0-9a-f]{32}$/);
    expect(input.value).to.equal('');
    expect((await sent).detail).to.deep.equal({ conversationId, clientMessageId: sentId });
    await waitUntil(() => visitorEvents.some((e) => e.type === 'typing' && !e.typing), 'typing stopped on send', { timeout: 3_000 });

    // The customer gets it; once they have read it, the window says "Seen" under it.
    const theirs = await visitor.webchat.messages.query({ conversationId });
    const mine = theirs.find((m) => m.body === 'Let me check')!;
    expect(mine.author).to.deep.equal({ kind: 'agent', name: 'Alice Moreau' });
    expect($(win, '[part=seen]')).to.equal(null);
    await visitor.webchat.markRead.mutate({ conversationId, seq: mine.seq });
    await waitUntil(() => $(win, '[part=seen]'), 'seen shown', { timeout: 2_000 });
    expect($(win, '[part=seen]')!.dataset.seq).to.equal(String(mine.seq));

    // Their typing shows; their reply appears live, within a second.
    await visitor.webchat.typing.mutate({ conversationId, typing: true });
    await waitUntil(() => $(win, '[part=typing]')!.textContent!.includes('Maria Garcia is typing…'), 'customer typing', { timeout: 2_000 });
    const started = performance.now();
    await visitor.webchat.send.mutate({ conversationId, body: 'Thank you!', clientMessageId: cid() });
    await waitUntil(() => withBody(win, 'Thank you!').length === 1, 'reply live', { timeout: 1_000, interval: 10 });
    expect(performance.now() - started).to.be.below(1_000);
    expect($(win, '[part=typing]')!.textContent!.trim(), 'their message ends their typing').to.equal('');

    // The feed's copy of the agent's message came before the reply: still exactly one, stored.
    expect(byClientId(win, sentId)).to.have.length(1);
    expect(byClientId(win, sentId)[0]!.dataset.state).to.equal('sent');
    expect(byClientId(win, sentId)[0]!.getAttribute('part')).to.equal('message message-agent');
    expect(most()).to.equal(1);

    // The agent is at the bottom of a visible window: what they see is marked read.
    const replySeq = win.messages.at(-1)!.seq;
    await waitUntil(() => win.conversation!.read.agent >= replySeq, 'marked read', { timeout: 3_000 });
  });

  it('says live updates stopped when its stream ends (the session ended elsewhere)', async () => {
    const env = await deskEnv();
    const { conversationId } = await startChat(env);
    const { win, provider, client } = await mount('bob@demo.deskkit.dev', conversationId);
    cleanups.push(() => signInAs('ada@demo.deskkit.dev').then((ada) => ada.client.conversations.close.mutate({ conversationId })));
    await waitUntil(() => provider.feed?.status === 'live', 'feed live', { timeout: 5_000 });
    expect($(win, '[part=error]')).to.equal(null);
    await client.auth.signOut.mutate();
    await waitUntil(() => $(win, '[part=error]')?.textContent?.includes('Live updates stopped.'), 'banner shown', { timeout: 5_000 });
    expect($(win, '[part=error]')!.getAttribute('role')).to.equal('alert');
  });

  it('retries with the same client message id and never shows a message twice', async () => {
    const { win, visitor, conversationId } = await acceptedChat('alice@demo.deskkit.dev', { name: 'Retry Customer' });
    const input = replyBox(win);

    // Shift+Enter is a new line, Enter sends.
    input.focus();
    await sendKeys({ type: 'Line one' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'Line two' });
    expect(input.value).to.equal('Line one\nLine two');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => withBody(win, 'Line one\nLine two')[0]?.dataset.state === 'sent', 'multi-line sent', { timeout: 3_000 });

    // Sent twice through the element API with one id: one message.
    const twice = cid();
    expect(await Promise.all([win.send('Twice?', twice), win.send('Twice?', twice)])).to.deep.equal([true, true]);

    // The network fails before the request leaves: the echo turns "failed" with Retry.
    let failedId: string | null = null;
    const most = watchCopies(win, () => failedId);
    const restore = breakNetwork('conversations.reply', 'before');
    input.focus();
    await sendKeys({ type: 'Are you there?' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => withBody(win, 'Are you there?')[0]?.dataset.state === 'failed', 'failed', { timeout: 3_000 });
    const failed = withBody(win, 'Are you there?')[0]!;
    failedId = failed.dataset.clientMessageId!;
    expect(failed.textContent).to.contain('Not sent');
    restore();
    const acknowledged = oneEvent(win, 'desk-message-send');
    failed.querySelector<HTMLButtonElement>('[part=retry]')!.click();
    expect((await acknowledged).detail.clientMessageId).to.equal(failedId);
    await waitUntil(() => byClientId(win, failedId!)[0]?.dataset.state === 'sent');

    // The server stores it but the answer is lost: the feed's copy replaces the echo; a retry changes nothing.
    let lostId: string | null = null;
    const mostLost = watchCopies(win, () => lostId);
    breakNetwork('conversations.reply', 'after');
    lostId = cid();
    const lost = win.send('Did you get this?', lostId);
    expect(await lost).to.equal(false);
    await waitUntil(() => byClientId(win, lostId!)[0]?.dataset.state === 'sent', 'replaced by the stored message', { timeout: 3_000 });
    expect(await win.retry(lostId)).to.equal(false);

    // Let every feed event arrive (the customer's message comes after all of ours).
    await visitor.webchat.send.mutate({ conversationId, body: 'Yes, all good.', clientMessageId: cid() });
    await waitUntil(() => withBody(win, 'Yes, all good.').length === 1, 'reply', { timeout: 3_000 });
    for (const id of [twice, failedId, lostId]) expect(byClientId(win, id), id).to.have.length(1);
    expect(withBody(win, 'Twice?')).to.have.length(1);
    expect(most()).to.equal(1);
    expect(mostLost()).to.equal(1);
    const stored = await visitor.webchat.messages.query({ conversationId });
    for (const body of ['Twice?', 'Are you there?', 'Did you get this?']) expect(stored.filter((m) => m.body === body), body).to.have.length(1);

    // Themeable: the agent's bubbles follow the custom property.
    win.style.setProperty('--agent-bubble-color', 'rgb(1, 2, 3)');
    expect(getComputedStyle(byClientId(win, twice)[0]!).backgroundColor).to.equal('rgb(1, 2, 3)');
  });

  it('transfers only to available agents; the chat then leaves the window', async () => {
    const { win, env, conversationId } = await acceptedChat('alice@demo.deskkit.dev', { name: 'Transfer Customer' });
    const bob = await signInAs('bob@demo.deskkit.dev');
    const chen = await signInAs('chen@demo.deskkit.dev');
    const bobOnline = bob.client.presence.onChange.subscribe(undefined, { onData: () => undefined });
    const chenOnline = chen.client.presence.onChange.subscribe(undefined, { onData: () => undefined });
    cleanups.push(() => chen.client.auth.signOut.mutate(), () => chenOnline.unsubscribe());
    cleanups.push(() => bob.client.auth.signOut.mutate(), () => bobOnline.unsubscribe());
    cleanups.push(() => bob.client.presence.setStatus.mutate({ status: 'unavailable' }));
    cleanups.push(() => bob.client.conversations.close.mutate({ conversationId }));
    await makeAvailable(bob.client, bob.agentId);
    await chen.client.presence.setStatus.mutate({ status: 'unavailable' });
    await waitUntil(async () => (await bob.client.presence.list.query()).agents.some((a) => a.agentId === chen.agentId), 'chen online', { timeout: 3_000 });

    // Escape closes the dialog and gives focus back to the Transfer button.
    const open = action(win, 'transfer')!;
    open.focus();
    open.click();
    // The dialog loads on first use: it opens once its code is in.
    await waitUntil(() => $<HTMLDialogElement>(win, 'dialog.transfer')?.open, 'transfer dialog open', { timeout: 3_000 });
    const dialog = $<HTMLDialogElement>(win, 'dialog.transfer')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.getAttribute('part')).to.equal('dialog');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open);
    expect(win.shadowRoot!.activeElement).to.equal(open);

    open.click();
    await waitUntil(() => dialog.querySelector(`[data-agent-id="${bob.agentId}"]`), 'bob listed', { timeout: 3_000 });
    const agentIds = [...dialog.querySelectorAll<HTMLInputElement>('[data-agent-id]')].map((el) => el.dataset.agentId);
    expect(agentIds).to.include(bob.agentId);
    expect(agentIds, 'unavailable agents are not offered').not.to.include(chen.agentId);
    const alice = env.agents.find((a) => a.email === 'alice@demo.deskkit.dev')!;
    expect(agentIds, 'not the current assignee').not.to.include(alice.id);
    const departments = [...dialog.querySelectorAll<HTMLInputElement>('[data-department-id]')].map((el) => el.parentElement!.textContent!.trim());
    expect(departments).to.have.members(['Billing', 'Sales', 'Support']);

    dialog.querySelector<HTMLInputElement>(`[data-agent-id="${bob.agentId}"]`)!.click();
    dialog.querySelector<HTMLTextAreaElement>('#transfer-note')!.focus();
    await sendKeys({ type: 'VIP, be nice' });
    const transferred = oneEvent(win, 'desk-conversation-transfer');
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    expect((await transferred).detail).to.deep.equal({ conversationId, to: { agentId: bob.agentId } });
    await waitUntil(() => !dialog.open);

    // It left Alice: a clear notice, no actions, and the composer is off.
    await waitUntil(() => $(win, '[part=notice]')?.textContent?.includes('transferred to Bob Okafor'), 'notice', { timeout: 3_000 });
    expect($(win, '[part=actions]')).to.equal(null);
    expect(replyBox(win).disabled).to.equal(true);
    const moved = await bob.client.conversations.get.query({ conversationId });
    expect(moved.assigneeId).to.equal(bob.agentId);
    const history = await bob.client.conversations.messages.query({ conversationId });
    expect(history.at(-1)!.event).to.deep.include({ type: 'transferred', toAgentName: 'Bob Okafor', note: 'VIP, be nice' });
    expect(describeEvent(history.at(-1)!.event!, new LocalizeController(win, windowTerms))).to.equal('Transferred to Bob Okafor: VIP, be nice');
  });

  it('shows a refused transfer inline in the dialog', async () => {
    const { win, env, conversationId } = await acceptedChat('alice@demo.deskkit.dev', { name: 'Conflict Customer' });
    action(win, 'transfer')!.click();
    // The dialog loads on first use: it opens once its code is in.
    await waitUntil(() => $<HTMLDialogElement>(win, 'dialog.transfer')?.open, 'transfer dialog open', { timeout: 3_000 });
    const dialog = $<HTMLDialogElement>(win, 'dialog.transfer')!;
    const billing = env.departments.find((d) => d.name === 'Billing')!.id;
    dialog.querySelector<HTMLInputElement>(`[data-department-id="${billing}"]`)!.click();
    // Meanwhile a supervisor closes the chat.
    const sam = await signInAs('sam@demo.deskkit.dev');
    cleanups.push(() => sam.client.auth.signOut.mutate());
    await sam.client.conversations.close.mutate({ conversationId, reason: 'spam' });
    await waitUntil(() => win.conversation?.status === 'closed', 'closed live', { timeout: 3_000 });
    await win.updateComplete;
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await waitUntil(() => dialog.querySelector('[part=error]'), 'inline error', { timeout: 3_000 });
    expect(dialog.open).to.equal(true);
    expect(dialog.querySelector('[part=error]')!.getAttribute('role')).to.equal('alert');
    expect(dialog.querySelector('[part=error]')!.textContent).to.contain('cannot transfer a closed conversation');
    dialog.close();
  });

  it('tags, converts to a ticket, changes its priority, and closes with a reason', async () => {
    const { win, conversationId } = await acceptedChat('alice@demo.deskkit.dev', { name: 'Ticket Customer' });

    // Tags: add on Enter, remove with the chip's button.
    $<HTMLInputElement>(win, '[part=tags] input')!.focus();
    await sendKeys({ type: 'billing' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(win, '[part=tag][data-tag=billing]'), 'chip', { timeout: 3_000 });
    await waitUntil(() => eventLines(win).includes('Tagged billing'), 'tagged line', { timeout: 3_000 });
    // The feed's event line can beat the mutation's answer, which is what clears the input.
    await waitUntil(() => $<HTMLInputElement>(win, '[part=tags] input')!.value === '', 'tag input cleared', { timeout: 3_000 });
    const remove = $<HTMLButtonElement>(win, '[part=tag][data-tag=billing] button')!;
    expect(remove.getAttribute('aria-label')).to.equal('Remove tag billing');
    remove.click();
    await waitUntil(() => !$(win, '[part=tag][data-tag=billing]'), 'chip removed', { timeout: 3_000 });
    await waitUntil(() => eventLines(win).includes('Removed tag billing'), 'untagged line', { timeout: 3_000 });

    // Convert to a ticket: ticket fields appear.
    expect($(win, '[part=ticket-fields]')).to.equal(null);
    await run(win, 'convert');
    await waitUntil(() => $(win, '[part=ticket-fields]'), 'ticket fields', { timeout: 3_000 });
    await waitUntil(() => eventLines(win).includes('Converted to a ticket'), 'converted line', { timeout: 3_000 });
    expect($(win, '[data-field=kind]')!.textContent).to.equal('Ticket');
    expect(action(win, 'convert')!.textContent!.trim()).to.equal('Convert to chat');

    const priority = $<HTMLSelectElement>(win, '[part=ticket-fields] select[name=priority]')!;
    expect(priority.value).to.equal('normal');
    priority.value = 'high';
    priority.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => eventLines(win).includes('Priority changed from normal to high'), 'priority line', { timeout: 3_000 });
    await waitUntil(() => $(win, '[data-field=priority]')!.textContent === 'High', 'header', { timeout: 3_000 });

    // Close with a reason.
    action(win, 'close')!.click();
    // The dialog loads on first use: it opens once its code is in.
    await waitUntil(() => $<HTMLDialogElement>(win, 'dialog.close')?.open, 'close dialog open', { timeout: 3_000 });
    const dialog = $<HTMLDialogElement>(win, 'dialog.close')!;
    expect(dialog.open).to.equal(true);
    dialog.querySelector<HTMLInputElement>('#close-reason')!.focus();
    await sendKeys({ type: 'resolved' });
    const closed = oneEvent(win, 'desk-conversation-close');
    await sendKeys({ press: 'Enter' });
    expect((await closed).detail).to.deep.equal({ conversationId });
    await waitUntil(() => eventLines(win).includes('Closed: resolved'), 'closed line', { timeout: 3_000 });
    expect($(win, '[data-field=status]')!.textContent).to.equal('Closed');
    expect(action(win, 'reopen')).to.exist;
    const input = replyBox(win);
    expect(input.disabled).to.equal(true);
    expect(describedBy(input)!.textContent).to.contain('closed');
  });

  it('loads older history at the top, keeping the view steady, and offers new messages below', async () => {
    const env = await deskEnv();
    const { conversationId, visitor } = await startChat(env, { name: 'Long Story', body: 'Message 0' });
    for (let batch = 0; batch < 7; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          visitor.webchat.send.mutate({ conversationId, body: `Message ${batch * 10 + i + 1}`, clientMessageId: cid() }),
        ),
      );
    }
    // 72 entries: "created", the first message and 70 more. A pending chat of her department: Alice may read it.
    const { win } = await mount('alice@demo.deskkit.dev', conversationId);
    const entries = () => $$(win, '[part~=message], [part=event]');
    await waitUntil(() => entries().length === 50, 'first page', { timeout: 3_000 });
    const log = $(win, '[part=timeline]')!;
    await waitUntil(() => log.scrollHeight - log.scrollTop - log.clientHeight < 2, 'starts at the bottom');
    expect(win.messages[0]!.seq).to.equal(23);

    const oldest = entries()[0]!;
    const oldestTop = () => oldest.getBoundingClientRect().top;
    log.scrollTop = 0;
    const before = oldestTop();
    await waitUntil(() => entries().length === 72, 'older page', { timeout: 3_000 });
    await win.updateComplete;
    expect(log.scrollTop, 'not jumped to the top').to.be.above(100);
    expect(Math.abs(oldestTop() - before)).to.be.below(2);
    expect(entries()[0]!.getAttribute('data-event')).to.equal('created');
    expect(win.messages.map((m) => m.seq)).to.deep.equal([...win.messages.map((m) => m.seq)].sort((a, b) => a - b));

    // Scrolled up: a new message does not move the view; a pill offers it.
    const top = log.scrollTop;
    await visitor.webchat.send.mutate({ conversationId, body: 'Anyone?', clientMessageId: cid() });
    await waitUntil(() => $(win, '[part=new-messages]'), 'pill', { timeout: 3_000 });
    expect($(win, '[part=new-messages]')!.textContent).to.contain('1 new message');
    expect(log.scrollTop).to.equal(top);
    $<HTMLButtonElement>(win, '[part=new-messages]')!.click();
    await waitUntil(() => log.scrollHeight - log.scrollTop - log.clientHeight < 2, 'to the bottom');
    await waitUntil(() => !$(win, '[part=new-messages]'));

    // At the bottom, it sticks there.
    await visitor.webchat.send.mutate({ conversationId, body: 'Hello?', clientMessageId: cid() });
    await waitUntil(() => withBody(win, 'Hello?').length === 1, 'arrived', { timeout: 3_000 });
    await win.updateComplete;
    expect(log.scrollHeight - log.scrollTop - log.clientHeight).to.be.below(2);
    expect($(win, '[part=new-messages]')).to.equal(null);
  });

  it("shows a verified customer's badge and the conversation's details", async () => {
    const env = await deskEnv();
    const identityToken = await new SignJWT({ name: 'Vera Verified', email: 'vera@example.com' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(`portal-${cid()}`)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(env.identitySecret));
    const support = env.departments.find((d) => d.name === 'Support')!.id;
    const started = await createDeskClient({ url: env.url }).webchat.start.mutate({
      tenant: env.tenant,
      departmentId: support,
      identityToken,
      message: { body: 'Where is my order?', clientMessageId: cid() },
    });
    // A supervisor sees any conversation.
    const { win } = await mount('sam@demo.deskkit.dev', started.conversation.id);
    expect($(win, '.customer')!.textContent).to.equal('Vera Verified');
    expect($(win, '[part=badge]')!.textContent).to.contain('Verified');
    await waitUntil(() => $(win, '[data-field=department]')!.textContent === 'Support', 'department name', { timeout: 3_000 });
    expect($(win, '[data-field=assignee]')!.textContent).to.equal('Unassigned');
    expect($(win, '[data-field=priority]')!.textContent).to.equal('Normal');

    // The actions keep to the header's end on every line they take.
    const lineEnds = () => {
      const lines = new Map<number, number>();
      for (const el of $$(win, '[part=actions] > *').filter((el) => el.checkVisibility())) {
        const box = el.getBoundingClientRect();
        lines.set(Math.round(box.top), Math.max(lines.get(Math.round(box.top)) ?? 0, box.right));
      }
      return lines;
    };
    const end = () => $(win, '[part=header]')!.getBoundingClientRect().right - parseFloat(getComputedStyle($(win, '[part=header]')!).paddingRight);
    // Below 66rem the main ones and "More actions" share one line (the others are in its menu).
    win.style.width = '420px';
    await waitUntil(() => $$(win, '[part=actions] > *').length >= 4, 'actions shown', { timeout: 3_000 });
    expect(lineEnds().size, 'one line').to.equal(1);
    for (const right of lineEnds().values()) expect(right).to.be.closeTo(end(), 1);
    // Wider, every action shows, on as many lines as it takes.
    win.style.width = '1100px';
    expect($$(win, '[part=actions] > :not(.more, [hidden])').every((el) => el.checkVisibility())).to.equal(true);
    for (const right of lineEnds().values()) expect(right).to.be.closeTo(end(), 1);
  });

  it('separates days: "Today", "Yesterday", then dates', async () => {
    const env = await deskEnv();
    const { conversationId } = await startChat(env, { name: 'Day Customer' });
    const { win } = await mount('alice@demo.deskkit.dev', conversationId);
    await waitUntil(() => $$(win, '[part=day]').length > 0, 'separator', { timeout: 3_000 });
    expect($$(win, '[part=day]').map((el) => el.textContent!.trim())).to.deep.equal(['Today']);

    const localize = new LocalizeController(win, windowTerms);
    const now = new Date(2025, 4, 15, 10, 0);
    expect(dayLabel(new Date(2025, 4, 15, 0, 5).toISOString(), localize, 'en', now)).to.equal('Today');
    expect(dayLabel(new Date(2025, 4, 14, 23, 55).toISOString(), localize, 'en', now)).to.equal('Yesterday');
    expect(dayLabel(new Date(2025, 4, 12, 9, 0).toISOString(), localize, 'en', now)).to.equal('Monday, May 12');
    expect(dayLabel(new Date(2024, 11, 31, 9, 0).toISOString(), localize, 'en', now)).to.equal('Tuesday, December 31, 2024');
  });

  it('words chat events', async () => {
    const env = await deskEnv();
    const provider = await fixture<DeskProvider>(html`<desk-provider server=${env.url}><chat-window></chat-window></desk-provider>`);
    const localize = new LocalizeController(provider.querySelector('chat-window')!, windowTerms);
    const say = (event: Parameters<typeof describeEvent>[0]) => describeEvent(event, localize);
    expect(say({ type: 'created' })).to.equal('Conversation started');
    expect(say({ type: 'assigned', agentId: 'a', agentName: 'Alice Moreau', by: 'accept' })).to.equal('Alice Moreau accepted the chat');
    expect(say({ type: 'assigned', agentId: 'a', agentName: 'Bob Okafor', by: 'routing' })).to.equal('Assigned to Bob Okafor');
    expect(
      say({ type: 'transferred', from: 'a', toAgentId: null, toAgentName: null, toDepartmentId: 'd', toDepartmentName: 'Billing', note: null }),
    ).to.equal('Moved to the Billing queue');
    expect(say({ type: 'closed', reason: null })).to.equal('Closed');
    expect(say({ type: 'reopened' })).to.equal('Reopened');
    expect(say({ type: 'tagged', added: ['vip', 'billing'], removed: ['new'] })).to.equal('Tagged vip, billing; removed tag new');
    expect(say({ type: 'converted', to: 'chat' })).to.equal('Converted to a chat');
    expect(say({ type: 'updated', field: 'status', from: 'open', to: 'on-hold' })).to.equal('Status changed from open to on hold');
    expect(say({ type: 'updated', field: 'assignee', from: null, to: 'Sam Carter' })).to.equal('Assigned to Sam Carter');
  });

  it('survives being defined twice', () => {
    expect(() => ChatWindow.define('chat-window')).not.to.throw();
  });
});
