import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { createDeskClient, type DeskClient } from '@deskkit/client';
import '../desk-provider/desk-provider.js';
import type { DeskProvider } from '../desk-provider/desk-provider.js';
import { deskEnv, signInAs, type DeskEnv, cleanupsAfterEach, cid } from '../../internal/test-env.js';
import { CustomerProfile } from './customer-profile.js';

const cleanups = cleanupsAfterEach();

let admin: Promise<DeskClient> | undefined;
const ada = () => (admin ??= signInAs('ada@demo.deskkit.dev').then((s) => s.client));

/** A customer starts a web chat (closed again after the test); returns the conversation and customer ids. */
async function startChat(env: DeskEnv, options: { name: string; email?: string }) {
  const support = env.departments.find((d) => d.name === 'Support')!.id;
  const started = await createDeskClient({ url: env.url }).webchat.start.mutate({
    tenant: env.tenant,
    name: options.name,
    email: options.email,
    departmentId: support,
    message: { body: 'Hello from the profile tests', clientMessageId: cid() },
  });
  const client = await ada();
  cleanups.push(() => client.conversations.close.mutate({ conversationId: started.conversation.id }));
  const view = await client.conversations.get.query({ conversationId: started.conversation.id });
  return { conversationId: view.id, customerId: view.customer.id };
}

/** A provider signed in as `email`, showing `customerId` once loaded. */
async function mount(email: string, customerId: string) {
  const env = await deskEnv();
  const provider = await fixture<DeskProvider>(html`<desk-provider server=${env.url}><customer-profile></customer-profile></desk-provider>`);
  const profile = provider.querySelector<CustomerProfile>('customer-profile')!;
  await provider.signIn({ tenant: env.tenant, email, password: env.password });
  cleanups.push(() => provider.signOut());
  profile.customerId = customerId;
  await waitUntil(() => profile.profile?.id === customerId, 'profile loaded', { timeout: 5_000 });
  await profile.updateComplete;
  return { env, provider, profile, client: provider.client! };
}

const $ = <T extends Element = HTMLElement>(el: CustomerProfile, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: CustomerProfile, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];

