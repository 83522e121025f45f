import type { DeskClient } from '@deskkit/client';

export type TranscriptFormat = 'txt' | 'html' | 'csv';

/** How far a download is: bytes and conversations received, of `total` conversations when the server said. */
export interface TranscriptProgress {
  bytes: number;
  conversations: number;
  total: number | null;
}

type Target = { conversationId: string } | { filter: Record<string, unknown> };

/**
 * Counts conversations as a transcript streams in, from the markers each format
 * writes at the start of one: a line `=== Conversation ` (txt), a
 * `<section class="conversation"` (html), or a new id in the first CSV column
 * (quoted line breaks inside cells are followed, so they never count).
 */
export class ConversationCounter {
  count = 0;
  private tail = '';
  private quoted = false;
  private atRecordStart = true;
  private firstField: string | null = '';
  private lastId = '';
  private header = true;

  constructor(private readonly format: TranscriptFormat) {}

  push(text: string): number {
    if (this.format === 'csv') this.csv(text);
    else {
      const marker = this.format === 'txt' ? '\n=== Conversation ' : '<section class="conversation"';
      const joined = (this.count === 0 && !this.tail ? '\n' : '') + this.tail + text;
      this.count += joined.split(marker).length - 1;
      this.tail = joined.slice(-(marker.length - 1));
    }
    return this.count;
  }

  private csv(text: string) {
    for (const ch of text) {
      if (this.quoted) {
        if (ch === '"') this.quoted = false; // A doubled quote re-enters at once on the next char.
        continue;
      }
      if (ch === '"') {
        this.quoted = true;
        if (this.firstField !== null) this.firstField = null;
        continue;
      }
      if (ch === '\n') {
        this.atRecordStart = true;
        this.firstField = '';
        continue;
      }
      if (ch === '\r') continue;
      if (this.firstField === null) continue;
      if (ch === ',') {
        if (this.header) this.header = false;
        else if (this.firstField && this.firstField !== this.lastId) {
          this.lastId = this.firstField;
          this.count += 1;
        }
        this.firstField = null;
        this.atRecordStart = false;
        continue;
      }
      this.firstField += ch;
    }
  }
}

/** How a download was saved: streamed into a file the user picked, by the browser's own download manager, or kept in memory. */
export type TranscriptSavedBy = 'file' | 'browser' | 'memory';

export interface TranscriptDownload extends TranscriptProgress {
  fileName: string;
  savedBy: TranscriptSavedBy;
  /** Only when saved to `memory`. */
  blob: Blob | null;
}

type SaveFilePicker = (options: {
  suggestedName: string;
  types?: Array<{ description: string; accept: Record<string, string[]> }>;
}) => Promise<FileSystemFileHandle>;

const mimeTypes: Record<TranscriptFormat, string> = { txt: 'text/plain', html: 'text/html', csv: 'text/csv' };

/** The File System Access picker, where the browser has one (Chromium on desktop). */
const savePicker = (): SaveFilePicker | null => {
  const picker = (globalThis as { showSaveFilePicker?: SaveFilePicker }).showSaveFilePicker;
  return typeof picker === 'function' && globalThis.isSecureContext ? picker.bind(globalThis) : null;
};

/** What the desk names the file (it says so too, in `Content-Disposition`). */
function suggestedName(target: Target, format: TranscriptFormat): string {
  if ('conversationId' in target) return `transcript-${target.conversationId}.${format}`;
  return `transcripts-${new Date().toISOString().slice(0, 10)}.${format}`;
}

/** Counts bytes and conversations of a transcript as it passes through. */
function progressCounter(format: TranscriptFormat, progress: TranscriptProgress, onProgress?: (progress: TranscriptProgress) => void) {
  const counter = new ConversationCounter(format);
  const decoder = new TextDecoder();
  onProgress?.({ ...progress });
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      progress.bytes += chunk.byteLength;
      progress.conversations = counter.push(decoder.decode(chunk, { stream: true }));
      onProgress?.({ ...progress });
      controller.enqueue(chunk);
    },
  });
}

/**
 * Downloads a transcript through a signed link from `transcripts.link` without holding it
 * in memory:
 *
 * - where the browser has `showSaveFilePicker` (File System Access), the user picks a file
 *   and the response streams into it as it arrives, with progress (`savedBy: 'file'`);
 * - elsewhere the browser is sent to the link, and its own download manager streams the
 *   file to disk (`savedBy: 'browser'`; the promise settles as the download starts, so there
 *   is no progress to report).
 *
 * `save: false` reads the file into a Blob instead (`savedBy: 'memory'`), for previews of
 * small transcripts. Cancelling the picker, or aborting `signal`, rejects with an AbortError
 * (a half-written file is discarded).
 */
export async function downloadTranscript(options: {
  client: DeskClient;
  /** The desk's base URL (the link is relative to it). */
  server: string;
  target: Target;
  format: TranscriptFormat;
  onProgress?: (progress: TranscriptProgress) => void;
  signal?: AbortSignal;
  /** Set false to get the file as a Blob without offering it for saving (previews). */
  save?: boolean;
}): Promise<TranscriptDownload> {
  const { client, server, target, format, onProgress, signal, save = true } = options;
  const picker = save ? savePicker() : null;
  // The picker first: it needs the click that started the download (user activation).
  const handle = picker
    ? await picker({ suggestedName: suggestedName(target, format), types: [{ description: format.toUpperCase(), accept: { [mimeTypes[format]]: [`.${format}`] } }] })
    : null;
  signal?.throwIfAborted();
  const link = await client.transcripts.link.mutate({ ...target, format } as Parameters<DeskClient['transcripts']['link']['mutate']>[0]);
  const url = new URL(link.url, `${server.replace(/\/+$/, '')}/`).href;

  if (save && !handle) {
    // The browser streams it to disk itself (the desk answers `Content-Disposition: attachment`).
    const a = Object.assign(document.createElement('a'), { href: url, download: suggestedName(target, format), rel: 'noopener' });
    a.style.display = 'none';
    document.body.append(a);
    a.click();
    a.remove();
    return { fileName: suggestedName(target, format), savedBy: 'browser', blob: null, bytes: 0, conversations: 0, total: null };
  }

  const res = await fetch(url, { signal });
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => null)) as { error?: string } | null;
    throw new Error(body?.error ?? `download failed (${res.status})`);
  }
  const totalHeader = res.headers.get('X-Total-Count');
  const progress: TranscriptProgress = { bytes: 0, conversations: 0, total: totalHeader === null ? null : Number(totalHeader) };
  const counted = res.body.pipeThrough(progressCounter(format, progress, onProgress));
  if (handle) {
    // Written to a temporary file and moved into place only when complete; an abort discards it.
    await counted.pipeTo(await handle.createWritable(), { signal });
    return { fileName: handle.name, savedBy: 'file', blob: null, ...progress };
  }
  const blob = await new Response(counted, { headers: { 'Content-Type': res.headers.get('Content-Type') ?? 'application/octet-stream' } }).blob();
  const fileName = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? suggestedName(target, format);
  return { fileName, savedBy: 'memory', blob, ...progress };
}

/** `1.2 MB` */
export const formatBytes = (n: number) =>
  n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)} MB` : n >= 1_000 ? `${Math.round(n / 1_000)} kB` : `${n} B`;
