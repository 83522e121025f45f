/**
 * Rich messages end to end: an agent's `<chat-window>` and the customer's `<customer-chat>`
 * on one page, on one conversation, each sending through its `<message-composer>`.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../desk-provider/desk-provider.js';
import type { DeskProvider } from '../desk-provider/desk-provider.js';
import '../customer-chat/customer-chat.js';
import type { CustomerChat } from '../customer-chat/customer-chat.js';
import { visitorStorageKey } from '../customer-chat/customer-chat.session.js';
import type { MessageComposer } from '../message-composer/message-composer.js';
import { deskEnv, signInAs, cleanupsAfterEach, pickFiles, startSupportChat } from '../../internal/test-env.js';
import { openAsAlice } from './chat-window.test-support.js';
import type { ChatWindow } from './chat-window.js';
import './chat-window.js';

const cleanups = cleanupsAfterEach();

function forgetVisitors(): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith('deskkit.visitor:')) localStorage.removeItem(key);
}

/** A chat the customer started, open in their `<customer-chat>`, accepted by Alice in her `<chat-window>`. */
async function bothSides() {
  const env = await deskEnv();
  forgetVisitors();
  cleanups.push(forgetVisitors);
  const { conversationId, visitorToken } = await startSupportChat(env, 'Rich Rita', 'Hi, I have a question.');
  localStorage.setItem(visitorStorageKey(env.url, env.tenant, null), visitorToken);

  const page = await fixture<HTMLElement>(html`
    <div style="display: grid; grid-template-columns: 1fr 1fr; gap: 8px">
      <desk-provider server=${env.url}><chat-window style="height: 560px"></chat-window></desk-provider>
      <customer-chat server=${env.url} tenant=${env.tenant} style="height: 560px"></customer-chat>
    </div>
  `);
  const provider = page.querySelector<DeskProvider>('desk-provider')!;
  const win = page.querySelector<ChatWindow>('chat-window')!;
  const chat = page.querySelector<CustomerChat>('customer-chat')!;
  const { client, session } = await openAsAlice(env, provider, win, conversationId, cleanups);
  await waitUntil(() => chat.conversation?.id === conversationId && chat.conversation.status === 'open', 'customer side open', { timeout: 5_000 });
  const agentComposer = win.shadowRoot!.querySelector<MessageComposer>('message-composer')!;
  const customerComposer = chat.shadowRoot!.querySelector<MessageComposer>('message-composer')!;
  await waitUntil(() => !agentComposer.disabled, 'agent may reply');
  return { env, conversationId, win, chat, client, session, agentComposer, customerComposer };
}

const inside = <T extends Element = HTMLElement>(host: Element, selector: string) => host.shadowRoot!.querySelector<T>(selector);
const allInside = <T extends Element = HTMLElement>(host: Element, selector: string) => [...host.shadowRoot!.querySelectorAll<T>(selector)];

/** A real PNG, drawn on a canvas. */
async function png(name: string, width: number, height = width): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#2f9e44';
  context.fillRect(0, 0, width, height);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
  return new File([blob], name, { type: 'image/png' });
}

/** A short real recording from the fake camera (`video`) or microphone (`audio`), as WebM. */
async function recordClip(kind: 'video' | 'audio', name: string, ms = 700): Promise<File> {
  const stream = await navigator.mediaDevices.getUserMedia(kind === 'video' ? { video: true } : { audio: true });
  const recorder = new MediaRecorder(stream, { mimeType: kind === 'video' ? 'video/webm;codecs=vp8' : 'audio/webm;codecs=opus' });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  const stopped = new Promise((resolve) => (recorder.onstop = resolve));
  recorder.start();
  await new Promise((resolve) => setTimeout(resolve, ms));
  recorder.stop();
  await stopped;
  for (const track of stream.getTracks()) track.stop();
  return new File(chunks, name, { type: recorder.mimeType });
}

/** Whether `selector` ever matched inside `host` while the test ran. */
function watch(host: Element, selector: string): () => boolean {
  let seen = false;
  const observer = new MutationObserver(() => (seen ||= Boolean(host.shadowRoot!.querySelector(selector))));
  observer.observe(host.shadowRoot!, { subtree: true, childList: true, attributes: true });
  cleanups.push(() => observer.disconnect());
  return () => seen;
}

