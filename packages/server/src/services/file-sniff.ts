import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import type { UploadCategory } from '../schemas/files.js';

/** How many leading bytes are read before deciding what a file is. */
export const SNIFF_BYTES = 256 * 1024;

/** What an upload turned out to be, judged from its bytes alone. */
export interface SniffedFile {
  contentType: string;
  category: UploadCategory;
  width: number | null;
  height: number | null;
}

/**
 * The accepted types and their categories. Everything else (executables, HTML,
 * XML, archives other than zip, unknown binary data) is refused.
 */
const accepted: Record<string, UploadCategory> = {
  'image/png': 'image',
  'image/jpeg': 'image',
  'image/gif': 'image',
  'image/webp': 'image',
  'image/avif': 'image',
  'image/svg+xml': 'image',
  'audio/webm': 'audio',
  'audio/ogg': 'audio',
  'audio/opus': 'audio',
  'audio/mpeg': 'audio',
  'audio/mp4': 'audio',
  'audio/wav': 'audio',
  'audio/aac': 'audio',
  'audio/flac': 'audio',
  'video/mp4': 'video',
  'video/webm': 'video',
  'video/quicktime': 'video',
  'video/ogg': 'video',
  'application/pdf': 'document',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'document',
  'application/vnd.oasis.opendocument.text': 'document',
  'application/vnd.oasis.opendocument.spreadsheet': 'document',
  'application/vnd.oasis.opendocument.presentation': 'document',
  'application/zip': 'document',
  'text/plain': 'document',
};

/** Types a browser may show in place (in an <img>, <audio> or <video>); everything else downloads. */
const inlineSafe = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  ...Object.keys(accepted).filter((type) => type.startsWith('audio/') || type.startsWith('video/')),
]);

export const servesInline = (contentType: string) => inlineSafe.has(contentType);

