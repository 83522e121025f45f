import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test, type TestContext } from 'node:test';
import { uploadFile, type AgentLiveEvent, type DeskClient } from '@deskkit/client';
import type { PhoneChannel } from '../schemas/channels.js';
import { trpcError } from '../testing/assertions.js';
import { postWebhook, startMediaHost, startTestProvider } from '../testing/channel-provider.js';
import { clientMessageId, goLive, record, signedInClient, waitFor } from '../testing/clients.js';
import { oggOpus, pdf, png } from '../testing/fixtures.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

const numbers = { sms: '+15550100100', whatsapp: '+15550100200' } as const;

describe('SMS/WhatsApp media: customers\u2019 files fetched and stored, agents\u2019 files sent as signed links', () => {
  let t: TestDesk;
  const providers = {} as Record<PhoneChannel, Awaited<ReturnType<typeof startTestProvider>>>;
  const webhookSecrets = {} as Record<PhoneChannel, string>;
  let host: Awaited<ReturnType<typeof startMediaHost>>;
  let ada: DeskClient;
  let sam: { client: DeskClient; token: string };
  let samLive: ReturnType<typeof record<AgentLiveEvent>>;

  let n = 0;
  const eventId = () => `media-${Date.now()}-${++n}`;
  const post = (channel: PhoneChannel, body: Record<string, unknown>) =>
    postWebhook(t.url, `/channels/demo/${channel}/webhook`, body, { secret: webhookSecrets[channel] });
  const inbound = (from: string, extra: Record<string, unknown>, channel: PhoneChannel = 'whatsapp') => {
    const event = { id: eventId(), type: 'message', from, to: numbers[channel], timestamp: Math.floor(Date.now() / 1000), ...extra };
    return { event, posted: post(channel, event) };
  };
  const timeline = async (conversationId: string) => (await sam.client.conversations.messages.query({ conversationId })).filter((m) => m.kind !== 'event' || m.event?.type !== 'created');
  const gridfs = () => t.desk.services.models.Message.db.collection('attachments.files').countDocuments();
  const counts = async () => ({
    messages: await t.desk.services.models.Message.countDocuments({ tenantId: t.seed.tenantId }),
    files: await gridfs(),
  });
  /** The bytes of a stored file, through a signed link as agents get it. */
  async function download(conversationId: string, fileId: string) {
    const { links } = await sam.client.files.links.query({ conversationId, fileIds: [fileId] });
    const res = await fetch(`${t.url}${links[fileId]!.downloadUrl}`);
    return { type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
  }

  before(async () => {
    t = await startTestDesk({ demo: true });
    host = await startMediaHost();
    ada = (await signedInClient(t.url, { tenant: 'demo', email: 'ada@demo.deskkit.dev', password: t.seed.password })).client;
    const signedIn = await signedInClient(t.url, { tenant: 'demo', email: 'sam@demo.deskkit.dev', password: t.seed.password });
    sam = { client: signedIn.client, token: signedIn.token };
    // Online and Available, to accept the chats the tests start.
    samLive = await goLive(sam.client, { available: true, what: 'live' });
    for (const channel of ['sms', 'whatsapp'] as const) {
      providers[channel] = await startTestProvider();
      await ada.channels.configure.mutate({ channel, endpoint: providers[channel].url, fromNumber: numbers[channel] });
      const { secrets } = await ada.channels.rotateSecret.mutate({ channel });
      webhookSecrets[channel] = secrets.webhookSecret!;
      providers[channel].state.secret = secrets.signingSecret!;
    }
  });
  after(async () => {
    samLive.unsubscribe();
    await t.desk.services.outbound.idle();
    for (const provider of Object.values(providers)) await provider.close();
    await host.close();
    await t.close();
  });

  test('a WhatsApp photo, voice note and document arrive as stored files, typed by their bytes; a replay fetches nothing', async () => {
    const image = png(40, 30);
    const photo = inbound('+447700900101', {
      name: 'Phoebe Photo',
      media: [{ url: host.host('/m/photo-1', { contentType: 'image/png', body: image }), contentType: 'image/png', filename: 'crack.png', caption: 'The screen is cracked' }],
    });
    const answer = await photo.posted;
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const conversationId = answer.body.conversationId as string;
    const view = await sam.client.conversations.get.query({ conversationId });
    assert.deepEqual([view.channel, view.subject, view.customer.name], ['whatsapp', 'The screen is cracked', 'Phoebe Photo']);
    const [first] = await timeline(conversationId);
    assert.equal(first!.kind, 'attachment');
    assert.equal(first!.body, 'The screen is cracked');
    assert.equal(first!.author.kind, 'customer');
    assert.deepEqual(
      { name: first!.attachment!.name, type: first!.attachment!.contentType, category: first!.attachment!.category, w: first!.attachment!.width, h: first!.attachment!.height, size: first!.attachment!.size },
      { name: 'crack.png', type: 'image/png', category: 'image', w: 40, h: 30, size: image.length },
    );
    const stored = await download(conversationId, first!.attachment!.fileId);
    assert.equal(stored.type, 'image/png');
    assert.ok(stored.bytes.equals(image), 'the very bytes the customer sent');

    // A voice note (WhatsApp's push-to-talk: Ogg Opus) is a voice message.
    const note = oggOpus(2_000);
    const voice = await inbound('+447700900101', {
      media: [{ url: host.host('/m/voice-1.ogg', { contentType: 'audio/ogg; codecs=opus', body: note }), contentType: 'audio/ogg', voice: true }],
    }).posted;
    assert.equal(voice.body.conversationId, conversationId);
    // A lying content type: the host says JPEG, the bytes are a PDF; it is stored as what it is.
    const lying = await inbound('+447700900101', {
      media: [{ url: host.host('/m/invoice.pdf', { contentType: 'image/jpeg', body: pdf() }), contentType: 'image/jpeg' }],
    }).posted;
    assert.equal(lying.status, 200);
    const [, voiceMessage, document] = await timeline(conversationId);
    assert.deepEqual(
      [voiceMessage!.kind, voiceMessage!.attachment!.contentType, voiceMessage!.attachment!.category, voiceMessage!.attachment!.name, voiceMessage!.body],
      ['voice', 'audio/ogg', 'audio', 'voice-1.ogg', ''],
    );
    assert.ok((await download(conversationId, voiceMessage!.attachment!.fileId)).bytes.equals(note));
    assert.deepEqual(
      [document!.kind, document!.attachment!.contentType, document!.attachment!.category, document!.attachment!.name],
      ['attachment', 'application/pdf', 'document', 'invoice.pdf'],
    );
    assert.equal((await download(conversationId, document!.attachment!.fileId)).type, 'application/pdf');

    // The provider delivers the photo's event again: acknowledged; no download, file or message added.
    const before = await counts();
    const replay = await post('whatsapp', photo.event);
    assert.deepEqual([replay.status, replay.body.duplicate], [200, true]);
    assert.deepEqual(await counts(), before);
    assert.equal(host.hits.get('/m/photo-1'), 1);
  });

  test('a file that cannot be had still delivers its caption, with a system note saying why; nothing half-stored', async (ctx: TestContext) => {
    const options = t.desk.services.channelInbound.options;
    const timeoutMs = options.mediaTimeoutMs;
    options.mediaTimeoutMs = 700;
    ctx.after(() => {
      options.mediaTimeoutMs = timeoutMs;
    });
    await ada.tenant.update.mutate({ uploads: { maxBytes: 2_048 } });
    ctx.after(() => ada.tenant.update.mutate({ uploads: { maxBytes: 10 * 1024 * 1024 } }));

    const from = '+447700900102';
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['gone', { url: host.host('/m/gone', { status: 404, body: 'no' }), contentType: 'image/jpeg' }, /HTTP 404/],
      ['too large', { url: host.host('/m/huge.png', { contentType: 'image/png', body: Buffer.concat([png(4, 4), randomBytes(5_000)]) }), contentType: 'image/png' }, /larger than 2 KiB/],
      ['HTML calling itself an image', { url: host.host('/m/evil.png', { contentType: 'image/png', body: '<html><script>alert(1)</script></html>' }), contentType: 'image/png' }, /cannot be sent/],
      ['too slow', { url: host.host('/m/slow.jpg', { contentType: 'image/jpeg', body: png(4, 4), delayMs: 3_000 }), contentType: 'image/jpeg' }, /within 0.7 s/],
      ['redirected to a private address', { url: host.host('/m/hop', { redirect: 'https://127.0.0.1:9/secret' }), contentType: 'image/jpeg' }, /private address/],
      ['an https link to a private address', { url: 'https://127.0.0.1:9/photo.jpg', contentType: 'image/jpeg' }, /points to a private address/],
      ['redirected to plain http', { url: host.host('/m/hop-http', { redirect: 'http://example.com/x.jpg' }), contentType: 'image/jpeg' }, /not https/],
    ];
    let conversationId = '';
    for (const [name, media, reason] of cases) {
      const filesBefore = await gridfs();
      const { event, posted } = inbound(from, { media: [{ ...media, caption: `Caption: ${name}` }] });
      const answer = await posted;
      assert.equal(answer.status, 200, `${name}: ${JSON.stringify(answer.body)}`);
      conversationId = answer.body.conversationId as string;
      const entries = await timeline(conversationId);
      const [text, note] = entries.slice(-2);
      assert.deepEqual([text!.kind, text!.author.kind, text!.body], ['text', 'customer', `Caption: ${name}`], name);
      assert.equal(note!.event?.type, 'media-failed', name);
      const failed = note!.event as { type: 'media-failed'; name: string; contentType: string; reason: string };
      assert.match(failed.reason, reason, name);
      assert.equal(failed.contentType, media.contentType);
      assert.equal(await gridfs(), filesBefore, `${name}: no file kept`);
      // A retried webhook adds nothing.
      const before = await counts();
      assert.equal((await post('whatsapp', event)).body.duplicate, true);
      assert.deepEqual(await counts(), before);
    }
    assert.equal(host.hits.get('/m/huge.png'), 1);
    // Without a caption the note alone records it; a named file keeps its name.
    const bare = await inbound(from, { media: [{ url: host.host('/m/missing/scan.pdf', { status: 500 }), contentType: 'application/pdf' }] }).posted;
    const last = (await timeline(bare.body.conversationId as string)).at(-1)!;
    assert.deepEqual([last.event?.type, (last.event as { name: string }).name], ['media-failed', 'scan.pdf']);
    assert.equal(bare.body.conversationId, conversationId);
  });

  test('webhooks with bad media are refused and store nothing', async () => {
    const before = await counts();
    const base = { id: eventId(), type: 'message', from: '+447700900103', to: numbers.whatsapp, timestamp: Math.floor(Date.now() / 1000) };
    const bad: Array<[unknown, string]> = [
      [[{ url: 'ftp://files.example/x.jpg', contentType: 'image/jpeg' }], 'media.0.url'],
      [[{ url: 'http://files.example/x.jpg', contentType: 'image/jpeg' }], 'media.0.url'],
      [[{ url: 'https://user:pw@files.example/x.jpg', contentType: 'image/jpeg' }], 'media.0.url'],
      [[{ url: 'https://files.example/x.jpg' }], 'media.0.contentType'],
      [[], 'media'],
      [Array.from({ length: 6 }, () => ({ url: 'https://files.example/x.jpg', contentType: 'image/jpeg' })), 'media'],
    ];
    for (const [media, field] of bad) {
      const res = await post('whatsapp', { ...base, media });
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.field, field);
    }
    assert.deepEqual(await counts(), before);
  });

  for (const channel of ['whatsapp', 'sms'] as const) {
    test(`agents\u2019 files and voice go out on ${channel} as signed links the provider fetches`, async () => {
      const provider = providers[channel];
      const from = channel === 'sms' ? '+447700900104' : '+447700900105';
      const { body } = await inbound(from, { text: `Hi on ${channel}` }, channel).posted;
      const conversationId = body.conversationId as string;
      await sam.client.conversations.accept.mutate({ conversationId });
      const upload = (bytes: Buffer, name: string) => uploadFile({ url: t.url, token: sam.token, conversationId, file: new Uint8Array(bytes), name });

      const image = png(24, 24);
      const file = await upload(image, 'label.png');
      const { message } = await sam.client.conversations.reply.mutate({ conversationId, attachment: { fileId: file.fileId }, body: 'Your label', clientMessageId: clientMessageId() });
      const sent = await waitFor(() => provider.sends.find((s) => s.message.reference === message.id), 3_000, 'the provider got it');
      assert.equal(sent.message.body, 'Your label');
      const [media] = sent.message.media!;
      assert.deepEqual(
        { type: media!.contentType, filename: media!.filename, size: media!.size, category: media!.category, voice: media!.voice },
        { type: 'image/png', filename: 'label.png', size: image.length, category: 'image', voice: false },
      );
      assert.ok(media!.url.startsWith(`${t.url}/files/${file.fileId}?`), media!.url);
      assert.ok(Date.parse(media!.expiresAt) > Date.now() + 30 * 60_000, 'valid long enough to fetch');
      // The provider fetched it with no credentials but the link's own signature.
      const [fetched] = sent.fetched;
      assert.deepEqual([fetched!.status, fetched!.contentType, fetched!.disposition?.startsWith('attachment')], [200, 'image/png', true]);
      assert.ok(fetched!.bytes.equals(image));
      const tampered = await fetch(media!.url.replace(/sig=[^&]+/, 'sig=forged'));
      assert.equal(tampered.status, 403);
      await waitFor(async () => (await timeline(conversationId)).find((m) => m.id === message.id)?.delivery?.status === 'sent', 3_000, 'sent');

      const recording = oggOpus(1_000);
      const voiceFile = await upload(recording, 'voice.ogg');
      const { message: voice } = await sam.client.conversations.reply.mutate({ conversationId, voice: { fileId: voiceFile.fileId, durationMs: 2_300 }, clientMessageId: clientMessageId() });
      const voiceSent = await waitFor(() => provider.sends.find((s) => s.message.reference === voice.id), 3_000, 'voice sent');
      assert.equal(voiceSent.message.body, '');
      assert.deepEqual([voiceSent.message.media![0]!.contentType, voiceSent.message.media![0]!.voice, voiceSent.message.media![0]!.category], ['audio/ogg', true, 'audio']);
      assert.ok(voiceSent.fetched[0]!.bytes.equals(recording));

      // Text stays text: no media on a plain reply.
      const { message: text } = await sam.client.conversations.reply.mutate({ conversationId, body: 'Anything else?', clientMessageId: clientMessageId() });
      const textSent = await waitFor(() => provider.sends.find((s) => s.message.reference === text.id), 3_000, 'text sent');
      assert.equal(textSent.message.media, undefined);
      await sam.client.conversations.close.mutate({ conversationId });
    });
  }

  test('a text-only account refuses files and voice before storing anything, and says so to agents', async (ctx: TestContext) => {
    await ada.channels.configure.mutate({ channel: 'whatsapp', endpoint: providers.whatsapp.url, fromNumber: numbers.whatsapp, media: false });
    ctx.after(() => ada.channels.configure.mutate({ channel: 'whatsapp', endpoint: providers.whatsapp.url, fromNumber: numbers.whatsapp }));
    assert.deepEqual(
      (await sam.client.channels.available.query()).map((a) => [a.channel, a.media]),
      [['sms', true], ['whatsapp', false]],
    );
    assert.equal((await ada.channels.list.query()).find((a) => a.channel === 'whatsapp')!.media, false);

    const { body } = await inbound('+447700900106', { text: 'Can you send me the form?' }).posted;
    const conversationId = body.conversationId as string;
    await sam.client.conversations.accept.mutate({ conversationId });
    const file = await uploadFile({ url: t.url, token: sam.token, conversationId, file: new Uint8Array(pdf()), name: 'form.pdf' });
    const before = await counts();
    const refused = (err: Error) => trpcError('PRECONDITION_FAILED')(err) && /text only/.test(err.message);
    await assert.rejects(sam.client.conversations.reply.mutate({ conversationId, attachment: { fileId: file.fileId }, clientMessageId: clientMessageId() }), refused);
    await assert.rejects(sam.client.conversations.reply.mutate({ conversationId, voice: { fileId: file.fileId, durationMs: 1_000 }, clientMessageId: clientMessageId() }), refused);
    assert.deepEqual(await counts(), before);
    // Text still goes, and customers' files still come in.
    assert.equal((await sam.client.conversations.reply.mutate({ conversationId, body: 'Here is the link instead.', clientMessageId: clientMessageId() })).created, true);
    const photo = await inbound('+447700900106', { media: [{ url: host.host('/m/filled.png', { contentType: 'image/png', body: png(8, 8) }), contentType: 'image/png' }] }).posted;
    assert.equal((await timeline(photo.body.conversationId as string)).at(-1)!.kind, 'attachment');
    await sam.client.conversations.close.mutate({ conversationId });
  });
});
