import type { Response } from 'undici';

/** A response body went past the size the caller reads. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the answer is larger than ${Math.round(limit / 1024)} KiB`);
  }
}

/**
 * Reads a response body as UTF-8 text, at most `max` bytes: past that the stream is
 * cancelled (the rest is never downloaded) and BodyTooLargeError is thrown.
 */
export async function readCapped(response: Pick<Response, 'body'>, max: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(max);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