async function type(el: CustomerProfile, selector: string, value: string) {
  const input = $<HTMLInputElement>(el, selector)!;
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

describe('<customer-profile>', () => {
  it('is defined, and asks for a session without one', async () => {
    const el = await fixture<CustomerProfile>(html`<customer-profile customer-id="ffffffffffffffffffffffff"></customer-profile>`);
    expect(el).to.be.instanceOf(CustomerProfile);
    expect(el.shadowRoot!.textContent).to.contain('Sign in');
  });

  it('edits the profile: field errors from the server, then a save', async () => {
    const env = await deskEnv();
    const { customerId } = await startChat(env, { name: 'Edith Edit' });
    const { profile, client } = await mount('alice@demo.deskkit.dev', customerId);
    expect($(profile, '#profile-name')!.textContent).to.equal('Edith Edit');
    // The same word <chat-window> uses for a customer who has not proved who they are.
    expect($(profile, '[part=badge]')!.textContent!.trim()).to.equal('Unverified');

    $<HTMLButtonElement>(profile, '[data-action=edit]')!.click();
    await profile.updateComplete;
    await type(profile, '#field-email', 'not-an-email');
    await type(profile, '#field-language', 'pt-BR');
    // Add attribute is a button of its own size, not a bar across its fieldset.
    expect($(profile, '[data-action=add-attribute]')!.getBoundingClientRect().width).to.be.lessThan($(profile, '[data-action=add-attribute]')!.parentElement!.getBoundingClientRect().width / 2);
    $<HTMLButtonElement>(profile, '[data-action=add-attribute]')!.click();
    await profile.updateComplete;
    await type(profile, '[name=attribute-key]', 'plan');
    await type(profile, '[name=attribute-value]', 'gold');
    $<HTMLButtonElement>(profile, '[part=save]')!.click();

    // The server names the email; the form says so beside it and keeps the draft.
    await waitUntil(() => $(profile, '#error-email'), 'email error shown', { timeout: 5_000 });
    const email = $<HTMLInputElement>(profile, '#field-email')!;
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(email.getAttribute('aria-describedby')).to.contain('error-email');
    expect($(profile, '[role=alert]')!.textContent).to.contain('Some fields need fixing');
    expect((await client.customers.get.query({ customerId })).language).to.equal('en', 'nothing saved');

    await type(profile, '#field-email', 'edith@example.com');
    await type(profile, '#field-notes', 'Prefers mornings.');
    const updated = oneEvent(profile, 'desk-customer-update');
    $<HTMLButtonElement>(profile, '[part=save]')!.click();
    expect((await updated).detail).to.deep.equal({ customerId });
    await profile.updateComplete;
    expect($(profile, '[data-field=email]')!.textContent).to.contain('edith@example.com');
    expect($(profile, '[data-field=language]')!.textContent).to.contain('pt-BR');
    expect($(profile, '[data-field=attributes]')!.textContent).to.match(/plan\s+gold/);
    expect($(profile, '[data-field=notes]')!.textContent).to.contain('Prefers mornings.');
    expect($(profile, '[part=notice]')!.textContent).to.contain('Profile saved');
    const saved = await client.customers.get.query({ customerId });
    expect(saved.attributes).to.deep.equal({ plan: 'gold' });
    expect(saved.email).to.equal('edith@example.com');
  });

  it('lists the customer’s conversations and fires desk-conversation-select', async () => {
    const env = await deskEnv();
    const { customerId, conversationId } = await startChat(env, { name: 'Hector History' });
    const { profile } = await mount('alice@demo.deskkit.dev', customerId);
    const items = $$<HTMLButtonElement>(profile, '[part=history-item]');
    expect(items.map((b) => b.dataset.conversationId)).to.deep.equal([conversationId]);
    // Named as the queue names them, not the stored values ('web', 'pending').
    expect(items[0]!.getAttribute('aria-label')).to.contain('(Web, Pending, ');
    expect([...items[0]!.querySelectorAll('.chip')].map((chip) => chip.textContent)).to.deep.equal(['Web', 'Pending']);
    const selected = oneEvent(profile, 'desk-conversation-select');
    items[0]!.click();
    expect((await selected).detail).to.deep.equal({ conversationId });
  });

  it('shows what a connected app returns, with links, then from the cache', async () => {
    const env = await deskEnv();
    const { endpoint } = (await (await fetch('/__desk-crm')).json()) as { endpoint: string };
    const admin = await ada();
    const integration = await admin.integrations.create.mutate({ name: 'Test CRM', endpoint, secret: 'profile-test-secret-1234' });
    cleanups.push(() => admin.integrations.remove.mutate({ id: integration.id }));
    const { customerId } = await startChat(env, { name: 'Ivy Integration' });
    const { profile } = await mount('alice@demo.deskkit.dev', customerId);

    await waitUntil(() => $(profile, `[data-integration-id="${integration.id}"]`), 'integration answered', { timeout: 5_000 });
    const card = $(profile, `[data-integration-id="${integration.id}"]`)!;
    expect(card.dataset.status).to.equal('ok');
    // The Refresh button sits beside the heading, above the answers, not over them.
    expect($(profile, '[data-action=refresh-integrations]')!.getBoundingClientRect().bottom).to.be.at.most(card.getBoundingClientRect().top);
    expect(card.hasAttribute('data-cached')).to.equal(false);
    expect(card.textContent).to.contain('Plan').and.contain('Gold');
    const link = card.querySelector<HTMLAnchorElement>('a')!;
    expect(link.href).to.equal(`https://crm.example/accounts/${customerId}`);
    expect(link.textContent).to.equal('Account of Ivy Integration');
    expect(link.rel).to.contain('noopener');
    expect(profile.shadowRoot!.innerHTML).not.to.contain('profile-test-secret');

    $<HTMLButtonElement>(profile, '[data-action=refresh-integrations]')!.click();
    await waitUntil(() => $(profile, `[data-integration-id="${integration.id}"][data-cached]`), 'served from the cache', { timeout: 5_000 });
    expect($(profile, '[part~=integration-time]')!.textContent).to.contain('Saved answer');
  });

  it('supervisors merge a duplicate after confirming; agents see no merge action', async () => {
    const env = await deskEnv();
    const email = `dup-${cid().slice(0, 8)}@example.com`;
    const target = await startChat(env, { name: 'Dana Target', email });
    const source = await startChat(env, { name: 'Dana Source', email });

    const asAgent = await mount('alice@demo.deskkit.dev', target.customerId);
    expect($$(asAgent.profile, '[part=duplicate]').map((d) => d.dataset.customerId)).to.deep.equal([source.customerId]);
    expect($(asAgent.profile, '[data-action=merge]')).to.equal(null);

    const { profile } = await mount('sam@demo.deskkit.dev', target.customerId);
    // The action is as wide as its label, at the start of the card (not stretched across it).
    const card = $(profile, '[part=duplicate]')!.getBoundingClientRect();
    const button = $<HTMLButtonElement>(profile, '[data-action=merge]')!.getBoundingClientRect();
    expect(button.width).to.be.below(card.width * 0.75);
    expect(button.left - card.left).to.be.below(12);
    $<HTMLButtonElement>(profile, '[data-action=merge]')!.click();
    await waitUntil(() => $<HTMLDialogElement>(profile, 'dialog[open]'), 'confirm dialog', { timeout: 3_000 });
    const dialog = $<HTMLDialogElement>(profile, 'dialog[open]')!;
    expect(dialog.textContent).to.contain('Merge Dana Source into Dana Target');
    // Cancel first: nothing happens.
    $<HTMLButtonElement>(profile, '[data-action=cancel-merge]')!.click();
    await waitUntil(() => !$(profile, 'dialog[open]'), 'dialog closed');
    expect($$(profile, '[part=duplicate]').length).to.equal(1);

    $<HTMLButtonElement>(profile, '[data-action=merge]')!.click();
    await waitUntil(() => $(profile, 'dialog[open]'), 'confirm dialog again');
    const merged = oneEvent(profile, 'desk-customer-merge');
    $<HTMLButtonElement>(profile, '[data-action=confirm-merge]')!.click();
    expect((await merged).detail).to.deep.equal({ sourceId: source.customerId, targetId: target.customerId, moved: 1 });
    await waitUntil(() => $$(profile, '[part=history-item]').length === 2, 'both conversations in the history', { timeout: 5_000 });
    expect($$(profile, '[part=duplicate]').length).to.equal(0);
    expect($(profile, '[part=notice]')!.textContent).to.contain('1 conversation moved');

    // The source's id now shows the target's profile.
    profile.customerId = source.customerId;
    await waitUntil(() => profile.profile?.redirectedFrom === source.customerId, 'redirected', { timeout: 5_000 });
    expect(profile.profile!.id).to.equal(target.customerId);
  });
});
