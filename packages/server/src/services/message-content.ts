import type { MessageContent } from '../schemas/messages.js';
import type { FileService } from './files.js';
import type { StoredContent } from './messages.js';
import type { Principal } from './principal.js';

/**
 * Turns what a sender submitted into what is stored: uploaded files are looked up
 * (the caller's own, for this conversation), locations normalised.
 */
export class MessageContentService {
  constructor(private readonly files: FileService) {}

  async resolve(caller: Principal, conversationId: string, input: MessageContent): Promise<{ body: string; content?: StoredContent }> {
    if (input.attachment) {
      const attachment = await this.files.attachable(caller, conversationId, input.attachment.fileId, 'attachment');
      return { body: input.body ?? '', content: { kind: 'attachment', attachment } };
    }
    if (input.voice) {
      const attachment = await this.files.attachable(caller, conversationId, input.voice.fileId, 'voice');
      return { body: '', content: { kind: 'voice', attachment: { ...attachment, durationMs: input.voice.durationMs } } };
    }
    if (input.location) {
      const { latitude, longitude, accuracy, address } = input.location;
      return {
        body: address ?? '',
        content: {
          kind: 'location',
          location: { latitude: latitude ?? null, longitude: longitude ?? null, accuracy: accuracy ?? null, address: address ?? null },
        },
      };
    }
    return { body: input.body ?? '' };
  }
}
