/**
 * Test-only: what the security suite looks for in rendered elements. A tripwire every
 * payload would set if it ran, a walk through every (open) shadow root, the text a person
 * sees there, and what a parsed payload would leave behind.
 */
import { TRIPWIRE } from './xss-payloads.js';

/** Payloads that ran, in order: the value each set and what was going on (empty while everything stays inert). */
export const tripped: string[] = [];

/** Arms the tripwire on `window` (frames write to it through `parent`); `during` names what is going on. */
export function armTripwire(during: () => string): void {
  Object.defineProperty(window, TRIPWIRE, {
    configurable: true,
    get: () => undefined,
    set: (value: unknown) => void tripped.push(`${String(value)} during "${during()}"`),
  });
}

/** `root` and every node under it, in document order, through every open shadow root. */
export function* deepNodes(root: Node): Generator<Node> {
  yield root;
  if (root instanceof Element && root.shadowRoot) yield* deepNodes(root.shadowRoot);
  for (const child of root.childNodes) yield* deepNodes(child);
}

const isElement = (node: Node): node is Element => node.nodeType === Node.ELEMENT_NODE;

/**
 * What a person sees under `root`, as one string: text, the values of form fields and
 * images' alternative text. A payload shown as text is found here character for character.
 */
export function deepText(root: Node): string {
  const parts: string[] = [];
  for (const node of deepNodes(root)) {
    if (node.nodeType === Node.TEXT_NODE) {
      const parent = node.parentElement?.localName;
      if (parent !== 'style' && parent !== 'script') parts.push((node as Text).data);
    } else if (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement) {
      parts.push(`\n${node.value}\n`);
    } else if (node instanceof HTMLImageElement && node.alt) {
      parts.push(`\n${node.alt}\n`);
    }
  }
  return parts.join('');
}

/** Elements no element of ours renders; from data they would be markup that got parsed. */
const FORBIDDEN_ELEMENTS = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'base', 'meta', 'link', 'math', 'body', 'html', 'portal']);
/** Attributes that hold a URL the browser may load or follow. */
const URL_ATTRIBUTES = new Set(['href', 'xlink:href', 'src', 'action', 'formaction', 'poster', 'data', 'background', 'cite', 'ping', 'srcset']);
/** Schemes an element may link to or load from: the web, mail and phone links, and the page's own blobs (local echoes). */
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:', 'blob:']);

/** Why a URL attribute is unsafe, or `null` when it is fine. */
function unsafeUrl(value: string): string | null {
  try {
    const url = new URL(value, document.baseURI);
    return SAFE_SCHEMES.has(url.protocol) ? null : `scheme ${url.protocol}`;
  } catch {
    return 'not a URL';
  }
}

/** A short description of an element for a failure message. */
const describe = (el: Element) => `<${el.localName}${el.id ? `#${el.id}` : ''}${el.getAttribute('part') ? ` part="${el.getAttribute('part')}"` : ''}>`;

/**
 * Everything under `root` that a parsed payload would leave behind: elements that run or
 * load code, inline event handlers, `srcdoc`, and links or sources with unsafe schemes.
 * Empty when the rendering is inert.
 */
export function findHoles(root: Node): string[] {
  const holes: string[] = [];
  for (const node of deepNodes(root)) {
    if (!isElement(node)) continue;
    if (FORBIDDEN_ELEMENTS.has(node.localName)) holes.push(`${describe(node)} element`);
    for (const { name, value } of node.attributes) {
      if (name.startsWith('on')) holes.push(`${describe(node)} has an inline handler ${name}="${value}"`);
      else if (name === 'srcdoc') holes.push(`${describe(node)} has srcdoc`);
      else if (URL_ATTRIBUTES.has(name)) {
        const urls = name === 'srcset' ? value.split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? '') : [value];
        for (const url of urls) {
          const why = unsafeUrl(url);
          if (why) holes.push(`${describe(node)} ${name}="${url}" (${why})`);
        }
      }
    }
  }
  return holes;
}

/** The fields of `expected` whose text is not (yet) shown under `root`. */
export function missingText(root: Node, expected: Readonly<Record<string, string>>): string[] {
  const text = deepText(root);
  return Object.entries(expected)
    .filter(([, value]) => !text.includes(value))
    .map(([name]) => name);
}
