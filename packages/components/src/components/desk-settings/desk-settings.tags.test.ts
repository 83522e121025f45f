import { expect, waitUntil } from '@open-wc/testing';
import { find, mountSettings, shown, type } from './desk-settings.test-utils.js';

describe('<desk-settings> chat tags', () => {
  it('adds, renames and removes suggested tags; a duplicate name is refused next to the field', async () => {
    const { root, settings, client, provider } = await mountSettings('ada@demo.deskkit.dev', 'tags');
    const tag = `tag-${Date.now().toString(36)}`;
    const tags = () => [...root.querySelectorAll<HTMLElement>('[part=tag]')].map((li) => li.dataset.tag);
    const before = (await client.settings.get.query()).tags;
    expect(tags()).to.deep.equal(before);

    type(find(root, '[part~=tag-add] input[name=tag]'), tag);
    find<HTMLButtonElement>(root, '[part~=tag-add] button[type=submit]').click();
    await waitUntil(() => tags().includes(tag), 'added');
    expect((await client.settings.get.query()).tags).to.include(tag);
    expect(find<HTMLInputElement>(root, '[part~=tag-add] input[name=tag]').value).to.equal('');

    // Rename with the keyboard-reachable Rename button; the new name is focused back on its row.
    find<HTMLButtonElement>(root, `[part=tag][data-tag="${tag}"] [data-action=rename]`).click();
    await waitUntil(() => root.activeElement?.id === 'tag-rename', 'rename input focused');
    type(find(root, '#tag-rename'), before[0]!);
    find<HTMLButtonElement>(root, `[part=tag][data-tag="${tag}"] button[type=submit]`).click();
    await shown(root, '[part=field-error][data-field=to]', 'exists');
    expect(find(root, '#tag-rename').getAttribute('aria-invalid')).to.equal('true');
    type(find(root, '#tag-rename'), `${tag}-renamed`);
    find<HTMLButtonElement>(root, `[part=tag][data-tag="${tag}"] button[type=submit]`).click();
    await waitUntil(() => tags().includes(`${tag}-renamed`) && !tags().includes(tag), 'renamed');
    await waitUntil(() => (root.activeElement as HTMLElement | null)?.dataset.action === 'rename', 'focus back on the row');

    find<HTMLButtonElement>(root, `[part=tag][data-tag="${tag}-renamed"] [data-action=remove]`).click();
    await waitUntil(() => !tags().includes(`${tag}-renamed`), 'removed');
    expect((await client.settings.get.query()).tags).to.deep.equal(before);
    await settings.updateComplete;
    await provider.signOut();
  });
});
