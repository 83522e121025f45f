import { randomUUID } from 'node:crypto';
import { Types, type mongo } from 'mongoose';
import type { Logger } from '../logger.js';
import type { Models } from '../models/index.js';
import { ATTACHMENT_BUCKET, DERIVED_BUCKETS, SWEEP_LEASE_MS } from './files.js';

export interface UploadSweepOptions {
  /** How long an upload may wait for a message before it is removed. */
  graceMs: number;
  /** Files checked per round (several rounds per run until none are left). */
  batch?: number;
}

/**
 * Removes uploads no message took (the sender closed the tab, the send failed): files
 * older than `graceMs` that no message references, with their chunks and whatever was
 * made from them (`DERIVED_BUCKETS`). Files found referenced are marked `attached` and
 * never looked at again (messages are never deleted).
 *
 * Safe from several processes and against sends in flight, with single-document atomic
 * updates only: a sweep first holds each file (`metadata.sweep`, only if no send claimed
 * it within the grace period and no other sweep holds it), then looks for messages, then
 * deletes the file entry only if its hold is still its own. A send claims its file
 * (`FileService.claim`) before storing the message, and that claim fails while a sweep
 * holds the file; so a file is either kept or never referenced.
 */
export class UploadSweep {
  constructor(
    private readonly models: Models,
    private readonly log: Logger,
    private readonly options: UploadSweepOptions,
  ) {}

  private collection(bucket: string, kind: 'files' | 'chunks') {
    return this.models.Message.db.collection(`${bucket}.${kind}`);
  }

  /** One pass over every tenant's uploads. */
  async sweep(): Promise<{ removed: number; kept: number }> {
    const files = this.collection(ATTACHMENT_BUCKET, 'files');
    const batch = this.options.batch ?? 100;
    const result = { removed: 0, kept: 0 };
    for (;;) {
      const now = new Date();
      const cutoff = new Date(now.getTime() - this.options.graceMs);
      const free: mongo.Filter<mongo.Document> = {
        uploadDate: { $lt: cutoff },
        'metadata.attached': { $ne: true },
        $and: [
          { $or: [{ 'metadata.claimedAt': null }, { 'metadata.claimedAt': { $lt: cutoff } }] },
          { $or: [{ 'metadata.sweep': null }, { 'metadata.sweep.at': { $lt: new Date(now.getTime() - SWEEP_LEASE_MS) } }] },
        ],
      };
      const found = await files.find(free).project<{ _id: Types.ObjectId }>({ _id: 1 }).limit(batch).toArray();
      if (!found.length) return result;
      const token = randomUUID();
      const held: Array<{ _id: Types.ObjectId; tenantId: string }> = [];
      for (const { _id } of found) {
        const file = await files.findOneAndUpdate({ ...free, _id }, { $set: { 'metadata.sweep': { token, at: now } } }, { projection: { 'metadata.tenantId': 1 } });
        if (file) held.push({ _id, tenantId: String(file.metadata?.tenantId) });
      }
      // Every one went to another process's sweep meanwhile: it carries on with them.
      if (!held.length) return result;
      const referenced = await this.referenced(held);
      for (const { _id } of held) {
        const mine = { _id, 'metadata.sweep.token': token };
        if (referenced.has(String(_id))) {
          await files.updateOne(mine, { $set: { 'metadata.attached': true }, $unset: { 'metadata.sweep': '' } });
          result.kept++;
        } else if (await this.remove(mine)) result.removed++;
      }
      if (found.length < batch) return result;
    }
  }

  /** The ids among `held` that some message of the file's tenant references. */
  private async referenced(held: Array<{ _id: Types.ObjectId; tenantId: string }>): Promise<Set<string>> {
    const byTenant = new Map<string, Types.ObjectId[]>();
    for (const { _id, tenantId } of held) byTenant.set(tenantId, [...(byTenant.get(tenantId) ?? []), _id]);
    const ids = new Set<string>();
    for (const [tenantId, fileIds] of byTenant) {
      if (!Types.ObjectId.isValid(tenantId)) continue;
      const rows = await this.models.Message.find({ tenantId, 'attachment.fileId': { $in: fileIds } }).select({ 'attachment.fileId': 1 }).lean();
      for (const row of rows) ids.add(String(row.attachment?.fileId));
    }
    return ids;
  }

  /**
   * Deletes the file entry if this sweep still holds it (a send that took over a stale
   * hold wins), then its chunks and derived files, which nothing can reach any more.
   */
  private async remove(mine: { _id: Types.ObjectId; 'metadata.sweep.token': string }): Promise<boolean> {
    const { deletedCount } = await this.collection(ATTACHMENT_BUCKET, 'files').deleteOne(mine);
    if (!deletedCount) return false;
    await this.collection(ATTACHMENT_BUCKET, 'chunks').deleteMany({ files_id: mine._id });
    for (const bucket of DERIVED_BUCKETS) {
      await this.collection(bucket, 'files').deleteOne({ _id: mine._id });
      await this.collection(bucket, 'chunks').deleteMany({ files_id: mine._id });
    }
    return true;
  }
}
