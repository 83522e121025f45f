import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../desk-provider/desk-provider.js';
import type { DeskProvider } from '../desk-provider/desk-provider.js';
import { deskEnv, cleanupsAfterEach, cid, startSupportChat } from '../../internal/test-env.js';
import { openAsAlice } from './chat-window.test-support.js';
import { categoryOf } from './chat-window.filter.js';
import type { ChatWindow } from './chat-window.js';
import './chat-window.js';

const cleanups = cleanupsAfterEach();

/** A Support chat accepted by Alice in a window that may start with `hidden-entries`. */
async function acceptedChat(name: string, hidden?: string) {
  const env = await deskEnv();
  const { conversationId, visitor } = await startSupportChat(env, name, 'Hello, I need help');
  const provider = await fixture<DeskProvider>(
    html`<desk-provider server=${env.url}><chat-window style="height: 480px" hidden-entries=${hidden ?? ''}></chat-window></desk-provider>`,
  );
  const win = provider.querySelector<ChatWindow>('chat-window')!;
  const { client } = await openAsAlice(env, provider, win, conversationId, cleanups);
  return { win, client, conversationId, visitor };
}

const $ = <T extends Element = HTMLElement>(win: ChatWindow, selector: string) => win.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(win: ChatWindow, selector: string) => [...win.shadowRoot!.querySelectorAll<T>(selector)];
const eventTypes = (win: ChatWindow) => $$(win, '[part=event]').map((el) => el.dataset.event);
const bodies = (win: ChatWindow) => $$(win, '[part~=message] [part=body]').map((el) => el.textContent);
const checkbox = (win: ChatWindow, category: string) => $<HTMLInputElement>(win, `[part=filter-menu] input[value=${category}]`)!;

