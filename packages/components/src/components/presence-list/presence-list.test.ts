import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { PresenceEntry } from '@deskkit/client';
import '../desk-provider/desk-provider.js';
import type { DeskProvider } from '../desk-provider/desk-provider.js';
import { deskEnv, signInAs } from '../../internal/test-env.js';
import { PresenceList } from './presence-list.js';

async function mount(email: string, transport: 'sse' | 'ws' = 'sse') {
  const env = await deskEnv();
  const provider = await fixture<DeskProvider>(
    html`<desk-provider server=${env.url} transport=${transport}><presence-list></presence-list></desk-provider>`,
  );
  const list = provider.querySelector<PresenceList>('presence-list')!;
  await provider.signIn({ tenant: env.tenant, email, password: env.password });
  return { env, provider, list };
}

const item = (list: PresenceList, name: string) =>
  [...list.shadowRoot!.querySelectorAll<HTMLElement>('[part~=item]')].find((li) => li.textContent!.includes(name));

describe('<presence-list>', () => {
  it('asks for sign-in without a session', async () => {
    const env = await deskEnv();
    const provider = await fixture<DeskProvider>(html`<desk-provider server=${env.url}><presence-list></presence-list></desk-provider>`);
    const list = provider.querySelector('presence-list')!;
    await list.updateComplete;
    expect(list.shadowRoot!.querySelector('[part=empty]')!.textContent).to.contain('Sign in');
  });

  it('lists the signed-in agent as online with a red (unavailable) dot', async () => {
    const { list, provider } = await mount('alice@demo.deskkit.dev');
    await waitUntil(() => item(list, 'Alice Moreau'), 'self listed', { timeout: 5_000 });
    const self = item(list, 'Alice Moreau')!;
    expect(self.dataset.status).to.equal('unavailable');
    expect(self.getAttribute('part')).to.contain('item-self');
    const dot = self.querySelector<HTMLElement>('[part~=dot]')!;
    expect(getComputedStyle(dot).backgroundColor).to.equal('rgb(224, 49, 49)');
    // Status is spelled out, not only coloured.
    expect(self.querySelector('[part=status]')!.textContent).to.equal('Unavailable');
    await provider.signOut();
  });

  it('toggles the own status from the keyboard and fires desk-presence-change', async () => {
    const { list, provider } = await mount('chen@demo.deskkit.dev');
    await waitUntil(() => item(list, 'Chen Wei'), 'self listed', { timeout: 5_000 });
    const toggle = list.shadowRoot!.querySelector<HTMLButtonElement>('[part=toggle]')!;
    expect(toggle.getAttribute('role')).to.equal('switch');
    expect(toggle.getAttribute('aria-checked')).to.equal('false');

    toggle.focus();
    const changed = oneEvent(list, 'desk-presence-change');
    await sendKeys({ press: 'Space' });
    expect((await changed).detail).to.deep.equal({ status: 'available' });
    await waitUntil(() => toggle.getAttribute('aria-checked') === 'true');
    await waitUntil(() => item(list, 'Chen Wei')!.dataset.status === 'available');
    const dot = item(list, 'Chen Wei')!.querySelector<HTMLElement>('[part~=dot]')!;
    expect(getComputedStyle(dot).backgroundColor).to.equal('rgb(47, 158, 68)');

    // The server agrees.
    const me = await provider.client!.auth.me.query();
    expect(me.agent.status).to.equal('available');

    const back = oneEvent(list, 'desk-presence-change');
    await sendKeys({ press: 'Enter' });
    expect((await back).detail.status).to.equal('unavailable');
    await provider.signOut();
  });

  it("shows other agents' changes live, within a second", async () => {
    const { list, provider } = await mount('sam@demo.deskkit.dev');
    await waitUntil(() => item(list, 'Sam Carter'), 'self listed', { timeout: 5_000 });

    // Bob connects from elsewhere (his own typed client) and goes Available.
    const bob = await signInAs('bob@demo.deskkit.dev');
    const events: PresenceEntry[] = [];
    const subscription = bob.client.presence.onChange.subscribe(undefined, { onData: ({ data }) => events.push(data) });
    await waitUntil(() => item(list, 'Bob Okafor'), 'bob appears', { timeout: 3_000 });
    const started = performance.now();
    await bob.client.presence.setStatus.mutate({ status: 'available' });
    await waitUntil(() => item(list, 'Bob Okafor')?.dataset.status === 'available', 'bob available', {
      timeout: 1_000,
      interval: 10,
    });
    expect(performance.now() - started).to.be.below(1_000);

    // Bob disconnects: he leaves the list.
    subscription.unsubscribe();
    await waitUntil(() => !item(list, 'Bob Okafor'), 'bob gone', { timeout: 3_000 });
    await bob.client.presence.setStatus.mutate({ status: 'unavailable' });
    await provider.signOut();
  });

  it('follows changes over WebSocket too', async () => {
    const { list, provider } = await mount('ada@demo.deskkit.dev', 'ws');
    await waitUntil(() => item(list, 'Ada Lovelace'), 'self listed over ws', { timeout: 5_000 });
    const chen = await signInAs('chen@demo.deskkit.dev');
    const subscription = chen.client.presence.onChange.subscribe(undefined, { onData: () => undefined });
    await waitUntil(() => item(list, 'Chen Wei'), 'chen appears', { timeout: 3_000 });
    await chen.client.presence.setStatus.mutate({ status: 'available' });
    await waitUntil(() => item(list, 'Chen Wei')?.dataset.status === 'available', 'chen available', { timeout: 1_000 });
    subscription.unsubscribe();
    await chen.client.presence.setStatus.mutate({ status: 'unavailable' });
    await provider.signOut();
  });

  it('shows an error in an alert when the server refuses', async () => {
    const { list, provider } = await mount('alice@demo.deskkit.dev');
    await waitUntil(() => item(list, 'Alice Moreau'), 'self listed', { timeout: 5_000 });
    // The session ends elsewhere (e.g. signed out in another tab).
    await provider.client!.auth.signOut.mutate();
    list.shadowRoot!.querySelector<HTMLButtonElement>('[part=toggle]')!.click();
    await waitUntil(() => list.shadowRoot!.querySelector('[part=error]'), 'error shown');
    const alert = list.shadowRoot!.querySelector('[part=error]')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.match(/session|sign in/i);
  });

  it('is themeable through custom properties', async () => {
    const { list, provider } = await mount('ada@demo.deskkit.dev');
    list.style.setProperty('--unavailable-color', 'rgb(1, 2, 3)');
    await waitUntil(() => item(list, 'Ada Lovelace'), 'self listed', { timeout: 5_000 });
    const dot = item(list, 'Ada Lovelace')!.querySelector<HTMLElement>('[part~=dot]')!;
    expect(getComputedStyle(dot).backgroundColor).to.equal('rgb(1, 2, 3)');
    await provider.signOut();
  });

  it('survives being defined twice', () => {
    expect(() => PresenceList.define('presence-list')).not.to.throw();
  });
});
