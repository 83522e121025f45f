import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Readable } from 'node:stream';
import { mongo, Types } from 'mongoose';
import type { Logger } from '../logger.js';
import type { Models } from '../models/index.js';
import { DEFAULT_MAX_UPLOAD_BYTES, uploadCategories, type UploadLimits } from '../schemas/files.js';
import type { AttachmentView } from './conversation-views.js';
import { invalidField, notFound } from './errors.js';
import { describeCategories, SNIFF_BYTES, sniffFile } from './file-sniff.js';
import type { Principal } from './principal.js';
import { randomToken } from './secrets.js';
import { hasThumbnail, ImageTooLargeError, makeThumbnail, MAX_IMAGE_PIXELS, THUMBNAIL_TYPE, type Thumbnail } from './thumbnails.js';

/** GridFS bucket holding every tenant's uploads; each file's metadata names its tenant and conversation. */
export const ATTACHMENT_BUCKET = 'attachments';
/** GridFS bucket holding image thumbnails, each under the id of its original and with the same tenant and conversation. */
export const THUMBNAIL_BUCKET = 'attachment-thumbnails';

/** Buckets of files made from an upload and stored under its id (image thumbnails); removed with it. */
export const DERIVED_BUCKETS = [THUMBNAIL_BUCKET] as const;

/**
 * How long the orphan sweep may hold an upload it is checking (`metadata.sweep`): a send
 * of that file is refused while the hold is younger, and takes over an older one (its sweep died).
 */
export const SWEEP_LEASE_MS = 10 * 60_000;

/** How long download links work (rounded up to the next 10 minutes, so repeated asks give the same, cacheable URL). */
const LINK_TTL_S = 60 * 60;
const LINK_GRANULARITY_S = 10 * 60;

/** Who uploaded a file, as stored in its metadata. */
export const uploaderOf = (caller: Principal) =>
  caller.kind === 'agent' ? { kind: 'agent', id: caller.agentId } : caller.kind === 'visitor' ? { kind: 'customer', id: caller.customerId } : { kind: 'partner', id: caller.keyId };

/** What `POST /files` answers: the stored file, ready to send as `attachment` or `voice`. */
export type UploadedFile = Omit<AttachmentView, 'durationMs'>;

/** A stored file (or an image's thumbnail) as the download route needs it. */
export interface StoredFile {
  fileId: string;
  name: string;
  contentType: string;
  size: number;
  thumbnail: boolean;
}

/**
 * Links to one file: `url` shows images, audio and video in place; `downloadUrl` always
 * downloads; `thumbnailUrl` shows an image's small copy (null when it has none). Paths
 * relative to the desk's URL.
 */
export interface FileLink {
  url: string;
  downloadUrl: string;
  thumbnailUrl: string | null;
  expiresAt: string;
}

export type FileErrorCode = 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE' | 'BAD_REQUEST' | 'CONFLICT' | 'FORBIDDEN' | 'NOT_FOUND';

/** An upload or download refused, with the HTTP status it answers with. */
export class FileError extends Error {
  constructor(
    readonly status: number,
    readonly code: FileErrorCode,
    message: string,
    readonly maxBytes?: number,
  ) {
    super(message);
  }
}

const tooLarge = (maxBytes: number) =>
  new FileError(413, 'PAYLOAD_TOO_LARGE', `the file is larger than ${formatBytes(maxBytes)}`, maxBytes);

const formatBytes = (n: number) => (n >= 1024 * 1024 ? `${+(n / 1024 / 1024).toFixed(1)} MiB` : `${+(n / 1024).toFixed(1)} KiB`);

/** A tenant's upload limits; tenants stored before limits existed get the defaults. */
export function uploadLimitsOf(tenant: { uploads?: { maxBytes?: number | null; allowedCategories?: string[] | null } | null }): UploadLimits {
  const categories = tenant.uploads?.allowedCategories;
  return {
    maxBytes: tenant.uploads?.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
    allowedCategories: categories ? uploadCategories.filter((c) => categories.includes(c)) : [...uploadCategories],
  };
}

