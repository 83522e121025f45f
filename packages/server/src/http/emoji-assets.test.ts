import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

describe('emoji data for the picker', () => {
  let t: TestDesk;
  before(async () => {
    t = await startTestDesk();
  });
  after(() => t.close());

  test('is served by the desk itself, cacheable, with shortcodes', async () => {
    const response = await fetch(`${t.url}/assets/emoji/data.json`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.match(response.headers.get('cache-control') ?? '', /max-age=86400/);
    const data = (await response.json()) as Array<{ emoji: string; shortcodes?: string[] }>;
    assert.ok(data.length > 1_000);
    assert.equal(data.find((e) => e.shortcodes?.includes('smile'))?.emoji, '😄');
    // The picker checks for newer data with HEAD and the ETag (readable across origins).
    const etag = response.headers.get('etag');
    assert.match(etag ?? '', /^"emoji-[\d.]+-\d+"$/);
    const head = await fetch(`${t.url}/assets/emoji/data.json`, { method: 'HEAD', headers: { Origin: 'http://elsewhere.example' } });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('etag'), etag);
    assert.equal(head.headers.get('access-control-expose-headers'), 'ETag');
    assert.equal((await fetch(`${t.url}/assets/emoji/data.json`, { headers: { 'If-None-Match': etag! } })).status, 304);
  });

  test('serves an emoji font for systems without one: its @font-face rules and their woff2 files', async () => {
    const response = await fetch(`${t.url}/assets/emoji/font.css`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/css/);
    const css = await response.text();
    const faces = css.match(/@font-face\s*{[^}]*}/g) ?? [];
    assert.ok(faces.length >= 10, `${faces.length} faces`);
    for (const face of faces) assert.match(face, /font-family: 'Deskkit Emoji';/);
    // Thumbs up (U+1F44D) and a flag's letters (U+1F1EA) are in its ranges.
    const ranges = [...css.matchAll(/U\+([0-9a-f]+)(?:-([0-9a-f]+))?/gi)].map((m) => [parseInt(m[1]!, 16), parseInt(m[2] ?? m[1]!, 16)]);
    for (const code of [0x1f44d, 0x1f1ea]) assert.ok(ranges.some(([from, to]) => from! <= code && code <= to!), code.toString(16));
    const urls = [...css.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1]!);
    assert.equal(urls.length, faces.length);
    for (const url of urls) assert.match(url, /^font\/\w+\.woff2$/);
    // Colour glyphs Chromium draws (COLRv1), offered only to browsers that can.
    for (const face of faces) assert.match(face, /format\('woff2'\) tech\(color-COLRv1\)/);
    // Relative to the CSS: /assets/emoji/font/…, a real woff2 font.
    const file = await fetch(new URL(urls[1]!, `${t.url}/assets/emoji/font.css`));
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'font/woff2');
    assert.equal(Buffer.from(await file.arrayBuffer()).subarray(0, 4).toString('latin1'), 'wOF2');
    assert.equal((await fetch(`${t.url}/assets/emoji/font/1.woff`)).status, 404);
    assert.equal((await fetch(`${t.url}/assets/emoji/font/%2e%2e/index.css`)).status, 404);
  });

  test('serves nothing else from there', async () => {
    assert.equal((await fetch(`${t.url}/assets/emoji/`)).status, 404);
    assert.equal((await fetch(`${t.url}/assets/emoji/../../package.json`)).status, 404);
    assert.equal((await fetch(`${t.url}/assets/emoji/%2e%2e/%2e%2e/package.json`)).status, 404);
  });
});
