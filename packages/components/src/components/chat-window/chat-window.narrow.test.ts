import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../desk-provider/desk-provider.js';
import type { DeskProvider } from '../desk-provider/desk-provider.js';
import { deskEnv, cleanupsAfterEach, startSupportChat } from '../../internal/test-env.js';
import { openAsAlice } from './chat-window.test-support.js';
import type { ChatWindow } from './chat-window.js';
import './chat-window.js';

const cleanups = cleanupsAfterEach();

/** A Support chat accepted by Alice, in a window `width` wide. */
async function acceptedChat(name: string, width: string) {
  const env = await deskEnv();
  const { conversationId } = await startSupportChat(env, name);
  const provider = await fixture<DeskProvider>(
    html`<desk-provider server=${env.url}><chat-window style="height: 560px; width: ${width}"></chat-window></desk-provider>`,
  );
  const win = provider.querySelector<ChatWindow>('chat-window')!;
  const { client } = await openAsAlice(env, provider, win, conversationId, cleanups);
  await waitUntil(() => $(win, '[data-action=transcript]'), 'all actions', { timeout: 3_000 });
  return { win, client, conversationId };
}

const $ = <T extends Element = HTMLElement>(win: ChatWindow, selector: string) => win.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(win: ChatWindow, selector: string) => [...win.shadowRoot!.querySelectorAll<T>(selector)];
const shown = (el: Element) => el.checkVisibility();
/** The header's action controls that show. */
const shownActions = (win: ChatWindow) => $$(win, '[part=actions] :is(button, select)').filter(shown);
/** How many rows the actions that show take (a control and the select beside it in one group are one). */
const actionRows = (win: ChatWindow) => new Set($$(win, '[part=actions] > *').filter(shown).map((el) => Math.round(el.getBoundingClientRect().top))).size;
const active = (win: ChatWindow) => win.shadowRoot!.activeElement as HTMLElement | null;
const items = (win: ChatWindow) => $$(win, '[part=more-menu] [part~=more-item]');

