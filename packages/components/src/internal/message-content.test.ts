import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, render } from 'lit';
import { LocalizeController } from '../utilities/localize.js';
import { contentTerms, type ContentTerms } from '../translations/en/message-content.js';
import { mapsUrl, renderContent, resolvePaymentLink, type ContentOptions } from './message-content.js';
import { carriesCard, echoSource, renderRichText, type ContentSource } from './message-text.js';
import { formatMoney } from './money.js';
import contentStyles from '../styles/message-content.styles.js';
import textStyles from '../styles/message-text.styles.js';

/** A throwaway element with the localizer the renderers need. */
class ContentHost extends LitElement {
  readonly localize = new LocalizeController(this, contentTerms);
  protected override createRenderRoot() {
    return this;
  }
}
customElements.define('content-test-host', ContentHost);

/** Renders what `build` makes into a fresh host. */
async function show(build: (localize: LocalizeController<keyof ContentTerms>) => unknown): Promise<HTMLElement> {
  const host = await fixture<ContentHost>(html`<content-test-host lang="en"></content-test-host>`);
  render(build(host.localize), host);
  return host;
}

const options = (localize: LocalizeController<keyof ContentTerms>, extra: Partial<ContentOptions> = {}): ContentOptions => ({
  localize,
  lang: 'en',
  link: () => undefined,
  text: (body) => html`<p class="body">${renderRichText(body)}</p>`,
  ...extra,
});

const source = (extra: Partial<ContentSource>): ContentSource => ({ kind: 'text', body: '', attachment: null, location: null, template: null, ...extra });

/** A real recording: `seconds` of silence as 8 kHz, 8-bit mono WAV, behind a blob URL. */
function silence(seconds: number): string {
  const samples = Math.round(seconds * 8000);
  const wav = new DataView(new ArrayBuffer(44 + samples));
  [...'RIFF'].forEach((c, i) => wav.setUint8(i, c.charCodeAt(0)));
  wav.setUint32(4, 36 + samples, true);
  [...'WAVEfmt '].forEach((c, i) => wav.setUint8(8 + i, c.charCodeAt(0)));
  wav.setUint32(16, 16, true); // the format chunk: PCM, mono, 8000 Hz, 8 bits
  wav.setUint16(20, 1, true);
  wav.setUint16(22, 1, true);
  wav.setUint32(24, 8000, true);
  wav.setUint32(28, 8000, true);
  wav.setUint16(32, 1, true);
  wav.setUint16(34, 8, true);
  [...'data'].forEach((c, i) => wav.setUint8(36 + i, c.charCodeAt(0)));
  wav.setUint32(40, samples, true);
  for (let i = 0; i < samples; i++) wav.setUint8(44 + i, 128);
  return URL.createObjectURL(new Blob([wav], { type: 'audio/wav' }));
}

