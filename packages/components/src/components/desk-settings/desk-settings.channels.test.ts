import { expect, waitUntil } from '@open-wc/testing';
import { emptyTenant, eventually, find, mountSettings, save, shown, type } from './desk-settings.test-utils.js';

// Each test has a tenant of its own: the demo tenant's SMS and WhatsApp accounts stay on the demo provider.
const ADMIN = 'ada@demo.deskkit.dev';
const text = (el: Element) => el.textContent!.replace(/\s+/g, ' ').trim();

describe('<desk-settings> channels', () => {
  it('an SMS account: a bad number is a field error; once set up, the webhook URL and the secrets shown once; rotated', async () => {
    const tenant = await emptyTenant();
    const { root, settings, client, provider, env } = await mountSettings(ADMIN, 'channels', tenant);
    const form = '[part~=channel][data-channel=sms]';
    await shown(root, form, 'Not set up yet');
    await shown(root, '[part~=channel][data-channel=whatsapp]', 'WhatsApp account');
    expect(root.querySelector(`${form} [data-action=rotate]`), 'nothing to rotate yet').to.equal(null);

    type(find(root, `${form} [name=endpoint]`), 'http://127.0.0.1:9/sms');
    type(find(root, `${form} [name=fromNumber]`), '600 111 222');
    await save(root, form);
    const error = await shown(root, `${form} [part=field-error][data-field=fromNumber]`, 'E.164');
    const number = find<HTMLInputElement>(root, `${form} [name=fromNumber]`);
    expect(number.getAttribute('aria-invalid')).to.equal('true');
    expect(number.getAttribute('aria-describedby')).to.include(error.id);
    expect(await client.channels.list.query()).to.deep.equal([]);

    type(number, '+34600111222');
    find<HTMLInputElement>(root, `${form} [name=media]`).click();
    await save(root, form);
    const secrets = await shown(root, `${form} [part=secrets]`, 'not shown again');
    await waitUntil(() => root.activeElement === secrets, 'the new secrets get focus');
    const [account] = await client.channels.list.query();
    expect(account).to.deep.include({ channel: 'sms', endpoint: 'http://127.0.0.1:9/sms', fromNumber: '+34600111222', enabled: true, media: false });
    expect(find(root, `${form} [part=webhook-url]`).textContent).to.equal(`${env.url}/channels/${tenant}/sms/webhook`);
    const webhookSecret = find(secrets, '[data-secret-value=webhook]').textContent!;
    expect(webhookSecret.endsWith(account!.webhookSecretLast4!)).to.equal(true);
    expect(find(root, `${form} [data-secret=webhook]`).textContent).to.include(account!.webhookSecretLast4);
    expect(find(root, `${form} [data-secret=signing]`).textContent).to.include(account!.signingSecretLast4);
    expect(root.querySelector('[part~=channel][data-channel=whatsapp] [part=secrets]'), 'only the SMS account').to.equal(null);

    // A later save keeps the secrets: they are not shown again.
    find<HTMLInputElement>(root, `${form} [name=enabled]`).click();
    await save(root, form);
    await shown(root, `${form} [part=saved]`, 'Saved');
    expect(root.querySelector(`${form} [part=secrets]`)).to.equal(null);
    expect(root.innerHTML).to.not.include(webhookSecret);
    expect((await client.channels.list.query())[0]!.enabled).to.equal(false);

    find<HTMLButtonElement>(root, `${form} [data-action=rotate]`).click();
    const rotated = await shown(root, `${form} [part=secrets]`, 'not shown again');
    await waitUntil(() => root.activeElement === rotated, 'the new secrets get focus');
    const after = (await client.channels.list.query())[0]!;
    expect(after.webhookSecretLast4).to.not.equal(account!.webhookSecretLast4);
    expect(find(rotated, '[data-secret-value=signing]').textContent!.endsWith(after.signingSecretLast4!)).to.equal(true);
    expect(find(root, `${form} [data-secret=webhook]`).textContent).to.include(after.webhookSecretLast4);
    const shownSecret = find(rotated, '[data-secret-value=webhook]').textContent!;
    await provider.signOut();
    expect(settings.shadowRoot!.innerHTML).to.not.include(shownSecret);
  });

  it('WhatsApp templates: created with a live preview, a server error next to its field, edited and deleted', async () => {
    const tenant = await emptyTenant();
    const { root, settings, client, provider } = await mountSettings(ADMIN, 'channels', tenant);
    const section = '[part~=templates]';
    await shown(root, section, 'No templates yet');
    find<HTMLButtonElement>(root, '[data-action=new-template]').click();
    await settings.updateComplete;
    const form = () => find(root, '[part~=template-form]');
    await waitUntil(() => root.activeElement === find(form(), '[name=name]'), 'the name gets focus');
    const preview = () => find(form(), '[part=template-preview]');

    type(find(form(), '[name=name]'), 'shipping_update');
    type(find(form(), '[name=language]'), 'en_US');
    type(find(form(), '[name=header]'), 'Order {{1}}');
    type(find(form(), '[name=body]'), 'Hi {{3}}, order {{1}} ships today.');
    type(find(form(), '[name=footer]'), 'Acme Support');
    await settings.updateComplete;
    expect(text(find(preview(), '.template-header'))).to.equal('Order {{1}}');
    expect(text(find(preview(), '.template-body'))).to.equal('Hi {{3}}, order {{1}} ships today.');
    expect(text(find(preview(), '.template-footer'))).to.equal('Acme Support');

    // Buttons: up to three, each kind with its own fields.
    const add = () => find<HTMLButtonElement>(form(), '[data-action=add-button]');
    add().click();
    await settings.updateComplete;
    type(find(form(), '[name="buttons.0.text"]'), 'Thanks!');
    add().click();
    await settings.updateComplete;
    type(find(form(), '[name="buttons.1.type"]'), 'url');
    await settings.updateComplete;
    type(find(form(), '[name="buttons.1.text"]'), 'Track order');
    type(find(form(), '[name="buttons.1.url"]'), 'https://acme.example/track');
    add().click();
    await settings.updateComplete;
    expect(add().disabled, 'three at most').to.equal(true);
    find<HTMLButtonElement>(form(), '[part~=template-button][data-index="2"] [data-action=remove-button]').click();
    await settings.updateComplete;
    expect([...preview().querySelectorAll('.template-buttons li')].map(text)).to.deep.equal(['Thanks!', 'Track order']);

    // The variables skip {{2}}: the desk says so next to the text.
    find<HTMLButtonElement>(form(), 'button[type=submit]').click();
    const error = await shown(root, '[part~=template-form] [part=field-error][data-field=body]', '{{2}} is missing');
    expect(find(form(), '[name=body]').getAttribute('aria-describedby')).to.include(error.id);
    type(find(form(), '[name=body]'), 'Hi {{2}}, order {{1}} ships today.');
    await settings.updateComplete;
    expect(text(find(preview(), '.template-body'))).to.equal('Hi {{2}}, order {{1}} ships today.');
    find<HTMLButtonElement>(form(), 'button[type=submit]').click();

    const created = await eventually(async () => (await client.templates.list.query({})).find((x) => x.name === 'shipping_update'), 'created');
    expect(created).to.deep.include({ language: 'en_US', category: 'utility', header: 'Order {{1}}', footer: 'Acme Support', variableCount: 2 });
    expect(created.buttons).to.deep.equal([
      { type: 'quick_reply', text: 'Thanks!' },
      { type: 'url', text: 'Track order', url: 'https://acme.example/track' },
    ]);
    const row = await shown(root, `[part=template][data-id="${created.id}"]`, 'shipping_update');
    expect(text(find(row, '[data-language]'))).to.equal('en_US');
    expect(text(find(row, '[data-category]'))).to.equal('Utility');
    expect(text(find(row, '[data-body]'))).to.equal('Hi {{2}}, order {{1}} ships today.');
    await waitUntil(() => root.activeElement === find(row, '[data-action=edit]'), 'focus back on its Edit');

    // Edit: name and language are fixed; the preview follows the text as typed.
    find<HTMLButtonElement>(row, '[data-action=edit]').click();
    await settings.updateComplete;
    expect(find<HTMLInputElement>(form(), '[name=name]').readOnly).to.equal(true);
    expect(find<HTMLInputElement>(form(), '[name=language]').readOnly).to.equal(true);
    type(find(form(), '[name=category]'), 'marketing');
    type(find(form(), '[name=header]'), '');
    type(find(form(), '[name=body]'), 'Hi {{1}}, your parcel is on its way.');
    await settings.updateComplete;
    expect(preview().querySelector('.template-header'), 'no header').to.equal(null);
    expect(text(find(preview(), '.template-body'))).to.equal('Hi {{1}}, your parcel is on its way.');
    find<HTMLButtonElement>(form(), 'button[type=submit]').click();
    await waitUntil(() => !root.querySelector('[part~=template-form]'), 'closed');
    const edited = (await client.templates.list.query({})).find((x) => x.id === created.id)!;
    expect(edited).to.deep.include({ name: 'shipping_update', category: 'marketing', header: null, body: 'Hi {{1}}, your parcel is on its way.', variableCount: 1 });
    await shown(root, `[part=template][data-id="${created.id}"] [data-body]`, 'your parcel');

    // Delete, after confirming.
    find<HTMLButtonElement>(root, `[part=template][data-id="${created.id}"] [data-action=remove]`).click();
    await settings.updateComplete;
    const confirm = find<HTMLButtonElement>(root, `[part=template][data-id="${created.id}"] [data-action=confirm-remove]`);
    await waitUntil(() => root.activeElement === confirm, 'the confirmation gets focus');
    confirm.click();
    await waitUntil(() => !root.querySelector(`[part=template][data-id="${created.id}"]`), 'removed');
    expect(await client.templates.list.query({})).to.deep.equal([]);
    await provider.signOut();
  });
});