/** The name as shown and offered for download: no folders, no control or direction characters, at most 200 characters. */
export function sanitizeFileName(raw: string | undefined): string {
  const base = (raw ?? '').normalize('NFC').split(/[\\/]/).pop() ?? '';
  let name = base
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
  if (/^\.+$/.test(name)) name = '';
  const chars = [...name];
  if (chars.length > 200) {
    // Keep the extension when cutting.
    const ext = [.../\.[^.\s]{1,16}$/u.exec(name)?.[0] ?? ''];
    name = chars.slice(0, 200 - ext.length).join('').trimEnd() + ext.join('');
  }
  return name || 'file';
}

/** Uploaded files: stored in GridFS per tenant and conversation, attached to messages by id, read through signed links. */
export class FileService {
  private readonly secrets = new Map<string, string>();
  private readonly buckets = new Map<string, mongo.GridFSBucket>();

  constructor(
    private readonly models: Models,
    private readonly log: Logger,
  ) {}

  private collection(bucket: string, kind: 'files' | 'chunks') {
    return this.models.Message.db.collection(`${bucket}.${kind}`);
  }

  private get files() {
    return this.collection(ATTACHMENT_BUCKET, 'files');
  }

  private bucket(name = ATTACHMENT_BUCKET) {
    let bucket = this.buckets.get(name);
    if (!bucket) this.buckets.set(name, (bucket = new mongo.GridFSBucket(this.models.Message.db.db!, { bucketName: name })));
    return bucket;
  }

  async limits(tenantId: string): Promise<UploadLimits> {
    const tenant = await this.models.Tenant.findOne({ _id: tenantId }).select({ uploads: 1 }).lean();
    if (!tenant) throw notFound('tenant');
    return uploadLimitsOf(tenant);
  }

  /**
   * Stores an upload for a conversation the caller may see (checked by the caller of
   * this method). The type is decided from the first bytes before anything is
   * written; the size is counted as it streams. Raster images also get a thumbnail
   * (see `thumbnails.ts`). On any refusal or failure nothing stays stored.
   */
  async upload(
    caller: Principal,
    conversationId: string,
    input: { name?: string; body: AsyncIterable<Uint8Array>; declaredBytes?: number },
  ): Promise<UploadedFile> {
    return this.store(caller.tenantId, conversationId, uploaderOf(caller), input);
  }