describe('<chat-window> in a narrow column', () => {
  it('keeps the main actions on one row and offers the others in a "More actions" menu', async () => {
    const { win } = await acceptedChat('Narrow Customer', '360px');
    const more = $<HTMLButtonElement>(win, '[part=more-button]')!;
    await waitUntil(() => shown(more), 'the menu button shows');
    expect(actionRows(win), 'one row of actions').to.equal(1);
    expect(shownActions(win).map((el) => el.dataset.action ?? el.getAttribute('part'))).to.deep.equal(['transfer', 'close', 'more-button']);
    for (const action of ['convert', 'verify', 'transcript', 'transcript-format']) expect(shown($(win, `[data-action=${action}]`)!), action).to.equal(false);
    expect(more.getAttribute('aria-haspopup')).to.equal('menu');
    expect(more.getAttribute('aria-expanded')).to.equal('false');
    expect(more.getAttribute('aria-label')).to.equal('More actions');
    // Every control that does not show is reachable through the menu.
    const hidden = $$(win, '[part=actions] :is(button, select)').filter((el) => !shown(el) && !el.closest('.more'));

    // From the keyboard: ArrowDown opens it on its first item.
    more.focus();
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => $(win, '[part=more-menu]') && active(win)?.matches('[part~=more-item]'), 'menu open, focus inside');
    const menu = $(win, '[part=more-menu]')!;
    expect(menu.getAttribute('role')).to.equal('menu');
    expect(menu.getAttribute('aria-label')).to.equal('More actions');
    expect(more.getAttribute('aria-expanded')).to.equal('true');
    expect(more.getAttribute('aria-controls')).to.equal(menu.id);
    expect(active(win)).to.equal(items(win)[0]);
    const actions = items(win).filter((el) => el.getAttribute('role') === 'menuitem').map((el) => el.dataset.action);
    expect(actions).to.include.members(['convert', 'verify', 'transcript']);
    expect(actions.length + 1, 'every hidden button, and the format as a group of choices').to.equal(hidden.length);
    expect(items(win).filter((el) => el.getAttribute('role') === 'menuitemradio').map((el) => el.textContent!.trim())).to.deep.equal([
      'Transcript format: TXT',
      'Transcript format: HTML',
      'Transcript format: CSV',
    ]);
    expect(items(win).every((el) => el.tabIndex === -1), 'one tab stop: the button').to.equal(true);

    // Arrow keys move and wrap, Home and End jump.
    await sendKeys({ press: 'ArrowDown' });
    expect(active(win)).to.equal(items(win)[1]);
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    expect(active(win), 'wraps to the last').to.equal(items(win).at(-1));
    await sendKeys({ press: 'Home' });
    expect(active(win)).to.equal(items(win)[0]);
    await sendKeys({ press: 'End' });
    expect(active(win)).to.equal(items(win).at(-1));

    // Escape closes it and focus goes back to the button.
    await sendKeys({ press: 'Escape' });
    await win.updateComplete;
    expect($(win, '[part=more-menu]')).to.equal(null);
    expect(active(win)).to.equal(more);
    expect(more.getAttribute('aria-expanded')).to.equal('false');

    // ArrowUp opens it on its last item; a click elsewhere closes it.
    await sendKeys({ press: 'ArrowUp' });
    await waitUntil(() => active(win) === items(win).at(-1), 'on the last item');
    $(win, '[part=timeline]')!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await win.updateComplete;
    expect($(win, '[part=more-menu]')).to.equal(null);

    // A click opens it too; a choice sets the hidden control and keeps the menu open.
    more.click();
    await waitUntil(() => $(win, '[part=more-menu]'), 'open');
    $<HTMLButtonElement>(win, '[part~=more-item][data-value=html]')!.click();
    await win.updateComplete;
    expect($<HTMLSelectElement>(win, '[data-action=transcript-format]')!.value).to.equal('html');
    expect($(win, '[part~=more-item][data-value=html]')!.getAttribute('aria-checked')).to.equal('true');
    expect($(win, '[part~=more-item][data-value=txt]')!.getAttribute('aria-checked')).to.equal('false');
  });

  it('runs an action from the menu with Enter, focus back on the menu button', async () => {
    const { win } = await acceptedChat('Narrow Convert', '360px');
    const more = $<HTMLButtonElement>(win, '[part=more-button]')!;
    await waitUntil(() => shown(more), 'the menu button shows');
    more.focus();
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => items(win).length > 0, 'menu open');
    const convert = items(win).findIndex((el) => el.dataset.action === 'convert');
    for (let i = 0; i < convert; i++) await sendKeys({ press: 'ArrowDown' });
    expect(active(win)?.textContent?.trim()).to.equal('Convert to ticket');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => win.conversation?.kind === 'ticket', 'converted by the server', { timeout: 3_000 });
    expect($(win, '[part=more-menu]')).to.equal(null);
    expect(active(win)).to.equal(more);
  });

  it('shows every action on one row, no menu button, in a window wide enough for them all', async () => {
    const { win } = await acceptedChat('Wide Customer', '1100px');
    await win.updateComplete;
    expect(shown($(win, '[part=more-button]')!)).to.equal(false);
    for (const action of ['transfer', 'close', 'convert', 'sms', 'verify', 'payment', 'transcript', 'transcript-format']) expect(shown($(win, `[data-action=${action}]`)!), action).to.equal(true);
    expect(actionRows(win)).to.equal(1);
  });

  it('keeps the main actions on one row in a desktop column too narrow for them all (and back when it widens)', async () => {
    const { win } = await acceptedChat('Column Customer', '680px');
    const more = () => shown($(win, '[part=more-button]')!);
    expect(more()).to.equal(true);
    expect(actionRows(win)).to.equal(1);
    expect(shownActions(win).map((el) => el.dataset.action ?? el.getAttribute('part'))).to.deep.equal(['transfer', 'close', 'more-button']);
    win.style.width = '1100px';
    await waitUntil(() => !more(), 'every action again');
    expect(actionRows(win)).to.equal(1);
  });

  it('puts the timeline filter at the end of the tags row, not on a row of its own', async () => {
    const { win } = await acceptedChat('Filter Row Customer', '360px');
    const box = (selector: string) => $(win, selector)!.getBoundingClientRect();
    const filter = box('[part=filter-button]');
    const tags = box('[part=tags]');
    expect(filter.top, 'beside the tags').to.be.below(tags.bottom);
    expect(filter.bottom).to.be.above(tags.top);
    expect(filter.left).to.be.above(box('.tag-input').right);
    // The timeline starts right below the details.
    expect(box('.timeline-wrap').top - box('.details').bottom).to.be.lessThan(2);
  });
});
