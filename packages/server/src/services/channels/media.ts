import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { Readable } from 'node:stream';

/** A customer's media that could not be fetched, with a reason fit to show agents. */
export class MediaError extends Error {}

/** Addresses a redirect may never lead to: loopback, private, link-local, carrier-grade NAT, unspecified. */
const privateRanges = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  privateRanges.addSubnet(net, prefix, 'ipv4');
}
privateRanges.addAddress('::', 'ipv6');
privateRanges.addAddress('::1', 'ipv6');
privateRanges.addSubnet('fc00::', 7, 'ipv6');
privateRanges.addSubnet('fe80::', 10, 'ipv6');

/** Whether an IP address is one a redirect must not reach (IPv4-mapped IPv6 counts as IPv4). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ip = mapped ?? address;
  const family = isIP(ip);
  if (!family) return true;
  return privateRanges.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

/** Refuses an https host that is (or resolves to) a private address. */
async function checkPublic(url: URL, what: string): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (!addresses.length) throw new MediaError(`${what} ${host}, which does not resolve`);
  if (addresses.some(isPrivateAddress)) throw new MediaError(`${what} a private address`);
}

/** Refuses a redirect target that is not https on a public address. */
async function checkRedirect(url: URL): Promise<void> {
  if (url.protocol !== 'https:' || url.username || url.password) throw new MediaError('the media link redirected to a URL that is not https');
  await checkPublic(url, 'the media link redirected to');
}

/**
 * Opens a provider's media link (validated as https, or http on loopback, by the webhook
 * schema; https only on a public address): at most `maxRedirects` redirects, each to https
 * on a public address, all
 * within `timeoutMs` (body included). Answers the body as a stream, the size the server
 * declares and `close()` (call it when done, read or not); anything else throws `MediaError`.
 */
export async function openMedia(
  link: string,
  options: { timeoutMs: number; maxRedirects?: number },
): Promise<{ body: AsyncIterable<Uint8Array>; declaredBytes?: number; close(): void }> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let url = new URL(link);
  // Plain http passed the schema only on loopback (tests, the demo); https must be public.
  if (url.protocol === 'https:') await checkPublic(url, 'the media link points to');
  for (let redirects = 0; ; redirects++) {
    let res: Response;
    try {
      res = await fetch(url, { redirect: 'manual', signal, headers: { Accept: '*/*' } });
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      if (e.name === 'TimeoutError') throw new MediaError(`the media link did not answer within ${options.timeoutMs / 1000} s`);
      throw new MediaError(`the media link is unreachable (${e.cause?.code ?? e.message})`);
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel().catch(() => undefined);
      if (redirects >= (options.maxRedirects ?? 3)) throw new MediaError('the media link redirected too often');
      url = new URL(location, url);
      await checkRedirect(url);
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
