import { expect, waitUntil } from '@open-wc/testing';
import { departmentFields } from './desk-settings.departments.js';
import { eventually, find, mountSettings, shown, type } from './desk-settings.test-utils.js';

describe('<desk-settings> departments', () => {
  it('creates a department with members, edits it, and deletes it', async () => {
    const { root, settings, client, env, provider } = await mountSettings('ada@demo.deskkit.dev', 'departments');
    const name = `Returns ${Date.now().toString(36)}`;
    const alice = env.agents.find((a) => a.email.startsWith('alice'))!;
    const chen = env.agents.find((a) => a.email.startsWith('chen'))!;
    await shown(root, '[part=department]');
    expect(departmentFields.map((f) => f.name)).to.deep.equal(['name', 'description', 'routingMode']);

    find<HTMLButtonElement>(root, '[data-action=new-department]').click();
    await waitUntil(() => root.activeElement?.getAttribute('name') === 'name', 'name focused');
    const form = find(root, '[part~=department-form]');
    type(find(form, '[name=name]'), name);
    type(find(form, '[name=description]'), 'Parcels coming back');
    expect(find<HTMLSelectElement>(form, '[name=routingMode]').value).to.equal('tenant', 'a new department follows the desk');
    find<HTMLInputElement>(form, `input[name=member][value="${alice.id}"]`).click();
    find<HTMLInputElement>(form, `input[name=member][value="${chen.id}"]`).click();
    find<HTMLButtonElement>(form, 'button[type=submit]').click();
    const created = await eventually(async () => (await client.departments.list.query()).find((d) => d.name === name), 'created');
    const row = await shown(root, `[part=department][data-id="${created.id}"]`, name);
    expect(row.querySelector('[data-members]')!.textContent).to.include('Alice Moreau').and.include('Chen Wei');
    const stored = (await client.departments.list.query()).find((d) => d.name === name)!;
    expect(stored.description).to.equal('Parcels coming back');
    expect(stored.routingMode).to.equal('tenant');
    expect([...stored.memberIds].sort()).to.deep.equal([alice.id, chen.id].sort());

    // Edit: a new name, Chen leaves. A name taken by another department is refused.
    find<HTMLButtonElement>(row, '[data-action=edit]').click();
    await settings.updateComplete;
    const edit = find(root, `[part=department][data-id="${stored.id}"] [part~=department-form]`);
    type(find(edit, '[name=name]'), 'Support');
    find<HTMLButtonElement>(edit, 'button[type=submit]').click();
    await shown(root, '[part=field-error][data-field=name]', 'exists');
    type(find(edit, '[name=name]'), `${name} EU`);
    const mode = find<HTMLSelectElement>(edit, '[name=routingMode]');
    mode.value = 'auto';
    mode.dispatchEvent(new Event('change'));
    find<HTMLInputElement>(edit, `input[name=member][value="${chen.id}"]`).click();
    find<HTMLButtonElement>(edit, 'button[type=submit]').click();
    await shown(root, `[part=department][data-id="${stored.id}"] strong`, `${name} EU`);
    const edited = (await client.departments.list.query()).find((d) => d.id === stored.id)!;
    expect([edited.name, edited.memberIds, edited.routingMode]).to.deep.equal([`${name} EU`, [alice.id], 'auto']);
    await waitUntil(() => (root.activeElement as HTMLElement | null)?.dataset.action === 'edit', 'focus back on Edit');

    // Delete asks once more, then removes it.
    find<HTMLButtonElement>(root, `[part=department][data-id="${stored.id}"] [data-action=remove]`).click();
    await waitUntil(() => (root.activeElement as HTMLElement | null)?.dataset.action === 'confirm-remove', 'confirm focused');
    (root.activeElement as HTMLButtonElement).click();
    await waitUntil(() => !root.querySelector(`[part=department][data-id="${stored.id}"]`), 'removed');
    expect((await client.departments.list.query()).some((d) => d.id === stored.id)).to.equal(false);
    await provider.signOut();
  });
});