/** The accepted kinds of file, for error messages: "PDF, office documents, text, images or audio". */
export function describeCategories(categories: readonly UploadCategory[]): string {
  const names = { document: 'PDF, office documents, text', image: 'images', audio: 'audio', video: 'video' } as const;
  const parts = (['document', 'image', 'audio', 'video'] as const).filter((c) => categories.includes(c)).map((c) => names[c]);
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} or ${parts.at(-1)}` : (parts[0] ?? 'nothing');
}

const aliases: Record<string, string> = { 'audio/x-m4a': 'audio/mp4', 'audio/x-flac': 'audio/flac', 'audio/x-wav': 'audio/wav' };

/**
 * Decides what a file is from its first bytes (`complete` when they are the
 * whole file). Never looks at the name or the type the sender claimed.
 * Returns null for anything not accepted.
 */
export async function sniffFile(head: Uint8Array, complete: boolean): Promise<SniffedFile | null> {
  const detected = await fileTypeFromBuffer(head).catch(() => undefined);
  let type = detected ? detected.mime.split(';')[0]!.trim().toLowerCase() : null;
  type = type ? (aliases[type] ?? type) : null;
  // Markup and text are not magic-byte formats: look at them as text.
  if (!type || type === 'application/xml' || type === 'text/xml') type = sniffText(head, complete);
  if (type === 'video/webm' && isAudioOnlyWebm(head)) type = 'audio/webm';
  // MP4's brand says little (Safari records audio as plain mp4): its track handlers decide.
  if (type === 'video/mp4' || type === 'audio/mp4') {
    const handlers = mp4Handlers(head, complete);
    if (handlers?.has('soun') && !handlers.has('vide')) type = 'audio/mp4';
    else if (handlers?.has('vide')) type = 'video/mp4';
  }
  const category = type ? accepted[type] : undefined;
  if (!type || !category) return null;
  const size = category === 'image' ? dimensions(head) : null;
  return { contentType: type, category, width: size?.width ?? null, height: size?.height ?? null };
}

/** Markup browsers would run if they sniffed it (the HTML sniffing signatures of the MIME Sniffing standard). */
const htmlStart = /^<(!doctype html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|!--)[\s>]/;

/** UTF-8 text without NULs; SVG, HTML and XML are told apart so they can be refused or served safely. */
function sniffText(head: Uint8Array, complete: boolean): string | null {
  if (head.includes(0)) return null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete });
  } catch {
    return null;
  }
  const start = text.replace(/^\uFEFF/, '').trimStart().slice(0, 2048).toLowerCase();
  if (!start.startsWith('<')) return 'text/plain';
  if (start.startsWith('<?xml') || start.startsWith('<!--')) {
    if (/<svg[\s>]/.test(start)) return 'image/svg+xml';
    if (/<html[\s>]/.test(start) || start.startsWith('<!--')) return 'text/html';
    return 'application/xml';
  }
  if (/^<svg[\s>]/.test(start) || start.startsWith('<!doctype svg')) return 'image/svg+xml';
  if (htmlStart.test(start)) return 'text/html';
  return 'text/plain';
}

/**
 * MediaRecorder's audio-only WebM sniffs as video/webm; its track list (near the
 * start) names only audio codecs.
 */
function isAudioOnlyWebm(head: Uint8Array): boolean {
  const start = Buffer.from(head.subarray(0, 8192)).toString('latin1');
  return /A_(OPUS|VORBIS|AAC|MPEG|PCM|FLAC|AC3)/.test(start) && !/V_(VP8|VP9|AV1|MPEG|THEORA|UNCOMPRESSED|MS\/VFW)/.test(start);
}

/** An ISO-BMFF box: its type and where its body lies. */
interface Box {
  type: string;
  start: number;
  end: number;
}

/**
 * The box at `at`, or null if it is malformed or runs past `end`. `endIsFileEnd`: a box
 * of size 0 runs to the end of the file, known only when `end` is that end.
 */
function boxAt(head: Uint8Array, at: number, end: number, endIsFileEnd: boolean): Box | null {
  if (end - at < 8) return null;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let size = view.getUint32(at);
  let header = 8;
  if (size === 1) {
    if (end - at < 16) return null;
    size = Number(view.getBigUint64(at + 8));
    header = 16;
  } else if (size === 0) {
    if (!endIsFileEnd) return null;
    size = end - at;
  }
  if (size < header || at + size > end) return null;
  return { type: Buffer.from(head.subarray(at + 4, at + 8)).toString('latin1'), start: at + header, end: at + size };
}

/** The first child of `parent` of this type (null if none, or if the children are malformed). */
function childBox(head: Uint8Array, parent: Box, type: string, endIsFileEnd = false): Box | null {
  for (let at = parent.start; at < parent.end; ) {
    const box = boxAt(head, at, parent.end, endIsFileEnd);
    if (!box) return null;
    if (box.type === type) return box;
    at = box.end;
  }
  return null;
}

/**
 * The handler types of an MP4's tracks (`soun`, `vide`…), read from moov → trak →
 * mdia → hdlr. Null when the movie box is not within `head` (a file that keeps it at
 * the end) or is malformed.
 */
function mp4Handlers(head: Uint8Array, complete: boolean): Set<string> | null {
  const moov = childBox(head, { type: '', start: 0, end: head.length }, 'moov', complete);
  if (!moov) return null;
  const handlers = new Set<string>();
  for (let at = moov.start; at < moov.end; ) {
    const box = boxAt(head, at, moov.end, false);
    if (!box) return null;
    at = box.end;
    if (box.type !== 'trak') continue;
    const mdia = childBox(head, box, 'mdia');
    const hdlr = mdia && childBox(head, mdia, 'hdlr');
    // A full box: version and flags, pre_defined, then the handler type.
    if (!hdlr || hdlr.end - hdlr.start < 12) return null;
    handlers.add(Buffer.from(head.subarray(hdlr.start + 8, hdlr.start + 12)).toString('latin1'));
  }
  return handlers;
}

function dimensions(head: Uint8Array): { width: number; height: number } | null {
  try {
    const { width, height } = imageSize(head);
    return width > 0 && height > 0 && Number.isFinite(width) && Number.isFinite(height) ? { width: Math.round(width), height: Math.round(height) } : null;
  } catch {
    return null;
  }
}
