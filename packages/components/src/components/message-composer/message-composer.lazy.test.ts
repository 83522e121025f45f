import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { ComposerUploader } from './message-composer.types.js';
import type { MessageComposer } from './message-composer.js';
import './message-composer.js';

const $ = <T extends Element = HTMLElement>(composer: MessageComposer, selector: string) => composer.shadowRoot!.querySelector<T>(selector);

/** How the test server answers one module (by file name): slowly, or 503 until told otherwise. */
const serveModule = (path: string, rule: { fail?: boolean; delayMs?: number }) => executeServerCommand('desk-lazy-module', { path, ...rule });

/** Never called here: the recorder is only started and cancelled. */
const uploader: ComposerUploader = () => Promise.reject(new Error('not in this test'));

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
