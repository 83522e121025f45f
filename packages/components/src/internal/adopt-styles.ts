/**
 * @license MIT
 * Styles that come with a lazily loaded part: added to the host's shadow root when the
 * part loads (after the element's own `static styles`), once per root.
 */
import { supportsAdoptingStyleSheets, type CSSResult } from 'lit';

const added = new WeakMap<ShadowRoot, Set<CSSResult>>();

export function addStyles(host: HTMLElement, styles: readonly CSSResult[]): void {
  const root = host.shadowRoot;
  if (!root) return;
  const done = added.get(root) ?? new Set<CSSResult>();
  added.set(root, done);
  const fresh = styles.filter((style) => !done.has(style));
  fresh.forEach((style) => done.add(style));
  if (supportsAdoptingStyleSheets) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...fresh.map((style) => style.styleSheet!)];
    return;
  }
  // As Lit does without constructable stylesheets.
  for (const style of fresh) {
    const element = document.createElement('style');
    const nonce = (globalThis as { litNonce?: string }).litNonce;
    if (nonce) element.setAttribute('nonce', nonce);
    element.textContent = style.cssText;
    root.appendChild(element);
  }
}
