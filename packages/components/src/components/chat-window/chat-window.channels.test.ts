import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createDeskClient, type DeskClient } from '@deskkit/client';
import '../desk-provider/desk-provider.js';
import type { DeskProvider } from '../desk-provider/desk-provider.js';
import { deskEnv, cleanupsAfterEach, cid } from '../../internal/test-env.js';
import { smsParts } from './chat-window.sms.js';
import type { ChatWindow } from './chat-window.js';
import './chat-window.js';

/** The `channels` tenant of the test server: SMS and WhatsApp to a local fake provider (web-test-runner.channels.mjs). */
interface Channels {
  status: number;
  tenant: string;
  whatsappNumber: string;
  smsNumber: string;
}
const hook = async <T>(path: string, params: Record<string, string> = {}): Promise<T & { status: number }> =>
  (await fetch(`/__desk-channels${path}?${new URLSearchParams(params)}`, { cache: 'no-store' })).json();
let channels: Promise<Channels> | undefined;
const setUp = () => (channels ??= hook<Channels>(''));

/** A customer writes on WhatsApp; `ageHours` puts their last message that far in the past. */
async function customerWrites(from: string, text: string, options: { name?: string; ageHours?: number } = {}) {
  const { status, conversationId } = await hook<{ conversationId: string }>('/inbound', {
    channel: 'whatsapp',
    from,
    text,
    ...(options.name ? { name: options.name } : {}),
    ...(options.ageHours ? { ageHours: String(options.ageHours) } : {}),
  });
  expect(status, 'inbound webhook').to.equal(200);
  return conversationId;
}
/** The provider's receipt for one of our messages, through the desk's signed webhook. */
async function receipt(messageId: string, status: 'delivered' | 'read' | 'failed', error?: string) {
  const answer = await hook<object>('/status', { messageId, status, ...(error ? { error } : {}) });
  expect(answer.status, 'status webhook').to.equal(200);
}
const phone = () => `+3461${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
const cleanups = cleanupsAfterEach();

/** A provider signed in to the `channels` tenant as `email`, with a window on the conversation. */
async function mount(email: string, conversationId: string) {
  const env = await deskEnv();
  const { tenant } = await setUp();
  const provider = await fixture<DeskProvider>(html`<desk-provider server=${env.url}><chat-window style="height: 560px"></chat-window></desk-provider>`);
  const win = provider.querySelector<ChatWindow>('chat-window')!;
  const session = await provider.signIn({ tenant, email, password: env.password });
  cleanups.push(() => provider.signOut());
  cleanups.push(() => provider.client!.presence.setStatus.mutate({ status: 'unavailable' }));
  win.conversationId = conversationId;
  await waitUntil(() => win.conversation?.id === conversationId, 'conversation loaded', { timeout: 5_000 });
  return { win, client: provider.client!, agentId: session.agent.id };
}

/** Accepts the pending conversation through the window, as an Available agent. */
async function accept(win: ChatWindow, client: DeskClient, agentId: string) {
  await waitUntil(async () => (await client.presence.list.query()).agents.some((a) => a.agentId === agentId), 'online', { timeout: 5_000, interval: 100 });
  await client.presence.setStatus.mutate({ status: 'available' });
  cleanups.push(() => client.conversations.close.mutate({ conversationId: win.conversationId }));
  await waitUntil(() => action(win, 'accept')?.getAttribute('aria-disabled') === 'false', 'accept ready', { timeout: 3_000 });
  action(win, 'accept')!.click();
  await waitUntil(() => win.conversation?.status === 'open', 'accepted', { timeout: 3_000 });
}

async function adminClient(): Promise<DeskClient> {
  const env = await deskEnv();
  const { tenant } = await setUp();
  const session = await createDeskClient({ url: env.url }).auth.signIn.mutate({ tenant, email: 'ada@demo.deskkit.dev', password: env.password });
  const client = createDeskClient({ url: env.url, token: session.token });
  cleanups.push(() => client.auth.signOut.mutate());
  return client;
}

/** The template the tests send (created once). */
let template: Promise<{ id: string }> | undefined;
const orderTemplate = () =>
  (template ??= adminClient().then(async (admin) => {
    const existing = (await admin.templates.list.query({})).find((t) => t.name === 'order_shipped');
    return (
      existing ??
      admin.templates.create.mutate({
        name: 'order_shipped',
        language: 'en',
        category: 'utility',
        header: 'Order {{1}}',
        body: 'Hi {{2}}, your order {{1}} has shipped.',
        footer: 'Reply STOP to opt out',
        buttons: [{ type: 'quick_reply', text: 'Thanks!' }],
      })
    );
  }));

const $ = <T extends Element = HTMLElement>(win: ChatWindow, selector: string) => win.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(win: ChatWindow, selector: string) => [...win.shadowRoot!.querySelectorAll<T>(selector)];
const action = (win: ChatWindow, name: string) => $<HTMLButtonElement>(win, `[part=actions] [data-action=${name}]`);
const withBody = (win: ChatWindow, body: string) => $$(win, '[part~=message]').filter((el) => el.querySelector('[part=body]')?.textContent === body);
const deliveryOf = (el: Element) => el.querySelector<HTMLElement>('[part=delivery]');

/** Types into an input or textarea of a dialog as a person would. */
async function typeInto(el: HTMLElement, text: string) {
  el.focus();
  await sendKeys({ type: text });
}

describe('<chat-window> on WhatsApp and SMS', () => {
  it('outside the 24 hours: a clear notice, a template with a live preview, and live delivery receipts', async () => {
    const { id: templateId } = await orderTemplate();
    const from = phone();
    const conversationId = await customerWrites(from, 'Where is my order?', { name: 'Wanda Wells', ageHours: 25 });
    const { win, client, agentId } = await mount('alice@demo.deskkit.dev', conversationId);
    expect(win.conversation!.channel).to.equal('whatsapp');
    await accept(win, client, agentId);
    await win.updateComplete;

    // Free-form replies are closed: the composer says why, the notice offers a template, the action stands out.
    const composer = $(win, 'message-composer') as HTMLElement & { disabled: boolean };
    const input = () => composer.shadowRoot!.querySelector<HTMLTextAreaElement>('[part~=input]')!;
    await waitUntil(() => composer.disabled && input().disabled, 'composer off');
    const hint = composer.shadowRoot!.getElementById(input().getAttribute('aria-describedby')!)!;
    expect(hint.textContent).to.contain('send a WhatsApp template');
    const notice = $(win, '[part~=window-notice]')!;
    expect(notice.getAttribute('role')).to.equal('status');
    expect(notice.textContent).to.contain('24-hour reply window closed');
    // Its background is a theme token (a dark theme sets it with its text colour).
    win.style.setProperty('--desk-color-notice', 'rgb(40, 30, 10)');
    expect(getComputedStyle(notice).backgroundColor).to.equal('rgb(40, 30, 10)');
    win.style.removeProperty('--desk-color-notice');
    expect(action(win, 'template')!.classList.contains('primary')).to.equal(true);
    // Standing out is its fill: focused from the keyboard it shows the one focus ring, not a second ring around it.
    action(win, 'template')!.focus();
    await sendKeys({ press: 'Shift' });
    expect(action(win, 'template')!.matches(':focus-visible'), 'focus-visible').to.equal(true);
    const ring = getComputedStyle(action(win, 'template')!);
    expect([ring.outlineStyle, ring.boxShadow]).to.deep.equal(['solid', 'none']);
    action(win, 'template')!.blur();

    // The server refuses a free-form message, and the window says so on the message.
    expect(await win.send('Are you still there?')).to.equal(false);
    await waitUntil(() => withBody(win, 'Are you still there?')[0]?.dataset.state === 'failed', 'refused', { timeout: 3_000 });
    expect(withBody(win, 'Are you still there?')[0]!.textContent).to.contain('only within 24 hours');

    // The template dialog: pick, fill the variables, watch the preview.
    notice.querySelector<HTMLButtonElement>('button')!.click();
    // The dialog loads on first use: it opens once its code is in.
    await waitUntil(() => $<HTMLDialogElement>(win, 'dialog.template')?.open, 'template dialog open', { timeout: 3_000 });
    const dialog = $<HTMLDialogElement>(win, 'dialog.template')!;
    expect(dialog.open).to.equal(true);
    await waitUntil(() => dialog.querySelector<HTMLSelectElement>('#template-choice')?.querySelector(`option[value="${templateId}"]`), 'templates listed', { timeout: 3_000 });
    const choice = dialog.querySelector<HTMLSelectElement>('#template-choice')!;
    choice.value = templateId;
    choice.dispatchEvent(new Event('change'));
    await win.updateComplete;
    const preview = () => dialog.querySelector('[part=template-preview] .bubble')!.textContent!.replace(/\s+/g, ' ').trim();
    expect(preview()).to.contain('Hi {{2}}, your order {{1}} has shipped.');
    const submit = dialog.querySelector<HTMLButtonElement>('button[type=submit]')!;
    expect(submit.disabled, 'variables missing').to.equal(true);
    const [first, second] = dialog.querySelectorAll<HTMLInputElement>('input[data-variable]');
    expect(first!.getAttribute('aria-label')).to.equal('Variable 1');
    await typeInto(first!, 'A-1001');
    await typeInto(second!, 'Wanda');
    await win.updateComplete;
    expect(preview()).to.contain('Order A-1001');
    expect(preview()).to.contain('Hi Wanda, your order A-1001 has shipped.');
    expect(preview()).to.contain('Reply STOP to opt out');
    expect(preview()).to.contain('Thanks!');
    // No blank lines between the parts of the preview: the buttons follow the footer directly.
    const part = (selector: string) => dialog.querySelector(`[part=template-preview] ${selector}`)!.getBoundingClientRect();
    expect(part('.template-buttons').top - part('.template-footer').bottom).to.be.lessThan(8);
    expect(part('.template-body').top - part('.template-header').bottom).to.be.lessThan(4);

    const sent = oneEvent(win, 'desk-message-send');
    submit.click();
    expect((await sent).detail.conversationId).to.equal(conversationId);
    await waitUntil(() => !dialog.open, 'dialog closed', { timeout: 3_000 });

    // In the timeline: the rendered body, header, footer and buttons, and its delivery moving on.
    const body = 'Hi Wanda, your order A-1001 has shipped.';
    await waitUntil(() => withBody(win, body).length === 1, 'template message', { timeout: 3_000 });
    const bubble = () => withBody(win, body)[0]!;
    // The card's styles (its .template class) came in with it: the closed dialog stays out of sight.
    expect(getComputedStyle(dialog).display, 'closed dialog').to.equal('none');
    expect(dialog.getBoundingClientRect().height).to.equal(0);
    expect(bubble().querySelector('[part=template-header]')!.textContent).to.equal('Order A-1001');
    expect(bubble().querySelector('[part=template-footer]')!.textContent).to.equal('Reply STOP to opt out');
    expect(bubble().querySelector('[part=template-buttons]')!.textContent).to.contain('Thanks!');
    await waitUntil(() => deliveryOf(bubble())?.dataset.status === 'sent', 'sent (the provider took it)', { timeout: 5_000 });
    expect(deliveryOf(bubble())!.dataset.channel).to.equal('whatsapp');
    expect(deliveryOf(bubble())!.title).to.contain(`WhatsApp to ${from}`);
    const message = win.messages.find((m) => m.body === body)!;
    expect(message.kind).to.equal('template');

    await receipt(message.id, 'delivered');
    await waitUntil(() => deliveryOf(bubble())?.dataset.status === 'delivered', 'delivered live', { timeout: 3_000 });
    expect(deliveryOf(bubble())!.textContent).to.contain('Delivered');
    await receipt(message.id, 'read');
    await waitUntil(() => deliveryOf(bubble())?.dataset.status === 'read', 'read live', { timeout: 3_000 });
    expect(withBody(win, body), 'replaced, never duplicated').to.have.length(1);

    // The customer writes again: the window opens at once.
    await customerWrites(from, 'Great, thanks!');
    await waitUntil(() => withBody(win, 'Great, thanks!').length === 1, 'their message', { timeout: 3_000 });
    await waitUntil(() => !composer.disabled && !input().disabled, 'composer on again', { timeout: 3_000 });
    expect($(win, '[part~=window-notice]')).to.equal(null);
    expect(action(win, 'template')!.classList.contains('primary')).to.equal(false);
  });

  it("shows the server's refusal of a template in the dialog", async () => {
    const { id: templateId } = await orderTemplate();
    const conversationId = await customerWrites(phone(), 'Hi there', { name: 'Rita Refused' });
    const { win, client, agentId } = await mount('alice@demo.deskkit.dev', conversationId);
    await accept(win, client, agentId);
    // Inside the 24 hours: the composer works and the template action is not highlighted.
    await waitUntil(() => ($(win, 'message-composer') as HTMLElement & { disabled: boolean }).disabled === false, 'composer on');
    expect($(win, '[part~=window-notice]')).to.equal(null);
    expect(action(win, 'template')!.classList.contains('primary')).to.equal(false);

    // An admin switches WhatsApp off meanwhile.
    const admin = await adminClient();
    const account = (await admin.channels.list.query()).find((a) => a.channel === 'whatsapp')!;
    const { endpoint, fromNumber } = account;
    await admin.channels.configure.mutate({ channel: 'whatsapp', endpoint, fromNumber, enabled: false });
    cleanups.push(() => admin.channels.configure.mutate({ channel: 'whatsapp', endpoint, fromNumber, enabled: true }));

    action(win, 'template')!.click();
    const dialog = $<HTMLDialogElement>(win, 'dialog.template')!;
    await waitUntil(() => dialog.querySelector(`option[value="${templateId}"]`), 'templates listed', { timeout: 3_000 });
    const choice = dialog.querySelector<HTMLSelectElement>('#template-choice')!;
    choice.value = templateId;
    choice.dispatchEvent(new Event('change'));
    await win.updateComplete;
    const [first, second] = dialog.querySelectorAll<HTMLInputElement>('input[data-variable]');
    await typeInto(first!, 'B-7');
    await typeInto(second!, 'Rita');
    await win.updateComplete;
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await waitUntil(() => dialog.querySelector('[part=error]'), 'refusal shown', { timeout: 3_000 });
    const error = dialog.querySelector('[part=error]')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.contain('WhatsApp refused it: no WhatsApp channel is configured');
    expect(dialog.open).to.equal(true);
    expect(win.messages.some((m) => m.kind === 'template')).to.equal(false);
    dialog.close();
  });

  it('sends a one-way SMS with its delivery status, and shows why one cannot go', async () => {
    const from = phone();
    const conversationId = await customerWrites(from, 'Text me the code please', { name: 'Sam Sms' });
    const { win, client, agentId } = await mount('alice@demo.deskkit.dev', conversationId);
    await accept(win, client, agentId);

    action(win, 'sms')!.click();
    // The dialog loads on first use: it opens once its code is in.
    await waitUntil(() => $<HTMLDialogElement>(win, 'dialog.sms')?.open, 'sms dialog open', { timeout: 3_000 });
    const dialog = $<HTMLDialogElement>(win, 'dialog.sms')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.querySelector('#sms-hint')!.textContent).to.contain('cannot reply');
    const text = 'Your code is 123456';
    await typeInto(dialog.querySelector<HTMLTextAreaElement>('#sms-body')!, text);
    await win.updateComplete;
    expect(dialog.querySelector('#sms-count')!.textContent).to.contain(`${text.length} / 1600`);
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await waitUntil(() => !dialog.open, 'sent', { timeout: 3_000 });

    await waitUntil(() => withBody(win, text).length === 1, 'in the timeline', { timeout: 3_000 });
    const bubble = () => withBody(win, text)[0]!;
    expect(bubble().querySelector('[part=one-way]')!.textContent).to.equal('One-way');
    expect(deliveryOf(bubble())!.dataset.channel).to.equal('sms');
    await waitUntil(() => deliveryOf(bubble())?.dataset.status === 'sent', 'sent', { timeout: 5_000 });
    const message = win.messages.find((m) => m.body === text)!;
    expect(message.delivery).to.deep.include({ channel: 'sms', to: from, oneWay: true });

    // The carrier rejects it: "Failed", with the reason shown and in the tooltip.
    await receipt(message.id, 'failed', 'Carrier rejected the number');
    await waitUntil(() => deliveryOf(bubble())?.dataset.status === 'failed', 'failed live', { timeout: 3_000 });
    expect(deliveryOf(bubble())!.textContent).to.contain('Failed');
    expect(deliveryOf(bubble())!.textContent).to.contain('Carrier rejected the number');
    expect(deliveryOf(bubble())!.title).to.contain('Carrier rejected the number');
    // A late "delivered" never takes a failed message back.
    await receipt(message.id, 'delivered');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(deliveryOf(bubble())!.dataset.status).to.equal('failed');

    // A web chat's customer has no phone number: the dialog says so.
    const env = await deskEnv();
    const { tenant } = await setUp();
    const started = await createDeskClient({ url: env.url }).webchat.start.mutate({
      tenant,
      name: 'No Phone',
      message: { body: 'Hello from the web', clientMessageId: cid() },
    });
    win.conversationId = started.conversation.id;
    await waitUntil(() => win.conversation?.id === started.conversation.id, 'web chat loaded', { timeout: 5_000 });
    await accept(win, client, agentId);
    expect(action(win, 'template'), 'templates are for WhatsApp').to.equal(null);
    action(win, 'sms')!.click();
    // The window rendered anew for this conversation: a new dialog element, empty.
    const again = $<HTMLDialogElement>(win, 'dialog.sms')!;
    expect(again.open).to.equal(true);
    await win.updateComplete;
    expect(again.querySelector<HTMLTextAreaElement>('#sms-body')!.value).to.equal('');
    await typeInto(again.querySelector<HTMLTextAreaElement>('#sms-body')!, 'Hello by SMS');
    await win.updateComplete;
    again.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await waitUntil(() => again.querySelector('[part=error]'), 'refusal shown', { timeout: 3_000 });
    expect(again.querySelector('[part=error]')!.getAttribute('role')).to.equal('alert');
    expect(again.querySelector('[part=error]')!.textContent).to.contain('the customer has no phone number');
    expect(win.messages.some((m) => m.body === 'Hello by SMS')).to.equal(false);
    again.close();
  });

  it('on a text-only account: no file or voice tools; the customer\'s photo still shows', async function () {
    this.timeout(20_000);
    const admin = await adminClient();
    const { endpoint, fromNumber } = (await admin.channels.list.query()).find((a) => a.channel === 'whatsapp')!;
    await admin.channels.configure.mutate({ channel: 'whatsapp', endpoint, fromNumber, media: false });
    cleanups.push(() => admin.channels.configure.mutate({ channel: 'whatsapp', endpoint, fromNumber, media: true }));

    const from = phone();
    const conversationId = await customerWrites(from, 'Can I send you a photo?', { name: 'Tess Textonly' });
    const { win, client, agentId } = await mount('alice@demo.deskkit.dev', conversationId);
    await accept(win, client, agentId);
    // The window renders a new composer for each conversation.
    const tool = (name: string) => $(win, 'message-composer')?.shadowRoot!.querySelector(`[part~=tool-${name}]`);
    await waitUntil(() => tool('emoji') && !tool('attach'), 'tools for a text-only account', { timeout: 3_000 });
    expect(tool('voice'), 'no voice recording').to.equal(null);
    expect(tool('location')).not.to.equal(null);

    // Customers' files still come in, fetched and stored by the desk.
    const { status } = await hook<object>('/inbound', { channel: 'whatsapp', from, media: 'photo', caption: 'Here it is' });
    expect(status).to.equal(200);
    const image = () => $<HTMLImageElement>(win, '[part~=message-customer] [part~=attachment-image] img');
    await waitUntil(() => image()?.complete && image()!.naturalWidth > 0, 'the photo loads', { timeout: 5_000 });
    expect(image()!.naturalWidth).to.equal(48);
    expect(image()!.src, 'the thumbnail the desk made of the fetched photo').to.match(/\/files\/[0-9a-f]{24}\/thumbnail\?/);
    expect(image()!.alt).to.equal('photo.png');
    expect(image()!.closest('[part~=message]')!.querySelector('[part=body]')!.textContent).to.equal('Here it is');
    // One that cannot be fetched: its caption arrives, and the timeline says what was lost.
    expect((await hook<object>('/inbound', { channel: 'whatsapp', from, media: 'missing', caption: 'And the receipt' })).status).to.equal(200);
    await waitUntil(() => withBody(win, 'And the receipt').length === 1, 'the caption', { timeout: 5_000 });
    const note = () => $$(win, '[part~=event]').find((el) => el.textContent!.includes('missing.png'));
    await waitUntil(note, 'the note', { timeout: 3_000 });
    expect(note()!.textContent).to.contain('The customer sent a file (missing.png) that could not be received: the media link answered HTTP 404');

    // With media on again, the next conversation offers files and voice.
    await admin.channels.configure.mutate({ channel: 'whatsapp', endpoint, fromNumber, media: true });
    const next = await customerWrites(phone(), 'Another question', { name: 'Mia Media' });
    win.conversationId = next;
    await waitUntil(() => win.conversation?.id === next, 'next conversation', { timeout: 5_000 });
    await accept(win, client, agentId);
    await waitUntil(() => tool('attach') && tool('voice'), 'file and voice tools', { timeout: 3_000 });
  });

  it('counts SMS parts', () => {
    expect(smsParts('')).to.equal(0);
    expect(smsParts('a'.repeat(160))).to.equal(1);
    expect(smsParts('a'.repeat(161))).to.equal(2);
    expect(smsParts('€'.repeat(80))).to.equal(1);
    expect(smsParts('€'.repeat(81))).to.equal(2);
    expect(smsParts('Grüße ✓')).to.equal(1);
    expect(smsParts('✓'.repeat(71))).to.equal(2);
  });
});
