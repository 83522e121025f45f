import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../desk-provider/desk-provider.js';
import type { DeskProvider } from '../desk-provider/desk-provider.js';
import { deskEnv, fakeSavePicker, startSupportChat } from '../../internal/test-env.js';
import type { ChatWindow } from './chat-window.js';
import './chat-window.js';

describe('<chat-window> transcript download', () => {
  it('streams the conversation as HTML through a signed link into the file the agent picks', async () => {
    const picker = fakeSavePicker();
    const env = await deskEnv();
    const { conversationId } = await startSupportChat(env, 'Transcript <b>Tester</b>', 'Please send me a <i>copy</i>');
    const provider = await fixture<DeskProvider>(html`<desk-provider server=${env.url}><chat-window style="height: 520px"></chat-window></desk-provider>`);
    const win = provider.querySelector<ChatWindow>('chat-window')!;
    await provider.signIn({ tenant: env.tenant, email: 'sam@demo.deskkit.dev', password: env.password });
    win.conversationId = conversationId;
    await waitUntil(() => win.shadowRoot!.querySelector('[data-action=transcript]'), 'action shown', { timeout: 5_000 });

    const format = win.shadowRoot!.querySelector<HTMLSelectElement>('[data-action=transcript-format]')!;
    expect(format.getAttribute('aria-label')).to.equal('Transcript format');
    format.value = 'html';
    format.dispatchEvent(new Event('change'));
    const done = oneEvent(win, 'desk-transcript-export');
    win.shadowRoot!.querySelector<HTMLButtonElement>('[data-action=transcript]')!.click();
    const { detail } = await done;
    picker.restore();
    expect(detail).to.include({ format: 'html', fileName: `transcript-${conversationId}.html`, conversations: 1, savedBy: 'file' });
    expect(detail.bytes).to.be.greaterThan(500);
    // On disk, as the desk sent it: the customer's text escaped.
    const saved = await picker.read(detail.fileName);
    expect(new Blob([saved]).size).to.equal(detail.bytes);
    expect(saved).to.include('Please send me a &lt;i&gt;copy&lt;/i&gt;');
    await waitUntil(() => win.shadowRoot!.querySelector('[data-action=transcript]')!.textContent!.includes('Download transcript'));
    await provider.client!.conversations.close.mutate({ conversationId });
    await provider.signOut();
  });
});
