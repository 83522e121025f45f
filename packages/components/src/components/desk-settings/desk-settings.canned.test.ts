import { expect, waitUntil } from '@open-wc/testing';
import { find, mountSettings, shown, type } from './desk-settings.test-utils.js';

describe('<desk-settings> canned replies', () => {
  it('lines up every reply\u2019s Edit and Delete, however long its text', async () => {
    const { root, settings, provider } = await mountSettings('ada@demo.deskkit.dev', 'canned');
    settings.style.display = 'block';
    settings.style.width = '760px';
    await shown(root, '[part=canned-reply] .row-actions');
    const rows = [...root.querySelectorAll('[part=canned-reply]')];
    expect(rows.length).to.be.greaterThan(3);
    const rights = new Set(rows.map((row) => Math.round(row.querySelector('.row-actions')!.getBoundingClientRect().right)));
    expect(rights.size, 'one column of actions').to.equal(1);
    for (const row of rows) {
      const beside = row.querySelector('.row-actions')!.getBoundingClientRect().left >= row.querySelector('.row-main')!.getBoundingClientRect().right;
      expect(beside, `${row.getAttribute('data-shortcut')}: beside the text, not below it`).to.equal(true);
    }
    await provider.signOut();
  });

  it('creates a tenant-wide reply, moves it to a department, and deletes it; a taken shortcut is refused', async () => {
    const { root, settings, client, env, provider } = await mountSettings('ada@demo.deskkit.dev', 'canned');
    const shortcut = `sett${Date.now().toString(36)}`;
    const sales = env.departments.find((d) => d.name === 'Sales')!;
    await shown(root, '[part~=canned]');
    const existing = (await client.cannedReplies.list.query())[0];

    find<HTMLButtonElement>(root, '[data-action=new-reply]').click();
    await waitUntil(() => root.activeElement?.getAttribute('name') === 'shortcut', 'shortcut focused');
    const form = () => find(root, '[part~=canned-form]');
    if (existing && !existing.departmentId) {
      type(find(form(), '[name=shortcut]'), existing.shortcut);
      type(find(form(), '[name=title]'), 'Dup');
      type(find(form(), '[name=body]'), 'Dup');
      find<HTMLButtonElement>(form(), 'button[type=submit]').click();
      await shown(root, '[part=field-error][data-field=shortcut]');
    }
    type(find(form(), '[name=shortcut]'), shortcut);
    type(find(form(), '[name=title]'), 'Opening hours');
    type(find(form(), '[name=body]'), 'Hi {{customer.firstName}}, we are open 9:00–17:30.');
    find<HTMLButtonElement>(form(), 'button[type=submit]').click();
    await waitUntil(() => !root.querySelector('[part~=canned-form]'), 'editor closed');
    const row = find(root, `[part=canned-reply][data-shortcut="${shortcut}"]`);
    expect(row.textContent).to.include('Opening hours');
    expect(row.textContent).to.include('All departments');
    const stored = (await client.cannedReplies.list.query()).find((r) => r.shortcut === shortcut)!;
    expect([stored.departmentId, stored.body]).to.deep.equal([null, 'Hi {{customer.firstName}}, we are open 9:00–17:30.']);

    // An unknown placeholder is named in the body's error.
    find<HTMLButtonElement>(row, '[data-action=edit]').click();
    await settings.updateComplete;
    type(find(form(), '[name=body]'), 'Hi {{customer.shoeSize}}');
    find<HTMLButtonElement>(form(), 'button[type=submit]').click();
    await shown(root, '[part=field-error][data-field=body]', 'customer.shoeSize');
    type(find(form(), '[name=body]'), 'Hi {{customer.firstName}}, Sales is open 9:00–17:00.');
    type(find(form(), '[name=departmentId]'), sales.id);
    find<HTMLButtonElement>(form(), 'button[type=submit]').click();
    await waitUntil(() => !root.querySelector('[part~=canned-form]'), 'editor closed');
    expect(find(root, `[part=canned-reply][data-shortcut="${shortcut}"]`).textContent).to.include('Sales');
    const moved = (await client.cannedReplies.list.query()).find((r) => r.shortcut === shortcut)!;
    expect([moved.departmentId, moved.body]).to.deep.equal([sales.id, 'Hi {{customer.firstName}}, Sales is open 9:00–17:00.']);

    find<HTMLButtonElement>(root, `[part=canned-reply][data-shortcut="${shortcut}"] [data-action=remove]`).click();
    await settings.updateComplete;
    find<HTMLButtonElement>(root, `[part=canned-reply][data-shortcut="${shortcut}"] [data-action=confirm-remove]`).click();
    await waitUntil(() => !root.querySelector(`[part=canned-reply][data-shortcut="${shortcut}"]`), 'removed');
    expect((await client.cannedReplies.list.query()).some((r) => r.shortcut === shortcut)).to.equal(false);
    await provider.signOut();
  });
});
