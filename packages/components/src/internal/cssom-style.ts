/**
 * @license MIT
 * Inline style properties set through the CSSOM (`style.setProperty`), never as a `style`
 * attribute: a host page's Content-Security-Policy without `'unsafe-inline'` blocks style
 * attributes, Lit's `styleMap` included on its first render, but not the CSSOM.
 * `<img ${cssomStyle({ '--width': '64' })}>`; properties left out of a later render are removed.
 */
import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

class CssomStyle extends Directive {
  private set: string[] = [];

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssomStyle() goes on an element, not in an attribute');
  }

  render(_properties: Readonly<Record<string, string>>) {
    return noChange;
  }

  override update(part: ElementPart, [properties]: [Readonly<Record<string, string>>]) {
    const { style } = part.element as HTMLElement | SVGElement;
    for (const name of this.set) if (!(name in properties)) style.removeProperty(name);
    for (const [name, value] of Object.entries(properties)) style.setProperty(name, value);
    this.set = Object.keys(properties);
    return noChange;
  }
}

export const cssomStyle = directive(CssomStyle);
