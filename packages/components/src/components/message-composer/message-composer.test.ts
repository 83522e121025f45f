import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { createDeskClient, uploadFile } from '@deskkit/client';
import type { ComposerSendDetail, DeskComposerSendEvent } from '../../events/desk-composer-send.js';
import { deskEnv, signInAs, cleanupsAfterEach, cid, pickFiles } from '../../internal/test-env.js';
import { MessageComposer, type SlashCommand } from './message-composer.js';

/** Run after each test, newest first. */
const cleanups = cleanupsAfterEach();

/** A web chat to upload into, and an uploader bound to it with the visitor's token (as `<customer-chat>` does). */
async function chatToUploadTo() {
  const env = await deskEnv();
  const started = await createDeskClient({ url: env.url }).webchat.start.mutate({
    tenant: env.tenant,
    name: 'Composer Tester',
    message: { body: 'Hello', clientMessageId: cid() },
  });
  const conversationId = started.conversation.id;
  const visitor = createDeskClient({ url: env.url, token: started.visitorToken });
  const uploader: MessageComposer['uploader'] = (file, options) =>
    uploadFile({ url: env.url, token: started.visitorToken, conversationId, file, ...options });
  return { env, conversationId, visitor, uploader };
}

async function mount(options: { uploader?: MessageComposer['uploader']; emoji?: boolean } = {}) {
  const env = await deskEnv();
  const composer = await fixture<MessageComposer>(html`
    <message-composer
      .uploader=${options.uploader}
      emoji-data-source=${options.emoji === false ? '' : `${env.url}/assets/emoji/data.json`}
      style="margin-top: 26rem"
    ></message-composer>
  `);
  const sent: ComposerSendDetail[] = [];
  composer.addEventListener('desk-composer-send', (event: DeskComposerSendEvent) => sent.push(event.detail));
  return { env, composer, sent };
}

const $ = <T extends Element = HTMLElement>(composer: MessageComposer, selector: string) => composer.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(composer: MessageComposer, selector: string) => [...composer.shadowRoot!.querySelectorAll<T>(selector)];
const box = (composer: MessageComposer) => $<HTMLTextAreaElement>(composer, '[part=input]')!;
const tool = (composer: MessageComposer, name: string) => $<HTMLButtonElement>(composer, `[part~=tool-${name}]`)!;

/** A real PNG, drawn on a canvas. */
async function png(name = 'square.png', size = 64): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#3b5bdb';
  context.fillRect(0, 0, size, size);
  context.fillStyle = '#ffd43b';
  context.fillRect(size / 4, size / 4, size / 2, size / 2);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
  return new File([blob], name, { type: 'image/png' });
}

/** Sets the desk's upload limits as its admin (restored after the test). */
async function uploadLimits(limits: { maxBytes?: number; allowedCategories?: Array<'image' | 'audio' | 'video' | 'document'> }) {
  const ada = await signInAs('ada@demo.deskkit.dev');
  const before = await ada.client.tenant.settings.query();
  await ada.client.tenant.update.mutate({ uploads: limits });
  cleanups.push(() => ada.client.tenant.update.mutate({ uploads: before.uploads }));
}

const browser = (payload: { permissions?: string[] | null; set?: Record<string, 'granted' | 'denied' | 'prompt'>; geolocation?: { latitude: number; longitude: number; accuracy?: number } }) =>
  executeServerCommand('desk-browser', payload);

