import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../desk-provider/desk-provider.js';
import type { DeskProvider } from '../desk-provider/desk-provider.js';
import { deskEnv, cleanupsAfterEach, cid, startSupportChat, makeAvailable, type DeskEnv } from '../../internal/test-env.js';
import { openAsAlice } from './chat-window.test-support.js';
import type { ChatWindow } from './chat-window.js';
import './chat-window.js';

const cleanups = cleanupsAfterEach();

const strip = (win: ChatWindow) => win.shadowRoot!.querySelector<HTMLElement>('[part~=reply-suggestions]');
const chips = (win: ChatWindow) => [...win.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~=reply-suggestion]')];
const input = (win: ChatWindow) => win.shadowRoot!.querySelector('message-composer')!.shadowRoot!.querySelector<HTMLTextAreaElement>('[part~=input]')!;

/** A Support chat from Nina asking `body`, opened by Alice in a window, accepted once `beforeAccept` ran. */
async function chat(body: string, beforeAccept: (win: ChatWindow) => Promise<void> = async () => undefined) {
  const env = await deskEnv();
  const { conversationId, visitor } = await startSupportChat(env, 'Nina Holm', body);
  const provider = await fixture<DeskProvider>(html`<desk-provider server=${env.url}><chat-window style="height: 560px"></chat-window></desk-provider>`);
  const win = provider.querySelector<ChatWindow>('chat-window')!;
  const { client, session } = await openAsAlice(env, provider, win, conversationId, cleanups, { accept: false });
  await beforeAccept(win);
  await makeAvailable(client, session.agent.id);
  await client.conversations.accept.mutate({ conversationId }).catch(() => undefined);
  await waitUntil(() => win.conversation?.status === 'open' && win.conversation.assigneeId === session.agent.id, 'accepted', { timeout: 3_000 });
  return { win, client, visitor, conversationId };
}

