import { randomBytes } from 'node:crypto';
import type { Context } from 'koa';

/** Text made safe for HTML content and quoted attributes. */
export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A demo page (the checkout, the phone): plain HTML under a strict CSP, no scripts, no
 * external assets, forms posting back to this origin only. `css` is added to the base style;
 * `same-origin` lets the page's own forms carry their Origin (under `no-referrer` it is `null`).
 */
export function demoPage(ctx: Context, title: string, body: string, css = '', referrerPolicy: 'no-referrer' | 'same-origin' = 'no-referrer'): void {
  const nonce = randomBytes(16).toString('base64');
  ctx.set('Content-Security-Policy', `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`);
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Referrer-Policy', referrerPolicy);
  ctx.type = 'html';
  ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style nonce="${nonce}">body{font:16px system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1d2433}h1{font-size:2rem;margin:.5rem 0}.demo{color:#6b7280;font-size:.85rem}button{font:inherit;padding:.6rem 1.2rem;border-radius:.4rem;border:1px solid #9ca3af;background:#fff;cursor:pointer}${css}</style></head>
<body><main>${body}</main></body></html>`;
}

/**
 * `path` on the very address this request came in on (never a Host header): where a demo
 * "provider" posts its signed webhooks back to the desk.
 */
export function selfUrl(ctx: Context, path: string): string {
  const { localAddress, localPort } = ctx.req.socket;
  const host = localAddress?.includes(':') ? `[${localAddress}]` : localAddress;
  return `http://${host}:${localPort}${path}`;
}
