import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { uploadFile, type AgentLiveEvent, type DeskClient, type UploadedFile } from '@deskkit/client';
import { seedDemo } from '../services/seed.js';
import { trpcError } from '../testing/assertions.js';
import { clientMessageId, goLive, record, signedInClient, startChat } from '../testing/clients.js';
import { pdf, png, pngBomb } from '../testing/fixtures.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

// ---- Real images, made here with sharp ----

const solid = (width: number, height: number, background: string) => sharp({ create: { width, height, channels: 3, background } });

/** A camera-style JPEG: stored landscape, EXIF says "rotate 90°" (orientation 6), with a camera make in its EXIF. */
const cameraJpeg = () => solid(1200, 800, '#1864ab').jpeg().withExif({ IFD0: { Make: 'DeskCam' } }).withMetadata({ orientation: 6 }).toBuffer();

/** A two-frame animated GIF: red, then blue. */
async function animatedGif(width: number, height: number) {
  const frames = await Promise.all(['#ff0000', '#0000ff'].map((colour) => solid(width, height, colour).png().toBuffer()));
  return sharp(frames, { join: { animated: true } }).gif().toBuffer();
}

describe('files: image thumbnails', () => {
  let t: TestDesk;
  let sam: { client: DeskClient; token: string };
  let chat: Awaited<ReturnType<typeof startChat>>;
  let samLive: ReturnType<typeof record<AgentLiveEvent>>;
  const support = () => t.seed.departments.find((d) => d.name === 'Support')!.id;
  const as = (name: string, tenant = 'demo') => signedInClient(t.url, { tenant, email: `${name}@demo.deskkit.dev`, password: t.seed.password });
  const db = () => t.desk.services.models.Message.db;
  const stored = async () => {
    const count = (name: string) => db().collection(name).countDocuments();
    return {
      files: await count('attachments.files'),
      chunks: await count('attachments.chunks'),
      thumbnails: await count('attachment-thumbnails.files'),
      thumbnailChunks: await count('attachment-thumbnails.chunks'),
    };
  };
  const upload = (token: string, conversationId: string, file: Buffer, name: string) =>
    uploadFile({ url: t.url, token, conversationId, file: new Uint8Array(file), name });
  const post = async (token: string, conversationId: string, body: Buffer, name: string) => {
    const res = await fetch(`${t.url}/files?conversationId=${conversationId}&name=${name}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: new Uint8Array(body) });
    return { status: res.status, json: (await res.json()) as UploadedFile & { error: string; code: string; maxBytes?: number } };
  };
  /** The links to one file, as the caller's client gets them. */
  const linksOf = async (client: DeskClient, conversationId: string, fileId: string) =>
    (await client.files.links.query({ conversationId, fileIds: [fileId] })).links[fileId]!;
  const get = (path: string, init?: RequestInit) => fetch(new URL(path, t.url), init);

  before(async () => {
    t = await startTestDesk();
    sam = await as('sam');
    // Online (live) and available, so the chat can be accepted.
    samLive = await goLive(sam.client, { available: true, what: 'sam live' });
    chat = await startChat(t.url, { departmentId: support(), name: 'Pia Pictures' });
    await sam.client.conversations.accept.mutate({ conversationId: chat.id });
  });
  after(async () => {
    samLive?.unsubscribe();
    await t?.close();
  });

  test('a photo gets an upright, metadata-free WebP thumbnail within 320 px, served through its own link', async () => {
    const photo = await cameraJpeg();
    assert.equal((await sharp(photo).metadata()).orientation, 6);
    const file = await upload(sam.token, chat.id, photo, 'IMG_0001.jpg');
    // Stored 1200 × 800, shown upright: 800 × 1200, so the thumbnail is 213 × 320.
    assert.deepEqual([file.width, file.height, file.thumbnail], [1200, 800, { width: 213, height: 320 }]);

    const link = await linksOf(sam.client, chat.id, file.fileId);
    assert.ok(link.thumbnailUrl?.startsWith(`/files/${file.fileId}/thumbnail?`), link.thumbnailUrl ?? 'no thumbnail link');
    const res = await get(link.thumbnailUrl!);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/webp');
    assert.equal(res.headers.get('content-disposition'), `inline; filename="IMG_0001.webp"; filename*=UTF-8''IMG_0001.webp`);
    assert.match(res.headers.get('cache-control')!, /^private, max-age=\d+$/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(res.headers.get('content-security-policy')!, /^sandbox; default-src 'none'/);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(res.headers.get('content-length'), String(bytes.length));
    assert.ok(bytes.length < photo.length, `${bytes.length} bytes, the original ${photo.length}`);

    const meta = await sharp(bytes).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['webp', 213, 320]);
    assert.equal(meta.exif, undefined, 'no EXIF (camera, GPS) in the thumbnail');
    assert.equal(meta.orientation, undefined, 'already upright');
    const pixel = await sharp(bytes).extract({ left: 100, top: 160, width: 1, height: 1 }).raw().toBuffer();
    assert.ok(Math.abs(pixel[0]! - 0x18) < 12 && Math.abs(pixel[2]! - 0xab) < 12, `the photo's colour, got ${[...pixel]}`);

    // The original is untouched, at its own link; HEAD answers like GET.
    assert.deepEqual(Buffer.from(await (await get(link.url)).arrayBuffer()), photo);
    const head = await get(link.thumbnailUrl!, { method: 'HEAD' });
    assert.deepEqual([head.status, head.headers.get('content-length')], [200, String(bytes.length)]);
  });

  test('bounded box, never enlarged; PNG, WebP and animated GIF (first frame); the message carries the size', async () => {
    const cases = [
      { name: 'wide.png', bytes: png(1000, 250), thumbnail: [320, 80] },
      { name: 'small.webp', bytes: await solid(100, 50, '#2f9e44').webp().toBuffer(), thumbnail: [100, 50] },
      { name: 'party.gif', bytes: await animatedGif(600, 300), thumbnail: [320, 160] },
    ];
    for (const c of cases) {
      const file = await upload(chat.visitorToken, chat.id, c.bytes, c.name);
      assert.deepEqual(file.thumbnail, { width: c.thumbnail[0], height: c.thumbnail[1] }, c.name);
      const link = await linksOf(chat.visitor, chat.id, file.fileId);
      const thumb = Buffer.from(await (await get(link.thumbnailUrl!)).arrayBuffer());
      const meta = await sharp(thumb).metadata();
      assert.deepEqual([meta.format, meta.width, meta.height, meta.pages ?? 1], ['webp', ...c.thumbnail, 1], c.name);
      if (c.name === 'party.gif') {
        const [r, , b] = await sharp(thumb).extract({ left: 10, top: 10, width: 1, height: 1 }).raw().toBuffer();
        assert.ok(r! > 200 && b! < 50, `the first (red) frame, got ${r}, ${b}`);
      }
    }

    // Sent, the message says the thumbnail's size: both sides lay it out before it loads.
    const file = await upload(chat.visitorToken, chat.id, png(900, 600), 'receipt.png');
    const sent = await chat.visitor.webchat.send.mutate({ conversationId: chat.id, clientMessageId: clientMessageId(), attachment: { fileId: file.fileId } });
    assert.deepEqual(sent.message.attachment?.thumbnail, { width: 320, height: 213 });
    const page = await sam.client.conversations.messages.query({ conversationId: chat.id });
    const seen = page.find((m) => m.id === sent.message.id);
    assert.deepEqual(seen?.attachment?.thumbnail, { width: 320, height: 213 });
  });

  test('no thumbnail for documents, SVG or an image our decoder cannot read (kept as it is)', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="3000"><rect width="4000" height="3000"/></svg>');
    const broken = Buffer.concat([png(400, 300).subarray(0, 60), Buffer.alloc(200, 0x42)]); // a real header, then garbage
    const before = await stored();
    for (const [bytes, name, category] of [[pdf(), 'invoice.pdf', 'document'], [svg, 'logo.svg', 'image'], [broken, 'cut.png', 'image']] as const) {
      const file = await upload(sam.token, chat.id, bytes, name);
      assert.deepEqual([file.category, file.thumbnail], [category, null], name);
      const link = await linksOf(sam.client, chat.id, file.fileId);
      assert.equal(link.thumbnailUrl, null, name);
      assert.deepEqual(Buffer.from(await (await get(link.url)).arrayBuffer()), bytes, `${name} is kept whole`);
      // A thumbnail link made up from the file's own link: refused.
      const made = new URL(link.url, t.url);
      made.pathname += '/thumbnail';
      assert.equal((await get(made.pathname + made.search)).status, 403, name);
    }
    const after = await stored();
    assert.deepEqual([after.files - before.files, after.thumbnails - before.thumbnails, after.thumbnailChunks - before.thumbnailChunks], [3, 0, 0]);
  });

  test('a decompression bomb is refused before anything is stored', async () => {
    const bomb = pngBomb(10_001, 10_000); // ~140 KB that would decode to 100 million pixels
    assert.ok(bomb.length < 300 * 1024, `${bomb.length} bytes`);
    const before = await stored();
    const res = await post(sam.token, chat.id, bomb, 'innocent.png');
    assert.deepEqual([res.status, res.json.code], [413, 'PAYLOAD_TOO_LARGE']);
    assert.equal(res.json.error, 'the image is too large to process (10001 × 10000 pixels; at most 100 megapixels)');
    assert.equal(res.json.maxBytes, undefined, 'not a matter of bytes');
    assert.deepEqual(await stored(), before, 'nothing in GridFS, neither original nor thumbnail');

    // The desk still works for the next image.
    const next = await upload(sam.token, chat.id, png(640, 640), 'fine.png');
    assert.deepEqual(next.thumbnail, { width: 320, height: 320 });
  });

  test('only callers who may see the conversation get a thumbnail; forged or swapped links are refused', async () => {
    const file = await upload(sam.token, chat.id, png(800, 400), 'private.png');
    const link = await linksOf(sam.client, chat.id, file.fileId);
    assert.equal((await get(link.thumbnailUrl!)).status, 200);
    assert.ok((await linksOf(chat.visitor, chat.id, file.fileId)).thumbnailUrl, 'the chat\u2019s visitor');

    // Another tenant, another visitor, an agent of another department: NOT_FOUND (HTTP 404), no links at all.
    const other = await seedDemo(t.desk.services, 'thumbs-other');
    const outsider = await as('sam', 'thumbs-other');
    const otherVisitor = await startChat(t.url, { departmentId: support(), name: 'Nosy Nina' });
    const chen = await as('chen');
    for (const client of [outsider.client, otherVisitor.visitor, chen.client]) {
      await assert.rejects(linksOf(client, chat.id, file.fileId), trpcError('NOT_FOUND'));
    }
    const viaTrpc = await fetch(`${t.url}/trpc/files.links?input=${encodeURIComponent(JSON.stringify({ conversationId: chat.id, fileIds: [file.fileId] }))}`, {
      headers: { Authorization: `Bearer ${otherVisitor.visitorToken}` },
    });
    assert.equal(viaTrpc.status, 404);
    // Their own conversation does not open this file either.
    await assert.rejects(linksOf(otherVisitor.visitor, otherVisitor.id, file.fileId), trpcError('NOT_FOUND'));

    // Links: the thumbnail's signature opens only the thumbnail, and only in this tenant.
    const thumb = new URL(link.thumbnailUrl!, t.url);
    const original = new URL(link.url, t.url);
    const variants = [
      `${original.pathname}${thumb.search}`, // the thumbnail's signature on the original
      `${thumb.pathname}${original.search}`, // the original's signature on the thumbnail
      `${thumb.pathname}?${new URLSearchParams({ ...Object.fromEntries(thumb.searchParams), t: other.tenantId })}`,
      `${thumb.pathname}?${new URLSearchParams({ ...Object.fromEntries(thumb.searchParams), sig: 'x'.repeat(43) })}`,
    ];
    for (const path of variants) assert.equal((await get(path)).status, 403, path);
    assert.equal((await get(thumb.pathname)).status, 403, 'no signature, no answer about existence');
    assert.equal((await get(link.thumbnailUrl!, { method: 'POST' })).status, 405);
  });
});