describe('<chat-window> suggested replies', () => {
  it('with the tenant’s LLM: the local ranking shows at once, the model’s reply joins first when it answers', async function () {
    this.timeout(30_000);
    const llm = (await (await fetch('/__desk-llm', { cache: 'no-store' })).json()) as { tenant: string; departments: DeskEnv['departments'] };
    const env = { ...(await deskEnv()), tenant: llm.tenant, departments: llm.departments };
    const { conversationId } = await startSupportChat(env, 'Nina Holm', 'My password reset link expired, what now?');
    const provider = await fixture<DeskProvider>(html`<desk-provider server=${env.url}><chat-window style="height: 560px"></chat-window></desk-provider>`);
    const win = provider.querySelector<ChatWindow>('chat-window')!;
    await openAsAlice(env, provider, win, conversationId, cleanups);

    await waitUntil(() => chips(win).length > 0, 'local suggestions', { timeout: 5_000 });
    expect(chips(win).map((c) => c.dataset.source)).to.not.include('llm');
    await waitUntil(() => chips(win)[0]?.dataset.source === 'llm', 'the model’s suggestion', { timeout: 8_000 });
    expect(chips(win)[0]!.title).to.equal('Hello from the model.');
    expect(chips(win).length).to.equal(3);
  });

  it('shows suggestions for the customer’s message; choosing one fills the composer to edit', async function () {
    this.timeout(30_000);
    const { win, client, visitor, conversationId } = await chat('My password reset link expired, what now?', async (w) => {
      // Pending: the agent cannot reply yet, so nothing is suggested.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(strip(w)).to.equal(null);
    });

    await waitUntil(() => chips(win).length > 0, 'suggestions shown', { timeout: 5_000 });
    expect(strip(win)!.getAttribute('role')).to.equal('group');
    expect(strip(win)!.getAttribute('aria-label')).to.equal('Suggested replies');
    expect(chips(win).length).to.be.at.most(3);
    const first = chips(win)[0]!;
    expect(first.dataset.source).to.equal('history');
    expect(first.querySelector('[part~=reply-suggestion-source]')!.textContent).to.equal('Past answer');
    expect(first.getAttribute('aria-label')).to.match(/^Insert suggested reply \(Past answer\): Hi Nina, reset links stay valid/);
    expect(chips(win).some((c) => c.dataset.source === 'canned')).to.equal(true);
    // In a narrow window the chips wrap; the dismiss button stays on the first line, at the end.
    win.style.width = '420px';
    await win.updateComplete;
    const dismiss = strip(win)!.querySelector('[part~=reply-suggestions-dismiss]')!.getBoundingClientRect();
    const line = strip(win)!.querySelector('.reply-suggestions-label')!.getBoundingClientRect();
    expect(dismiss.top, 'dismiss on the first line').to.be.below(line.bottom);
    expect(strip(win)!.getBoundingClientRect().right - dismiss.right).to.be.below(12);
    for (const chip of chips(win)) expect(chip.getBoundingClientRect().right, 'chips clear of it').to.be.at.most(dismiss.left + 1);
    win.style.width = '';

    // A click inserts it into the composer (not sent), and the strip goes.
    const text = first.title;
    first.click();
    await waitUntil(() => input(win).value === text, 'inserted', { timeout: 3_000 });
    expect(text).to.contain('Hi Nina');
    expect(strip(win)).to.equal(null);
    expect(win.messages.some((m) => m.body === text)).to.equal(false);

    // Edited, then sent: the agent's reply is the newest message, nothing to suggest.
    await sendKeys({ type: ' Thanks!' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => win.messages.some((m) => m.body === `${text} Thanks!`), 'sent as edited', { timeout: 3_000 });
    expect(strip(win)).to.equal(null);
  });

  it('brings new suggestions for each new customer message, live; keyboard, dismissing, and none once closed', async function () {
    this.timeout(30_000);
    const { win, client, visitor, conversationId } = await chat('Hello there');
    await client.conversations.reply.mutate({ conversationId, body: 'Hi! How can I help?', clientMessageId: cid() });
    await waitUntil(() => win.messages.at(-1)?.author.kind === 'agent', 'the agent replied', { timeout: 3_000 });
    expect(strip(win)).to.equal(null);

    // The customer writes again: new suggestions arrive live. Keyboard: arrows move, Enter inserts.
    await visitor.webchat.send.mutate({ conversationId, body: 'Also the app crashes on start since the last update', clientMessageId: cid() });
    await waitUntil(() => chips(win)[0]?.title.includes('4.2.2'), 'suggestions for the new message', { timeout: 5_000 });
    chips(win)[0]!.focus();
    if (chips(win).length > 1) {
      await sendKeys({ press: 'ArrowRight' });
      expect(win.shadowRoot!.activeElement).to.equal(chips(win)[1]);
      await sendKeys({ press: 'ArrowLeft' });
    }
    expect(win.shadowRoot!.activeElement).to.equal(chips(win)[0]);
    const crash = chips(win)[0]!.title;
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => input(win).value === crash, 'inserted with the keyboard', { timeout: 3_000 });
    expect(crash).not.to.contain('Sofia');

    // Dismissed with Escape (or the × button), until the customer writes again.
    await client.conversations.reply.mutate({ conversationId, body: 'Checking.', clientMessageId: cid() });
    await visitor.webchat.send.mutate({ conversationId, body: 'How can I change the email address of my account?', clientMessageId: cid() });
    await waitUntil(() => chips(win)[0]?.title.includes('Settings → Profile → Email'), 'third suggestions', { timeout: 5_000 });
    chips(win)[0]!.focus();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => strip(win) === null, 'dismissed', { timeout: 3_000 });
    await visitor.webchat.send.mutate({ conversationId, body: 'My reset password link expired again', clientMessageId: cid() });
    await waitUntil(() => chips(win).length > 0, 'back for the next message', { timeout: 5_000 });
    strip(win)!.querySelector<HTMLButtonElement>('[part~=reply-suggestions-dismiss]')!.click();
    await waitUntil(() => strip(win) === null, 'dismissed by the button', { timeout: 3_000 });

    // Closed: nothing, even for a new customer message.
    await visitor.webchat.send.mutate({ conversationId, body: 'My password reset link expired once more', clientMessageId: cid() });
    await waitUntil(() => chips(win).length > 0, 'shown again', { timeout: 5_000 });
    await client.conversations.close.mutate({ conversationId });
    await waitUntil(() => win.conversation?.status === 'closed', 'closed', { timeout: 3_000 });
    expect(strip(win)).to.equal(null);
  });
});
