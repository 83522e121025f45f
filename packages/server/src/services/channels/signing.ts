import { createHmac, timingSafeEqual } from 'node:crypto';
import { OutboundRefusedError, type SafeFetch } from '../safe-fetch.js';

/** Headers of every signed request between the desk and a channel provider, both ways. */
export const TIMESTAMP_HEADER = 'X-Deskkit-Timestamp';
export const SIGNATURE_HEADER = 'X-Deskkit-Signature';

/** How far a signed timestamp may be from our clock. */
export const SIGNATURE_TOLERANCE_S = 5 * 60;

/** `v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`. */
export function signature(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The two headers for a body sent now. */
export function signedHeaders(secret: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(now / 1000));
  return { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signature(secret, timestamp, body) };
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'bad signature' | 'stale' };

/**
 * Checks a signed request: the signature over its exact bytes (compared in constant
 * time), then that its timestamp is within five minutes of now.
 */
export function verifySignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  now = Date.now(),
): SignatureCheck {
  const { timestamp, signature: given } = headers;
  if (!timestamp || !given) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'bad signature' };
  const expected = Buffer.from(signature(secret, timestamp, body));
  // Several comma-separated signatures are accepted (e.g. during a secret rotation on the sender's side).
  const matches = given.split(',').some((candidate) => {
    const actual = Buffer.from(candidate.trim());
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  });
  if (!matches) return { ok: false, reason: 'bad signature' };
  if (Math.abs(now / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_S) return { ok: false, reason: 'stale' };
  return { ok: true };
}

/**
 * POSTs a JSON body to a provider's endpoint (as `safeFetch.endpoint`), signed with
 * `secret`, with our id as `Idempotency-Key`, no redirects and a timeout. Answers the text of a 2xx response; anything else throws
 * `fail(message)` with a message fit to show agents, naming the provider as `who`.
 */
export async function postSigned(
  safeFetch: SafeFetch,
  endpoint: string,
  secret: string,
  body: string,
  options: { idempotencyKey: string; timeoutMs: number; who: string; refused: string; fail: (message: string) => Error },
): Promise<string> {
  const { who, fail } = options;
  let res: Awaited<ReturnType<SafeFetch['endpoint']>>;
  try {
    res = await safeFetch.endpoint(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': options.idempotencyKey, ...signedHeaders(secret, body) },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    if (e instanceof OutboundRefusedError) throw fail(`${who} may not be reached: ${e.message}`);
    if (e.name === 'TimeoutError') throw fail(`${who} did not answer within ${options.timeoutMs / 1000} s`);
    throw fail(`${who} is unreachable (${e.cause?.code ?? e.message})`);
  }
  const text = await res.text().catch(() => '');
  if (!res.ok) throw fail(`${who} ${options.refused} (HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''})`);
  return text;
}
