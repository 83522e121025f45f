import assert from 'node:assert/strict';
import { isTRPCClientError } from '@deskkit/client';

/**
 * For `assert.rejects`: a tRPC error with this code and, when given, a
 * BAD_REQUEST message and `data.fields` naming `field`.
 */
export const trpcError = (code: string, field?: string) => (err: unknown) => {
  assert.ok(isTRPCClientError(err), `expected a TRPCClientError, got ${String(err)}`);
  const data = err.data as { code: string; fields?: Record<string, string[]> | null };
  assert.equal(data.code, code, err.message);
  if (field) {
    assert.ok(data.fields?.[field], `expected field ${field} in ${JSON.stringify(data.fields)}`);
    assert.match(err.message, new RegExp(`(^|; )${field.replace(/\./g, '\\.')}:`));
  }
  return true;
};
