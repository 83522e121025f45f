import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { createDeskClient, uploadFile } from '@deskkit/client';
import { deskEnv } from '../internal/test-env.js';
import { FileLinksController, type FileLinksControllerOptions } from './file-links-controller.js';

/** A throwaway element that shows links to some files of one conversation. */
class LinksHost extends LitElement {
  conversationId = '';
  fileIds: string[] = [];
  options!: FileLinksControllerOptions;
  links!: FileLinksController;
  renders = 0;
  protected override createRenderRoot() {
    return this;
  }
  init(options: FileLinksControllerOptions) {
    this.options = options;
    this.links = new FileLinksController(this, options);
  }
  protected override render() {
    this.renders++;
    return html`${this.fileIds.map((id) => html`<a data-id=${id} href=${this.links.get(this.conversationId, id)?.url ?? ''}>${id}</a>`)}`;
  }
}
customElements.define('links-test-host', LinksHost);

async function twoFiles() {
  const env = await deskEnv();
  const started = await createDeskClient({ url: env.url }).webchat.start.mutate({
    tenant: env.tenant,
    name: 'Links Tester',
    message: { body: 'Hello', clientMessageId: crypto.randomUUID().replaceAll('-', '') },
  });
  const conversationId = started.conversation.id;
  const upload = (text: string) => uploadFile({ url: env.url, token: started.visitorToken, conversationId, file: new Blob([text]), name: `${text}.txt` });
  const files = await Promise.all([upload('one'), upload('two')]);
  const visitor = createDeskClient({ url: env.url, token: started.visitorToken });
  return { env, conversationId, visitor, fileIds: files.map((f) => f.fileId) };
}

describe('FileLinksController', () => {
  it('asks once per render for every missing link, makes them absolute, and refreshes them before they expire', async () => {
    const { env, conversationId, visitor, fileIds } = await twoFiles();
    const calls: string[][] = [];
    const host = document.createElement('links-test-host') as LinksHost;
    const options: FileLinksControllerOptions = {
      fetch: (id, ids) => {
        calls.push(ids);
        return visitor.files.links.query({ conversationId: id, fileIds: ids });
      },
      base: () => env.url,
    };
    host.init(options);
    Object.assign(host, { conversationId, fileIds });
    await fixture(html`<div>${host}</div>`);
    const href = (id: string) => host.querySelector<HTMLAnchorElement>(`a[data-id="${id}"]`)?.getAttribute('href') ?? '';
    await waitUntil(() => fileIds.every((id) => href(id).startsWith(`${env.url}/files/${id}?`)), 'links shown');
    expect(calls).to.deep.equal([fileIds]);
    expect(await (await fetch(href(fileIds[0]!))).text()).to.equal('one');

    // More renders ask for nothing more.
    host.requestUpdate();
    await host.updateComplete;
    expect(calls).to.have.length(1);

    // Due for refreshing (as if about to expire): asked for again, while the old link keeps showing.
    const expires = Date.parse(host.links.get(conversationId, fileIds[0]!)!.expiresAt);
    options.refreshMarginMs = expires - Date.now() - 1_200;
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    host.requestUpdate();
    await host.updateComplete;
    expect(href(fileIds[0]!)).to.contain('/files/');
    await waitUntil(() => calls.length === 2, 'refreshed');
    expect(calls[1]).to.deep.equal(fileIds);
  });

  it('gets the others when one file is gone, and says which', async () => {
    const { env, conversationId, visitor, fileIds } = await twoFiles();
    const missing = 'f'.repeat(24);
    const calls: string[][] = [];
    const host = document.createElement('links-test-host') as LinksHost;
    host.init({
      fetch: (id, ids) => {
        calls.push(ids);
        return visitor.files.links.query({ conversationId: id, fileIds: ids });
      },
      base: () => env.url,
    });
    Object.assign(host, { conversationId, fileIds: [fileIds[0]!, missing] });
    await fixture(html`<div>${host}</div>`);
    await waitUntil(() => host.links.unavailable(missing), 'the missing one is known', { timeout: 3_000 });
    await waitUntil(() => host.querySelector(`a[data-id="${fileIds[0]}"]`)!.getAttribute('href')!.includes('/files/'), 'the other shows');
    expect(calls).to.deep.equal([[fileIds[0], missing], [fileIds[0]], [missing]]);
    host.requestUpdate();
    await host.updateComplete;
    expect(calls, 'a gone file is not asked for again').to.have.length(3);
  });
});
