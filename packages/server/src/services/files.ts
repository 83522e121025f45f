import { Types } from 'mongoose';
import type { Models } from '../models/index.js';
import type { AttachmentView } from './conversation-views.js';
import { invalidField } from './errors.js';
import type { Principal } from './principal.js';

/** GridFS bucket holding every tenant's uploads; each file's metadata names its tenant and conversation. */
export const ATTACHMENT_BUCKET = 'attachments';

/** Who uploaded a file, as stored in its metadata. */
export const uploaderOf = (caller: Principal) =>
  caller.kind === 'agent' ? { kind: 'agent', id: caller.agentId } : caller.kind === 'visitor' ? { kind: 'customer', id: caller.customerId } : { kind: 'partner', id: caller.keyId };

/** Uploaded files: stored in GridFS per tenant and conversation, attached to messages by id. */
export class FileService {
  constructor(private readonly models: Models) {}

  private get files() {
    return this.models.Message.db.collection(`${ATTACHMENT_BUCKET}.files`);
  }

  /**
   * A file the caller uploaded to this conversation, as a message attachment. Voice
   * recordings must be audio (or audio-only WebM, which sniffs as video).
   */
  async attachable(caller: Principal, conversationId: string, fileId: string, as: 'attachment' | 'voice'): Promise<AttachmentView> {
    const field = as === 'voice' ? 'voice.fileId' : 'attachment.fileId';
    const uploader = uploaderOf(caller);
    const file = await this.files.findOne({
      _id: new Types.ObjectId(fileId),
      'metadata.tenantId': caller.tenantId,
      'metadata.conversationId': conversationId,
      'metadata.uploader.kind': uploader.kind,
      'metadata.uploader.id': uploader.id,
    });
    if (!file) throw invalidField(field, 'no such upload in this conversation');
    const meta = file.metadata as { name: string; contentType: string; category: AttachmentView['category']; width?: number; height?: number };
    if (as === 'voice' && !(meta.category === 'audio' || meta.contentType === 'video/webm')) {
      throw invalidField(field, 'a voice recording must be audio');
    }
    return {
      fileId,
      name: meta.name,
      contentType: meta.contentType,
      size: file.length as number,
      category: meta.category,
      width: meta.width ?? null,
      height: meta.height ?? null,
      durationMs: null,
    };
  }
}