  /**
   * Stores a file the desk fetched itself (a customer's WhatsApp/MMS media) like an
   * upload by `uploader`. With `fileId`, a retry is idempotent: a file already complete
   * under that id is answered as it is, and a partial one left by a crash is replaced.
   */
  async store(
    tenantId: string,
    conversationId: string,
    uploader: { kind: string; id: string },
    input: { name?: string; body: AsyncIterable<Uint8Array>; declaredBytes?: number; fileId?: Types.ObjectId },
  ): Promise<UploadedFile> {
    if (input.fileId) {
      const where = { _id: input.fileId, 'metadata.tenantId': tenantId, 'metadata.conversationId': conversationId };
      if (await this.files.findOne(where)) {
        // Its message is stored next: claimed like any attachment, so the orphan sweep leaves it be.
        const done = await this.claim(where);
        if (!done) throw new FileError(409, 'CONFLICT', 'the file was left unused and is being removed; send it again');
        return uploadedOf(done);
      }
      await this.discard(input.fileId);
    }
    const fileId = input.fileId ?? new Types.ObjectId();
    const limits = await this.limits(tenantId);
    if (input.declaredBytes !== undefined && input.declaredBytes > limits.maxBytes) throw tooLarge(limits.maxBytes);
    // Never `return()` this iterator: that would destroy the request before the refusal is answered.
    const body = input.body[Symbol.asyncIterator]();

    const headChunks: Uint8Array[] = [];
    let size = 0;
    let complete = false;
    while (size < SNIFF_BYTES) {
      const next = await body.next();
      if (next.done) {
        complete = true;
        break;
      }
      headChunks.push(next.value);
      size += next.value.length;
      if (size > limits.maxBytes) throw tooLarge(limits.maxBytes);
    }
    if (size === 0) throw new FileError(400, 'BAD_REQUEST', 'the file is empty');
    const head = Buffer.concat(headChunks);
    const sniffed = await sniffFile(head, complete);
    if (!sniffed || !limits.allowedCategories.includes(sniffed.category)) {
      const allowed = limits.allowedCategories.length ? `${describeCategories(limits.allowedCategories)} only` : 'uploads are turned off';
      throw new FileError(415, 'UNSUPPORTED_MEDIA_TYPE', `this kind of file cannot be sent: ${allowed}`);
    }

    // A raster image is read whole first (sharp needs all of it anyway): its thumbnail is
    // made before anything is stored, so an image too large to decode leaves nothing behind.
    let first: Uint8Array = head;
    let thumbnail: Thumbnail | null = null;
    if (hasThumbnail(sniffed.contentType)) {
      const parts: Uint8Array[] = [head];
      while (!complete) {
        const next = await body.next();
        if (next.done) complete = true;
        else {
          size += next.value.length;
          if (size > limits.maxBytes) throw tooLarge(limits.maxBytes);
          parts.push(next.value);
        }
      }
      const whole = Buffer.concat(parts);
      first = whole;
      thumbnail = await this.thumbnail(whole, sniffed, { tenantId, conversationId });
    }

    const name = sanitizeFileName(input.name);
    const metadata = {
      tenantId,
      conversationId,
      uploader,
      name,
      contentType: sniffed.contentType,
      category: sniffed.category,
      width: sniffed.width,
      height: sniffed.height,
      thumbnail: thumbnail && { width: thumbnail.width, height: thumbnail.height },
    };
    const upload = this.bucket().openUploadStreamWithId(fileId, name, { metadata });
    try {
      if (thumbnail) {
        const small = this.bucket(THUMBNAIL_BUCKET).openUploadStreamWithId(fileId, thumbnailName(name), {
          metadata: { tenantId, conversationId, contentType: THUMBNAIL_TYPE, width: thumbnail.width, height: thumbnail.height },
        });
        await write(small, thumbnail.data);
        await end(small);
      }
      await write(upload, first);
      while (!complete) {
        const next = await body.next();
        if (next.done) break;
        size += next.value.length;
        if (size > limits.maxBytes) throw tooLarge(limits.maxBytes);
        await write(upload, next.value);
      }
      await end(upload);
    } catch (err) {
      await upload.abort().catch(() => undefined);
      await this.discard(fileId);
      throw err;
    }
    return { fileId: String(fileId), name, size, ...sniffed, thumbnail: metadata.thumbnail };
  }

  /**
   * The thumbnail of an image that passed the type check. Too many pixels: refused (413).
   * Any other decoding failure keeps the upload without a thumbnail (timelines then show
   * the original), so a file browsers may still show is never lost to our decoder.
   */
  private async thumbnail(image: Buffer, sniffed: { contentType: string; width: number | null; height: number | null }, where: object) {
    try {
      return await makeThumbnail(image);
    } catch (err) {
      if (err instanceof ImageTooLargeError) {
        const known = sniffed.width && sniffed.height ? `${sniffed.width} × ${sniffed.height} pixels; ` : '';
        throw new FileError(413, 'PAYLOAD_TOO_LARGE', `the image is too large to process (${known}at most ${MAX_IMAGE_PIXELS / 1e6} megapixels)`);
      }
      this.log.warn({ ...where, contentType: sniffed.contentType, err: (err as Error).message }, 'image stored without a thumbnail: it could not be decoded');
      return null;
    }
  }

  /** Removes a file and its thumbnail, whole or partial: chunks and file entries. */
  private async discard(fileId: Types.ObjectId) {
    for (const bucket of [ATTACHMENT_BUCKET, THUMBNAIL_BUCKET]) {
      await this.collection(bucket, 'chunks').deleteMany({ files_id: fileId });
      await this.collection(bucket, 'files').deleteOne({ _id: fileId });
    }
  }