describe('<chat-window> timeline filter', () => {
  it('hides and shows kinds of entries from an accessible menu, and keeps the choice on the element', async () => {
    const { win, client, conversationId } = await acceptedChat('Filter Customer');
    await client.conversations.tag.mutate({ conversationId, add: ['vip'] });
    await client.conversations.reply.mutate({ conversationId, body: 'How can I help?', clientMessageId: cid() });
    await waitUntil(() => eventTypes(win).includes('tagged') && bodies(win).includes('How can I help?'), 'all entries', { timeout: 3_000 });
    expect(eventTypes(win)).to.deep.equal(['created', 'assigned', 'tagged']);

    // A disclosure button; the menu is a labelled group of checkboxes, all on.
    const button = $<HTMLButtonElement>(win, '[part=filter-button]')!;
    const menu = $<HTMLFieldSetElement>(win, '[part=filter-menu]')!;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(button.getAttribute('aria-controls')).to.equal(menu.id);
    expect(menu.hidden).to.equal(true);
    button.click();
    await win.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(menu.hidden).to.equal(false);
    expect(menu.querySelector('legend')!.textContent).to.equal('Show in the timeline');
    expect(win.shadowRoot!.activeElement, 'focus moves into the menu').to.equal(checkbox(win, 'messages'));
    const labels = [...menu.querySelectorAll('label')].map((l) => l.textContent!.trim());
    expect(labels).to.deep.equal(['Messages', 'Attachments', 'Assignments & transfers', 'Tags', 'Status changes']);
    expect([...menu.querySelectorAll<HTMLInputElement>('input')].every((i) => i.checked)).to.equal(true);

    // Tags off: the tag line goes, the rest stays; the element reflects it and says so.
    const changed = oneEvent(win, 'desk-timeline-filter-change');
    checkbox(win, 'tags').click();
    expect((await changed).detail).to.deep.equal({ hidden: ['tags'] });
    await win.updateComplete;
    expect(eventTypes(win)).to.deep.equal(['created', 'assigned']);
    expect(win.getAttribute('hidden-entries')).to.equal('tags');
    expect(button.textContent!.trim()).to.equal('Filter (1 hidden)');

    // With the keyboard: Space toggles a checkbox; assignments and messages off.
    checkbox(win, 'assignments').focus();
    await sendKeys({ press: 'Space' });
    checkbox(win, 'messages').focus();
    await sendKeys({ press: 'Space' });
    await win.updateComplete;
    expect(win.hiddenEntries).to.deep.equal(['messages', 'assignments', 'tags']);
    expect(eventTypes(win)).to.deep.equal(['created']);
    expect(bodies(win)).to.deep.equal([]);
    // Nothing of that day left but the event: one day separator, still.
    expect($$(win, '[part=day]')).to.have.length(1);

    // New entries follow the filter as they arrive.
    await client.conversations.tag.mutate({ conversationId, add: ['billing'] });
    await client.conversations.updateTicket.mutate({ conversationId, priority: 'high' });
    await waitUntil(() => eventTypes(win).includes('updated'), 'priority line', { timeout: 3_000 });
    expect(eventTypes(win)).to.deep.equal(['created', 'updated']);
    expect(win.messages.filter((m) => m.event?.type === 'tagged')).to.have.length(2);

    // Escape closes the menu and gives focus back to the button.
    await sendKeys({ press: 'Escape' });
    await win.updateComplete;
    expect(menu.hidden).to.equal(true);
    expect(win.shadowRoot!.activeElement).to.equal(button);

    // Show everything again.
    button.click();
    await win.updateComplete;
    $<HTMLButtonElement>(win, '[part=filter-menu] .show-all')!.click();
    await win.updateComplete;
    expect(eventTypes(win)).to.deep.equal(['created', 'assigned', 'tagged', 'tagged', 'updated']);
    expect(bodies(win)).to.include.members(['Hello, I need help', 'How can I help?']);
    expect(win.hasAttribute('hidden-entries')).to.equal(false);
    expect(button.textContent!.trim()).to.equal('Filter');

    // A click elsewhere closes the menu.
    $(win, '[part=timeline]')!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await win.updateComplete;
    expect(menu.hidden).to.equal(true);
  });

  it('starts from the hidden-entries attribute (the page keeps the choice)', async () => {
    const { win, visitor, conversationId } = await acceptedChat('Kept Filter', 'status, assignments bogus');
    expect(win.hiddenEntries).to.deep.equal(['assignments', 'status']);
    await visitor.webchat.send.mutate({ conversationId, body: 'Still there?', clientMessageId: cid() });
    await waitUntil(() => bodies(win).includes('Still there?'), 'message', { timeout: 3_000 });
    expect(eventTypes(win)).to.deep.equal([]);
    expect(checkbox(win, 'status').checked).to.equal(false);
    expect(checkbox(win, 'messages').checked).to.equal(true);
    win.hiddenEntries = [];
    await win.updateComplete;
    expect(eventTypes(win)).to.deep.equal(['created', 'assigned']);
  });

  it('sorts entries into categories', () => {
    const base = { id: 'x', conversationId: 'c', seq: 1, author: { kind: 'system', id: null, name: '' }, body: '', attachment: null, location: null, template: null, delivery: null, payment: null, clientMessageId: null, createdAt: new Date().toISOString() } as const;
    const event = (e: object) => categoryOf({ ...base, kind: 'event', event: e } as never);
    expect(categoryOf({ ...base, kind: 'text', event: null })).to.equal('messages');
    expect(categoryOf({ ...base, kind: 'template', event: null })).to.equal('messages');
    expect(categoryOf({ ...base, kind: 'attachment', event: null })).to.equal('attachments');
    expect(event({ type: 'assigned' })).to.equal('assignments');
    expect(event({ type: 'transferred' })).to.equal('assignments');
    expect(event({ type: 'updated', field: 'assignee' })).to.equal('assignments');
    expect(event({ type: 'tagged' })).to.equal('tags');
    for (const type of ['created', 'closed', 'reopened', 'converted']) expect(event({ type })).to.equal('status');
    expect(event({ type: 'updated', field: 'priority' })).to.equal('status');
  });
});
