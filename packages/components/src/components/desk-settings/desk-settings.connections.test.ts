import { expect, waitUntil } from '@open-wc/testing';
import { eventually, find, mountSettings, save, shown, type } from './desk-settings.test-utils.js';

const SECRET = 'connections-test-secret-0123456789';

describe('<desk-settings> connections', () => {
  it('connected apps: created with a write-only secret, edited without retyping it, deleted', async () => {
    const { root, settings, client, provider } = await mountSettings('ada@demo.deskkit.dev', 'connections');
    const name = `CRM ${Date.now().toString(36)}`;
    await shown(root, '[part~=integrations]');
    find<HTMLButtonElement>(root, '[data-action=new-integration]').click();
    await settings.updateComplete;
    const form = () => find(root, '[part~=integration-form]');
    type(find(form(), '[name=name]'), name);
    type(find(form(), '[name=endpoint]'), 'ftp://crm.example/customer');
    type(find(form(), '[name=secret]'), SECRET);
    find<HTMLButtonElement>(form(), 'button[type=submit]').click();
    await shown(root, '[part=field-error][data-field=endpoint]', 'https');
    type(find(form(), '[name=endpoint]'), 'https://crm.example/customer');
    find<HTMLButtonElement>(form(), 'button[type=submit]').click();
    const created = await eventually(async () => (await client.integrations.list.query()).find((i) => i.name === name), 'created');
    const row = await shown(root, `[part=integration][data-id="${created.id}"]`, name);
    expect(find(row, '[data-secret]').textContent).to.include(SECRET.slice(-4));
    expect(root.innerHTML).to.not.include(SECRET);

    // Edit: the secret field is empty (kept unless typed); a new timeout is saved.
    find<HTMLButtonElement>(row, '[data-action=edit]').click();
    await settings.updateComplete;
    expect(find<HTMLInputElement>(form(), '[name=secret]').value).to.equal('');
    expect(find<HTMLInputElement>(form(), '[name=secret]').placeholder).to.include(SECRET.slice(-4));
    type(find(form(), '[name=timeoutMs]'), '1500');
    find<HTMLButtonElement>(form(), 'button[type=submit]').click();
    await waitUntil(() => !root.querySelector('[part~=integration-form]'), 'closed');
    const edited = (await client.integrations.list.query()).find((i) => i.id === created.id)!;
    expect([edited.timeoutMs, edited.hasSecret, edited.secretLast4]).to.deep.equal([1500, true, SECRET.slice(-4)]);

    // Removing the secret.
    find<HTMLButtonElement>(root, `[part=integration][data-id="${created.id}"] [data-action=edit]`).click();
    await settings.updateComplete;
    find<HTMLInputElement>(form(), '[name=removeSecret]').click();
    find<HTMLButtonElement>(form(), 'button[type=submit]').click();
    await waitUntil(() => !root.querySelector('[part~=integration-form]'), 'closed');
    expect((await client.integrations.list.query()).find((i) => i.id === created.id)!.hasSecret).to.equal(false);

    find<HTMLButtonElement>(root, `[part=integration][data-id="${created.id}"] [data-action=remove]`).click();
    await settings.updateComplete;
    find<HTMLButtonElement>(root, `[part=integration][data-id="${created.id}"] [data-action=confirm-remove]`).click();
    await waitUntil(() => !root.querySelector(`[part=integration][data-id="${created.id}"]`), 'removed');
    await provider.signOut();
  });

  it('the suggestions LLM: the API key is write-only and can be removed', async () => {
    const { root, client, provider } = await mountSettings('ada@demo.deskkit.dev', 'connections');
    const before = await client.suggestions.llmSettings.query();
    const form = '[part~=llm]';
    await shown(root, form);
    type(find(root, `${form} [name=baseUrl]`), 'http://127.0.0.1:9/v1/');
    type(find(root, `${form} [name=model]`), 'local-chat');
    type(find(root, `${form} [name=apiKey]`), 'sk-settings-test-key');
    await save(root, form);
    await shown(root, `${form} [part=saved]`, 'Saved');
    const stored = await client.suggestions.llmSettings.query();
    expect(stored).to.deep.include({ baseUrl: 'http://127.0.0.1:9/v1', model: 'local-chat', hasApiKey: true, enabled: before.enabled });
    expect(find<HTMLInputElement>(root, `${form} [name=apiKey]`).value).to.equal('');
    expect(root.innerHTML).to.not.include('sk-settings-test-key');

    find<HTMLInputElement>(root, `${form} [name=removeKey]`).click();
    await save(root, form);
    await waitUntil(async () => !(await client.suggestions.llmSettings.query()).hasApiKey, 'key removed');
    type(find(root, `${form} [name=baseUrl]`), 'http://llm.example.com/v1');
    await save(root, form);
    await shown(root, '[part=field-error][data-field=baseUrl]', 'https');
    if (before.baseUrl) await client.suggestions.configureLlm.mutate({ baseUrl: before.baseUrl, model: before.model!, enabled: before.enabled });
    await provider.signOut();
  });

  it('the payments provider: an endpoint for http providers, secrets shown once when rotated', async () => {
    const { root, settings, client, provider } = await mountSettings('ada@demo.deskkit.dev', 'connections');
    const before = (await client.payments.account.query())!;
    const form = '[part~=payments]';
    await shown(root, `${form} [part=payments-account]`);
    expect(find(root, `${form} [data-secret=webhook]`).textContent).to.include(before.webhookSecretLast4);

    type(find(root, `${form} [name=provider]`), 'http');
    await settings.updateComplete;
    type(find(root, `${form} [name=endpoint]`), 'https://pay.example/links');
    await save(root, form);
    await shown(root, `${form} [part=saved]`, 'Saved');
    expect((await client.payments.account.query())!).to.deep.include({ provider: 'http', endpoint: 'https://pay.example/links' });
    expect(root.querySelector('[part=secrets]')).to.equal(null, 'an existing account keeps its secrets');

    type(find(root, `${form} [name=provider]`), before.provider);
    await save(root, form);
    await shown(root, `${form} [part=saved]`, 'Saved');
    find<HTMLButtonElement>(root, `${form} [data-action=rotate]`).click();
    const secrets = await shown(root, '[part=secrets]', 'not shown again');
    await waitUntil(() => root.activeElement === secrets, 'the new secrets get focus');
    const account = (await client.payments.account.query())!;
    const webhook = find(secrets, '[data-secret-value=webhook]').textContent!;
    expect(webhook.endsWith(account.webhookSecretLast4)).to.equal(true);
    expect(account.webhookSecretLast4).to.not.equal(before.webhookSecretLast4);
    expect(find(root, `${form} [data-secret=signing]`).textContent).to.include(account.signingSecretLast4);
    await provider.signOut();
    expect(settings.shadowRoot!.innerHTML).to.not.include(webhook);
  });
});
