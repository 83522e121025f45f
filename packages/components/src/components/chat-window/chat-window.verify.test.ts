import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createDeskClient } from '@deskkit/client';
import '../desk-provider/desk-provider.js';
import type { DeskProvider } from '../desk-provider/desk-provider.js';
import { deskEnv, cleanupsAfterEach, cid } from '../../internal/test-env.js';
import type { ChatWindow } from './chat-window.js';
import './chat-window.js';

/** The `verify` tenant of the test server: SMS to a local provider that records codes (web-test-runner.verify.mjs). */
interface VerifyEnv {
  status: number;
  tenant: string;
  identitySecret: string;
  departments: Array<{ id: string; name: string }>;
}
const hook = async <T>(path: string, params: Record<string, string> = {}): Promise<T & { status: number }> =>
  (await fetch(`/__desk-verify${path}?${new URLSearchParams(params)}`, { cache: 'no-store' })).json();
let setup: Promise<VerifyEnv> | undefined;
const setUp = () => (setup ??= hook<VerifyEnv>(''));
const newPhone = () => `+3462${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
const codeSentTo = async (to: string) => {
  let code = '';
  await waitUntil(async () => (code = (await hook<{ code?: string }>('/code', { to })).code ?? ''), 'code sent', { timeout: 3_000, interval: 100 });
  return code;
};

const cleanups = cleanupsAfterEach();

/** A web chat in the `verify` tenant; with `phone`, its customer has that number on file. */
async function startChat(phone: string | null) {
  const env = await deskEnv();
  const { tenant, departments } = await setUp();
  const started = await createDeskClient({ url: env.url }).webchat.start.mutate({
    tenant,
    name: 'Vic Visitor',
    departmentId: departments.find((d) => d.name === 'Support')!.id,
    message: { body: 'I want to change my address', clientMessageId: cid() },
  });
  if (phone) expect((await hook('/phone', { conversationId: started.conversation.id, phone })).status).to.equal(200);
  return { conversationId: started.conversation.id, visitor: createDeskClient({ url: env.url, token: started.visitorToken }) };
}

async function mount(email: string, conversationId: string) {
  const env = await deskEnv();
  const { tenant } = await setUp();
  const provider = await fixture<DeskProvider>(html`<desk-provider server=${env.url}><chat-window style="height: 560px"></chat-window></desk-provider>`);
  const win = provider.querySelector<ChatWindow>('chat-window')!;
  await provider.signIn({ tenant, email, password: env.password });
  cleanups.push(() => provider.signOut());
  win.conversationId = conversationId;
  await waitUntil(() => win.conversation?.id === conversationId, 'conversation loaded', { timeout: 5_000 });
  return { win };
}

const $ = <T extends HTMLElement = HTMLElement>(win: ChatWindow, selector: string) => win.shadowRoot!.querySelector<T>(selector);
// The dialog loads on first use: until then there is none.
const dialog = (win: ChatWindow) => $<HTMLDialogElement>(win, 'dialog.verify') ?? ({ open: false } as HTMLDialogElement);
const eventTexts = (win: ChatWindow) => [...win.shadowRoot!.querySelectorAll('[part~=event]')].map((el) => el.textContent!.replace(/\s+/g, ' ').trim());
async function typeCode(win: ChatWindow, code: string) {
  const input = $<HTMLInputElement>(win, '#verify-code')!;
  input.focus();
  input.select();
  await sendKeys({ type: code });
  await win.updateComplete;
}

describe('<chat-window> customer verification', () => {
  // Seeding the `verify` tenant hashes the demo passwords: slow on a busy machine.
  before(async function () {
    this.timeout(60_000);
    await setUp();
  });

  it('shows Unverified with a tooltip, and "Verify customer" disabled with the reason for an agent who does not handle the chat', async () => {
    const { conversationId } = await startChat(newPhone());
    const { win } = await mount('alice@demo.deskkit.dev', conversationId);
    const badge = $(win, '[part~=badge]')!;
    expect(badge.getAttribute('part')).to.equal('badge unverified');
    expect(badge.textContent!.trim()).to.equal('Unverified');
    expect(badge.title).to.contain('not proved');
    // Styled as a badge too (a pill), not as bare text.
    expect(getComputedStyle(badge).borderTopLeftRadius).to.not.equal('0px');
    const verify = $(win, '[data-action=verify]')!;
    expect(verify.getAttribute('aria-disabled')).to.equal('true');
    expect(verify.title).to.equal('Accept the chat first');
    expect($(win, '#verify-reason')!.textContent).to.equal('Accept the chat first');
    verify.click();
    await win.updateComplete;
    expect(dialog(win).open).to.equal(false);
  });

  it('sends a code, shows a wrong code’s error, and confirms the code the customer reads back', async () => {
    const phone = newPhone();
    const { conversationId } = await startChat(phone);
    const { win } = await mount('sam@demo.deskkit.dev', conversationId);
    const verify = $(win, '[data-action=verify]')!;
    expect(verify.getAttribute('aria-disabled')).to.equal('false');
    verify.click();
    await waitUntil(() => dialog(win).open, 'dialog open');
    $(win, '[data-verify=send]')!.click();
    await waitUntil(() => $(win, '#verify-code'), 'code input', { timeout: 3_000 });
    expect($(win, '#verify-hint')!.textContent).to.contain(`Code sent to +34 ••• ••• ${phone.slice(-3)}`);
    const code = await codeSentTo(phone);
    await waitUntil(() => eventTexts(win).some((t) => t.includes('Sam Carter sent a verification code by SMS')), 'request in the timeline', { timeout: 3_000 });
    expect(eventTexts(win).join('\n')).not.to.contain(code);

    await typeCode(win, code === '000000' ? '000001' : '000000');
    $(win, '[data-verify=confirm]')!.click();
    await waitUntil(() => dialog(win).querySelector('[part=error]'), 'error shown', { timeout: 3_000 });
    expect(dialog(win).querySelector('[part=error]')!.textContent).to.contain('4 attempts left');
    expect(dialog(win).open).to.equal(true);

    await typeCode(win, code);
    $(win, '[data-verify=confirm]')!.click();
    await waitUntil(() => !dialog(win).open, 'dialog closed', { timeout: 3_000 });
    await waitUntil(() => $(win, '[part=badge]'), 'verified badge', { timeout: 3_000 });
    const badge = $(win, '[part=badge]')!;
    expect(badge.textContent).to.contain('Verified');
    expect(badge.title).to.match(/^Verified with a one-time code requested by Sam Carter, /);
    expect(win.conversation!.customer.verifiedBy).to.deep.equal({ method: 'code', agentId: win.conversation!.customer.verifiedBy!.agentId, agentName: 'Sam Carter' });
    await waitUntil(() => eventTexts(win).some((t) => t.includes('Customer verified with a one-time code (requested by Sam Carter)')), 'verified in the timeline', {
      timeout: 3_000,
    });
  });

  it('closes the dialog when the customer enters the code in the chat, and explains a refusal', async () => {
    const phone = newPhone();
    const { conversationId, visitor } = await startChat(phone);
    const { win } = await mount('sam@demo.deskkit.dev', conversationId);
    $(win, '[data-action=verify]')!.click();
    await waitUntil(() => dialog(win).open, 'dialog open');
    $(win, '[data-verify=send]')!.click();
    await waitUntil(() => $(win, '#verify-code'), 'code input', { timeout: 3_000 });
    await visitor.webchat.verify.mutate({ conversationId, code: await codeSentTo(phone) });
    await waitUntil(() => !dialog(win).open && $(win, '[part=badge]'), 'closed and verified live', { timeout: 5_000 });

    // No phone on file: the server's reason shows in the dialog.
    const anonymous = await startChat(null);
    win.conversationId = anonymous.conversationId;
    await waitUntil(() => win.conversation?.id === anonymous.conversationId, 'other chat loaded', { timeout: 5_000 });
    $(win, '[data-action=verify]')!.click();
    await waitUntil(() => dialog(win).open, 'dialog open');
    $(win, '[data-verify=send]')!.click();
    await waitUntil(() => dialog(win).querySelector('[part=error]'), 'refusal shown', { timeout: 3_000 });
    expect(dialog(win).querySelector('[part=error]')!.textContent).to.contain('identity token');
    expect($(win, '#verify-code')).to.equal(null);
  });
});