  /**
   * Marks a file as about to be referenced by a message (`metadata.claimedAt`), in one
   * atomic update that fails while the orphan sweep holds it: either the sweep sees the
   * claim and keeps the file, or the claim fails and no message is stored. A claim
   * lasts the sweep's grace period (a send whose message never came is an orphan again).
   */
  private claim(filter: mongo.Filter<mongo.Document>): Promise<mongo.WithId<mongo.Document> | null> {
    const now = new Date();
    return this.files.findOneAndUpdate(
      { ...filter, $or: [{ 'metadata.sweep': null }, { 'metadata.sweep.at': { $lt: new Date(now.getTime() - SWEEP_LEASE_MS) } }] },
      { $set: { 'metadata.claimedAt': now }, $unset: { 'metadata.sweep': '' } },
      { returnDocument: 'after' },
    );
  }

  /**
   * A file the caller uploaded to this conversation, as a message attachment. Voice
   * recordings must be audio (or audio-only WebM, which sniffs as video). The file is
   * claimed for the message about to be stored (see `claim`).
   */
  async attachable(caller: Principal, conversationId: string, fileId: string, as: 'attachment' | 'voice'): Promise<AttachmentView> {
    const field = as === 'voice' ? 'voice.fileId' : 'attachment.fileId';
    const uploader = uploaderOf(caller);
    const file = await this.claim({
      _id: new Types.ObjectId(fileId),
      'metadata.tenantId': caller.tenantId,
      'metadata.conversationId': conversationId,
      'metadata.uploader.kind': uploader.kind,
      'metadata.uploader.id': uploader.id,
    });
    if (!file) throw invalidField(field, 'no such upload in this conversation');
    const uploaded = uploadedOf(file);
    if (as === 'voice' && !isVoice(uploaded)) throw invalidField(field, 'a voice recording must be audio');
    return { ...uploaded, fileId, durationMs: null };
  }

  /**
   * Signed, expiring links to files of one conversation (the caller's right to see it
   * is checked by the caller of this method). Any file not of this conversation: NOT_FOUND.
   */
  async links(tenantId: string, conversationId: string, fileIds: readonly string[]): Promise<{ links: Record<string, FileLink> }> {
    const ids = [...new Set(fileIds.map((id) => id.toLowerCase()))];
    const found = await this.files
      .find({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) }, 'metadata.tenantId': tenantId, 'metadata.conversationId': conversationId })
      .project({ _id: 1, 'metadata.thumbnail': 1 })
      .toArray();
    if (found.length !== ids.length) throw notFound('file');
    const secret = await this.secretFor(tenantId, true);
    const exp = Math.ceil((Date.now() / 1000 + LINK_TTL_S) / LINK_GRANULARITY_S) * LINK_GRANULARITY_S;
    const expiresAt = new Date(exp * 1000).toISOString();
    const links: Record<string, FileLink> = {};
    for (const file of found) {
      const fileId = String(file._id);
      const path = (disposition: Disposition) =>
        `/files/${fileId}${disposition === 'thumbnail' ? '/thumbnail' : ''}?t=${tenantId}&exp=${exp}${disposition === 'attachment' ? '&dl=1' : ''}` +
        `&sig=${sign(secret!, tenantId, fileId, exp, disposition)}`;
      const thumbnail = Boolean((file.metadata as { thumbnail?: unknown } | undefined)?.thumbnail);
      links[fileId] = { url: path('auto'), downloadUrl: path('attachment'), thumbnailUrl: thumbnail ? path('thumbnail') : null, expiresAt };
    }
    return { links };
  }

  /**
   * Checks a link's signature and expiry, then finds its file (or, for `thumbnail` links,
   * the file's thumbnail). Bad or expired: 403; gone: 404.
   */
  async resolveLink(
    fileId: string,
    query: { t?: string; exp?: string; sig?: string; dl?: string },
    thumbnail = false,
  ): Promise<StoredFile & { disposition: Disposition }> {
    const forbidden = (why: string) => new FileError(403, 'FORBIDDEN', why);
    const { t: tenantId, sig } = query;
    const exp = Number(query.exp);
    const disposition: Disposition = thumbnail ? 'thumbnail' : query.dl === '1' ? 'attachment' : 'auto';
    if (!tenantId || !/^[0-9a-f]{24}$/.test(tenantId) || !sig || !Number.isSafeInteger(exp)) throw forbidden('the link is not valid');
    if (exp < Date.now() / 1000) throw forbidden('the link has expired; ask for a new one');
    const secret = await this.secretFor(tenantId, false);
    const expected = secret ? Buffer.from(sign(secret, tenantId, fileId, exp, disposition)) : null;
    const given = Buffer.from(sig);
    if (!expected || expected.length !== given.length || !timingSafeEqual(expected, given)) throw forbidden('the link is not valid');
    const bucket = thumbnail ? THUMBNAIL_BUCKET : ATTACHMENT_BUCKET;
    const file = await this.collection(bucket, 'files').findOne({ _id: new Types.ObjectId(fileId), 'metadata.tenantId': tenantId });
    if (!file) throw new FileError(404, 'NOT_FOUND', 'file not found');
    const meta = file.metadata as { contentType: string; name?: string };
    const name = meta.name ?? (file.filename as string);
    return { fileId, name, contentType: meta.contentType, size: file.length as number, thumbnail, disposition };
  }

  /** The file's (or its thumbnail's) bytes, or the slice `[start, end]` (inclusive). */
  read(file: Pick<StoredFile, 'fileId' | 'thumbnail'>, range?: { start: number; end: number }): Readable {
    const bucket = this.bucket(file.thumbnail ? THUMBNAIL_BUCKET : ATTACHMENT_BUCKET);
    return bucket.openDownloadStream(new Types.ObjectId(file.fileId), range ? { start: range.start, end: range.end + 1 } : {});
  }

  /** The tenant's link-signing key; the first caller that needs one creates it, atomically. */
  private async secretFor(tenantId: string, create: boolean): Promise<string | null> {
    const cached = this.secrets.get(tenantId);
    if (cached) return cached;
    const read = async () => (await this.models.Tenant.findOne({ _id: tenantId }).select({ fileLinkSecret: 1 }).lean())?.fileLinkSecret ?? null;
    let secret = await read();
    if (!secret && create) {
      await this.models.Tenant.updateOne({ _id: tenantId, fileLinkSecret: null }, { $set: { fileLinkSecret: randomToken() } });
      secret = await read();
    }
    if (secret) this.secrets.set(tenantId, secret);
    return secret;
  }
}