describe('message content', () => {
  it('shows a payment request: amount in the currency, status, and a Pay link only for the customer while pending', async () => {
    const payment = (status: 'pending' | 'paid', amount = '1500', currency = 'JPY') => ({
      requestId: 'r1', amountMinor: Number(amount.replace('.', '')), amount, currency, description: 'Repair <b>', status,
      url: '/demo/pay/lp_x', expiresAt: new Date().toISOString(), updatedAt: new Date().toISOString(),
    });
    const deskUrl = 'https://desk.example';
    const host = await show((localize) => html`
      <div id="agent">${renderContent(source({ kind: 'payment', payment: payment('pending') }), options(localize))}</div>
      <div id="customer">${renderContent(source({ kind: 'payment', payment: payment('pending', '12.50', 'EUR') }), options(localize, { paymentLink: (url) => resolvePaymentLink(url, deskUrl) }))}</div>
      <div id="paid">${renderContent(source({ kind: 'payment', payment: payment('paid') }), options(localize, { paymentLink: (url) => resolvePaymentLink(url, deskUrl) }))}</div>
    `);
    expect(host.querySelector('#agent [part=payment-amount]')!.textContent).to.equal('¥1,500');
    expect(host.querySelector('#agent [part=payment-description]')!.textContent).to.equal('Repair <b>');
    expect(host.querySelector('#agent [part=payment-status]')!.textContent).to.equal('Awaiting payment');
    expect(host.querySelector('#agent a')).to.equal(null);
    const pay = host.querySelector<HTMLAnchorElement>('#customer a[part=payment-pay]')!;
    expect(pay.href).to.equal('https://desk.example/demo/pay/lp_x');
    expect(pay.textContent).to.contain('Pay €12.50');
    expect(host.querySelector('#paid [part~=payment]')!.getAttribute('data-status')).to.equal('paid');
    expect(host.querySelector('#paid a'), 'nothing to pay once paid').to.equal(null);
    expect(resolvePaymentLink('javascript:alert(1)', deskUrl)).to.equal(null);
    expect(formatMoney('12.50', 'EUR', 'de')).to.match(/^12,50\s€$/);
    expect(formatMoney('1.234', 'BHD', 'en')).to.contain('1.234');
  });

  it('puts emoji in the emoji font, and shows a few emoji alone large', async () => {
    const host = await show(() => html`<p id="a">${renderRichText('Hi 👋🏽 from 🇫🇷, ok 👍️ 1️⃣ 👩‍👩‍👧!')}</p><p id="b">${renderRichText('🎉🎉')}</p><p id="c">${renderRichText('Plain © text')}</p>`);
    const spans = [...host.querySelectorAll('#a .emoji')].map((el) => el.textContent);
    expect(spans).to.deep.equal(['👋🏽', '🇫🇷', '👍️', '1️⃣', '👩‍👩‍👧']);
    expect(host.querySelector('#a')!.textContent).to.equal('Hi 👋🏽 from 🇫🇷, ok 👍️ 1️⃣ 👩‍👩‍👧!');
    expect(host.querySelector('#b .emoji')!.className).to.equal('emoji jumbo');
    expect(host.querySelector('#c .emoji'), 'text-style symbols stay text').to.equal(null);
  });

  it('shows a template as a card with header, text, footer and buttons', async () => {
    const host = await show((localize) =>
      renderContent(
        source({
          kind: 'template',
          body: 'Your order 1042 has shipped.',
          template: {
            header: 'Order update',
            footer: 'Reply STOP to opt out',
            buttons: [
              { type: 'url', text: 'Track', value: 'https://track.example/1042' },
              { type: 'url', text: 'Bad', value: 'javascript:alert(1)' },
              { type: 'quick_reply', text: 'Thanks', value: null },
            ],
          },
        }),
        options(localize),
      ),
    );
    const card = host.querySelector('[part=template]')!;
    expect(card.getAttribute('aria-label')).to.equal('Template message');
    expect(card.querySelector('.template-header')!.textContent).to.equal('Order update');
    expect(card.querySelector('.body')!.textContent).to.equal('Your order 1042 has shipped.');
    expect(card.querySelector('.template-footer')!.textContent).to.equal('Reply STOP to opt out');
    const links = [...card.querySelectorAll<HTMLAnchorElement>('.template-buttons a')];
    expect(links.map((a) => a.href)).to.deep.equal(['https://track.example/1042']);
    expect([...card.querySelectorAll('.template-buttons li')].map((li) => li.textContent!.trim())).to.deep.equal(['Track', 'Bad', 'Thanks']);
  });

  it('links locations to OpenStreetMap: the pin, or a search for an address', () => {
    expect(mapsUrl({ latitude: 48.8584, longitude: 2.2945, accuracy: 20, address: null })).to.equal(
      'https://www.openstreetmap.org/?mlat=48.8584&mlon=2.2945#map=16/48.8584/2.2945',
    );
    expect(mapsUrl({ latitude: null, longitude: null, accuracy: null, address: 'Rue de Rivoli & Co, Paris' })).to.equal(
      'https://www.openstreetmap.org/search?query=Rue%20de%20Rivoli%20%26%20Co%2C%20Paris',
    );
  });

  it('shows a file that is gone as unavailable, and images as placeholders until their link comes', async () => {
    const attachment = { fileId: 'a'.repeat(24), name: 'photo.jpg', contentType: 'image/jpeg', size: 2048, category: 'image' as const, width: 400, height: 300, thumbnail: null, durationMs: null };
    const loading = await show((localize) => renderContent(source({ kind: 'attachment', attachment }), options(localize)));
    const placeholder = loading.querySelector<HTMLElement>('[part~=attachment-image].placeholder')!;
    expect(placeholder.getAttribute('aria-busy')).to.equal('true');
    expect(placeholder.style.aspectRatio).to.equal('400 / 300');
    const gone = await show((localize) => renderContent(source({ kind: 'attachment', attachment }), options(localize, { unavailable: () => true })));
    expect(gone.querySelector('[part~=attachment-file] .file-meta')!.textContent).to.equal('This file is not available.');
    expect(gone.querySelector('a.download')).to.equal(null);
  });

  it('shows the thumbnail in a box of its size before it loads (no layout shift), scaled down to fit', async () => {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, textStyles.styleSheet!, contentStyles.styleSheet!];
    const never = new URL('/__never-loads.webp', location.href).href;
    const link = { url: 'https://desk.example/files/x?full', downloadUrl: 'https://desk.example/files/x?dl=1', thumbnailUrl: never, expiresAt: '' };
    const image = async (thumbnail: { width: number; height: number }, width: string) => {
      const attachment = { fileId: 'c'.repeat(24), name: 'scan.jpg', contentType: 'image/jpeg', size: 5e6, category: 'image' as const, width: 4000, height: 3000, thumbnail, durationMs: null };
      const host = await show((localize) => html`<div style="width: ${width}">${renderContent(source({ kind: 'attachment', attachment }), options(localize, { link: () => link }))}</div>`);
      const img = host.querySelector('img')!;
      expect(img.complete && img.naturalWidth > 0, 'not loaded').to.equal(false);
      const box = img.getBoundingClientRect();
      return [Math.round(box.width), Math.round(box.height), img.getAttribute('src'), img.closest('a')!.getAttribute('href'), img.alt];
    };
    expect(await image({ width: 320, height: 213 }, '600px')).to.deep.equal([320, 213, never, link.url, 'scan.jpg']);
    expect((await image({ width: 320, height: 213 }, '160px')).slice(0, 2), 'a narrow timeline').to.deep.equal([160, 107]);
    // Portrait: held to the 16rem (256 px) height, the width following.
    expect((await image({ width: 213, height: 320 }, '600px')).slice(0, 2)).to.deep.equal([170, 256]);
  });

  it('renders an echo from what the composer sent', () => {
    const file = { fileId: 'b'.repeat(24), name: 'voice-message.webm', contentType: 'audio/webm', size: 900, category: 'audio' as const, width: null, height: null, localUrl: 'blob:x', durationMs: 2500 };
    expect(echoSource({ voice: { fileId: file.fileId, durationMs: 2500 } }, file)).to.deep.include({ kind: 'voice', body: '' });
    expect(echoSource({ voice: { fileId: file.fileId, durationMs: 2500 } }, file).attachment!.durationMs).to.equal(2500);
    expect(echoSource({ location: { address: 'Here' } }).location).to.deep.equal({ latitude: null, longitude: null, accuracy: null, address: 'Here' });
    expect(echoSource({ body: 'Hi' })).to.deep.include({ kind: 'text', body: 'Hi' });
  });

  it('keeps a voice message\u2019s duration on one line in a narrow bubble (whose long words may break anywhere); the player gives way', async () => {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, textStyles.styleSheet!, contentStyles.styleSheet!];
    const attachment = { fileId: 'd'.repeat(24), name: 'voice.webm', contentType: 'audio/webm', size: 9000, category: 'audio' as const, width: null, height: null, thumbnail: null, durationMs: 3000 };
    // A real recording (a tenth of a second of silence): a player that has loaded is as wide as it gets.
    const url = silence(0.1);
    const link = { url, downloadUrl: url, thumbnailUrl: null, expiresAt: '' };
    const host = await show((localize) => html`<div id="bubble" style="width: 218px; overflow-wrap: anywhere">${renderContent(source({ kind: 'voice', attachment }), options(localize, { link: () => link }))}</div>`);
    const audio = host.querySelector('audio')!;
    await new Promise((resolve) => (audio.readyState >= 1 ? resolve(null) : audio.addEventListener('loadedmetadata', resolve, { once: true })));
    const duration = host.querySelector('.voice-duration')!;
    expect(duration.textContent).to.equal('0:03');
    const range = document.createRange();
    range.selectNodeContents(duration);
    expect(range.getClientRects().length, 'one line').to.equal(1);
    expect(host.querySelector('audio')!.getBoundingClientRect().right).to.be.at.most(duration.getBoundingClientRect().left);
    expect(duration.getBoundingClientRect().right).to.be.at.most(host.querySelector('#bubble')!.getBoundingClientRect().right);
  });

  it('a voice message without a length (a customer\u2019s WhatsApp voice note) shows none, then the length its file gives', async () => {
    const attachment = { fileId: 'e'.repeat(24), name: 'voice.ogg', contentType: 'audio/ogg', size: 9000, category: 'audio' as const, width: null, height: null, thumbnail: null, durationMs: null };
    const url = silence(2.4);
    let link: { url: string; downloadUrl: string; thumbnailUrl: null; expiresAt: string } | undefined;
    const host = await fixture<ContentHost>(html`<content-test-host lang="en"></content-test-host>`);
    const draw = () => render(renderContent(source({ kind: 'voice', attachment }), options(host.localize, { link: () => link })), host);
    draw();
    const voice = () => host.querySelector('[part=voice]')!;
    expect(voice().getAttribute('aria-label')).to.equal('Voice message');
    expect(voice().querySelector('.voice-duration')!.textContent).to.equal('');

    link = { url, downloadUrl: url, thumbnailUrl: null, expiresAt: '' };
    draw();
    const audio = host.querySelector('audio')!;
    await new Promise((resolve) => (audio.readyState >= 1 ? resolve(null) : audio.addEventListener('loadedmetadata', resolve, { once: true })));
    expect(voice().querySelector('.voice-duration')!.textContent).to.equal('0:02');
    expect(voice().getAttribute('aria-label')).to.equal('Voice message, 0:02');
    // Drawn again (a delivery update, a new link's lifetime), it keeps what the file told.
    draw();
    expect(voice().querySelector('.voice-duration')!.textContent).to.equal('0:02');
    expect(voice().getAttribute('aria-label')).to.equal('Voice message, 0:02');
  });

  it('tells text from cards (what <chat-window> renders once the cards are in)', () => {
    const file = { fileId: 'b'.repeat(24), name: 'a.pdf', contentType: 'application/pdf', size: 900, category: 'document' as const, width: null, height: null, localUrl: 'blob:x', durationMs: null };
    expect(carriesCard(echoSource({ body: 'Hi' }))).to.equal(false);
    expect(carriesCard(echoSource({ attachment: { fileId: file.fileId }, body: 'Caption' }, file))).to.equal(true);
    expect(carriesCard(echoSource({ location: { address: 'Here' } }))).to.equal(true);
    expect(carriesCard(source({ kind: 'attachment', body: 'lost' })), 'a file message without its file is text').to.equal(false);
    expect(carriesCard(source({ kind: 'payment', body: 'Pay' })), 'a payment message without its card is text').to.equal(false);
    expect(carriesCard(source({ kind: 'template', body: 'Shipped' }))).to.equal(true);
  });
});
