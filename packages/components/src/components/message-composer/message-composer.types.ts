/**
 * @license MIT
 * What a host gives `<message-composer>`.
 */
import type { UploadedFile } from '../../events/desk-composer-send.js';
import { formatMegabytes } from '../../internal/units.js';
import type { ComposerTerms } from '../../translations/en/message-composer.js';
import type { ComposerToolTerms } from '../../translations/en/message-composer-tools.js';
import type { LocalizeController } from '../../utilities/localize.js';

export type { UploadedFile };
export type { SlashCommand, SlashCommandResolver, SlashCommandSource } from './message-composer.slash.js';

export interface ComposerUploadOptions {
  /** The file name to store (recordings have none of their own). */
  name?: string;
  /** Called as bytes go out. */
  onProgress?(loaded: number, total: number): void;
  /** Cancels the upload. */
  signal?: AbortSignal;
}

/**
 * Uploads one file to the conversation being written in and resolves with what the desk
 * stored. It rejects with an error carrying the desk's answer when refused: `status`
 * (413 too large, 415 type not accepted), `code` (`PAYLOAD_TOO_LARGE`, `NETWORK_ERROR`, …)
 * and `maxBytes`; with `code: 'ABORTED'` (or an `AbortError`) when cancelled. `uploadFile`
 * from `@deskkit/client` fits, bound to a conversation and a credential.
 */
export type ComposerUploader = (file: Blob, options: ComposerUploadOptions) => Promise<UploadedFile>;

/** The terms the composer's tools show: its own and theirs (which load with the first tool). */
export type ToolLocalize = LocalizeController<keyof ComposerTerms | keyof ComposerToolTerms>;

/** Why an upload did not go through, in terms the person can act on. */
export type UploadProblem =
  | { kind: 'too-large'; maxBytes: number | null }
  | { kind: 'type'; message: string }
  | { kind: 'network' }
  | { kind: 'failed'; message: string };

/** Reads an uploader's rejection; `null` when it was cancelled. */
export function uploadProblem(err: unknown, signal?: AbortSignal): UploadProblem | null {
  const e = (err ?? {}) as { name?: string; status?: number; code?: string; maxBytes?: number; message?: string };
  if (signal?.aborted || e.name === 'AbortError' || e.code === 'ABORTED') return null;
  if (e.status === 413 || e.code === 'PAYLOAD_TOO_LARGE') return { kind: 'too-large', maxBytes: typeof e.maxBytes === 'number' ? e.maxBytes : null };
  if (e.status === 415 || e.code === 'UNSUPPORTED_MEDIA_TYPE') return { kind: 'type', message: e.message ?? '' };
  if (err instanceof TypeError || e.code === 'NETWORK_ERROR') return { kind: 'network' };
  return { kind: 'failed', message: e.message || String(err) };
}

/** What to tell the person about a file that did not upload (`lang` formats the limit). */
export function uploadText(t: ToolLocalize, lang: string, name: string, problem: UploadProblem): string {
  switch (problem.kind) {
    case 'too-large':
      return t.term('composerTooLarge', name, problem.maxBytes ? formatMegabytes(problem.maxBytes, lang) : null);
    case 'type':
      return t.term('composerTypeRefused', name, problem.message);
    case 'network':
      return t.term('composerNetworkError', name);
    case 'failed':
      return t.term('composerUploadFailed', name, problem.message);
  }
}
