import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../desk-provider/desk-provider.js';
import type { DeskProvider } from '../desk-provider/desk-provider.js';
import { deskEnv } from '../../internal/test-env.js';
import { DeskSettings } from './desk-settings.js';

async function mount(email: string) {
  const env = await deskEnv();
  const provider = await fixture<DeskProvider>(html`<desk-provider server=${env.url}><desk-settings></desk-settings></desk-provider>`);
  const settings = provider.querySelector<DeskSettings>('desk-settings')!;
  await provider.signIn({ tenant: env.tenant, email, password: env.password });
  return { env, provider, settings };
}

const $ = <T extends Element>(el: DeskSettings, selector: string) => el.shadowRoot!.querySelector<T>(selector);

describe('<desk-settings>', () => {
  it('tells agents it is for admins', async () => {
    const { settings, provider } = await mount('bob@demo.deskkit.dev');
    await waitUntil(() => $(settings, '[part=empty]')?.textContent?.includes('admins'), 'refusal shown');
    await provider.signOut();
  });

  it('admins save the profile; field errors show next to the field and nothing is stored', async () => {
    const { settings, provider } = await mount('ada@demo.deskkit.dev');
    await waitUntil(() => $(settings, '[part=profile]'), 'form shown', { timeout: 5_000 });
    const before = await provider.client!.settings.get.query();
    const name = $<HTMLInputElement>(settings, 'input[name=name]')!;
    const timezone = $<HTMLInputElement>(settings, 'input[name=timezone]')!;
    expect(name.value).to.equal(before.profile.name);

    timezone.value = 'Mars/Olympus_Mons';
    $<HTMLButtonElement>(settings, '[part=profile] button[type=submit]')!.click();
    await waitUntil(() => $(settings, '[part=field-error][data-field=timezone]'), 'timezone error shown');
    expect((await provider.client!.settings.get.query()).profile.timezone).to.equal(before.profile.timezone);

    name.value = 'Acme Help Desk';
    timezone.value = 'America/New_York';
    $<HTMLButtonElement>(settings, '[part=profile] button[type=submit]')!.click();
    await waitUntil(() => $(settings, '[part=saved]'), 'saved');
    expect($(settings, '[part=field-error]')).to.equal(null);
    const after = await provider.client!.settings.get.query();
    expect(after.profile.name).to.equal('Acme Help Desk');
    expect(after.profile.timezone).to.equal('America/New_York');
    // Leave the shared demo desk as it was.
    await provider.client!.settings.updateProfile.mutate({ name: before.profile.name, timezone: before.profile.timezone });
    await provider.signOut();
  });

  it('an enabled responder without a message is refused with the field named', async () => {
    const { settings, provider } = await mount('ada@demo.deskkit.dev');
    await waitUntil(() => $(settings, '[part=responders]'), 'form shown', { timeout: 5_000 });
    const greeting = $<HTMLFieldSetElement>(settings, '[part=responder][data-kind=greeting]')!;
    greeting.querySelector<HTMLInputElement>('input[type=checkbox]')!.checked = true;
    greeting.querySelector<HTMLTextAreaElement>('textarea')!.value = '';
    $<HTMLButtonElement>(settings, '[part=responders] button[type=submit]')!.click();
    await waitUntil(() => $(settings, '[part=field-error][data-field="greeting.message"]'), 'greeting error shown');
    expect((await provider.client!.settings.get.query()).autoResponders.greeting.enabled).to.equal(false);
    await provider.signOut();
  });
});
