/**
 * The timeline's cards (files, voice, locations, templates, payments) and delivery lines load
 * alongside the first conversation (`chat-window.cards.ts`): text shows at once, a card's text
 * busy until its code is in, a load error with a Retry, and the cards as they should be once in.
 * A file of its own: a module the page has loaded is never fetched again.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { uploadFile } from '@deskkit/client';
import '../desk-provider/desk-provider.js';
import type { DeskProvider } from '../desk-provider/desk-provider.js';
import { cid, cleanupsAfterEach, deskEnv, startSupportChat } from '../../internal/test-env.js';
import type { ChatWindow } from './chat-window.js';
import './chat-window.js';

const $ = <T extends Element = HTMLElement>(win: ChatWindow, selector: string) => win.shadowRoot!.querySelector<T>(selector);
const serveCards = (rule: { fail?: boolean; delayMs?: number }) => executeServerCommand('desk-lazy-module', { path: 'chat-window.cards', ...rule });

const cleanups = cleanupsAfterEach();

/** A web chat in which the customer wrote, shared a location and sent a PDF with a caption, open in a supervisor's window. */
async function mountOnRichChat(): Promise<ChatWindow> {
  const env = await deskEnv();
  const { conversationId, visitor, visitorToken } = await startSupportChat(env, 'Card Carla', 'Hello, here is where I am.');
  await visitor.webchat.send.mutate({
    conversationId,
    clientMessageId: cid(),
    location: { latitude: 48.8584, longitude: 2.2945, address: 'Champ de Mars, Paris' },
  });
  const pdf = new File(['%PDF-1.4\n% a tiny test file\n'], 'receipt.pdf', { type: 'application/pdf' });
  const uploaded = await uploadFile({ url: env.url, token: visitorToken, conversationId, file: pdf });
  await visitor.webchat.send.mutate({ conversationId, clientMessageId: cid(), attachment: { fileId: uploaded.fileId }, body: 'The receipt' });

  const provider = await fixture<DeskProvider>(html`<desk-provider server=${env.url}><chat-window style="height: 480px"></chat-window></desk-provider>`);
  await provider.signIn({ tenant: env.tenant, email: 'sam@demo.deskkit.dev', password: env.password });
  const client = provider.client!;
  cleanups.push(() => client.conversations.close.mutate({ conversationId }).catch(() => undefined), () => provider.signOut());
  const win = provider.querySelector<ChatWindow>('chat-window')!;
  win.conversationId = conversationId;
  await waitUntil(() => win.conversation?.id === conversationId, 'loaded', { timeout: 5_000 });
  await win.updateComplete;
  return win;
}

describe('<chat-window> cards, loaded alongside the first conversation', function () {
  this.timeout(20_000);

  after(() => serveCards({}));

  it('shows text at once and a card\u2019s text busy, says so when the cards cannot load, and renders them on Retry', async () => {
    await serveCards({ fail: true });
    const win = await mountOnRichChat();

    // Text needs no card.
    const bodies = [...win.shadowRoot!.querySelectorAll('[part~=message-customer] [part=body]')].map((el) => el.textContent);
    expect(bodies).to.include('Hello, here is where I am.');
    // The location and the file: their text, busy, and no card without its code.
    const loading = [...win.shadowRoot!.querySelectorAll<HTMLElement>('[part~=message-customer] .card-loading')];
    expect(loading.map((el) => el.getAttribute('aria-busy'))).to.deep.equal(['true', 'true']);
    expect(loading.map((el) => el.textContent!.trim())).to.deep.equal(['Champ de Mars, Paris', 'The receipt']);
    expect($(win, '[part=location]')).to.equal(null);
    expect($(win, '[part~=attachment]')).to.equal(null);

    await waitUntil(() => $(win, '[part~=load-error]'), 'load error shown', { timeout: 5_000 });
    const alert = $(win, '[part~=load-error]')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.contain('could not load');

    // The connection is back, slowly: busy until the code is in, then the cards.
    await serveCards({ delayMs: 800 });
    alert.querySelector<HTMLButtonElement>('[data-action=retry-load]')!.click();
    await win.updateComplete;
    expect($(win, '[part~=load-error]')).to.equal(null);
    expect($(win, '.card-loading[aria-busy=true]'), 'still busy while it loads').to.exist;

    await waitUntil(() => $(win, '[part=location]'), 'location card', { timeout: 5_000 });
    expect($(win, '.card-loading')).to.equal(null);
    const location = $(win, '[part=location]')!;
    expect(location.querySelector('.location-title')!.textContent).to.equal('Champ de Mars, Paris');
    expect(location.querySelector('.coordinates')!.textContent).to.equal('48.85840, 2.29450');
    expect(location.querySelector<HTMLAnchorElement>('a.maps')!.href).to.equal('https://www.openstreetmap.org/?mlat=48.8584&mlon=2.2945#map=16/48.8584/2.2945');
    // Their styles came with them.
    expect(getComputedStyle(location).display).to.equal('flex');

    // The file's card, with its caption and a download link the desk signed.
    const card = $(win, '[part~=attachment-file]')!;
    expect(card.querySelector('.file-name')!.textContent).to.equal('receipt.pdf');
    expect(card.parentElement!.querySelector('[part=body]')!.textContent).to.equal('The receipt');
    await waitUntil(() => card.querySelector<HTMLAnchorElement>('a.download'), 'signed download link', { timeout: 5_000 });
    const download = card.querySelector<HTMLAnchorElement>('a.download')!;
    expect(download.getAttribute('download')).to.equal('receipt.pdf');
    const res = await fetch(download.href);
    expect(res.status).to.equal(200);
    expect(await res.text()).to.contain('a tiny test file');
  });
});