/** Audio (recorders' audio-only WebM and MP4 sniff as such): fit to play as a voice message. */
export const isVoice = (file: { category: string }) => file.category === 'audio';

/** A stored GridFS file entry as the stored file's view. */
function uploadedOf(file: mongo.Document): UploadedFile {
  const meta = file.metadata as {
    name: string;
    contentType: string;
    category: AttachmentView['category'];
    width?: number | null;
    height?: number | null;
    thumbnail?: AttachmentView['thumbnail'];
  };
  return {
    fileId: String(file._id),
    name: meta.name,
    contentType: meta.contentType,
    size: file.length as number,
    category: meta.category,
    width: meta.width ?? null,
    height: meta.height ?? null,
    thumbnail: meta.thumbnail ? { width: meta.thumbnail.width, height: meta.thumbnail.height } : null,
  };
}

/** A thumbnail's name: the original's, as WebP (`photo.jpg` → `photo.webp`). */
const thumbnailName = (name: string) => `${name.replace(/\.[^.\s]{1,16}$/u, '') || 'image'}.webp`;

/**
 * `auto`: in place when safe (raster images, audio, video), else as a download; `attachment`:
 * always a download; `thumbnail`: the image's thumbnail, in place.
 */
export type Disposition = 'auto' | 'attachment' | 'thumbnail';

function sign(secret: string, tenantId: string, fileId: string, exp: number, disposition: Disposition): string {
  return createHmac('sha256', secret).update(`${tenantId}\n${fileId}\n${exp}\n${disposition}`).digest('base64url');
}

/** Writes one chunk and waits until GridFS has taken it, so an abort never races a pending insert. */
const write = (stream: mongo.GridFSBucketWriteStream, chunk: Uint8Array) =>
  new Promise<void>((resolve, reject) => stream.write(chunk, (err) => (err ? reject(err) : resolve())));

/** Ends an upload and waits until its file entry is written. */
const end = (stream: mongo.GridFSBucketWriteStream) =>
  new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
