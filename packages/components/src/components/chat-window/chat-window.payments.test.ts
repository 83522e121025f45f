/**
 * Chat-to-pay end to end: the agent requests a payment in `<chat-window>`, the customer's
 * `<customer-chat>` shows the card with a Pay link, the demo checkout is paid, and both
 * sides see "Paid" live.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../desk-provider/desk-provider.js';
import type { DeskProvider } from '../desk-provider/desk-provider.js';
import '../customer-chat/customer-chat.js';
import type { CustomerChat } from '../customer-chat/customer-chat.js';
import { visitorStorageKey } from '../customer-chat/customer-chat.session.js';
import { deskEnv, cleanupsAfterEach, startSupportChat } from '../../internal/test-env.js';
import { openAsAlice } from './chat-window.test-support.js';
import type { ChatWindow } from './chat-window.js';
import './chat-window.js';

const cleanups = cleanupsAfterEach();

function forgetVisitors(): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith('deskkit.visitor:')) localStorage.removeItem(key);
}

async function bothSides() {
  const env = await deskEnv();
  forgetVisitors();
  cleanups.push(forgetVisitors);
  const { conversationId, visitorToken } = await startSupportChat(env, 'Paying Paula', 'Can I pay for the repair here?');
  localStorage.setItem(visitorStorageKey(env.url, env.tenant, null), visitorToken);

  const page = await fixture<HTMLElement>(html`
    <div lang="en-US" style="display: grid; grid-template-columns: 1fr 1fr; gap: 8px">
      <desk-provider server=${env.url}><chat-window style="height: 560px"></chat-window></desk-provider>
      <customer-chat server=${env.url} tenant=${env.tenant} style="height: 560px"></customer-chat>
    </div>
  `);
  const provider = page.querySelector<DeskProvider>('desk-provider')!;
  const win = page.querySelector<ChatWindow>('chat-window')!;
  const chat = page.querySelector<CustomerChat>('customer-chat')!;
  const { client } = await openAsAlice(env, provider, win, conversationId, cleanups);
  await waitUntil(() => chat.conversation?.id === conversationId && chat.conversation.status === 'open', 'customer side open', { timeout: 5_000 });
  return { env, conversationId, win, chat, client };
}

const inside = <T extends Element = HTMLElement>(host: Element, selector: string) => host.shadowRoot!.querySelector<T>(selector);
/** Waits for `find` to return something, and returns it. */
async function found<T>(find: () => T | null | undefined, what: string, timeout = 3_000): Promise<T> {
  await waitUntil(() => Boolean(find()), what, { timeout });
  return find()!;
}

describe('<chat-window> payment requests', () => {
  it('the agent requests a payment, the customer pays in the demo checkout, both see Paid live', async () => {
    const { env, win, chat } = await bothSides();
    const action = await found(() => inside<HTMLButtonElement>(win, '[data-action=payment]'), 'Request payment action');
    action.click();
    const dialog = await found(() => inside<HTMLDialogElement>(win, 'dialog.payment-request[open]'), 'dialog open');
    const send = dialog.querySelector<HTMLButtonElement>('button[type=submit]')!;
    expect(send.disabled, 'nothing typed yet').to.equal(true);
    // The amount beside the (taller) currency select is as tall as the description below.
    const height = (selector: string) => dialog.querySelector(selector)!.getBoundingClientRect().height;
    expect(height('#payment-amount')).to.equal(height('#payment-description'));

    dialog.querySelector<HTMLInputElement>('#payment-amount')!.focus();
    await sendKeys({ type: '12.345' });
    dialog.querySelector<HTMLInputElement>('#payment-description')!.focus();
    await sendKeys({ type: 'Screen repair' });
    await win.updateComplete;
    expect(send.disabled, 'three decimals are not euros').to.equal(true);
    expect(dialog.querySelector('[part=payment-preview]')).to.equal(null);

    const amount = dialog.querySelector<HTMLInputElement>('#payment-amount')!;
    amount.focus();
    amount.select();
    await sendKeys({ type: '49,9' });
    await win.updateComplete;
    expect(dialog.querySelector('[part=payment-preview]')!.textContent).to.contain('€49.90').and.to.contain('Screen repair');
    expect(send.disabled).to.equal(false);
    send.click();
    await waitUntil(() => !inside(win, 'dialog.payment-request[open]'), 'dialog closed after sending', { timeout: 5_000 });

    // The agent's card: amount, description, status; no Pay link on the agent's side.
    const agentCard = await found(() => inside(win, '[part~=payment]'), 'agent card');
    expect(agentCard.querySelector('[part=payment-amount]')!.textContent).to.equal('€49.90');
    expect(agentCard.querySelector('[part=payment-description]')!.textContent).to.equal('Screen repair');
    expect(agentCard.getAttribute('data-status')).to.equal('pending');
    expect(agentCard.querySelector('[part=payment-status]')!.textContent).to.equal('Awaiting payment');
    expect(agentCard.querySelector('a')).to.equal(null);

    // The customer's card, live, with a Pay link to the desk's checkout in a new tab.
    const customerCard = await found(() => inside(chat, '[part~=payment]'), 'customer card', 5_000);
    const pay = customerCard.querySelector<HTMLAnchorElement>('a[part=payment-pay]')!;
    expect(pay.textContent).to.contain('Pay €49.90');
    expect(pay.target).to.equal('_blank');
    expect(pay.rel).to.contain('noopener');
    expect(pay.href.startsWith(`${env.url}/demo/pay/lp_`), pay.href).to.equal(true);

    // The checkout page, then its Pay button (a form post the page makes to itself).
    const checkout = await (await fetch(pay.href)).text();
    expect(checkout).to.contain('Screen repair').and.to.contain('name="decision" value="pay"');
    const paid = await fetch(pay.href, { method: 'POST', body: new URLSearchParams({ decision: 'pay' }) });
    expect(await paid.text()).to.contain('data-status="paid"');

    await waitUntil(() => inside(win, '[part~=payment]')?.getAttribute('data-status') === 'paid', 'agent sees Paid', { timeout: 5_000 });
    await waitUntil(() => inside(chat, '[part~=payment]')?.getAttribute('data-status') === 'paid', 'customer sees Paid', { timeout: 5_000 });
    expect(inside(chat, '[part~=payment] [part=payment-status]')!.textContent).to.equal('Paid');
    expect(inside(chat, '[part~=payment] a'), 'nothing left to pay').to.equal(null);
    await waitUntil(() => inside(win, '[part=event][data-event=payment]')?.textContent?.includes('Payment of €49.90 received'), 'payment event', {
      timeout: 3_000,
    });
  });
});
