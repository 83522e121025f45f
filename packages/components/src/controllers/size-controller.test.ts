import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { SizeController } from './size-controller.js';

/** A throwaway element that shows the size of its box, or of a replacement box. */
class SizeHost extends LitElement {
  static override properties = { swapped: { type: Boolean } };
  swapped = false;
  renders = 0;
  readonly box = new SizeController(this, { target: () => this.renderRoot.querySelector('.box') });
  protected override render() {
    this.renders++;
    const size = this.box.size ? `${this.box.size.width}x${this.box.size.height}` : 'unknown';
    return this.swapped
      ? html`<p class="box" style="width: 50%; height: 20px; margin: 0">${size}</p>`
      : html`<div class="box" style="height: 30px">${size}</div>`;
  }
}
customElements.define('size-test-host', SizeHost);

describe('SizeController', () => {
  it('follows the size of its target, a replaced one, and again after a move in the page', async () => {
    const host = await fixture<SizeHost>(html`<size-test-host style="display: block; width: 300px"></size-test-host>`);
    const shown = () => host.shadowRoot!.querySelector('.box')!.textContent;
    await waitUntil(() => shown() === '300x30', 'its size', { timeout: 2_000 });
    host.style.width = '240px';
    await waitUntil(() => shown() === '240x30', 'narrower', { timeout: 2_000 });
    host.swapped = true;
    await waitUntil(() => shown() === '120x20', 'the new box', { timeout: 2_000 });

    const renders = host.renders;
    const parent = host.parentElement!;
    host.remove();
    host.style.width = '400px';
    parent.append(host);
    await waitUntil(() => shown() === '200x20', 'followed after the move', { timeout: 2_000 });
    expect(host.renders - renders, 'one render per change').to.be.at.most(2);
  });
});
