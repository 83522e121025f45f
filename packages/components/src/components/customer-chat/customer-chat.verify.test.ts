import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SignJWT } from 'jose';
import { nothing } from 'lit';
import { createDeskClient, type DeskClient } from '@deskkit/client';
import { deskEnv } from '../../internal/test-env.js';
import { openRequest } from './customer-chat.verify.js';
import type { CustomerChat } from './customer-chat.js';
import './customer-chat.js';

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
const newPhone = () => `+3463${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
const codeSentTo = async (to: string) => {
  let code = '';
  await waitUntil(async () => (code = (await hook<{ code?: string }>('/code', { to })).code ?? ''), 'code sent', { timeout: 3_000, interval: 100 });
  return code;
};

const $ = <T extends Element = HTMLElement>(chat: CustomerChat, selector: string) => chat.shadowRoot!.querySelector<T>(selector);
const texts = (chat: CustomerChat, selector: string) => [...chat.shadowRoot!.querySelectorAll(selector)].map((el) => el.textContent!.replace(/\s+/g, ' ').trim());

async function mount(identityToken?: string) {
  const env = await deskEnv();
  const { tenant, departments } = await setUp();
  const chat = await fixture<CustomerChat>(html`
    <customer-chat
      server=${env.url}
      tenant=${tenant}
      department=${departments.find((d) => d.name === 'Support')!.id}
      identity-token=${identityToken ?? nothing}
    ></customer-chat>
  `);
  await waitUntil(() => $(chat, '[part=form]'), 'start form shown', { timeout: 5_000 });
  if (!identityToken) $<HTMLInputElement>(chat, 'input[name=name]')!.value = 'Pat Prompt';
  $<HTMLTextAreaElement>(chat, 'textarea[name=message]')!.value = 'Please change my delivery address';
  const started = oneEvent(chat, 'desk-chat-start');
  $<HTMLButtonElement>(chat, '[part=start]')!.click();
  const conversationId = (await started).detail.conversationId as string;
  return { env, chat, conversationId };
}

/** A supervisor of the `verify` tenant (acts on any chat without accepting it). */
async function supervisor(): Promise<DeskClient> {
  const env = await deskEnv();
  const { tenant } = await setUp();
  const session = await createDeskClient({ url: env.url }).auth.signIn.mutate({ tenant, email: 'sam@demo.deskkit.dev', password: env.password });
  return createDeskClient({ url: env.url, token: session.token });
}

describe('<customer-chat> verification', () => {
  // Seeding the `verify` tenant hashes the demo passwords: slow on a busy machine.
  before(async function () {
    this.timeout(60_000);
    await setUp();
  });

  beforeEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('deskkit.visitor:')) localStorage.removeItem(key);
  });

  it('prompts for the code live, shows a wrong code’s error, and verifies with the right one', async () => {
    const { chat, conversationId } = await mount();
    const phone = newPhone();
    expect((await hook('/phone', { conversationId, phone })).status).to.equal(200);
    const sam = await supervisor();
    expect($(chat, '[part=verify]')).to.equal(null);

    await sam.conversations.requestVerification.mutate({ conversationId });
    await waitUntil(() => $(chat, '[part=verify]'), 'prompt shown', { timeout: 3_000 });
    const masked = `+34 ••• ••• ${phone.slice(-3)}`;
    expect($(chat, '#verify-prompt')!.textContent).to.equal(`To confirm it’s you, enter the 6-digit code we sent to ${masked}.`);
    expect(texts(chat, '[part=event]')).to.include(`A verification code was sent to ${masked}`);
    const input = $<HTMLInputElement>(chat, '[part=verify-input]')!;
    expect(input.getAttribute('autocomplete')).to.equal('one-time-code');
    expect(input.getAttribute('aria-label')).to.equal('Verification code');
    chat.style.setProperty('--desk-color-accent', 'rgb(1, 2, 3)');
    expect(getComputedStyle($(chat, '[part=verify-submit]')!).backgroundColor, 'a primary button').to.equal('rgb(1, 2, 3)');

    const code = await codeSentTo(phone);
    input.focus();
    await sendKeys({ type: code === '000000' ? '000001' : '000000' });
    $<HTMLButtonElement>(chat, '[part=verify-submit]')!.click();
    await waitUntil(() => $(chat, '[part=verify-error]'), 'error shown', { timeout: 3_000 });
    expect($(chat, '[part=verify-error]')!.textContent).to.equal('wrong code; 4 attempts left');
    expect(input.getAttribute('aria-invalid')).to.equal('true');

    input.select();
    await sendKeys({ type: code });
    $<HTMLButtonElement>(chat, '[part=verify-submit]')!.click();
    await waitUntil(() => !$(chat, '[part=verify]'), 'prompt gone', { timeout: 3_000 });
    await waitUntil(() => texts(chat, '[part=event]').includes('You are verified'), 'verified line', { timeout: 3_000 });
    await waitUntil(() => chat.conversation!.verified, 'conversation verified', { timeout: 3_000 });
    const view = await sam.conversations.get.query({ conversationId });
    expect(view.customer.verifiedBy?.method).to.equal('code');
  });

  it('answers a request silently with the portal’s identity token', async () => {
    const env = await setUp();
    const phone = newPhone();
    const token = await new SignJWT({ name: 'Tina Token', phone })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(`portal-${crypto.randomUUID()}`)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(env.identitySecret));
    const { chat, conversationId } = await mount(token);
    const sam = await supervisor();
    const before = await sam.conversations.get.query({ conversationId });
    expect(before.customer.verifiedBy?.method).to.equal('identity-token');

    // A step-up check: the agent asks again; the element answers with the token, no code needed.
    await sam.conversations.requestVerification.mutate({ conversationId });
    await waitUntil(
      async () => {
        const view = await sam.conversations.get.query({ conversationId });
        return view.customer.verifiedAt !== before.customer.verifiedAt;
      },
      'verified again',
      { timeout: 5_000, interval: 100 },
    );
    const events = (await sam.conversations.messages.query({ conversationId })).flatMap((m) => (m.event ? [m.event.type] : []));
    expect(events.slice(-2)).to.deep.equal(['verification-requested', 'verified']);
    await waitUntil(() => texts(chat, '[part=event]').filter((t) => t === 'You are verified').length === 1, 'verified line', { timeout: 3_000 });
    expect($(chat, '[part=verify]')).to.equal(null);
  });

  it('knows which request is open', () => {
    const at = (seq: number, event: object | null) => ({ id: String(seq), seq, event }) as never;
    const later = new Date(Date.now() + 60_000).toISOString();
    const past = new Date(Date.now() - 1_000).toISOString();
    const requested = (seq: number, expiresAt = later) => at(seq, { type: 'verification-requested', channel: 'sms', to: 'x', expiresAt });
    expect(openRequest([])).to.equal(null);
    expect(openRequest([at(1, null), requested(2), at(3, null)])?.seq).to.equal(2);
    expect(openRequest([requested(2), at(3, { type: 'verified', method: 'code' })])).to.equal(null);
    expect(openRequest([at(1, { type: 'verified', method: 'code' }), requested(2)])?.seq).to.equal(2);
    expect(openRequest([requested(2, past)])).to.equal(null);
  });
});
