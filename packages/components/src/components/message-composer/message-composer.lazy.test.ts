import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { createDeskClient, uploadFile } from '@deskkit/client';
import { cid, deskEnv, pickFiles } from '../../internal/test-env.js';
import type { ComposerUploader } from './message-composer.types.js';
import type { MessageComposer } from './message-composer.js';
import './message-composer.js';

const $ = <T extends Element = HTMLElement>(composer: MessageComposer, selector: string) => composer.shadowRoot!.querySelector<T>(selector);
const names = (composer: MessageComposer) => [...composer.shadowRoot!.querySelectorAll('[part=upload] .name')].map((el) => el.textContent);

/** How the test server answers one module (by file name): slowly, or 503 until told otherwise. */
const serveModule = (path: string, rule: { fail?: boolean; delayMs?: number }) => executeServerCommand('desk-lazy-module', { path, ...rule });

/** Never called here: the recorder is only started and cancelled. */
const uploader: ComposerUploader = () => Promise.reject(new Error('not in this test'));

// Before any composer renders: a rendered attach button preloads the attachments when the browser is idle.
before(async () => {
  await serveModule('message-composer.uploads', { fail: true });
  await serveModule('message-composer.location', { fail: true });
});

describe('<message-composer> voice recorder, loaded on first use', () => {
  after(() => serveModule('message-composer.voice', {}));

  it('says so when the recorder cannot load, and starts recording on Retry', async () => {
    // Before the composer renders (its mic button preloads the recorder when the browser is idle).
    await serveModule('message-composer.voice', { fail: true });
    const composer = await fixture<MessageComposer>(html`<message-composer .uploader=${uploader} style="margin-top: 26rem"></message-composer>`);
    const mic = $<HTMLButtonElement>(composer, '[part~=tool-voice]')!;
    mic.click();
    await waitUntil(() => $(composer, '[part~=load-error]'), 'load error shown', { timeout: 5_000 });
    const alert = $(composer, '[part~=load-error]')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.contain('could not load');
    expect($(composer, '[part=recorder]')).to.equal(null);
    expect($(composer, '[part=input]'), 'writing goes on').to.exist;

    await serveModule('message-composer.voice', {});
    alert.querySelector('button')!.click();
    await waitUntil(() => $(composer, '[part=recorder] [role=timer]'), 'recording', { timeout: 5_000 });
    expect($(composer, '[part~=load-error]')).to.equal(null);
    [...composer.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=recorder] button')].find((b) => b.textContent!.trim() === 'Cancel recording')!.click();
    await waitUntil(() => $(composer, '[part=input]'), 'back to writing');
  });
});

describe('<message-composer> attachments, loaded with the first file', function () {
  this.timeout(20_000);

  after(() => serveModule('message-composer.uploads', {}));

  it('keeps the files added while the code loads, says so when it cannot load, and uploads them in order on Retry', async () => {
    const env = await deskEnv();
    const started = await createDeskClient({ url: env.url }).webchat.start.mutate({
      tenant: env.tenant,
      name: 'Lazy Attachments',
      message: { body: 'Hello', clientMessageId: cid() },
    });
    const realUploader: ComposerUploader = (file, options) =>
      uploadFile({ url: env.url, token: started.visitorToken, conversationId: started.conversation.id, file, ...options });
    const composer = await fixture<MessageComposer>(html`<message-composer .uploader=${realUploader} style="margin-top: 26rem"></message-composer>`);

    pickFiles(composer, [new File(['first'], 'first.txt', { type: 'text/plain' })]);
    pickFiles(composer, [new File(['second'], 'second.txt', { type: 'text/plain' })]);
    await composer.updateComplete;
    await waitUntil(() => $(composer, '[part~=load-error]'), 'load error shown', { timeout: 5_000 });
    const alert = $(composer, '[part~=load-error]')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.contain('could not load');
    expect($(composer, '[part=uploads]')).to.equal(null);
    expect($(composer, '[part~=tool-attach]')!.getAttribute('aria-busy')).to.equal(null);
    expect($(composer, '[part=input]'), 'writing goes on').to.exist;

    await serveModule('message-composer.uploads', { delayMs: 500 });
    alert.querySelector('button')!.click();
    await composer.updateComplete;
    expect($(composer, '[part~=tool-attach]')!.getAttribute('aria-busy'), 'busy while it loads').to.equal('true');
    await waitUntil(() => names(composer).length === 2, 'both listed', { timeout: 5_000 });
    expect(names(composer)).to.deep.equal(['first.txt', 'second.txt']);
    expect($(composer, '[part~=load-error]')).to.equal(null);
    // Its styles came with it.
    expect(getComputedStyle($(composer, '[part=uploads]')!).display).to.equal('grid');
    await waitUntil(() => [...composer.shadowRoot!.querySelectorAll<HTMLElement>('[part=upload]')].every((li) => li.dataset.state === 'done'), 'uploaded', {
      timeout: 5_000,
    });
    expect(composer.attachments.map((item) => item.result?.name)).to.deep.equal(['first.txt', 'second.txt']);
  });
});

describe('<message-composer> location panel, loaded on first use', function () {
  this.timeout(20_000);

  after(() => serveModule('message-composer.location', {}));

  it('says so when the panel cannot load, and opens it on Retry', async () => {
    const composer = await fixture<MessageComposer>(html`<message-composer style="margin-top: 26rem"></message-composer>`);
    const button = $<HTMLButtonElement>(composer, '[part~=tool-location]')!;
    button.click();
    await waitUntil(() => $(composer, '[part~=load-error]'), 'load error shown', { timeout: 5_000 });
    expect($(composer, '[part~=location-panel]')).to.equal(null);
    expect(button.getAttribute('aria-expanded')).to.equal('false');

    await serveModule('message-composer.location', { delayMs: 500 });
    $(composer, '[part~=load-error]')!.querySelector('button')!.click();
    await composer.updateComplete;
    expect(button.getAttribute('aria-busy'), 'busy while it loads').to.equal('true');
    await waitUntil(() => $(composer, '[part~=location-panel]'), 'panel open', { timeout: 5_000 });
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect($(composer, '[part~=load-error]')).to.equal(null);
    // Focus goes into the panel, styled by the styles that came with it.
    await waitUntil(() => composer.shadowRoot!.activeElement === $(composer, '[part~=location-panel] button.primary'), 'focus in the panel');
    expect(getComputedStyle($(composer, '[part~=location-panel]')!).display).to.equal('grid');
  });
});
