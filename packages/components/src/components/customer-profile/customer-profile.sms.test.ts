import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createDeskClient, type DeskClient } from '@deskkit/client';
import '../desk-provider/desk-provider.js';
import type { DeskProvider } from '../desk-provider/desk-provider.js';
import { deskEnv, cleanupsAfterEach, cid } from '../../internal/test-env.js';
import { CustomerProfile } from './customer-profile.js';

/** The `channels` tenant of the test server: SMS and WhatsApp to a local fake provider (web-test-runner.channels.mjs). */
const hook = async <T>(path: string, params: Record<string, string> = {}): Promise<T & { status: number }> =>
  (await fetch(`/__desk-channels${path}?${new URLSearchParams(params)}`, { cache: 'no-store' })).json();
let channels: Promise<{ tenant: string }> | undefined;
const setUp = () => (channels ??= hook<{ tenant: string }>(''));
const phone = () => `+4915${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const cleanups = cleanupsAfterEach();

/** A customer of the `channels` tenant: by an inbound SMS (with their number) or a web chat (without). */
async function customer(options: { phone?: string; name: string }): Promise<string> {
  const env = await deskEnv();
  const { tenant } = await setUp();
  const session = await createDeskClient({ url: env.url }).auth.signIn.mutate({ tenant, email: 'ada@demo.deskkit.dev', password: env.password });
  const admin = createDeskClient({ url: env.url, token: session.token });
  cleanups.push(() => admin.auth.signOut.mutate());
  let conversationId: string;
  if (options.phone) {
    const answer = await hook<{ conversationId: string }>('/inbound', { channel: 'sms', from: options.phone, name: options.name, text: 'Hello by SMS' });
    expect(answer.status, 'inbound webhook').to.equal(200);
    conversationId = answer.conversationId;
  } else {
    const started = await createDeskClient({ url: env.url }).webchat.start.mutate({ tenant, name: options.name, message: { body: 'Hello from the web', clientMessageId: cid() } });
    conversationId = started.conversation.id;
  }
  cleanups.push(() => admin.conversations.close.mutate({ conversationId }));
  return (await admin.conversations.get.query({ conversationId })).customer.id;
}

async function mount(customerId: string) {
  const env = await deskEnv();
  const { tenant } = await setUp();
  const provider = await fixture<DeskProvider>(html`<desk-provider server=${env.url}><customer-profile></customer-profile></desk-provider>`);
  const profile = provider.querySelector<CustomerProfile>('customer-profile')!;
  await provider.signIn({ tenant, email: 'alice@demo.deskkit.dev', password: env.password });
  cleanups.push(() => provider.signOut());
  profile.customerId = customerId;
  await waitUntil(() => profile.profile?.id === customerId, 'profile loaded', { timeout: 5_000 });
  await profile.updateComplete;
  return { profile, client: provider.client! };
}

const $ = <T extends Element = HTMLElement>(el: CustomerProfile, selector: string) => el.shadowRoot!.querySelector<T>(selector);

/** The one-way SMS tickets of a customer and their agent messages. */
async function smsSent(client: DeskClient, customerId: string) {
  const history = await client.customers.history.query({ customerId, limit: 50 });
  const tickets = history.items.filter((c) => c.subject === 'One-way SMS');
  const messages = (await Promise.all(tickets.map((c) => client.conversations.messages.query({ conversationId: c.id })))).flat();
  return messages.filter((m) => m.author.kind === 'agent');
}

describe('<customer-profile> Send SMS', () => {
  it('sends a one-way SMS once, however often it is retried, and shows its delivery status live', async function () {
    this.timeout(30_000);
    const number = phone();
    const customerId = await customer({ phone: number, name: 'Paula Profile' });
    const { profile, client } = await mount(customerId);

    const action = () => $<HTMLButtonElement>(profile, '[part=header] [data-action=sms]');
    await waitUntil(action, 'the Send SMS action', { timeout: 3_000 });
    expect(action()!.getAttribute('aria-expanded')).to.equal('false');
    action()!.click();
    await profile.updateComplete;
    const form = $(profile, 'form[part=sms]')!;
    expect(action()!.getAttribute('aria-expanded')).to.equal('true');
    expect(form.querySelector('#profile-sms-hint')!.textContent).to.contain(number);
    await waitUntil(() => profile.shadowRoot!.activeElement?.id === 'sms-body', 'the text box has focus');
    const text = 'Your parcel arrives tomorrow';
    await sendKeys({ type: text });
    await profile.updateComplete;
    expect(form.querySelector('#profile-sms-count')!.textContent).to.contain(`${text.length} / 1600`);

    // The first answer is lost on the way back (the server stored and sent it).
    const realFetch = window.fetch;
    let lost = 0;
    window.fetch = async (input, init) => {
      const response = await realFetch(input, init);
      if (String(input instanceof Request ? input.url : input).includes('sms.send') && !lost++) throw new TypeError('Failed to fetch');
      return response;
    };
    cleanups.push(() => (window.fetch = realFetch));
    form.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await waitUntil(() => form.querySelector('[part=error]'), 'the failure shown', { timeout: 3_000 });
    expect(form.querySelector('[part=error]')!.getAttribute('role')).to.equal('alert');
    expect(form.querySelector('[part=error]')!.textContent).to.contain('Failed to fetch');
    window.fetch = realFetch;

    // Sent again: the same message, not a second SMS.
    form.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    const status = () => $(profile, '[part=sms-status]');
    await waitUntil(status, 'the status line', { timeout: 3_000 });
    expect($(profile, 'form[part=sms]'), 'the form closed').to.equal(null);
    expect(status()!.getAttribute('role')).to.equal('status');
    expect(status()!.textContent).to.contain(`SMS to ${number}`);
    await waitUntil(() => status()?.dataset.status === 'sent', 'sent (the provider took it)', { timeout: 5_000 });
    expect(status()!.textContent).to.contain('Sent');
    const sent = await smsSent(client, customerId);
    expect(sent.map((m) => m.body)).to.deep.equal([text]);
    expect(sent[0]!.delivery).to.deep.include({ channel: 'sms', to: number, oneWay: true });

    // The provider's receipt moves it on, live.
    expect((await hook<object>('/status', { messageId: sent[0]!.id, status: 'delivered' })).status).to.equal(200);
    await waitUntil(() => status()?.dataset.status === 'delivered', 'delivered live', { timeout: 3_000 });
    expect(status()!.textContent).to.contain('Delivered');

    // Another text is another SMS; a failure shows its reason.
    action()!.click();
    await profile.updateComplete;
    await waitUntil(() => profile.shadowRoot!.activeElement?.id === 'sms-body', 'the text box has focus');
    await sendKeys({ type: 'Second notice' });
    await profile.updateComplete;
    $<HTMLButtonElement>(profile, 'form[part=sms] button[type=submit]')!.click();
    await waitUntil(() => status()?.dataset.status === 'sent' && status()!.textContent!.includes('Sent'), 'the second one sent', { timeout: 5_000 });
    const second = (await smsSent(client, customerId)).find((m) => m.body === 'Second notice')!;
    await hook<object>('/status', { messageId: second.id, status: 'failed', error: 'Carrier rejected the number' });
    await waitUntil(() => status()?.dataset.status === 'failed', 'failed live', { timeout: 3_000 });
    expect(status()!.textContent).to.contain('Carrier rejected the number');
    expect((await smsSent(client, customerId)).length).to.equal(2);
  });

  it('is offered only for customers with a phone, to agents who may send SMS', async () => {
    const withoutPhone = await customer({ name: 'Wendy Web' });
    const first = await mount(withoutPhone);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect($(first.profile, '[data-action=sms]'), 'no phone, no SMS').to.equal(null);

    const withPhone = await customer({ phone: phone(), name: 'Pete Phone' });
    const { profile } = await mount(withPhone);
    await waitUntil(() => $(profile, '[data-action=sms]'), 'offered', { timeout: 3_000 });
    // In a narrow panel the header's two actions stay together (Send SMS was left alone on a line).
    profile.style.width = '320px';
    await profile.updateComplete;
    const edit = $(profile, '[data-action=edit]')!.getBoundingClientRect();
    const sms = $(profile, '[data-action=sms]')!.getBoundingClientRect();
    expect(sms.top, 'one line').to.equal(edit.top);
    expect(sms.left).to.be.greaterThan(edit.right);
    profile.style.width = '';
    const session = profile.session!;
    profile.session = { ...session, agent: { ...session.agent, permissions: session.agent.permissions.filter((p) => p !== 'customers:read') } };
    await profile.updateComplete;
    expect($(profile, '[data-action=sms]'), 'not without customers:read').to.equal(null);
  });
});

describe('<customer-profile> asking for the SMS channel', () => {
  /** The requests for `channels.available` this page has made so far. */
  const asked = () => performance.getEntriesByType('resource').filter((entry) => entry.name.includes('channels.available')).length;

  it('asks only once an agent is signed in (before, the server can only refuse)', async () => {
    const env = await deskEnv();
    const { tenant } = await setUp();
    const before = asked();
    const provider = await fixture<DeskProvider>(html`<desk-provider server=${env.url}><customer-profile></customer-profile></desk-provider>`);
    const profile = provider.querySelector<CustomerProfile>('customer-profile')!;
    await profile.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(asked(), 'nobody signed in').to.equal(before);

    await provider.signIn({ tenant, email: 'alice@demo.deskkit.dev', password: env.password });
    cleanups.push(() => provider.signOut());
    await waitUntil(() => asked() === before + 1, 'asked once signed in', { timeout: 3_000 });
  });
});
