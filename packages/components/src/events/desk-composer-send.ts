/** A shared place: coordinates from the Geolocation API, a typed address, or both. */
export interface ComposerLocation {
  latitude?: number;
  longitude?: number;
  /** Radius of uncertainty in metres. */
  accuracy?: number;
  address?: string;
}

/**
 * What one message carries, ready for `conversations.reply` / `webchat.send` (spread it
 * next to `conversationId` and `clientMessageId`): text, an uploaded file with an
 * optional caption, a voice recording, or a location.
 */
export type ComposerContent =
  | { body: string }
  | { attachment: { fileId: string }; body?: string }
  | { voice: { fileId: string; durationMs: number } }
  | { location: ComposerLocation };

/** A file the desk stored (the answer of `POST /files`). */
export interface UploadedFile {
  fileId: string;
  name: string;
  /** The type the desk found in the content (not the one the browser claimed). */
  contentType: string;
  size: number;
  category: 'image' | 'audio' | 'video' | 'document';
  width: number | null;
  height: number | null;
  /** Raster images: the size of the thumbnail the desk made (absent or null: none). */
  thumbnail?: { width: number; height: number } | null;
}

/** The uploaded file of an attachment or voice message, with a local URL to show it before the desk confirms the message. */
export interface ComposerFile extends UploadedFile {
  /** An object URL of the local file; the host revokes it when it no longer shows it. */
  localUrl: string;
  /** Voice recordings: their length. */
  durationMs: number | null;
}

export interface ComposerSendDetail {
  /** Makes the send idempotent: send (and retry) with this id, and the desk stores the message once. */
  clientMessageId: string;
  content: ComposerContent;
  /** For attachments and voice recordings. */
  file?: ComposerFile;
}

/**
 * `<message-composer>` has a message ready: text, an attachment that finished uploading
 * (with the caption typed), a voice recording, or a location. The host sends it.
 */
export type DeskComposerSendEvent = CustomEvent<ComposerSendDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'desk-composer-send': DeskComposerSendEvent;
  }
}
