import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createDeskClient, uploadFile, UploadError, type AgentLiveEvent, type DeskClient, type UploadedFile, type VisitorLiveEvent } from '@deskkit/client';
import { seedDemo } from '../services/seed.js';
import { trpcError } from '../testing/assertions.js';
import { clientMessageId, goLive, record, signedInClient, startChat, waitFor } from '../testing/clients.js';
import { mp4, png } from '../testing/fixtures.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

// ---- Real file bytes, made here ----

/** A baseline JPEG header (JFIF + SOF0) declaring the size; enough for type and size detection. */
function jpeg(width: number, height: number): Buffer {
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0', 'latin1'), 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
}

const pdf = () => Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

/** EBML element: id bytes, size as a 1- or 2-byte vint, data. */
function ebml(id: number[], ...parts: Buffer[]) {
  const data = Buffer.concat(parts);
  const size = data.length < 127 ? Buffer.from([0x80 | data.length]) : Buffer.from([0x40 | (data.length >> 8), data.length & 0xff]);
  return Buffer.concat([Buffer.from(id), size, data]);
}
const uint = (n: number) => Buffer.from([n]);

/** The start of a WebM as MediaRecorder writes it: EBML header, open-ended segment, one track, one cluster. */
function webm(codec: 'A_OPUS' | 'V_VP8', payloadBytes = 64): Buffer {
  const header = ebml([0x1a, 0x45, 0xdf, 0xa3],
    ebml([0x42, 0x86], uint(1)), ebml([0x42, 0xf7], uint(1)), ebml([0x42, 0xf2], uint(4)), ebml([0x42, 0xf3], uint(8)),
    ebml([0x42, 0x82], Buffer.from('webm')), ebml([0x42, 0x87], uint(4)), ebml([0x42, 0x85], uint(2)));
  const info = ebml([0x15, 0x49, 0xa9, 0x66], ebml([0x2a, 0xd7, 0xb1], Buffer.from([0x0f, 0x42, 0x40])), ebml([0x4d, 0x80], Buffer.from('Chrome')));
  const track = ebml([0xae], ebml([0xd7], uint(1)), ebml([0x73, 0xc5], uint(1)), ebml([0x83], uint(codec === 'A_OPUS' ? 2 : 1)), ebml([0x86], Buffer.from(codec)));
  const tracks = ebml([0x16, 0x54, 0xae, 0x6b], track);
  const cluster = Buffer.concat([Buffer.from([0x1f, 0x43, 0xb6, 0x75, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), ebml([0xe7], uint(0))]);
  const segment = Buffer.from([0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  return Buffer.concat([header, segment, info, tracks, cluster, randomBytes(payloadBytes)]);
}

const svg = () => Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><script>alert(1)</script></svg>');

describe('files: uploads, signed links, attachments and voice', () => {
  let t: TestDesk;
  let sam: { client: DeskClient; token: string; agentId: string };
  let chat: Awaited<ReturnType<typeof startChat>>;
  let samLive: ReturnType<typeof record<AgentLiveEvent>>;
  let visitorLive: ReturnType<typeof record<VisitorLiveEvent>>;
  const support = () => t.seed.departments.find((d) => d.name === 'Support')!.id;
  const as = (name: string, tenant = 'demo') => signedInClient(t.url, { tenant, email: `${name}@demo.deskkit.dev`, password: t.seed.password });
  const collection = (name: 'files' | 'chunks') => t.desk.services.models.Message.db.collection(`attachments.${name}`);
  const stored = async () => ({ files: await collection('files').countDocuments(), chunks: await collection('chunks').countDocuments() });

  /** `POST /files` with fetch; `body` as bytes (Content-Length) or a stream (chunked). */
  async function post(
    token: string | null,
    conversationId: string,
    body: Buffer | ReadableStream<Uint8Array>,
    options: { name?: string; headers?: Record<string, string> } = {},
  ) {
    const query = new URLSearchParams({ conversationId, ...(options.name ? { name: options.name } : {}) });
    const res = await fetch(`${t.url}/files?${query}`, {
      method: 'POST',
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), 'Content-Type': 'image/png', ...options.headers },
      body,
      duplex: 'half',
    } as RequestInit);
    return { status: res.status, json: (await res.json()) as UploadedFile & { error: string; code: string; maxBytes?: number } };
  }

  const upload = (token: string, conversationId: string, file: Buffer, name: string) =>
    uploadFile({ url: t.url, token, conversationId, file: new Uint8Array(file), name });

  /** A chunked body of `chunks` pieces, `size` bytes each, the first one being `first`. */
  const chunked = (first: Buffer, size: number, chunks: number) =>
    new ReadableStream<Uint8Array>({
      async pull(controller) {
        const sent = (this as unknown as { sent?: number }).sent ?? 0;
        if (sent === chunks) return controller.close();
        (this as unknown as { sent: number }).sent = sent + 1;
        controller.enqueue(sent === 0 ? first : new Uint8Array(size));
        await new Promise((resolve) => setTimeout(resolve, 2));
      },
    });

  before(async () => {
    t = await startTestDesk({ corsOrigins: ['https://partner.example'] });
    sam = await as('sam');
    samLive = await goLive(sam.client, { available: true, what: 'sam live' });
    chat = await startChat(t.url, { departmentId: support(), name: 'Fiona Files' });
    visitorLive = record<VisitorLiveEvent>((h) => chat.visitor.webchat.onEvent.subscribe(undefined, h));
    await waitFor(() => visitorLive.started, 3_000, 'visitor live');
    await sam.client.conversations.accept.mutate({ conversationId: chat.id });
  });
  after(async () => {
    samLive?.unsubscribe();
    visitorLive?.unsubscribe();
    await t?.close();
  });

  test('the content decides the type: images with their size, PDF, audio-only WebM; names are cleaned', async () => {
    const image = await upload(sam.token, chat.id, png(3, 2), 'C:\\Users\\sam\\photo.png');
    assert.deepEqual(
      { ...image, fileId: 'x' },
      { fileId: 'x', name: 'photo.png', contentType: 'image/png', size: png(3, 2).length, category: 'image', width: 3, height: 2, thumbnail: { width: 3, height: 2 } },
    );
    assert.match(image.fileId, /^[0-9a-f]{24}$/);

    const photo = await upload(sam.token, chat.id, jpeg(640, 480), 'holiday.pdf');
    assert.deepEqual([photo.contentType, photo.category, photo.width, photo.height, photo.name], ['image/jpeg', 'image', 640, 480, 'holiday.pdf']);
    assert.equal(photo.thumbnail, null, 'a header without pixels is kept, without a thumbnail');

    const doc = await upload(sam.token, chat.id, pdf(), '../../etc/\u202Eevil\u0007.pdf');
    assert.deepEqual([doc.contentType, doc.category, doc.width, doc.name], ['application/pdf', 'document', null, 'evil.pdf']);

    const voice = await upload(sam.token, chat.id, webm('A_OPUS'), 'voice.webm');
    assert.deepEqual([voice.contentType, voice.category], ['audio/webm', 'audio']);
    const video = await upload(sam.token, chat.id, webm('V_VP8'), 'clip.webm');
    assert.deepEqual([video.contentType, video.category], ['video/webm', 'video']);

    const text = await upload(sam.token, chat.id, Buffer.from('order,total\n1,9.99\n'), 'x'.repeat(300) + '.csv');
    assert.deepEqual([text.contentType, text.category], ['text/plain', 'document']);
    assert.equal([...text.name].length, 200);
    assert.ok(text.name.endsWith('.csv'), 'the extension survives the cut');

    const nameless = await post(sam.token, chat.id, pdf());
    assert.equal(nameless.status, 201);
    assert.equal(nameless.json.name, 'file');
  });

  test('a reply with an attachment and a visitor\u2019s voice message reach the other side live', async () => {
    const image = await upload(sam.token, chat.id, png(8, 8), 'screenshot.png');
    const reply = await sam.client.conversations.reply.mutate({ conversationId: chat.id, clientMessageId: clientMessageId(), body: 'Here you go', attachment: { fileId: image.fileId } });
    assert.equal(reply.message.kind, 'attachment');
    const seen = await waitFor(
      () => visitorLive.events.map((e) => e.data).find((e) => e.type === 'message' && e.message.id === reply.message.id),
      2_000,
      'visitor sees the attachment',
    );
    assert.ok(seen.type === 'message');
    assert.equal(seen.message.body, 'Here you go');
    assert.deepEqual(seen.message.attachment, { ...image, durationMs: null });

    // The visitor records a voice message (audio-only WebM) and sends it.
    const recording = await upload(chat.visitorToken, chat.id, webm('A_OPUS', 4_000), 'voice-message.webm');
    const sent = await chat.visitor.webchat.send.mutate({ conversationId: chat.id, clientMessageId: clientMessageId(), voice: { fileId: recording.fileId, durationMs: 3_200 } });
    assert.equal(sent.message.kind, 'voice');
    const heard = await waitFor(
      () => samLive.events.map((e) => e.data).find((e) => e.type === 'message' && e.message.id === sent.message.id),
      2_000,
      'agent sees the voice message',
    );
    assert.ok(heard.type === 'message');
    assert.equal(heard.message.kind, 'voice');
    assert.deepEqual(heard.message.attachment, { ...recording, durationMs: 3_200 });

    // Both sides can read both files through links.
    const { links } = await chat.visitor.files.links.query({ conversationId: chat.id, fileIds: [image.fileId, recording.fileId] });
    assert.deepEqual(Object.keys(links).sort(), [image.fileId, recording.fileId].sort());
    const res = await fetch(new URL(links[image.fileId]!.url, t.url));
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), png(8, 8));

    // Voice must be audio; files must be the sender's own upload in this conversation.
    const picture = await upload(chat.visitorToken, chat.id, png(1, 1), 'p.png');
    await assert.rejects(
      chat.visitor.webchat.send.mutate({ conversationId: chat.id, clientMessageId: clientMessageId(), voice: { fileId: picture.fileId, durationMs: 1_000 } }),
      trpcError('BAD_REQUEST', 'voice.fileId'),
    );
    // Video is not a voice message, whatever its container; Safari's audio-only MP4 recording is.
    for (const [body, name] of [[webm('V_VP8', 4_000), 'clip.webm'], [mp4(['vide', 'soun']), 'clip.mp4']] as const) {
      const video = await upload(chat.visitorToken, chat.id, body, name);
      assert.equal(video.category, 'video', name);
      await assert.rejects(
        chat.visitor.webchat.send.mutate({ conversationId: chat.id, clientMessageId: clientMessageId(), voice: { fileId: video.fileId, durationMs: 1_000 } }),
        trpcError('BAD_REQUEST', 'voice.fileId'),
        name,
      );
    }
    const safari = await upload(chat.visitorToken, chat.id, mp4(['soun'], 4_000), 'voice-message.mp4');
    assert.deepEqual([safari.contentType, safari.category], ['audio/mp4', 'audio']);
    const spoken = await chat.visitor.webchat.send.mutate({ conversationId: chat.id, clientMessageId: clientMessageId(), voice: { fileId: safari.fileId, durationMs: 2_000 } });
    assert.equal(spoken.message.kind, 'voice');
    await assert.rejects(
      chat.visitor.webchat.send.mutate({ conversationId: chat.id, clientMessageId: clientMessageId(), attachment: { fileId: image.fileId } }),
      trpcError('BAD_REQUEST', 'attachment.fileId'),
      'the agent\u2019s upload is not the visitor\u2019s to send',
    );
    const other = await startChat(t.url, { departmentId: support(), name: 'Other Otto' });
    await sam.client.conversations.accept.mutate({ conversationId: other.id });
    const elsewhere = await upload(sam.token, other.id, png(2, 2), 'elsewhere.png');
    await assert.rejects(
      sam.client.conversations.reply.mutate({ conversationId: chat.id, clientMessageId: clientMessageId(), attachment: { fileId: elsewhere.fileId } }),
      trpcError('BAD_REQUEST', 'attachment.fileId'),
    );
  });

  test('links serve the exact bytes with safe headers; SVG and documents always download', async () => {
    const image = await upload(sam.token, chat.id, png(5, 4), 'diagram \u00fcber "alles".png');
    const drawing = await upload(sam.token, chat.id, svg(), 'logo.png');
    assert.deepEqual([drawing.contentType, drawing.category, drawing.width, drawing.height], ['image/svg+xml', 'image', 40, 30]);
    const doc = await upload(sam.token, chat.id, pdf(), 'invoice.pdf');
    const { links } = await sam.client.files.links.query({ conversationId: chat.id, fileIds: [image.fileId, drawing.fileId, doc.fileId] });
    const expiresIn = Date.parse(links[image.fileId]!.expiresAt) - Date.now();
    assert.ok(expiresIn > 55 * 60_000 && expiresIn <= 70 * 60_000, `about an hour, got ${expiresIn}`);
    assert.ok(links[image.fileId]!.url.startsWith(`/files/${image.fileId}?`));

    const get = (path: string, headers: Record<string, string> = {}) => fetch(new URL(path, t.url), { headers });
    const res = await get(links[image.fileId]!.url);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/png');
    assert.equal(res.headers.get('content-length'), String(png(5, 4).length));
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('content-security-policy'), "sandbox; default-src 'none'; style-src 'unsafe-inline'; media-src 'self'; img-src 'self'");
    assert.equal(res.headers.get('cross-origin-resource-policy'), 'cross-origin', 'partner pages may show it');
    assert.match(res.headers.get('cache-control')!, /^private, max-age=\d+$/);
    assert.equal(res.headers.get('content-disposition'), `inline; filename="diagram _ber _alles_.png"; filename*=UTF-8''diagram%20%C3%BCber%20%22alles%22.png`);
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), png(5, 4));

    const download = await get(links[image.fileId]!.downloadUrl);
    assert.match(download.headers.get('content-disposition')!, /^attachment; /);
    assert.deepEqual(Buffer.from(await download.arrayBuffer()), png(5, 4));

    for (const file of [drawing, doc]) {
      const served = await get(links[file.fileId]!.url);
      assert.equal(served.headers.get('content-type'), file.contentType);
      assert.match(served.headers.get('content-disposition')!, /^attachment; /, `${file.contentType} never shows in place`);
      assert.match(served.headers.get('content-security-policy')!, /^sandbox; default-src 'none'/);
    }
    assert.deepEqual(Buffer.from(await (await get(links[drawing.fileId]!.url)).arrayBuffer()), svg());

    const head = await fetch(new URL(links[doc.fileId]!.url, t.url), { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), String(pdf().length));
  });

  test('range requests for seeking, across storage chunks', async () => {
    const audio = webm('A_OPUS', 600_000);
    const voice = await upload(sam.token, chat.id, audio, 'long.webm');
    const { links } = await sam.client.files.links.query({ conversationId: chat.id, fileIds: [voice.fileId] });
    const url = new URL(links[voice.fileId]!.url, t.url);
    const range = async (value: string) => {
      const res = await fetch(url, { headers: { Range: value } });
      return { status: res.status, contentRange: res.headers.get('content-range'), length: res.headers.get('content-length'), body: Buffer.from(await res.arrayBuffer()) };
    };
    const full = await fetch(url);
    assert.equal(full.headers.get('accept-ranges'), 'bytes');
    assert.match(full.headers.get('content-disposition')!, /^inline; /, 'audio plays in place');

    const across = await range('bytes=261000-261299'); // GridFS chunks are 255 KiB
    assert.equal(across.status, 206);
    assert.equal(across.contentRange, `bytes 261000-261299/${audio.length}`);
    assert.equal(across.length, '300');
    assert.deepEqual(across.body, audio.subarray(261000, 261300));

    const tail = await range('bytes=-10');
    assert.deepEqual([tail.status, tail.contentRange], [206, `bytes ${audio.length - 10}-${audio.length - 1}/${audio.length}`]);
    assert.deepEqual(tail.body, audio.subarray(-10));

    const open = await range(`bytes=${audio.length - 5}-`);
    assert.deepEqual(open.body, audio.subarray(-5));

    const beyond = await range(`bytes=${audio.length}-`);
    assert.deepEqual([beyond.status, beyond.contentRange], [416, `bytes */${audio.length}`]);
  });

  test('signatures: tampered, expired, swapped file or disposition → 403; a deleted file → 404', async () => {
    const [a, b] = [await upload(sam.token, chat.id, png(1, 1), 'a.png'), await upload(sam.token, chat.id, png(2, 1), 'b.png')];
    const { links } = await sam.client.files.links.query({ conversationId: chat.id, fileIds: [a.fileId, b.fileId] });
    const status = async (path: string) => {
      const res = await fetch(new URL(path, t.url));
      return { status: res.status, body: (await res.json().catch(() => null)) as { error: string; code: string } | null };
    };
    const link = new URL(links[a.fileId]!.url, t.url);
    const with_ = (changes: Record<string, string | null>, pathname = link.pathname) => {
      const copy = new URL(link);
      copy.pathname = pathname;
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) copy.searchParams.delete(key);
        else copy.searchParams.set(key, value);
      }
      return copy.pathname + copy.search;
    };
    const sig = link.searchParams.get('sig')!;
    const flipped = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    for (const path of [
      with_({ sig: flipped }),
      with_({ sig: null }),
      with_({ exp: String(Number(link.searchParams.get('exp')) + 600) }),
      with_({}, `/files/${b.fileId}`),
      with_({ dl: '1' }),
      with_({ t: '0'.repeat(24) }),
    ]) {
      const res = await status(path);
      assert.equal(res.status, 403, path);
      assert.equal(res.body?.code, 'FORBIDDEN');
    }

    // A correctly signed link past its expiry.
    const tenant = await t.desk.services.models.Tenant.findOne({ _id: t.seed.tenantId }).lean();
    assert.ok(tenant?.fileLinkSecret, 'the secret was created on first use');
    const exp = Math.floor(Date.now() / 1000) - 5;
    const expiredSig = createHmac('sha256', tenant.fileLinkSecret).update(`${t.seed.tenantId}\n${a.fileId}\n${exp}\nauto`).digest('base64url');
    const expired = await status(with_({ exp: String(exp), sig: expiredSig }));
    assert.equal(expired.status, 403);
    assert.match(expired.body!.error, /expired/);

    // Gone: a valid link to a file that no longer exists.
    await collection('files').deleteOne({ _id: new (await import('mongoose')).Types.ObjectId(a.fileId) });
    assert.equal((await status(links[a.fileId]!.url)).status, 404);
    assert.equal((await status(`/files/${'f'.repeat(24)}`)).status, 403, 'no signature, no answer about existence');
  });

  test('refused content: executables, HTML (whatever the name says), unknown binary → 415 and nothing stored', async () => {
    const before = await stored();
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(120), Buffer.from('PE\0\0', 'latin1'), randomBytes(512)]);
    const html = Buffer.from('  <!DOCTYPE html><html><body><script>steal()</script></body></html>');
    const sneaky = Buffer.from('<script>alert(document.cookie)</script>');
    for (const [body, name] of [[exe, 'invoice.pdf'], [html, 'photo.png'], [sneaky, 'notes.txt'], [randomBytes(2048), 'data.bin'], [Buffer.from('<?xml version="1.0"?><note/>'), 'n.xml']] as const) {
      const res = await post(sam.token, chat.id, body, { name });
      assert.equal(res.status, 415, name);
      assert.equal(res.json.code, 'UNSUPPORTED_MEDIA_TYPE');
      assert.match(res.json.error, /PDF.*images/);
    }
    const empty = await post(sam.token, chat.id, Buffer.alloc(0), { name: 'empty.txt' });
    assert.deepEqual([empty.status, empty.json.code], [400, 'BAD_REQUEST']);
    assert.deepEqual(await stored(), before);
  });

  test('tenant limits: size (by Content-Length, and while streaming) and categories; nothing stored when refused', async (ctx) => {
    const ada = (await as('ada')).client;
    ctx.after(() => ada.tenant.update.mutate({ uploads: { maxBytes: 10 * 1024 * 1024, allowedCategories: ['image', 'audio', 'video', 'document'] } }));
    assert.deepEqual((await ada.tenant.settings.query()).uploads, { maxBytes: 10 * 1024 * 1024, allowedCategories: ['image', 'audio', 'video', 'document'] });
    await assert.rejects(ada.tenant.update.mutate({ uploads: { maxBytes: 100 } }), trpcError('BAD_REQUEST', 'uploads.maxBytes'));
    await assert.rejects(ada.tenant.update.mutate({ uploads: { maxBytes: 101 * 1024 * 1024 } }), trpcError('BAD_REQUEST', 'uploads.maxBytes'));
    await assert.rejects(
      ada.tenant.update.mutate({ uploads: { allowedCategories: ['image', 'spreadsheet' as 'image'] } }),
      trpcError('BAD_REQUEST', 'uploads.allowedCategories.1'),
    );
    await assert.rejects((await as('sam')).client.tenant.update.mutate({ uploads: { maxBytes: 2048 } }), trpcError('FORBIDDEN'));

    const settings = await ada.tenant.update.mutate({ uploads: { maxBytes: 1024 } });
    assert.deepEqual(settings.uploads, { maxBytes: 1024, allowedCategories: ['image', 'audio', 'video', 'document'] }, 'categories kept');
    const before = await stored();
    const big = Buffer.concat([png(1, 1), Buffer.alloc(4096)]);
    const declared = await post(sam.token, chat.id, big, { name: 'big.png' });
    assert.deepEqual([declared.status, declared.json.code, declared.json.maxBytes], [413, 'PAYLOAD_TOO_LARGE', 1024]);
    const streamed = await post(sam.token, chat.id, chunked(png(1, 1), 512, 8), { name: 'big.png' });
    assert.deepEqual([streamed.status, streamed.json.code, streamed.json.maxBytes], [413, 'PAYLOAD_TOO_LARGE', 1024]);
    await assert.rejects(upload(sam.token, chat.id, big, 'big.png'), (err: unknown) => err instanceof UploadError && err.code === 'PAYLOAD_TOO_LARGE' && err.status === 413 && err.maxBytes === 1024);
    assert.equal((await upload(sam.token, chat.id, png(1, 1), 'small.png')).category, 'image', 'under the limit is fine');
    const afterSmall = await stored();

    // Past the part read to decide the type: the partial file written so far is removed.
    await ada.tenant.update.mutate({ uploads: { maxBytes: 300 * 1024 } });
    const partial = await post(sam.token, chat.id, chunked(png(1, 1), 16 * 1024, 30), { name: 'huge.png' });
    assert.deepEqual([partial.status, partial.json.maxBytes], [413, 300 * 1024]);
    assert.deepEqual(await stored(), afterSmall);
    assert.equal(afterSmall.files, before.files + 1);

    // A client that gives up midway leaves nothing behind either. (Images are held until
    // complete, for their thumbnail: this is a document, stored as it streams.)
    await ada.tenant.update.mutate({ uploads: { maxBytes: 10 * 1024 * 1024 } });
    const quit = new AbortController();
    const gaveUp = fetch(`${t.url}/files?conversationId=${chat.id}&name=gone.pdf`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sam.token}` },
      body: chunked(pdf(), 16 * 1024, 1_000),
      duplex: 'half',
      signal: quit.signal,
    } as RequestInit);
    await waitFor(async () => (await stored()).chunks > afterSmall.chunks, 5_000, 'part of the upload stored');
    quit.abort();
    await assert.rejects(gaveUp);
    await waitFor(async () => (await stored()).chunks === afterSmall.chunks, 5_000, 'partial upload removed');
    assert.deepEqual(await stored(), afterSmall);

    await ada.tenant.update.mutate({ uploads: { allowedCategories: ['document'] } });
    const image = await post(sam.token, chat.id, png(1, 1), { name: 'p.png' });
    assert.deepEqual([image.status, image.json.code], [415, 'UNSUPPORTED_MEDIA_TYPE']);
    assert.equal((await post(sam.token, chat.id, pdf(), { name: 'ok.pdf' })).status, 201);
    await ada.tenant.update.mutate({ uploads: { allowedCategories: [] } });
    assert.match((await post(sam.token, chat.id, pdf(), { name: 'ok.pdf' })).json.error, /turned off/);
  });

  test('who may upload and link: other tenants, other visitors, unseen or closed conversations', async () => {
    await seedDemo(t.desk.services, 'other');
    const outsider = await as('sam', 'other');
    const otherVisitor = await startChat(t.url, { departmentId: support(), name: 'Nosy Ned' });
    const chen = await as('chen'); // Sales only: cannot see a Support chat someone took
    const own = await upload(sam.token, chat.id, png(1, 1), 'mine.png');
    const before = await stored();
    for (const token of [outsider.token, otherVisitor.visitorToken, chen.token]) {
      const res = await post(token, chat.id, png(1, 1), { name: 'x.png' });
      assert.deepEqual([res.status, res.json.code, res.json.error], [404, 'NOT_FOUND', 'conversation not found']);
    }
    assert.equal((await post(sam.token, 'a'.repeat(24), png(1, 1))).status, 404, 'no such conversation looks the same');
    for (const client of [outsider.client, otherVisitor.visitor, chen.client]) {
      await assert.rejects(client.files.links.query({ conversationId: chat.id, fileIds: [own.fileId] }), trpcError('NOT_FOUND'));
    }
    // A file of another conversation, asked for through one the caller can see.
    const elsewhere = await upload(otherVisitor.visitorToken, otherVisitor.id, png(1, 1), 'theirs.png');
    await assert.rejects(sam.client.files.links.query({ conversationId: chat.id, fileIds: [own.fileId, elsewhere.fileId] }), trpcError('NOT_FOUND'));
    await assert.rejects(sam.client.files.links.query({ conversationId: chat.id, fileIds: [] }), trpcError('BAD_REQUEST', 'fileIds'));
    await assert.rejects(createDeskClient({ url: t.url }).files.links.query({ conversationId: chat.id, fileIds: [own.fileId] }), trpcError('UNAUTHORIZED'));

    // Partner keys: with conversations:read like an agent who sees everything; without, nothing.
    const pick = (res: { status: number; json: { error?: string } }) => [res.status, res.json.error];
    const ada = (await as('ada')).client;
    const reader = await ada.apiKeys.create.mutate({ name: 'crm', scopes: ['conversations:read'] });
    const blind = await ada.apiKeys.create.mutate({ name: 'presence only', scopes: ['presence:read'] });
    // They read files, but send nothing a file could go with: no uploads, seen or not.
    assert.deepEqual(pick(await post(reader.key, chat.id, pdf(), { name: 'from-crm.pdf' })), [403, 'partner keys cannot upload files']);
    const partner = createDeskClient({ url: t.url, apiKey: reader.key });
    assert.ok((await partner.files.links.query({ conversationId: chat.id, fileIds: [own.fileId] })).links[own.fileId]);
    assert.deepEqual(pick(await post(blind.key, chat.id, pdf())), [403, 'partner keys cannot upload files']);
    await assert.rejects(createDeskClient({ url: t.url, apiKey: blind.key }).files.links.query({ conversationId: chat.id, fileIds: [own.fileId] }), trpcError('NOT_FOUND'));

    // Credentials and origin: partner pages on the allow-list may upload from the browser, others not.
    assert.deepEqual((await post(null, chat.id, png(1, 1))).json.code, 'UNAUTHORIZED');
    assert.equal((await post('dks_not-a-session', chat.id, png(1, 1))).status, 401);
    assert.equal((await post(sam.token, chat.id, png(1, 1), { headers: { Origin: 'https://evil.example' } })).status, 403);
    const preflight = await fetch(`${t.url}/files?conversationId=${chat.id}`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://partner.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://partner.example');
    assert.match(preflight.headers.get('access-control-allow-headers')!, /Authorization/);
    const fromPartner = await fetch(`${t.url}/files?conversationId=${chat.id}&name=p.png`, {
      method: 'POST',
      headers: { Origin: 'https://partner.example', Authorization: `Bearer ${sam.token}` },
      body: new Uint8Array(png(1, 1)),
    });
    assert.equal(fromPartner.status, 201);
    assert.equal(fromPartner.headers.get('access-control-allow-origin'), 'https://partner.example');
    assert.deepEqual((await post(sam.token, 'not-an-id', png(1, 1))).json.code, 'BAD_REQUEST');

    // A closed conversation takes no more files.
    await sam.client.conversations.close.mutate({ conversationId: otherVisitor.id });
    const closed = await post(otherVisitor.visitorToken, otherVisitor.id, png(1, 1), { name: 'late.png' });
    assert.deepEqual([closed.status, closed.json.code], [409, 'CONFLICT']);
    assert.deepEqual(await stored(), { files: before.files + 2, chunks: before.chunks + 2 }, 'theirs and the partner page\u2019s');
  });
});
