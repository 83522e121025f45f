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

  test('serves nothing else from there', async () => {
    assert.equal((await fetch(`${t.url}/assets/emoji/`)).status, 404);
    assert.equal((await fetch(`${t.url}/assets/emoji/../../package.json`)).status, 404);
    assert.equal((await fetch(`${t.url}/assets/emoji/%2e%2e/%2e%2e/package.json`)).status, 404);
  });
});
