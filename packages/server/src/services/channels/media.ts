import { Readable } from 'node:stream';
import { OutboundRefusedError, type SafeFetch } from '../safe-fetch.js';

/** A customer's media that could not be fetched, with a reason fit to show agents. */
export class MediaError extends Error {}

/**
 * Opens a provider's media link (validated as https, or http on loopback, by the webhook
 * schema) through `safeFetch.link`, which connects https only to public addresses (checked
 * as it connects, so a name cannot answer a public address first and a private one later):
 * at most `maxRedirects` redirects, each to https and checked the same way, all within
 * `timeoutMs` (body included). Answers the body as a stream, the size the server declares
 * and `close()` (call it when done, read or not); anything else throws `MediaError`.
 */
export async function openMedia(
  safeFetch: SafeFetch,
  link: string,
  options: { timeoutMs: number; maxRedirects?: number },
): Promise<{ body: AsyncIterable<Uint8Array>; declaredBytes?: number; close(): void }> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let url = new URL(link);
  for (let redirects = 0; ; redirects++) {
    let res: Awaited<ReturnType<SafeFetch['link']>>;
    try {
      res = await safeFetch.link(url, { redirect: 'manual', signal, headers: { Accept: '*/*' } });
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      if (e instanceof OutboundRefusedError) {
        throw new MediaError(`the media link ${redirects ? 'redirected to' : 'points to'} a private address`);
      }
      if (e.name === 'TimeoutError') throw new MediaError(`the media link did not answer within ${options.timeoutMs / 1000} s`);
      throw new MediaError(`the media link is unreachable (${e.cause?.code ?? e.message})`);
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel().catch(() => undefined);
      if (redirects >= (options.maxRedirects ?? 3)) throw new MediaError('the media link redirected too often');
      url = new URL(location, url);
      // Plain http is only for a first link on this machine (tests, the demo); the address is checked as it connects.
      if (url.protocol !== 'https:' || url.username || url.password) throw new MediaError('the media link redirected to a URL that is not https');
      continue;
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel().catch(() => undefined);
      throw new MediaError(`the media link answered HTTP ${res.status}`);
    }
    const length = res.headers.get('content-length');
    const body = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>);
    return {
      body: timed(body, options.timeoutMs),
      declaredBytes: length && /^\d+$/.test(length) ? Number(length) : undefined,
      close: () => body.destroy(),
    };
  }
}

/** The body's chunks; a stream cut by the timeout says so. */
async function* timed(body: Readable, timeoutMs: number): AsyncIterable<Uint8Array> {
  try {
    for await (const chunk of body) yield chunk as Uint8Array;
  } catch (err) {
    const e = err as Error;
    if (e.name === 'TimeoutError' || e.name === 'AbortError') throw new MediaError(`the media download did not finish within ${timeoutMs / 1000} s`);
    throw new MediaError(`the media download broke off (${e.message})`);
  } finally {
    body.destroy();
  }
}
