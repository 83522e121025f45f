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

/**
 * Downloads a transcript through a signed link from `transcripts.link`, reading the
 * stream with progress, then offers it to the user as a file.
 */
export async function downloadTranscript(options: {
  client: DeskClient;
  /** The desk's base URL (the link is relative to it). */
  server: string;
  target: Target;
  format: TranscriptFormat;
  onProgress?: (progress: TranscriptProgress) => void;
  signal?: AbortSignal;
  /** Set false to get the file without offering it for saving (tests, previews). */
  save?: boolean;
}): Promise<{ blob: Blob; fileName: string } & TranscriptProgress> {
  const { client, server, target, format, onProgress, signal, save = true } = options;
  const link = await client.transcripts.link.mutate({ ...target, format } as Parameters<DeskClient['transcripts']['link']['mutate']>[0]);
  const res = await fetch(new URL(link.url, `${server.replace(/\/+$/, '')}/`), { signal });
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => null)) as { error?: string } | null;
    throw new Error(body?.error ?? `download failed (${res.status})`);
  }
  const totalHeader = res.headers.get('X-Total-Count');
  const progress: TranscriptProgress = { bytes: 0, conversations: 0, total: totalHeader === null ? null : Number(totalHeader) };
  const counter = new ConversationCounter(format);
  const decoder = new TextDecoder();
  const parts: Uint8Array[] = [];
  const reader = res.body.getReader();
  onProgress?.({ ...progress });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    progress.bytes += value.length;
    progress.conversations = counter.push(decoder.decode(value, { stream: true }));
    onProgress?.({ ...progress });
  }
  const fileName = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? `transcript.${format}`;
  const blob = new Blob(parts as BlobPart[], { type: res.headers.get('Content-Type') ?? 'application/octet-stream' });
  if (save) {
    const url = URL.createObjectURL(blob);
    const a = Object.assign(document.createElement('a'), { href: url, download: fileName, rel: 'noopener' });
    a.style.display = 'none';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return { blob, fileName, ...progress };
}

/** `1.2 MB` */
export const formatBytes = (n: number) =>
  n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)} MB` : n >= 1_000 ? `${Math.round(n / 1_000)} kB` : `${n} B`;
