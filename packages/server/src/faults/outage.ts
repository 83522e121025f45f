import assert from 'node:assert/strict';
import { isTRPCClientError } from '@deskkit/client';
import { isDatabaseUnavailable } from '../db/errors.js';

/**
 * No answer at all (connection refused or reset), the desk saying its database is
 * unavailable, or (for server code called directly) the driver saying so.
 */
export const isOutage = (err: unknown) =>
  isTRPCClientError(err) ? !err.data || (err.data as { code?: string }).code === 'SERVICE_UNAVAILABLE' : isDatabaseUnavailable(err);

/** For `assert.rejects`: the clear, retryable answer of a desk whose database is gone, without internals. */
export const databaseUnavailable = (err: unknown) => {
  assert.ok(isTRPCClientError(err), `expected a TRPCClientError, got ${String(err)}`);
  const data = err.data as { code?: string; httpStatus?: number; stack?: string };
  assert.equal(data?.code, 'SERVICE_UNAVAILABLE', err.message);
  assert.equal(data.httpStatus, 503);
  assert.equal(err.message, 'database unavailable; try again');
  assert.equal(data.stack, undefined, 'no stack trace');
  return true;
};

/**
 * Calls `send` until it succeeds, as a client retrying a failed send with the same
 * ids would; anything but an outage is thrown at once.
 */
export async function retryThroughOutage<T>(send: () => Promise<T>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await send();
    } catch (err) {
      if (!isOutage(err)) throw err;
      if (Date.now() > deadline) throw new Error(`${what}: still failing after ${timeoutMs} ms`, { cause: err });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
