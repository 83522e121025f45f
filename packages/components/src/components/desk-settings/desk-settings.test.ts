import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { settingsSections } from './desk-settings.js';
import { emptyTenant, find, mountSettings, save, shown, type } from './desk-settings.test-utils.js';

describe('<desk-settings>', () => {
  it('is for admins: agents and supervisors get a notice, not the settings', async () => {
    for (const email of ['bob@demo.deskkit.dev', 'sam@demo.deskkit.dev']) {
      const { root, provider } = await mountSettings(email);
      await shown(root, '[part=empty]', 'admins');
      expect(root.querySelector('[role=tablist]')).to.equal(null);
      await provider.signOut();
    }
  });

  it('has a tab per section, moved through with the arrow keys, Home and End', async () => {
    const { root, settings, provider } = await mountSettings('ada@demo.deskkit.dev');
    const tabs = [...root.querySelectorAll<HTMLButtonElement>('[role=tab]')];
    expect(tabs.map((t) => t.dataset.section)).to.deep.equal([...settingsSections]);
    expect(tabs.filter((t) => t.tabIndex === 0).map((t) => t.dataset.section)).to.deep.equal(['profile']);
    expect(find(root, '[role=tabpanel]').getAttribute('aria-labelledby')).to.equal('tab-profile');
    tabs[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => settings.section === 'preferences' && root.activeElement?.id === 'tab-preferences', 'next tab');
    expect(find(root, '#tab-preferences').getAttribute('aria-selected')).to.equal('true');
    await shown(root, '[part~=preferences]');
    await sendKeys({ press: 'End' });
    await waitUntil(() => settings.section === 'connections' && root.activeElement?.id === 'tab-connections', 'last tab');
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => settings.section === 'profile', 'wraps to the first');
    await sendKeys({ press: 'ArrowLeft' });
    await waitUntil(() => settings.section === 'connections', 'wraps to the last');
    await sendKeys({ press: 'Home' });
    await waitUntil(() => settings.section === 'profile' && root.activeElement?.id === 'tab-profile', 'first tab');
    await provider.signOut();
  });

  it('business profile: name, time zone and opening hours per weekday; field errors next to the field', async () => {
    const { root, settings, client, provider } = await mountSettings('ada@demo.deskkit.dev');
    const before = await client.settings.get.query();
    const form = '[part~=profile]';
    expect(find<HTMLInputElement>(root, `${form} input[name=name]`).value).to.equal(before.profile.name);
    expect(find<HTMLSelectElement>(root, `${form} select[name=timezone]`).value).to.equal(before.profile.timezone);

    // A bad logo URL is refused, named, and nothing is stored.
    type(find(root, `${form} input[name=logoUrl]`), 'http://insecure.example/logo.png');
    await save(root, form);
    const logoError = await shown(root, '[part=field-error][data-field=logoUrl]');
    expect(find(root, `${form} input[name=logoUrl]`).getAttribute('aria-describedby')).to.equal(logoError.id);
    expect((await client.settings.get.query()).profile.logoUrl).to.equal(before.profile.logoUrl);
    type(find(root, `${form} input[name=logoUrl]`), '');

    // In a phone-wide element a day's hours go below its name instead of past the edge.
    settings.style.display = 'block';
    settings.style.width = '300px';
    const edge = settings.getBoundingClientRect().right;
    for (const el of root.querySelectorAll('[part=day] *')) expect(el.getBoundingClientRect().right, el.localName).to.be.at.most(edge + 0.5);
    settings.style.width = '';

    // Saturday: open 10:00 until midnight; Sunday stays closed; Monday gets a second period.
    const saturday = find(root, '[part=day][data-day="6"]');
    find<HTMLButtonElement>(saturday, '[data-action=add-period]').click();
    await settings.updateComplete;
    const [open, close] = [...saturday.querySelectorAll<HTMLInputElement>('input[type=time]')];
    expect(open!.getAttribute('aria-label')).to.equal('Saturday opens');
    type(open!, '10:00');
    type(close!, '00:00');
    const monday = find(root, '[part=day][data-day="1"]');
    find<HTMLButtonElement>(monday, '[data-action=add-period]').click();
    await settings.updateComplete;
    const mondayTimes = [...monday.querySelectorAll<HTMLInputElement>('input[type=time]')];
    type(mondayTimes.at(-2)!, '18:00');
    type(mondayTimes.at(-1)!, '20:00');
    type(find(root, `${form} select[name=timezone]`), 'America/New_York');
    type(find(root, `${form} input[name=name]`), 'Acme Help Desk');
    const changed = oneEvent(settings, 'desk-settings-change');
    await save(root, form);
    expect((await changed).detail).to.deep.equal({ section: 'profile' });
    await shown(root, `${form} [part=saved]`, 'Saved');

    const after = await client.settings.get.query();
    expect(after.profile.name).to.equal('Acme Help Desk');
    expect(after.profile.timezone).to.equal('America/New_York');
    expect(after.profile.hours.filter((h) => h.day === 6)).to.deep.equal([{ day: 6, open: '10:00', close: '24:00' }]);
    expect(after.profile.hours.filter((h) => h.day === 1).map((h) => `${h.open}-${h.close}`)).to.include('18:00-20:00');
    expect(after.profile.hours.some((h) => h.day === 0)).to.equal(false);

    // Overlapping periods are refused with the hours named.
    const mondayNow = [...find(root, '[part=day][data-day="1"]').querySelectorAll<HTMLInputElement>('input[type=time]')];
    type(mondayNow.at(-2)!, '09:30');
    await save(root, form);
    await shown(root, '[part=field-error][data-field=hours]', 'overlap');

    // Leave the shared demo desk as it was.
    await client.settings.updateProfile.mutate({ name: before.profile.name, timezone: before.profile.timezone, hours: before.profile.hours, logoUrl: before.profile.logoUrl });
    await provider.signOut();
  });

  it('preferences: chat cap, inactivity auto-close and assignment mode', async () => {
    const { root, client, provider } = await mountSettings('ada@demo.deskkit.dev', 'preferences');
    const before = (await client.settings.get.query()).preferences;
    const form = '[part~=preferences]';
    expect(find<HTMLInputElement>(root, `${form} input[name=defaultMaxChats]`).value).to.equal(String(before.defaultMaxChats));
    type(find(root, `${form} input[name=autoCloseMinutes]`), '45');
    type(find(root, `${form} input[name=inactivityWarningMinutes]`), '10');
    const other = before.routingMode === 'manual' ? 'auto' : 'manual';
    find<HTMLInputElement>(root, `${form} input[name=routingMode][value=${other}]`).click();
    await save(root, form);
    await shown(root, `${form} [part=saved]`, 'Saved');
    const after = (await client.settings.get.query()).preferences;
    expect(after).to.deep.equal({ ...before, autoCloseMinutes: 45, inactivityWarningMinutes: 10, routingMode: other });

    type(find(root, `${form} input[name=inactivityWarningMinutes]`), '0');
    find<HTMLFormElement>(root, form).noValidate = true;
    await save(root, form);
    await shown(root, '[part=field-error][data-field=inactivityWarningMinutes]');
    await client.settings.updatePreferences.mutate(before);
    await provider.signOut();
  });

  it('auto responders: saved together; an enabled one without a message is refused with its field named', async () => {
    const { root, client, provider } = await mountSettings('ada@demo.deskkit.dev', 'responders');
    const before = (await client.settings.get.query()).autoResponders;
    const form = '[part~=responders]';
    const greeting = find(root, '[part=responder][data-kind=greeting]');
    find<HTMLInputElement>(greeting, 'input[type=checkbox]').click();
    type(find(greeting, 'textarea'), '');
    await save(root, form);
    const error = await shown(root, '[part=field-error][data-field="greeting.message"]');
    expect(find(greeting, 'textarea').getAttribute('aria-invalid')).to.equal('true');
    expect(find(greeting, 'textarea').getAttribute('aria-describedby')).to.equal(error.id);
    expect((await client.settings.get.query()).autoResponders.greeting.enabled).to.equal(before.greeting.enabled);

    type(find(greeting, 'textarea'), 'Welcome to Acme!');
    await save(root, form);
    await shown(root, `${form} [part=saved]`, 'Saved');
    expect((await client.settings.get.query()).autoResponders.greeting).to.deep.equal({ enabled: !before.greeting.enabled, message: 'Welcome to Acme!' });
    await client.settings.updateAutoResponders.mutate(before);
    await provider.signOut();
  });

  it('file uploads: the largest size and the kinds accepted; an impossible size is refused next to its field', async () => {
    // A tenant of its own: the other tests upload files to the demo tenant.
    const { root, client, provider } = await mountSettings('ada@demo.deskkit.dev', 'preferences', await emptyTenant());
    const form = '[part~=uploads]';
    await shown(root, form);
    expect(find<HTMLInputElement>(root, `${form} [name=maxMb]`).value).to.equal('10');
    const kinds = () => [...root.querySelectorAll<HTMLInputElement>(`${form} [name=allowedCategories]`)];
    expect(kinds().map((k) => [k.value, k.checked])).to.deep.equal([['image', true], ['audio', true], ['video', true], ['document', true]]);
    for (const label of kinds().map((k) => k.closest('label')!)) expect(label.textContent!.trim()).to.not.equal('');

    type(find(root, `${form} [name=maxMb]`), '2.5');
    kinds()[2]!.click();
    await save(root, form);
    await shown(root, `${form} [part=saved]`, 'Saved');
    expect((await client.tenant.settings.query()).uploads).to.deep.equal({ maxBytes: 2.5 * 1024 * 1024, allowedCategories: ['image', 'audio', 'document'] });

    for (const kind of kinds().filter((k) => k.checked)) kind.click();
    await shown(root, `${form} [data-note=uploads-off]`, 'nobody can attach files');
    type(find(root, `${form} [name=maxMb]`), '500');
    find<HTMLFormElement>(root, form).noValidate = true;
    await save(root, form);
    const error = await shown(root, `${form} [part=field-error][data-field="uploads.maxBytes"]`);
    expect(find(root, `${form} [name=maxMb]`).getAttribute('aria-describedby')).to.include(error.id);
    expect((await client.tenant.settings.query()).uploads.allowedCategories, 'nothing saved').to.have.length(3);
    await provider.signOut();
  });

  it('auto responders: "outside business hours" without opening hours warns that every chat gets it, and leads to the hours', async () => {
    // A tenant of its own, which has no opening hours yet.
    const { root, settings, provider } = await mountSettings('ada@demo.deskkit.dev', 'responders', await emptyTenant());
    const outside = find(root, '[part=responder][data-kind=outsideHours]');
    expect(root.querySelector('[part=hours-warning]'), 'off: no warning').to.equal(null);
    find<HTMLInputElement>(outside, 'input[type=checkbox]').click();
    const warning = await shown(outside, '[part=hours-warning]', 'every chat gets the outside-hours message');
    expect(warning.getAttribute('role')).to.equal('alert');

    find<HTMLButtonElement>(warning, '[data-action=set-hours]').click();
    await waitUntil(() => settings.section === 'profile' && root.activeElement?.id === 'tab-profile', 'the business tab, focused');
    find<HTMLButtonElement>(root, '[part=day][data-day="1"] [data-action=add-period]').click();
    await save(root, '[part~=profile]');
    await shown(root, '[part~=profile] [part=saved]', 'Saved');

    await settings.open('responders');
    await shown(root, '[part=responder][data-kind=outsideHours]');
    expect(find<HTMLInputElement>(root, '[part=responder][data-kind=outsideHours] input[type=checkbox]').checked, 'still on').to.equal(true);
    expect(root.querySelector('[part=hours-warning]'), 'opening hours set').to.equal(null);
    await provider.signOut();
  });
});
