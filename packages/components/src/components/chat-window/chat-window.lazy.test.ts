import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../desk-provider/desk-provider.js';
import type { DeskProvider } from '../desk-provider/desk-provider.js';
import { cleanupsAfterEach, deskEnv, signInAs, startSupportChat } from '../../internal/test-env.js';
import type { ChatWindow } from './chat-window.js';
import './chat-window.js';

const $ = <T extends Element = HTMLElement>(win: ChatWindow, selector: string) => win.shadowRoot!.querySelector<T>(selector);
const action = (win: ChatWindow, name: string) => $<HTMLButtonElement>(win, `[part=actions] [data-action=${name}]`);

/** How the test server answers one module (by file name): slowly, or 503 until told otherwise. */
const serveModule = (path: string, rule: { fail?: boolean; delayMs?: number }) => executeServerCommand('desk-lazy-module', { path, ...rule });

const cleanups = cleanupsAfterEach();

/** A supervisor's window on a new pending web chat (Close and Verify are offered). */
async function mountOnNewChat(name: string): Promise<ChatWindow> {
  const env = await deskEnv();
  const { conversationId } = await startSupportChat(env, name, 'Hello?');
  const sam = await signInAs('sam@demo.deskkit.dev');
  cleanups.push(() => sam.client.conversations.close.mutate({ conversationId }).catch(() => undefined), () => sam.client.auth.signOut.mutate());
  const provider = await fixture<DeskProvider>(html`<desk-provider server=${env.url}><chat-window style="height: 480px"></chat-window></desk-provider>`);
  await provider.signIn({ tenant: env.tenant, email: 'sam@demo.deskkit.dev', password: env.password });
  cleanups.push(() => provider.signOut());
  const win = provider.querySelector<ChatWindow>('chat-window')!;
  win.conversationId = conversationId;
  await waitUntil(() => win.conversation?.id === conversationId, 'loaded', { timeout: 5_000 });
  await win.updateComplete;
  return win;
}

describe('<chat-window> parts that load on first use', function () {
  this.timeout(20_000);

  before(async () => {
    // Set before any window renders (a rendered action preloads its dialog when the browser is idle).
    await serveModule('chat-window.dialogs', { delayMs: 1_500 });
    await serveModule('chat-window.verify-dialog', { fail: true });
    await serveModule('chat-window.ticket-fields', { fail: true });
  });

  after(async () => {
    await serveModule('chat-window.dialogs', {});
    await serveModule('chat-window.verify-dialog', {});
    await serveModule('chat-window.ticket-fields', {});
  });

  it('renders without the dialogs, and opens one once its code is in, busy meanwhile', async () => {
    const win = await mountOnNewChat('Lazy Close');
    // The first render has the actions, not the dialogs' code.
    const close = action(win, 'close')!;
    expect(close).to.exist;
    expect($(win, 'dialog')).to.equal(null);

    close.focus();
    close.click();
    await win.updateComplete;
    expect(close.getAttribute('aria-busy'), 'busy while the dialog loads').to.equal('true');
    await waitUntil(() => $<HTMLDialogElement>(win, 'dialog.close')?.open, 'close dialog open', { timeout: 5_000 });
    expect(action(win, 'close')!.getAttribute('aria-busy')).to.equal('false');
    // Its styles came with it.
    expect(getComputedStyle($(win, 'dialog.close .dialog-actions')!).display).to.equal('flex');
    // A preload that failed (the verify dialog's, in idle time) is nobody's error.
    expect($(win, '[part~=load-error]')).to.equal(null);
    $<HTMLDialogElement>(win, 'dialog.close')!.close();
    await waitUntil(() => win.shadowRoot!.activeElement === action(win, 'close'), 'focus back on Close');
  });

  it('says so when a part cannot load, and opens it on Retry', async () => {
    const win = await mountOnNewChat('Lazy Verify');
    action(win, 'verify')!.click();
    await waitUntil(() => $(win, '[part~=load-error]'), 'load error shown', { timeout: 5_000 });
    const alert = $(win, '[part~=load-error]')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.contain('could not load');
    expect($(win, 'dialog.verify'), 'no dialog without its code').to.equal(null);
    expect(action(win, 'verify')!.getAttribute('aria-busy')).to.equal('false');

    // The connection is back: Retry opens what was asked for.
    await serveModule('chat-window.verify-dialog', {});
    alert.querySelector<HTMLButtonElement>('[data-action=retry-load]')!.click();
    await waitUntil(() => $<HTMLDialogElement>(win, 'dialog.verify')?.open, 'verify dialog open', { timeout: 5_000 });
    expect($(win, '[part~=load-error]')).to.equal(null);
    $<HTMLDialogElement>(win, 'dialog.verify')!.close();
  });

  it('shows a ticket without its fields when their code cannot load, and adds them on Retry', async () => {
    const win = await mountOnNewChat('Lazy Ticket');
    action(win, 'convert')!.click();
    await waitUntil(() => win.conversation?.kind === 'ticket', 'converted', { timeout: 5_000 });
    await waitUntil(() => $(win, '[part~=load-error]'), 'load error shown', { timeout: 5_000 });
    expect($(win, '[part=ticket-fields]'), 'no fields without their code').to.equal(null);
    expect($(win, '.ticket-fields-loading')!.getAttribute('aria-busy')).to.equal('true');
    expect($(win, '[data-field=kind]')!.textContent, 'the header shows it').to.equal('Ticket');
    expect($(win, '[part=timeline]'), 'the timeline shows').to.exist;

    await serveModule('chat-window.ticket-fields', {});
    $(win, '[part~=load-error]')!.querySelector<HTMLButtonElement>('[data-action=retry-load]')!.click();
    await waitUntil(() => $(win, '[part=ticket-fields] select[name=priority]'), 'ticket fields', { timeout: 5_000 });
    expect($(win, '[part~=load-error]')).to.equal(null);
    expect($(win, '.ticket-fields-loading')).to.equal(null);
    // Their styles came with them.
    expect(getComputedStyle($(win, '[part=ticket-fields]')!).display).to.equal('flex');
  });
});
