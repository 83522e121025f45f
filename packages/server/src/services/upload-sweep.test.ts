import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { uploadFile, type AgentLiveEvent, type DeskClient } from '@deskkit/client';
import { mongo, Types } from 'mongoose';
import { trpcError } from '../testing/assertions.js';
import { clientMessageId, goLive, record, signedInClient, startChat } from '../testing/clients.js';
import { pdf, png } from '../testing/fixtures.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';
import { SWEEP_LEASE_MS } from './files.js';
import { UploadSweep } from './upload-sweep.js';

const DAY = 24 * 60 * 60_000;

describe('upload sweep: uploads no message took are removed after the grace period', () => {
  let t: TestDesk;
  let sam: { client: DeskClient; token: string; agentId: string };
  let conversationId: string;
  let live: ReturnType<typeof record<AgentLiveEvent>>;
  const db = () => t.desk.services.models.Message.db.db!;
  const files = () => db().collection('attachments.files');
  const sweep = () => t.desk.services.uploadSweep.sweep();

  /** A PDF of about `kib` KiB: more than one GridFS chunk (255 KiB) when large. */
  const upload = (kib = 1) =>
    uploadFile({ url: t.url, token: sam.token, conversationId, file: new Uint8Array(Buffer.concat([pdf(), Buffer.alloc(kib * 1024, ' ')])), name: 'scan.pdf' });
  const send = (fileId: string) => sam.client.conversations.reply.mutate({ conversationId, clientMessageId: clientMessageId(), attachment: { fileId } });
  /** Moves an upload back in time, as if uploaded `ms` ago. */
  const age = (fileId: string, ms = DAY + 60_000) => files().updateOne({ _id: new Types.ObjectId(fileId) }, { $set: { uploadDate: new Date(Date.now() - ms) } });
  /** What is stored of one file, in a bucket. */
  async function stored(fileId: string, bucket = 'attachments') {
    const _id = new Types.ObjectId(fileId);
    return {
      file: Boolean(await db().collection(`${bucket}.files`).findOne({ _id })),
      chunks: await db().collection(`${bucket}.chunks`).countDocuments({ files_id: _id }),
    };
  }
  const referencing = (fileId: string) => t.desk.services.models.Message.countDocuments({ tenantId: t.seed.tenantId, 'attachment.fileId': fileId });

  before(async () => {
    t = await startTestDesk();
    sam = await signedInClient(t.url, { email: 'sam@demo.deskkit.dev', password: t.seed.password });
    live = await goLive(sam.client, { available: true, what: 'sam live' });
    const chat = await startChat(t.url, { name: 'Uma', departmentId: t.seed.departments.find((d) => d.name === 'Support')!.id });
    conversationId = chat.id;
    await sam.client.conversations.accept.mutate({ conversationId });
  });
  after(async () => {
    live?.unsubscribe();
    await t?.close();
  });

  test('an old upload nothing references goes with its chunks and thumbnail; sent and recent uploads stay', async () => {
    const sent = await upload(600);
    await send(sent.fileId);
    const unsent = await upload(600);
    const recent = await upload();
    // A thumbnail stored under the upload's id, as image thumbnails are.
    const thumbnails = new mongo.GridFSBucket(db(), { bucketName: 'attachment-thumbnails' });
    for (const { fileId } of [sent, unsent]) {
      await new Promise<void>((resolve, reject) =>
        thumbnails.openUploadStreamWithId(new Types.ObjectId(fileId), 'thumb.webp').once('finish', () => resolve()).once('error', reject).end(png(4, 4)),
      );
    }
    // And a real image, whose thumbnail the desk made on upload.
    const photo = await uploadFile({ url: t.url, token: sam.token, conversationId, file: new Uint8Array(png(640, 480)), name: 'photo.png' });
    assert.deepEqual(await stored(photo.fileId, 'attachment-thumbnails'), { file: true, chunks: 1 });
    await age(photo.fileId);
    const sentBefore = await stored(sent.fileId);
    assert.ok(sentBefore.chunks >= 3, 'several chunks');
    assert.deepEqual(await stored(unsent.fileId), sentBefore);
    await age(sent.fileId);
    await age(unsent.fileId);
    await age(recent.fileId, DAY - 60_000);

    // The sent one was claimed by its send a moment ago: not even checked.
    assert.deepEqual(await sweep(), { removed: 2, kept: 0 });
    assert.deepEqual(await stored(photo.fileId), { file: false, chunks: 0 });
    assert.deepEqual(await stored(photo.fileId, 'attachment-thumbnails'), { file: false, chunks: 0 });
    assert.deepEqual(await stored(unsent.fileId), { file: false, chunks: 0 });
    assert.deepEqual(await stored(unsent.fileId, 'attachment-thumbnails'), { file: false, chunks: 0 });
    assert.deepEqual(await stored(sent.fileId), sentBefore);
    assert.deepEqual(await stored(sent.fileId, 'attachment-thumbnails'), { file: true, chunks: 1 });
    assert.deepEqual(await stored(recent.fileId), { file: true, chunks: 1 });
    // The sent file is still whole.
    const bytes: Buffer[] = [];
    for await (const chunk of t.desk.services.files.read({ fileId: sent.fileId, thumbnail: false })) bytes.push(chunk as Buffer);
    assert.equal(Buffer.concat(bytes).length, sent.size);

    assert.deepEqual(await sweep(), { removed: 0, kept: 0 });
    // A gone upload cannot be sent.
    await assert.rejects(send(unsent.fileId), trpcError('BAD_REQUEST', 'attachment.fileId'));
  });

  test('a message stored just before the sweep keeps its file, and so does a send that claimed it but has not stored its message yet', async () => {
    // Sent a moment ago, uploaded long ago (a draft left open for a day).
    const early = await upload();
    await age(early.fileId);
    await send(early.fileId);
    // Its claim long past too: only the message keeps it.
    await files().updateOne({ _id: new Types.ObjectId(early.fileId) }, { $set: { 'metadata.claimedAt': new Date(Date.now() - DAY - 60_000) } });

    // A send in flight: its file is claimed (as `reply` does before storing), its message not stored yet.
    const inFlight = await upload();
    await age(inFlight.fileId);
    const principal = await t.desk.services.auth.authenticate(sam.token);
    await t.desk.services.files.attachable(principal, conversationId, inFlight.fileId, 'attachment');

    assert.deepEqual(await sweep(), { removed: 0, kept: 1 });
    assert.deepEqual(await stored(early.fileId), { file: true, chunks: 1 });
    // Found referenced once, it is never checked again.
    assert.equal((await files().findOne({ _id: new Types.ObjectId(early.fileId) }))!.metadata.attached, true);
    assert.deepEqual(await stored(inFlight.fileId), { file: true, chunks: 1 });
    // The message comes; the file stays.
    await send(inFlight.fileId);
    assert.deepEqual(await sweep(), { removed: 0, kept: 0 });
    assert.equal(await referencing(inFlight.fileId), 1);
    // A claim whose message never came lasts the grace period only.
    const abandoned = await upload();
    await age(abandoned.fileId);
    await t.desk.services.files.attachable(principal, conversationId, abandoned.fileId, 'attachment');
    assert.deepEqual(await sweep(), { removed: 0, kept: 0 });
    await files().updateOne({ _id: new Types.ObjectId(abandoned.fileId) }, { $set: { 'metadata.claimedAt': new Date(Date.now() - DAY - 60_000) } });
    assert.deepEqual(await sweep(), { removed: 1, kept: 0 });
    assert.deepEqual(await stored(abandoned.fileId), { file: false, chunks: 0 });
  });

  test('a file another process is sweeping cannot be sent; a hold its dead sweep left is taken over by a send', async () => {
    const file = await upload();
    await age(file.fileId);
    const _id = new Types.ObjectId(file.fileId);
    // Another process's sweep holds it right now (what its sweep writes).
    await files().updateOne({ _id }, { $set: { 'metadata.sweep': { token: 'other-process', at: new Date() } } });
    await assert.rejects(send(file.fileId), trpcError('BAD_REQUEST', 'attachment.fileId'));
    assert.equal(await referencing(file.fileId), 0);
    assert.deepEqual(await sweep(), { removed: 0, kept: 0 }, 'this process leaves it to the other');

    // That process died: past the lease, a send takes the file over, and the dead sweep's hold is gone.
    await files().updateOne({ _id }, { $set: { 'metadata.sweep.at': new Date(Date.now() - SWEEP_LEASE_MS - 1_000) } });
    await send(file.fileId);
    const row = await files().findOne({ _id });
    assert.equal(row?.metadata?.sweep, undefined);
    assert.ok(row?.metadata?.claimedAt instanceof Date);
    assert.deepEqual(await sweep(), { removed: 0, kept: 0 });
    assert.deepEqual(await stored(file.fileId), { file: true, chunks: 1 });
  });

  test('sweeps of several processes racing sends: every referenced file survives whole, every other one goes', async () => {
    const uploads = [];
    for (let i = 0; i < 16; i++) uploads.push(await upload(300 + (i % 3)));
    for (const { fileId } of uploads) await age(fileId);
    // Three processes' sweeps, in small rounds so that they take turns.
    const processes = [2, 3, 5].map((batch) => new UploadSweep(t.desk.services.models, t.desk.services.log, { graceMs: DAY, batch }));
    const sends = uploads.filter((_, i) => i % 2 === 0).map(({ fileId }) => send(fileId).then(() => 'sent' as const, (err: Error) => (/no such upload/.test(err.message) ? ('refused' as const) : Promise.reject(err))));
    const [outcomes, runs] = await Promise.all([Promise.all(sends), Promise.all(processes.flatMap((p) => [p.sweep(), p.sweep()]))]);
    const settled = await sweep();
    const removed = [...runs, settled].reduce((n, r) => n + r.removed, 0);

    let referenced = 0;
    for (const { fileId, size } of uploads) {
      const state = await stored(fileId);
      if (await referencing(fileId)) {
        referenced++;
        assert.ok(state.file && state.chunks === 2, `${fileId}: referenced and whole`);
        assert.equal((await files().findOne({ _id: new Types.ObjectId(fileId) }))!.length, size);
      } else assert.deepEqual(state, { file: false, chunks: 0 }, `${fileId}: unreferenced and gone`);
    }
    assert.equal(referenced, outcomes.filter((o) => o === 'sent').length);
    assert.equal(removed, uploads.length - referenced, 'each file removed once');
  });
});
