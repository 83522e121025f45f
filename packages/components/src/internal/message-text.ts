/**
 * @license MIT
 * A message's text as both timelines show it (emoji in the emoji font), which messages
 * carry more than text (a card: `message-content.ts`), and the echoes of sends in flight.
 */
import { html } from 'lit';
import type { AttachmentView, LocationView, MessageKind, PaymentView, TemplateMessageView } from '@deskkit/client';
import type { FileLink } from '../controllers/file-links-controller.js';
import type { ComposerContent, ComposerFile } from '../events/desk-composer-send.js';

/** The parts of a stored message (or an echo) that say what it carries. */
export interface ContentSource {
  kind: MessageKind;
  body: string;
  attachment: AttachmentView | null;
  location: LocationView | null;
  template: Pick<TemplateMessageView, 'header' | 'footer' | 'buttons'> | null;
  /** A payment request's card (absent on echoes). */
  payment?: PaymentView | null;
}

/**
 * Whether a message carries more than its text: a file, a voice message, a location, a
 * template or a payment request, which render as cards (`renderContent` in `message-content.ts`).
 */
export function carriesCard(source: ContentSource): boolean {
  switch (source.kind) {
    case 'attachment':
    case 'voice':
      return source.attachment !== null;
    case 'location':
      return source.location !== null;
    case 'template':
      return true;
    case 'payment':
      return Boolean(source.payment);
    default:
      return false;
  }
}

// ---- text ----

/** One emoji: a flag, a keycap, or a pictograph with its modifiers, tags and ZWJ sequel. */
const ATOM = String.raw`(?:\p{RI}\p{RI}|[#*0-9]\uFE0F?\u20E3|(?:\p{Emoji_Presentation}\uFE0F?|\p{Extended_Pictographic}\uFE0F)\p{EMod}?[\u{E0020}-\u{E007E}]*\u{E007F}?(?:\u200D\p{Extended_Pictographic}\uFE0F?\p{EMod}?)*)`;
const EMOJI_RUN = new RegExp(`${ATOM}+`, 'gu');
/** For `test` only: a global regex's `test` moves the `lastIndex` that `matchAll` starts from. */
const HAS_EMOJI = new RegExp(ATOM, 'u');
const ONLY_EMOJI = new RegExp(`^(?:${ATOM}|\\s)+$`, 'u');
const ONE_EMOJI = new RegExp(ATOM, 'gu');

const richCache = new Map<string, unknown>();

/**
 * Text with its emoji in `<span class="emoji">` (the `--desk-font-emoji` stack, so they
 * look the same everywhere); a message of one to three emoji only shows them large.
 */
export function renderRichText(text: string): unknown {
  const cached = richCache.get(text);
  if (cached !== undefined) return cached;
  let result: unknown = text;
  if (HAS_EMOJI.test(text)) {
    const jumbo = ONLY_EMOJI.test(text) && (text.match(ONE_EMOJI)?.length ?? 0) <= 3;
    const pieces: unknown[] = [];
    let at = 0;
    for (const match of text.matchAll(EMOJI_RUN)) {
      if (match.index > at) pieces.push(text.slice(at, match.index));
      pieces.push(html`<span class=${jumbo ? 'emoji jumbo' : 'emoji'}>${match[0]}</span>`);
      at = match.index + match[0].length;
    }
    if (at < text.length) pieces.push(text.slice(at));
    result = pieces;
  }
  if (richCache.size > 1_000) richCache.clear();
  richCache.set(text, result);
  return result;
}

// ---- echoes ----

/** What an echo of a send in flight shows: the content as sent, the file from its local copy. */
export function echoSource(content: ComposerContent, file?: ComposerFile): ContentSource {
  const base = { body: '', attachment: null, location: null, template: null } as const;
  const attachment = (durationMs: number | null): AttachmentView | null =>
    file
      ? {
          fileId: file.fileId,
          name: file.name,
          contentType: file.contentType,
          size: file.size,
          category: file.category,
          width: file.width,
          height: file.height,
          thumbnail: file.thumbnail ?? null,
          durationMs,
        }
      : null;
  if ('attachment' in content) return { ...base, kind: 'attachment', body: content.body ?? '', attachment: attachment(null) };
  if ('voice' in content) return { ...base, kind: 'voice', attachment: attachment(content.voice.durationMs) };
  if ('location' in content) {
    const { latitude, longitude, accuracy, address } = content.location;
    return {
      ...base,
      kind: 'location',
      body: address ?? '',
      location: { latitude: latitude ?? null, longitude: longitude ?? null, accuracy: accuracy ?? null, address: address ?? null },
    };
  }
  return { ...base, kind: 'text', body: content.body };
}

/** An echo's files come from the local copy. */
export const localLink = (file?: ComposerFile) => (): FileLink | undefined =>
  file ? { url: file.localUrl, downloadUrl: file.localUrl, thumbnailUrl: null, expiresAt: '' } : undefined;

/** The text an echo stands for (for retries of plain text and for tests). */
export const echoBody = (content: ComposerContent): string => ('body' in content ? (content.body ?? '') : '');
