import type { AttachmentView } from '@deskkit/server';

/** A stored upload: send it as `attachment: { fileId }` or `voice: { fileId, durationMs }`. */
export type UploadedFile = Omit<AttachmentView, 'durationMs'>;

/** The server's refusals, plus `NETWORK_ERROR` (no answer) and `ABORTED` (the signal fired). */
export type UploadErrorCode =
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'NOT_FOUND'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'BAD_REQUEST'
  | 'CONFLICT'
  | 'NETWORK_ERROR'
  | 'ABORTED';

/** A refused or failed upload. `status` is 0 when no answer came; `maxBytes` comes with `PAYLOAD_TOO_LARGE`. */
export class UploadError extends Error {
  override readonly name = 'UploadError';

  constructor(
    message: string,
    readonly code: UploadErrorCode,
    readonly status: number,
    readonly maxBytes?: number,
  ) {
    super(message);
  }
}

export interface UploadFileOptions {
  /** Base URL of the deskkit server, as given to `createDeskClient`. */
  url: string;
  /** Agent session token, visitor token or partner API key. */
  token: string;
  conversationId: string;
  file: Blob | Uint8Array;
  /** Defaults to the `File`'s own name. */
  name?: string;
  /** Bytes sent so far (browsers report it as the upload goes). */
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Uploads one file for a conversation (`POST /files`). Browsers send it with
 * XMLHttpRequest so `onProgress` follows the upload; elsewhere `fetch` is used.
 *
 * @example
 * ```ts
 * const file = await uploadFile({ url, token, conversationId, file: input.files[0], onProgress: (n, total) => … });
 * await desk.conversations.reply.mutate({ conversationId, clientMessageId, attachment: { fileId: file.fileId } });
 * ```
 */
export function uploadFile(options: UploadFileOptions): Promise<UploadedFile> {
  const { file, signal } = options;
  const name = options.name ?? ('name' in file && typeof file.name === 'string' ? file.name : 'file');
  const query = new URLSearchParams({ conversationId: options.conversationId, name });
  const endpoint = `${options.url.replace(/\/+$/, '')}/files?${query}`;
  if (signal?.aborted) return Promise.reject(aborted());
  return typeof XMLHttpRequest === 'function' ? withXhr(endpoint, options) : withFetch(endpoint, options);
}

const aborted = () => new UploadError('the upload was cancelled', 'ABORTED', 0);
const sizeOf = (file: Blob | Uint8Array) => (file instanceof Uint8Array ? file.byteLength : file.size);

/** The server's JSON answer to a refusal, or a generic error from the status. */
function refusal(status: number, text: string): UploadError {
  try {
    const body = JSON.parse(text) as { error?: string; code?: UploadErrorCode; maxBytes?: number };
    if (body.code && body.error) return new UploadError(body.error, body.code, status, body.maxBytes);
  } catch {
    // Not JSON: a proxy's page, say.
  }
  return new UploadError(`upload failed (HTTP ${status})`, status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', status);
}

function withXhr(endpoint: string, { token, file, onProgress, signal }: UploadFileOptions): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    const settle = (fn: () => void) => {
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    xhr.open('POST', endpoint);
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    if (onProgress) xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : sizeOf(file));
    xhr.onload = () =>
      settle(() => (xhr.status === 201 ? resolve(JSON.parse(xhr.responseText) as UploadedFile) : reject(refusal(xhr.status, xhr.responseText))));
    xhr.onerror = () => settle(() => reject(new UploadError('the upload failed: no answer from the server', 'NETWORK_ERROR', 0)));
    xhr.onabort = () => settle(() => reject(aborted()));
    signal?.addEventListener('abort', onAbort, { once: true });
    xhr.send(file as XMLHttpRequestBodyInit);
  });
}

async function withFetch(endpoint: string, { token, file, onProgress, signal }: UploadFileOptions): Promise<UploadedFile> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' },
      body: file as BodyInit,
      signal,
    });
  } catch (err) {
    throw signal?.aborted ? aborted() : new UploadError(`the upload failed: ${(err as Error).message}`, 'NETWORK_ERROR', 0);
  }
  const text = await response.text();
  if (response.status !== 201) throw refusal(response.status, text);
  onProgress?.(sizeOf(file), sizeOf(file));
  return JSON.parse(text) as UploadedFile;
}