describe('<message-composer>', () => {
  it('sends text on Enter, keeps Shift+Enter as a new line, and reports input', async () => {
    const { composer, sent } = await mount();
    const inputs: string[] = [];
    composer.addEventListener('desk-composer-input', (event) => inputs.push(event.detail.value));
    const send = $<HTMLButtonElement>(composer, '[part=send]')!;
    expect(send.disabled, 'nothing to send yet').to.equal(true);
    expect($(composer, 'label[for=input]')!.textContent).to.equal('Message');

    box(composer).focus();
    await sendKeys({ type: 'Line one' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'Line two' });
    expect(composer.value).to.equal('Line one\nLine two');
    expect(inputs.at(-1)).to.equal('Line one\nLine two');
    await composer.updateComplete;
    expect(send.disabled).to.equal(false);

    await sendKeys({ press: 'Enter' });
    await waitUntil(() => sent.length === 1, 'sent');
    expect(sent[0]!.content).to.deep.equal({ body: 'Line one\nLine two' });
    expect(sent[0]!.clientMessageId).to.match(/^[0-9a-f]{32}$/);
    expect(box(composer).value).to.equal('');
    expect(inputs.at(-1), 'the host learns the draft is empty').to.equal('');

    // Blank text sends nothing.
    await sendKeys({ type: '   ' });
    await sendKeys({ press: 'Enter' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent).to.have.length(1);
  });

  it('is off with a hint tied to the text box, and themable', async () => {
    const { composer } = await mount();
    composer.disabled = true;
    composer.hint = 'Accept the chat to reply.';
    composer.style.setProperty('--accent-color', 'rgb(1, 2, 3)');
    await composer.updateComplete;
    expect(box(composer).disabled).to.equal(true);
    expect($<HTMLButtonElement>(composer, '[part=send]')!.disabled).to.equal(true);
    const hint = composer.shadowRoot!.getElementById(box(composer).getAttribute('aria-describedby')!)!;
    expect(hint.textContent).to.equal('Accept the chat to reply.');
    expect(tool(composer, 'location').disabled).to.equal(true);
    // The text box's send button takes the accent colour when enabled.
    composer.disabled = false;
    composer.value = 'Hi';
    await composer.updateComplete;
    expect(getComputedStyle($(composer, '[part=send]')!).backgroundColor).to.equal('rgb(1, 2, 3)');
    // Tools that need an uploader or emoji data are not offered without them.
    const bare = await fixture<MessageComposer>(html`<message-composer></message-composer>`);
    expect($(bare, '[part~=tool-attach]')).to.equal(null);
    expect($(bare, '[part~=tool-voice]')).to.equal(null);
    expect($(bare, '[part~=tool-emoji]')).to.equal(null);
    expect($(bare, '[part~=tool-location]')).to.exist;
  });

  it('suggests slash commands in a listbox and inserts the chosen one', async () => {
    const { composer, sent } = await mount();
    const commands: SlashCommand[] = [
      { id: 'c1', shortcut: 'refund', title: 'Refund issued', preview: 'Your refund is on its way…' },
      { id: 'c2', shortcut: 'reset', title: 'Password reset', preview: 'Use the link we sent…' },
      { id: 'c3', shortcut: 'hello', title: 'Greeting', preview: 'Hi there!' },
    ];
    const queries: string[] = [];
    composer.slashCommands = async (query, signal) => {
      queries.push(query);
      await new Promise((resolve) => setTimeout(resolve, 10));
      if (signal.aborted) return [];
      return commands.filter((c) => c.shortcut.startsWith(query));
    };
    composer.resolveSlashCommand = async (id) => `Resolved text of ${id}`;
    await composer.updateComplete;
    const input = box(composer);
    expect(input.getAttribute('aria-autocomplete')).to.equal('list');

    input.focus();
    await sendKeys({ type: '/re' });
    await waitUntil(() => $$(composer, '[part=suggestion]').length === 2, 'two suggestions');
    const list = $(composer, '[part=suggestions]')!;
    expect(list.getAttribute('role')).to.equal('listbox');
    expect(input.getAttribute('aria-controls')).to.equal(list.id);
    expect(input.getAttribute('aria-activedescendant')).to.equal('suggestion-0');
    expect($$(composer, '[part=suggestion]').map((el) => el.querySelector('.shortcut')!.textContent)).to.deep.equal(['/refund', '/reset']);
    expect(queries.at(-1)).to.equal('re');

    await sendKeys({ press: 'ArrowDown' });
    await composer.updateComplete;
    expect(input.getAttribute('aria-activedescendant')).to.equal('suggestion-1');
    expect($(composer, '#suggestion-1')!.getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'ArrowDown' });
    await composer.updateComplete;
    expect(input.getAttribute('aria-activedescendant'), 'wraps around').to.equal('suggestion-0');
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => composer.value === 'Resolved text of c2', 'inserted');
    expect($(composer, '[part=suggestions]')).to.equal(null);
    expect(input.hasAttribute('aria-activedescendant')).to.equal(false);
    expect(sent, 'choosing does not send').to.have.length(0);

    // Escape closes the list and leaves the text; Tab chooses too.
    composer.value = '';
    await composer.updateComplete;
    input.focus();
    await sendKeys({ type: '/h' });
    await waitUntil(() => $$(composer, '[part=suggestion]').length === 1, 'one suggestion');
    await sendKeys({ press: 'Escape' });
    await composer.updateComplete;
    expect($(composer, '[part=suggestions]')).to.equal(null);
    expect(composer.value).to.equal('/h');
    await sendKeys({ type: 'e' });
    await waitUntil(() => $$(composer, '[part=suggestion]').length === 1, 'open again for a new word');
    await sendKeys({ press: 'Tab' });
    await waitUntil(() => composer.value === 'Resolved text of c3', 'inserted with Tab');
    // A slash later in the text suggests nothing.
    await sendKeys({ type: ' and /re' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect($(composer, '[part=suggestions]')).to.equal(null);
  });

  it('inserts emoji from the picker at the caret, and turns :shortcodes: into emoji', async function () {
    this.timeout(20_000);
    const { composer, sent } = await mount();
    composer.value = 'Hello world';
    await composer.updateComplete;
    const input = box(composer);
    input.focus();
    input.setSelectionRange(6, 6);

    tool(composer, 'emoji').click();
    await composer.updateComplete;
    expect(tool(composer, 'emoji').getAttribute('aria-expanded')).to.equal('true');
    const picker = $<HTMLElement>(composer, 'emoji-picker')!;
    expect(picker).to.exist;
    await customElements.whenDefined('emoji-picker');
    expect((picker as HTMLElement & { dataSource: string }).dataSource).to.match(/\/assets\/emoji\/data\.json$/);
    // Its emoji come from the desk (no CDN here); search is built in.
    const emojiButton = (unicode = '') => picker.shadowRoot!.querySelector<HTMLButtonElement>(`button[id^="emo-${unicode}"]`);
    await waitUntil(() => emojiButton(), 'emoji loaded from the desk', { timeout: 10_000 });
    const search = picker.shadowRoot!.querySelector<HTMLInputElement>('input.search')!;
    search.value = 'tada';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    await waitUntil(() => emojiButton('🎉'), 'search found 🎉', { timeout: 5_000 });
    emojiButton('🎉')!.click();
    await waitUntil(() => composer.value === 'Hello 🎉world', 'inserted at the caret', { timeout: 5_000 });
    await composer.updateComplete;
    expect($(composer, 'emoji-picker'), 'the picker closes').to.equal(null);

    // Typed shortcodes become emoji as the closing colon is typed; unknown ones stay.
    composer.value = '';
    await composer.updateComplete;
    input.focus();
    await sendKeys({ type: 'I am :smile:' });
    await waitUntil(() => composer.value === 'I am 😄', ':smile: converted', { timeout: 5_000 });
    await sendKeys({ type: ' :no_such_emoji_code:' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(composer.value).to.equal('I am 😄 :no_such_emoji_code:');

    // Shortcodes that were not converted while typing are on send.
    composer.value = 'Party :tada: and :no_such_emoji_code: :+1:';
    await composer.updateComplete;
    input.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => sent.length === 1, 'sent', { timeout: 5_000 });
    expect((sent[0]!.content as { body: string }).body).to.match(/^Party 🎉 and :no_such_emoji_code: 👍\uFE0F?$/u);
  });

  it("shows emoji used from the picker or typed as :shortcodes: in the picker's favourites row", async function () {
    this.timeout(20_000);
    const { composer, sent } = await mount();
    const input = box(composer);
    input.focus();
    await sendKeys({ type: 'Fresh :mango:' });
    await waitUntil(() => composer.value === 'Fresh 🥭', ':mango: converted while typing', { timeout: 5_000 });
    // Converted on send.
    composer.value = 'and :avocado:';
    await composer.updateComplete;
    input.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => sent.length === 1, 'sent', { timeout: 5_000 });
    expect((sent[0]!.content as { body: string }).body).to.equal('and 🥑');

    const openPicker = async () => {
      tool(composer, 'emoji').click();
      await composer.updateComplete;
      await customElements.whenDefined('emoji-picker');
      return $<HTMLElement>(composer, 'emoji-picker')!;
    };
    const favourite = (picker: HTMLElement, unicode: string) => picker.shadowRoot!.querySelector<HTMLButtonElement>(`.favorites button[id^="fav-${unicode}"]`);
    let picker = await openPicker();
    await waitUntil(() => favourite(picker, '🥭') && favourite(picker, '🥑'), 'typed emoji among the favourites', { timeout: 10_000 });

    // Picked from the picker: a favourite the next time it opens.
    const search = picker.shadowRoot!.querySelector<HTMLInputElement>('input.search')!;
    search.value = 'pineapple';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    const found = () => picker.shadowRoot!.querySelector<HTMLButtonElement>('button[id^="emo-🍍"]');
    await waitUntil(found, 'search found 🍍', { timeout: 5_000 });
    expect(favourite(picker, '🍍'), 'not yet a favourite').to.equal(null);
    found()!.click();
    await waitUntil(() => !$(composer, 'emoji-picker'), 'the picker closes', { timeout: 3_000 });
    picker = await openPicker();
    await waitUntil(() => favourite(picker, '🍍'), 'the picked emoji among the favourites', { timeout: 10_000 });
    expect(favourite(picker, '🥭')).not.to.equal(null);
  });

  it('shares the current location, says why it cannot, and sends a typed address', async function () {
    this.timeout(15_000);
    const { composer, sent } = await mount();
    cleanups.push(() => browser({ permissions: null }));

    await browser({ permissions: ['geolocation'], geolocation: { latitude: 48.8584, longitude: 2.2945, accuracy: 25 } });
    tool(composer, 'location').click();
    // Its code loads on first use (normally ahead of it, in idle time).
    await waitUntil(() => $(composer, '[part~=location-panel]'), 'location panel open');
    const panel = $(composer, '[part~=location-panel]')!;
    expect(panel.getAttribute('role')).to.equal('dialog');
    expect(tool(composer, 'location').getAttribute('aria-expanded')).to.equal('true');
    panel.querySelector<HTMLButtonElement>('button.primary')!.click();
    await waitUntil(() => sent.length === 1, 'location sent', { timeout: 5_000 });
    expect(sent[0]!.content).to.deep.equal({ location: { latitude: 48.8584, longitude: 2.2945, accuracy: 25 } });
    await composer.updateComplete;
    expect($(composer, '[part~=location-panel]'), 'the panel closes').to.equal(null);

    // Denied: a clear message, nothing sent.
    await browser({ set: { geolocation: 'denied' } });
    tool(composer, 'location').click();
    await composer.updateComplete;
    $(composer, '[part~=location-panel] button.primary')!.click();
    await waitUntil(() => $(composer, '[part~=location-panel] [part=error]'), 'denial explained', { timeout: 5_000 });
    const alert = $(composer, '[part~=location-panel] [part=error]')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.contain('Location access is blocked');
    expect(sent).to.have.length(1);

    // An address instead.
    const address = $<HTMLInputElement>(composer, '#address')!;
    address.focus();
    await sendKeys({ type: '10 Downing Street, London' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => sent.length === 2, 'address sent');
    expect(sent[1]!.content).to.deep.equal({ location: { address: '10 Downing Street, London' } });

    // Escape closes the panel and gives focus back to its button.
    tool(composer, 'location').click();
    await composer.updateComplete;
    $<HTMLInputElement>(composer, '#address')!.focus();
    await sendKeys({ press: 'Escape' });
    await composer.updateComplete;
    expect($(composer, '[part~=location-panel]')).to.equal(null);
    await waitUntil(() => composer.shadowRoot!.activeElement === tool(composer, 'location'), 'focus back on the button');
  });

  it('uploads a picked file with progress, then sends it with the caption', async function () {
    this.timeout(15_000);
    const { uploader, visitor, conversationId } = await chatToUploadTo();
    const { composer, sent } = await mount({ uploader });
    let sawProgress = false;
    const observer = new MutationObserver(() => (sawProgress ||= Boolean($(composer, '[part~=upload] [part~=progress]'))));
    observer.observe(composer.shadowRoot!, { subtree: true, childList: true });
    cleanups.push(() => observer.disconnect());

    const file = await png('receipt.png', 80);
    pickFiles(composer, [file]);
    // The attachments' code loads with the first file.
    await waitUntil(() => $(composer, '[part=upload]'), 'file listed');
    const item = $(composer, '[part=upload]')!;
    expect(item.querySelector('.name')!.textContent).to.equal('receipt.png');
    expect(item.querySelector<HTMLImageElement>('img.thumb')!.src).to.match(/^blob:/);
    await waitUntil(() => $(composer, '[part=upload]')?.dataset.state === 'done', 'uploaded', { timeout: 5_000 });
    expect(sawProgress, 'a progress bar while uploading').to.equal(true);

    box(composer).focus();
    await sendKeys({ type: 'My receipt' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => sent.length === 1, 'sent');
    const { content, file: sentFile } = sent[0]!;
    expect(content).to.deep.include({ body: 'My receipt' });
    const fileId = (content as { attachment: { fileId: string } }).attachment.fileId;
    expect(sentFile).to.deep.include({ fileId, name: 'receipt.png', contentType: 'image/png', category: 'image', width: 80, height: 80 });
    expect($(composer, '[part=uploads]'), 'the tray empties').to.equal(null);

    // The desk takes it as the attachment it is.
    const stored = await visitor.webchat.send.mutate({ conversationId, clientMessageId: sent[0]!.clientMessageId, ...content });
    expect(stored.message.kind).to.equal('attachment');
    expect(stored.message.body).to.equal('My receipt');
    expect(stored.message.attachment).to.deep.include({ fileId, name: 'receipt.png', width: 80, height: 80 });
  });

  it('takes dropped and pasted files, and can cancel an upload', async function () {
    this.timeout(15_000);
    const { uploader } = await chatToUploadTo();
    const { composer, sent } = await mount({ uploader });

    const dropped = new DataTransfer();
    dropped.items.add(await png('dropped.png'));
    const base = $(composer, '[part=base]')!;
    base.dispatchEvent(new DragEvent('dragover', { dataTransfer: dropped, bubbles: true, composed: true, cancelable: true }));
    await composer.updateComplete;
    const zone = $(composer, '[part=drop-zone]')!;
    expect(zone.textContent).to.contain('Drop files');
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dropped, bubbles: true, composed: true, cancelable: true }));
    await composer.updateComplete;
    expect($(composer, '[part=drop-zone]')).to.equal(null);

    const pasted = new DataTransfer();
    pasted.items.add(await png('pasted.png'));
    box(composer).dispatchEvent(new ClipboardEvent('paste', { clipboardData: pasted, bubbles: true, cancelable: true }));
    await waitUntil(() => $$(composer, '[part=upload]').length === 2, 'both listed');
    expect($$(composer, '[part=upload] .name').map((el) => el.textContent)).to.deep.equal(['dropped.png', 'pasted.png']);

    // A large upload cancelled midway: gone, and never sent.
    const big = new File(['a'.repeat(6 * 1024 * 1024)], 'big.txt', { type: 'text/plain' });
    pickFiles(composer, [big]);
    await composer.updateComplete;
    const cancel = $$<HTMLButtonElement>(composer, '[part=upload] .remove').at(-1)!;
    expect(cancel.getAttribute('aria-label')).to.equal('Cancel the upload of big.txt');
    cancel.click();
    await composer.updateComplete;
    expect($$(composer, '[part=upload] .name').map((el) => el.textContent)).to.deep.equal(['dropped.png', 'pasted.png']);

    // Sent together, in order (any still uploading go as soon as they are uploaded).
    box(composer).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => sent.length === 2, 'both sent', { timeout: 5_000 });
    expect(sent.map((s) => s.file?.name)).to.deep.equal(['dropped.png', 'pasted.png']);
  });

  it('says a file is too large (with the limit in MB) or not accepted, and sends nothing', async function () {
    this.timeout(15_000);
    const { uploader } = await chatToUploadTo();
    await uploadLimits({ maxBytes: 1024 * 1024 });
    const { composer, sent } = await mount({ uploader });

    pickFiles(composer, [new File([new Uint8Array(1536 * 1024)], 'huge.png', { type: 'image/png' })]);
    await waitUntil(() => $(composer, '[part=upload]')?.dataset.state === 'failed', 'refused', { timeout: 5_000 });
    const error = $(composer, '[part=upload] [part=error]')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.equal('huge.png is too large to send (the limit is 1 MB).');
    expect($(composer, '[part=upload] button.link'), 'no retry for a file that is too large').to.equal(null);
    expect($<HTMLButtonElement>(composer, '[part=send]')!.disabled).to.equal(true);
    box(composer).focus();
    await sendKeys({ press: 'Enter' });
    $<HTMLButtonElement>(composer, '[part=upload] .remove')!.click();
    await composer.updateComplete;
    expect($(composer, '[part=uploads]')).to.equal(null);

    await uploadLimits({ allowedCategories: ['image'] });
    pickFiles(composer, [new File(['just some notes'], 'notes.txt', { type: 'text/plain' })]);
    await waitUntil(() => $(composer, '[part=upload]')?.dataset.state === 'failed', 'refused', { timeout: 5_000 });
    expect($(composer, '[part=upload] [part=error]')!.textContent).to.match(/^notes\.txt can't be sent: .*image/);
    expect(sent).to.have.length(0);
  });

  it('records a voice message from the microphone and sends it once uploaded', async function () {
    this.timeout(20_000);
    const { uploader, visitor, conversationId } = await chatToUploadTo();
    const { composer, sent } = await mount({ uploader });
    tool(composer, 'voice').click();
    await waitUntil(() => $(composer, '[part=recorder] [role=timer]'), 'recording', { timeout: 5_000 });
    expect($(composer, '[part=input]'), 'the recorder takes the text box\'s place').to.equal(null);
    const timer = $(composer, '[part=recorder] [role=timer]')!;
    expect(timer.textContent).to.equal('0:00');
    await waitUntil(() => timer.textContent === '0:01', 'the duration ticks', { timeout: 3_000 });
    await waitUntil(() => composer.shadowRoot!.activeElement?.textContent?.trim() === 'Send recording', 'focus on Send');

    $<HTMLButtonElement>(composer, '[part=recorder] button.primary')!.click();
    await waitUntil(() => sent.length === 1, 'sent', { timeout: 8_000 });
    const { content, file } = sent[0]!;
    const voice = (content as { voice: { fileId: string; durationMs: number } }).voice;
    expect(voice.durationMs).to.be.within(1_000, 4_000);
    expect(file!.name).to.match(/^voice-message\.webm$/);
    expect(file!.contentType).to.match(/webm/);
    expect(file!.durationMs).to.equal(voice.durationMs);
    await composer.updateComplete;
    expect($(composer, '[part=recorder]')).to.equal(null);
    expect(box(composer)).to.exist;

    const stored = await visitor.webchat.send.mutate({ conversationId, clientMessageId: sent[0]!.clientMessageId, ...content });
    expect(stored.message.kind).to.equal('voice');
    expect(stored.message.attachment!.durationMs).to.equal(voice.durationMs);

    // Cancelled: nothing sent, the text box is back.
    tool(composer, 'voice').click();
    await waitUntil(() => $(composer, '[part=recorder] [role=timer]'), 'recording again', { timeout: 5_000 });
    $$<HTMLButtonElement>(composer, '[part=recorder] button').find((b) => b.textContent!.trim() === 'Cancel recording')!.click();
    await composer.updateComplete;
    expect($(composer, '[part=recorder]')).to.equal(null);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sent).to.have.length(1);
  });

  it('explains when the microphone is blocked or the browser cannot record', async () => {
    const { uploader } = await chatToUploadTo();
    const { composer, sent } = await mount({ uploader });
    cleanups.push(() => browser({ permissions: null }));
    await browser({ set: { microphone: 'denied' } });
    tool(composer, 'voice').click();
    await waitUntil(() => $(composer, 'p[part=error]'), 'explained', { timeout: 5_000 });
    expect($(composer, 'p[part=error]')!.getAttribute('role')).to.equal('alert');
    expect($(composer, 'p[part=error]')!.textContent).to.contain('Microphone access is blocked');
    expect($(composer, '[part=recorder]')).to.equal(null);

    const original = Object.getOwnPropertyDescriptor(window, 'MediaRecorder')!;
    Object.defineProperty(window, 'MediaRecorder', { value: undefined, configurable: true, writable: true });
    cleanups.push(() => Object.defineProperty(window, 'MediaRecorder', original));
    tool(composer, 'voice').click();
    await waitUntil(() => $(composer, 'p[part=error]')?.textContent?.includes('cannot record'), 'no recorder', { timeout: 2_000 });
    expect(sent).to.have.length(0);
  });

  it('survives being defined twice', () => {
    expect(() => MessageComposer.define('message-composer')).not.to.throw();
  });
});
