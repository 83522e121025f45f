import type { ConversationView, MessageView } from '../conversation-views.js';
import type { StoredDelivery } from '../messages.js';

/** What an agent sends: free-form content, or a pre-approved WhatsApp template. */
export type OutboundKind = 'free-form' | 'template';

/** Whether a message carries a file (an attachment or a voice recording) or only text. */
export type OutboundCarries = 'text' | 'media';

/**
 * How agent messages leave the desk on external channels (SMS, WhatsApp). Web chat
 * needs none of it: its customers read the timeline directly.
 */
export interface OutboundChannels {
  /** Throws a clear error when this kind may not go out now (WhatsApp's 24-hour rule, files on a text-only account). */
  assertCanSend(tenantId: string, view: ConversationView, kind: OutboundKind, carries?: OutboundCarries): Promise<void>;
  /** The delivery to store with an agent message in this conversation; `null` when nothing is sent out. */
  deliveryFor(tenantId: string, view: ConversationView): Promise<StoredDelivery | null>;
  /** Hands a stored message to the channel's provider; its delivery status follows by receipts. */
  dispatch(tenantId: string, message: MessageView): Promise<void>;
}
