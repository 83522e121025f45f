import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createDeskClient } from '@deskkit/client';
import '../desk-provider/desk-provider.js';
import type { DeskProvider } from '../desk-provider/desk-provider.js';
import { deskEnv, cleanupsAfterEach } from '../../internal/test-env.js';
import { CustomerProfile } from './customer-profile.js';

/** The `channels` tenant of the test server: SMS and WhatsApp to a local fake provider (web-test-runner.channels.mjs). */
const hook = async <T>(path: string, params: Record<string, string> = {}): Promise<T & { status: number }> =>
  (await fetch(`/__desk-channels${path}?${new URLSearchParams(params)}`, { cache: 'no-store' })).json();
let channels: Promise<{ tenant: string }> | undefined;
const setUp = () => (channels ??= hook<{ tenant: string }>(''));
const phone = () => `+4916${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const cleanups = cleanupsAfterEach();

async function admin() {
  const env = await deskEnv();
  const { tenant } = await setUp();
  const session = await createDeskClient({ url: env.url }).auth.signIn.mutate({ tenant, email: 'ada@demo.deskkit.dev', password: env.password });
  const client = createDeskClient({ url: env.url, token: session.token });
  cleanups.push(() => client.auth.signOut.mutate());
  return client;
}

const $ = <T extends Element = HTMLElement>(el: CustomerProfile, selector: string) => el.shadowRoot!.querySelector<T>(selector);

describe('<customer-profile> Send WhatsApp template', () => {
  it('picks a template, fills its variables with a live preview, sends it to the customer and opens the conversation it went into', async function () {
    this.timeout(30_000);
    const env = await deskEnv();
    const { tenant } = await setUp();
    const ada = await admin();
    const template =
      (await ada.templates.list.query({})).find((t) => t.name === 'profile_reminder') ??
      (await ada.templates.create.mutate({ name: 'profile_reminder', language: 'en', category: 'utility', header: 'Hi {{1}}', body: 'Your appointment is on {{2}}.', footer: 'Acme' }));
    // A customer with a phone (by an inbound SMS), with no WhatsApp conversation.
    const number = phone();
    const inbound = await hook<{ conversationId: string }>('/inbound', { channel: 'sms', from: number, name: 'Tom Template', text: 'Hello by SMS' });
    expect(inbound.status, 'inbound webhook').to.equal(200);
    cleanups.push(() => ada.conversations.close.mutate({ conversationId: inbound.conversationId }));
    const customerId = (await ada.conversations.get.query({ conversationId: inbound.conversationId })).customer.id;

    const provider = await fixture<DeskProvider>(html`<desk-provider server=${env.url}><customer-profile></customer-profile></desk-provider>`);
    const profile = provider.querySelector<CustomerProfile>('customer-profile')!;
    await provider.signIn({ tenant, email: 'alice@demo.deskkit.dev', password: env.password });
    cleanups.push(() => provider.signOut());
    profile.customerId = customerId;
    await waitUntil(() => profile.profile?.id === customerId, 'profile loaded', { timeout: 5_000 });

    // Beside Send SMS, once the desk says it has WhatsApp.
    const action = () => $<HTMLButtonElement>(profile, '[part=header] [data-action=template]');
    await waitUntil(action, 'the Send WhatsApp template action', { timeout: 5_000 });
    expect($(profile, '[part=header] [data-action=sms]')).to.exist;
    expect(action()!.textContent!.trim()).to.equal('Send WhatsApp template');
    expect(action()!.getAttribute('aria-haspopup')).to.equal('dialog');
    action()!.click();
    const dialog = () => $<HTMLDialogElement>(profile, 'dialog.template');
    await waitUntil(() => dialog()?.open && dialog()!.querySelector('#template-choice'), 'the dialog open with the templates', { timeout: 5_000 });
    const choice = dialog()!.querySelector<HTMLSelectElement>('#template-choice')!;
    choice.value = template.id;
    choice.dispatchEvent(new Event('change'));
    await profile.updateComplete;

    // The preview follows what is typed; Send waits for every variable.
    const inputs = () => [...dialog()!.querySelectorAll<HTMLInputElement>('input[data-variable]')];
    const submit = () => dialog()!.querySelector<HTMLButtonElement>('button[type=submit]')!;
    expect(inputs()).to.have.length(2);
    expect(submit().disabled).to.equal(true);
    inputs()[0]!.focus();
    await sendKeys({ type: 'Tom' });
    inputs()[1]!.focus();
    await sendKeys({ type: 'Friday' });
    await profile.updateComplete;
    const preview = dialog()!.querySelector('[part=template-preview]')!;
    expect(preview.querySelector('.template-header')!.textContent).to.equal('Hi Tom');
    expect(preview.querySelector('.template-body')!.textContent).to.equal('Your appointment is on Friday.');
    expect(submit().disabled).to.equal(false);

    // Sent: the dialog closes and the host is asked to open the conversation it went into.
    const selected = oneEvent(profile, 'desk-conversation-select');
    submit().click();
    const { detail } = await selected;
    await waitUntil(() => !dialog()?.open, 'the dialog closed', { timeout: 3_000 });
    cleanups.push(() => ada.conversations.close.mutate({ conversationId: detail.conversationId }));
    const conversation = await ada.conversations.get.query({ conversationId: detail.conversationId });
    expect([conversation.channel, conversation.status, conversation.customer.id, conversation.assigneeId]).to.deep.equal([
      'whatsapp',
      'open',
      customerId,
      provider.session!.agent.id,
    ]);
    const messages = await ada.conversations.messages.query({ conversationId: detail.conversationId });
    const sent = messages.filter((m) => m.kind === 'template');
    expect(sent.map((m) => [m.body, m.template?.variables, m.delivery?.to])).to.deep.equal([['Your appointment is on Friday.', ['Tom', 'Friday'], number]]);
  });
});
