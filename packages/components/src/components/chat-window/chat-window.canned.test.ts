import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../desk-provider/desk-provider.js';
import type { DeskProvider } from '../desk-provider/desk-provider.js';
import { deskEnv, cleanupsAfterEach, startSupportChat } from '../../internal/test-env.js';
import { openAsAlice } from './chat-window.test-support.js';
import type { ChatWindow } from './chat-window.js';
import './chat-window.js';

const cleanups = cleanupsAfterEach();

/** A Support chat from `name`, accepted by Alice, in a window. */
async function acceptedChat(name: string) {
  const env = await deskEnv();
  const { conversationId } = await startSupportChat(env, name);
  const provider = await fixture<DeskProvider>(html`<desk-provider server=${env.url}><chat-window style="height: 520px"></chat-window></desk-provider>`);
  const win = provider.querySelector<ChatWindow>('chat-window')!;
  const { client } = await openAsAlice(env, provider, win, conversationId, cleanups);
  return { win, client, conversationId };
}

/** The composer's textarea (inside `<message-composer>`) and its suggestions. */
const composerOf = (win: ChatWindow) => win.shadowRoot!.querySelector('message-composer')!;
const input = (win: ChatWindow) => composerOf(win).shadowRoot!.querySelector<HTMLTextAreaElement>('[part~=input]')!;
const suggestions = (win: ChatWindow) =>
  [...composerOf(win).shadowRoot!.querySelectorAll<HTMLElement>('[part~=suggestion]')].map((el) => el.querySelector('.shortcut')!.textContent);

async function typeInComposer(win: ChatWindow, text: string) {
  await waitUntil(() => input(win) && !input(win).disabled, 'composer on', { timeout: 3_000 });
  input(win).focus();
  await sendKeys({ type: text });
}

async function clearComposer(win: ChatWindow) {
  input(win).focus();
  input(win).select();
  await sendKeys({ press: 'Backspace' });
  await waitUntil(() => input(win).value === '' && suggestions(win).length === 0, 'cleared', { timeout: 3_000 });
}

describe('<chat-window> canned replies', () => {
  it('suggests /shortcuts and inserts the reply filled in, still editable', async () => {
    const { win, client, conversationId } = await acceptedChat('Maria Garcia');

    await typeInComposer(win, '/hel');
    await waitUntil(() => suggestions(win)[0] === '/hello', 'suggested', { timeout: 3_000 });
    const first = composerOf(win).shadowRoot!.querySelector('[part~=suggestion]')!;
    expect(first.textContent).to.contain('Greeting');
    expect(first.textContent).to.contain('Hi {{customer.firstName}}');

    // Enter takes the active suggestion: placeholders filled for Maria and Alice.
    await sendKeys({ press: 'Enter' });
    const filled = 'Hi Maria, I’m Alice. How can I help you today?';
    await waitUntil(() => input(win).value === filled, 'inserted', { timeout: 3_000 });
    expect(win.messages.some((m) => m.body === filled), 'inserted, not sent').to.equal(false);

    // Edit it, then send what was edited.
    await sendKeys({ type: ' 🙂' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => win.messages.some((m) => m.body === `${filled} 🙂`), 'sent as edited', { timeout: 3_000 });
    const stored = await client.conversations.messages.query({ conversationId });
    expect(stored.at(-1)!.body).to.equal(`${filled} 🙂`);
  });

  it("offers only this department's and tenant-wide replies, by shortcut and by words", async () => {
    const { win } = await acceptedChat('Dept Customer');

    // /refund belongs to Billing: not in a Support chat.
    await typeInComposer(win, '/refund');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(suggestions(win)).to.deep.equal([]);
    await clearComposer(win);

    // A word of the body finds the reply; Escape dismisses the list and keeps the text.
    await typeInComposer(win, '/patience');
    await waitUntil(() => suggestions(win).includes('/thanks'), 'found by a body word', { timeout: 3_000 });
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => suggestions(win).length === 0, 'dismissed', { timeout: 3_000 });
    expect(input(win).value).to.equal('/patience');
    await clearComposer(win);

    // Just "/" lists the first ones; arrows move, Tab takes one.
    await typeInComposer(win, '/');
    await waitUntil(() => suggestions(win).length > 2, 'listed', { timeout: 3_000 });
    const listed = suggestions(win);
    expect(listed).to.include.members(['/bye', '/hello', '/reset-password', '/thanks']);
    expect(listed).not.to.include('/refund');
    await sendKeys({ press: 'ArrowDown' });
    const second = listed[1];
    await sendKeys({ press: 'Tab' });
    await waitUntil(() => input(win).value !== '/', 'inserted', { timeout: 3_000 });
    expect(second).to.equal('/hello');
    expect(input(win).value).to.equal('Hi Dept, I’m Alice. How can I help you today?');
  });
});