const loaded = (img: HTMLImageElement | null | undefined) => Boolean(img && img.complete && img.naturalWidth > 0);

/** Whether `text` in `family` draws coloured pixels (not black outlines or an empty box). */
function colourful(text: string, family: string): boolean {
  const context = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  context.canvas.width = context.canvas.height = 40;
  context.font = `32px ${family}`;
  context.textBaseline = 'top';
  context.fillText(text, 0, 0);
  const data = context.getImageData(0, 0, 40, 40).data;
  for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 0 && Math.max(data[i]!, data[i + 1]!, data[i + 2]!) - Math.min(data[i]!, data[i + 1]!, data[i + 2]!) > 60) return true;
  return false;
}

describe('rich messages between <chat-window> and <customer-chat>', () => {
  it('sends an image with a caption: upload progress, then the desk\u2019s thumbnail on both sides, linking to the full size', async function () {
    this.timeout(30_000);
    const { win, chat, agentComposer, session } = await bothSides();
    const sawProgress = watch(agentComposer, '[part=upload] [part~=progress]');
    const sawEcho = watch(win, '[part~=message][data-state=sending] [part~=attachment-image] img[src^="blob:"]');

    pickFiles(agentComposer, [await png('label.png', 960, 640)]);
    await waitUntil(() => inside(agentComposer, '[part=upload]')?.dataset.state === 'done', 'uploaded', { timeout: 5_000 });
    expect(sawProgress(), 'a progress bar while uploading').to.equal(true);
    agentComposer.focus();
    await sendKeys({ type: 'Here is your label' });
    await sendKeys({ press: 'Enter' });

    // The agent's side: shown at once from the local file, then the stored message's thumbnail, through a signed link.
    const agentImage = () => inside<HTMLImageElement>(win, '[part~=message-agent][data-state=sent] [part~=attachment-image] img');
    await waitUntil(() => loaded(agentImage()), 'the image loads on the agent side', { timeout: 5_000 });
    expect(sawEcho(), 'the echo showed the local file').to.equal(true);
    const image = agentImage()!;
    expect(image.alt).to.equal('label.png');
    expect(image.getAttribute('width')).to.equal('320');
    expect(image.getAttribute('height')).to.equal('213');
    expect(image.getAttribute('loading')).to.equal('lazy');
    expect(image.src).to.match(/\/files\/[0-9a-f]{24}\/thumbnail\?/);
    expect([image.naturalWidth, image.naturalHeight], 'the small copy, not the 960 \u00d7 640 original').to.deep.equal([320, 213]);
    expect(image.src, 'no credential of ours in the URL').not.to.contain(session.token);
    const link = image.closest('a')!;
    expect(link.href).to.match(/\/files\/[0-9a-f]{24}\?/);
    expect(link.href.split('?')[0], 'the full size, of the same file').to.equal(image.src.split('/thumbnail?')[0]);
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.contain('noopener');
    // The timeline fetched the thumbnail only, never the full size.
    const fetched = performance.getEntriesByType('resource').map((entry) => entry.name).filter((name) => name.startsWith(link.href.split('?')[0]!));
    expect(fetched.length).to.be.greaterThan(0);
    expect(fetched.every((name) => name.includes('/thumbnail?')), fetched.join(', ')).to.equal(true);
    const full = await fetch(link.href);
    expect(full.headers.get('content-type')).to.equal('image/png');
    const original = await createImageBitmap(await full.blob());
    expect([original.width, original.height], 'the link opens the original').to.deep.equal([960, 640]);
    expect(image.closest('[part~=message]')!.querySelector('[part=body]')!.textContent).to.equal('Here is your label');

    // The customer's side, live.
    const customerImage = () => inside<HTMLImageElement>(chat, '[part~=message-agent] [part~=attachment-image] img');
    await waitUntil(() => loaded(customerImage()), 'the image loads on the customer side', { timeout: 5_000 });
    expect(customerImage()!.src).to.match(/\/files\/[0-9a-f]{24}\/thumbnail\?/);
    expect([customerImage()!.naturalWidth, customerImage()!.naturalHeight]).to.deep.equal([320, 213]);
    expect([customerImage()!.getAttribute('width'), customerImage()!.getAttribute('height'), customerImage()!.alt]).to.deep.equal(['320', '213', 'label.png']);
    expect(customerImage()!.closest('a')!.href).to.match(/\/files\/[0-9a-f]{24}\?/);
    expect(customerImage()!.closest('[part~=message]')!.querySelector('.body')!.textContent).to.equal('Here is your label');
  });

  it('sends other files as download cards', async function () {
    this.timeout(20_000);
    const { win, chat, customerComposer } = await bothSides();
    pickFiles(customerComposer, [new File(['Order 1042\nTotal: 12.50 EUR\n'], 'invoice.txt', { type: 'text/plain' })]);
    await waitUntil(() => inside(customerComposer, '[part=upload]')?.dataset.state === 'done', 'uploaded', { timeout: 5_000 });
    customerComposer.focus();
    await sendKeys({ press: 'Enter' });

    for (const [side, host] of [['agent', win], ['customer', chat]] as const) {
      const card = () => inside(host, '[part~=message-customer] [part~=attachment-file]');
      await waitUntil(() => card()?.querySelector('a.download'), `a download card on the ${side} side`, { timeout: 5_000 });
      expect(card()!.querySelector('.file-name')!.textContent).to.equal('invoice.txt');
      expect(card()!.querySelector('.file-meta')!.textContent).to.equal('TXT · 28 bytes');
      const download = card()!.querySelector<HTMLAnchorElement>('a.download')!;
      expect(download.getAttribute('aria-label')).to.equal('Download invoice.txt');
      expect(download.href).to.match(/\/files\/[0-9a-f]{24}\?.*dl=1/);
      const response = await fetch(download.href);
      expect(response.status).to.equal(200);
      expect(await response.text()).to.equal('Order 1042\nTotal: 12.50 EUR\n');
    }
  });

  it('records a voice message that plays on both sides with its duration', async function () {
    this.timeout(30_000);
    const { win, chat, customerComposer } = await bothSides();
    inside<HTMLButtonElement>(customerComposer, '[part~=tool-voice]')!.click();
    await waitUntil(() => inside(customerComposer, '[part=recorder] [role=timer]')?.textContent === '0:01', 'recording for a second', {
      timeout: 5_000,
    });
    inside<HTMLButtonElement>(customerComposer, '[part=recorder] button.primary')!.click();

    for (const [side, host] of [['customer', chat], ['agent', win]] as const) {
      const voice = () => inside(host, '[part~=message-customer][data-seq] [part=voice], [part~=message-customer][data-state=sent] [part=voice]');
      await waitUntil(() => voice()?.querySelector('audio')?.src, `a player on the ${side} side`, { timeout: 8_000 });
      const audio = voice()!.querySelector('audio')!;
      expect(audio.controls).to.equal(true);
      expect(audio.src).to.match(/\/files\/[0-9a-f]{24}\?/);
      expect(voice()!.querySelector('.voice-duration')!.textContent).to.match(/^0:0[1-3]$/);
      expect(voice()!.getAttribute('aria-label')).to.match(/^Voice message, 0:0[1-3]$/);
      // The recording itself is there to play.
      await waitUntil(() => audio.readyState >= 1, `its audio loads on the ${side} side`, { timeout: 5_000 });
    }
  });

  it('plays video and audio files (not voice messages) inline on both sides', async function () {
    this.timeout(40_000);
    const { win, chat, agentComposer, customerComposer } = await bothSides();
    const stored = <T extends HTMLMediaElement>(host: Element, selector: string) =>
      allInside<T>(host, selector).find((player) => /\/files\/[0-9a-f]{24}\?/.test(player.src)) ?? null;

    pickFiles(agentComposer, [await recordClip('video', 'unboxing.webm')]);
    await waitUntil(() => inside(agentComposer, '[part=upload]')?.dataset.state === 'done', 'video uploaded', { timeout: 8_000 });
    agentComposer.focus();
    await sendKeys({ type: 'How to open it' });
    await sendKeys({ press: 'Enter' });
    for (const [side, host] of [['agent', win], ['customer', chat]] as const) {
      const video = () => stored<HTMLVideoElement>(host, '[part~=message-agent] [part~=attachment-video] video');
      await waitUntil(video, `a video player on the ${side} side`, { timeout: 8_000 });
      expect(video()!.controls).to.equal(true);
      expect(video()!.getAttribute('preload')).to.equal('metadata');
      const figure = video()!.closest('[part~=attachment-video]')!;
      expect(figure.querySelector('.file-name')!.textContent).to.equal('unboxing.webm');
      expect(figure.querySelector('.file-meta')!.textContent).to.match(/^WEBM · /);
      expect(figure.querySelector<HTMLAnchorElement>('a.download')!.href).to.match(/dl=1/);
      expect(video()!.closest('[part~=message]')!.querySelector('[part=body], .body')!.textContent).to.equal('How to open it');
      // The recording itself is there to play: its frames have a size.
      await waitUntil(() => video()!.readyState >= 1 && video()!.videoWidth > 0 && video()!.videoHeight > 0, `the video loads on the ${side} side`, { timeout: 8_000 });
    }

    // An audio file sent as an attachment plays in an audio player, not as a voice message.
    pickFiles(customerComposer, [await recordClip('audio', 'noise.webm')]);
    await waitUntil(() => inside(customerComposer, '[part=upload]')?.dataset.state === 'done', 'audio uploaded', { timeout: 8_000 });
    customerComposer.focus();
    await sendKeys({ press: 'Enter' });
    for (const [side, host] of [['customer', chat], ['agent', win]] as const) {
      const audio = () => stored(host, '[part~=message-customer] [part~=attachment-audio] audio');
      await waitUntil(audio, `an audio player on the ${side} side`, { timeout: 8_000 });
      expect(audio()!.controls).to.equal(true);
      const figure = audio()!.closest('[part~=attachment-audio]')!;
      expect(figure.querySelector('.file-name')!.textContent).to.equal('noise.webm');
      expect(audio()!.closest('[part~=message]')!.querySelector('[part=voice]'), 'not a voice message').to.equal(null);
      await waitUntil(() => audio()!.readyState >= 1, `its audio loads on the ${side} side`, { timeout: 8_000 });
    }
    expect(win.messages.find((m) => m.attachment?.name === 'noise.webm')).to.deep.include({ kind: 'attachment' });
    expect(win.messages.find((m) => m.attachment?.name === 'noise.webm')!.attachment!.category).to.equal('audio');
    expect(win.messages.find((m) => m.attachment?.name === 'unboxing.webm')!.attachment!.category).to.equal('video');
  });

  it('shares a location from the browser and a typed address, shown as map cards', async function () {
    this.timeout(20_000);
    const { win, chat, agentComposer, customerComposer } = await bothSides();
    cleanups.push(() => executeServerCommand('desk-browser', { permissions: null }));
    await executeServerCommand('desk-browser', { permissions: ['geolocation'], geolocation: { latitude: 51.5007, longitude: -0.1246, accuracy: 30 } });

    inside<HTMLButtonElement>(agentComposer, '[part~=tool-location]')!.click();
    await agentComposer.updateComplete;
    inside<HTMLButtonElement>(agentComposer, '[part~=location-panel] button.primary')!.click();
    for (const host of [win, chat]) {
      const card = () => inside(host, '[part~=message-agent] [part=location]');
      await waitUntil(card, 'a location card', { timeout: 5_000 });
      expect(card()!.querySelector('.location-title')!.textContent).to.equal('Location');
      expect(card()!.querySelector('.coordinates')!.textContent).to.equal('51.50070, -0.12460');
      expect(card()!.querySelector('.accuracy')!.textContent).to.equal('within 30 m');
      const maps = card()!.querySelector<HTMLAnchorElement>('a.maps')!;
      expect(maps.href).to.equal('https://www.openstreetmap.org/?mlat=51.5007&mlon=-0.1246#map=16/51.5007/-0.1246');
      expect(maps.target).to.equal('_blank');
    }

    inside<HTMLButtonElement>(customerComposer, '[part~=tool-location]')!.click();
    await customerComposer.updateComplete;
    inside<HTMLInputElement>(customerComposer, '#address')!.focus();
    await sendKeys({ type: 'Baker Street 221B, London' });
    await sendKeys({ press: 'Enter' });
    for (const host of [chat, win]) {
      const card = () => inside(host, '[part~=message-customer] [part=location]');
      await waitUntil(card, 'an address card', { timeout: 5_000 });
      expect(card()!.querySelector('.location-title')!.textContent).to.equal('Baker Street 221B, London');
      expect(card()!.querySelector('.coordinates')).to.equal(null);
      expect(card()!.querySelector<HTMLAnchorElement>('a.maps')!.href).to.equal(
        'https://www.openstreetmap.org/search?query=Baker%20Street%20221B%2C%20London',
      );
    }
  });

  it('says a file is too large for the desk, and sends nothing', async function () {
    this.timeout(20_000);
    const { win, chat, agentComposer } = await bothSides();
    const ada = await signInAs('ada@demo.deskkit.dev');
    const before = await ada.client.tenant.settings.query();
    await ada.client.tenant.update.mutate({ uploads: { maxBytes: 2 * 1024 * 1024 } });
    cleanups.push(() => ada.client.tenant.update.mutate({ uploads: before.uploads }));
    const count = win.messages.length;

    pickFiles(agentComposer, [new File([new Uint8Array(3 * 1024 * 1024)], 'scan.pdf', { type: 'application/pdf' })]);
    await waitUntil(() => inside(agentComposer, '[part=upload] [part=error]'), 'refused', { timeout: 5_000 });
    expect(inside(agentComposer, '[part=upload] [part=error]')!.textContent).to.equal('scan.pdf is too large to send (the limit is 2 MB).');
    agentComposer.focus();
    await sendKeys({ press: 'Enter' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(win.messages.length).to.equal(count);
    expect(allInside(win, '[part~=message]:not([data-seq])')).to.have.length(0);
    expect(allInside(chat, '[part~=message-agent]')).to.have.length(0);
  });

  it('shows emoji in the emoji font, typed as :shortcodes:', async function () {
    this.timeout(20_000);
    const { chat, agentComposer } = await bothSides();
    agentComposer.focus();
    await sendKeys({ type: 'Done :tada:' });
    await waitUntil(() => agentComposer.value === 'Done 🎉', 'converted while typing', { timeout: 5_000 });
    await sendKeys({ press: 'Enter' });
    const emoji = () => inside(chat, '[part~=message-agent] .body .emoji');
    await waitUntil(emoji, 'shown to the customer', { timeout: 5_000 });
    expect(emoji()!.textContent).to.equal('🎉');
    expect(emoji()!.closest('.body')!.textContent).to.equal('Done 🎉');
    expect(getComputedStyle(emoji()!).fontFamily).to.contain('Noto Color Emoji');
    // On a system without a colour emoji font (this one): the desk's own, linked into the page once, in colour.
    expect(getComputedStyle(emoji()!).fontFamily).to.contain('Deskkit Emoji');
    expect(document.head.querySelectorAll('link[data-deskkit=emoji-font]')).to.have.length(1);
    const faces = await document.fonts.load('32px "Deskkit Emoji"', '🎉');
    expect(faces.length, 'a face for 🎉').to.be.greaterThan(0);
    expect(colourful('🎉', '"Deskkit Emoji"'), 'drawn in colour').to.equal(true);
    // Typed into the composer, they are drawn from the same stack (no theme on this page).
    expect(getComputedStyle(inside(agentComposer, '[part=input]')!).fontFamily).to.contain('Deskkit Emoji');
    chat.style.setProperty('--desk-font-emoji', 'TestEmoji');
    expect(getComputedStyle(emoji()!).fontFamily).to.equal('TestEmoji');
  });
});
