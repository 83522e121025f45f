import { retryLink, type TRPCClientError, type TRPCLink } from '@trpc/client';
import type { AppRouter } from '@deskkit/server';

/** tRPC codes that mean "the server is there but cannot serve right now". */
const transient = new Set(['SERVICE_UNAVAILABLE', 'BAD_GATEWAY', 'GATEWAY_TIMEOUT']);

/**
 * Reopens a subscription that failed because the desk or its database was briefly
 * away (the network failed, or a 502/503/504), from the last event id it delivered, with
 * backoff up to 10 s. tRPC already reconnects a dropped SSE connection; this also
 * covers a stream that could not start, and WebSocket streams, which tRPC ends on
 * any error. Queries and mutations are left to the caller.
 */
export function resumeLink(): TRPCLink<AppRouter> {
  return retryLink<AppRouter>({
    retry: ({ op, error }) => op.type === 'subscription' && isTransient(error),
    retryDelayMs: (attempt) => Math.min(250 * 2 ** attempt, 10_000),
  });
}

function isTransient(error: TRPCClientError<AppRouter>): boolean {
  const code = (error.data as { code?: string } | undefined)?.code;
  if (code) return transient.has(code);
  // No answer from tRPC: a network failure (fetch throws a TypeError), or a gateway in front of the desk.
  const cause = error.cause as { name?: string; code?: unknown } | undefined;
  const status = (error.meta?.response as { status?: number } | undefined)?.status ?? cause?.code;
  return cause?.name === 'TypeError' || status === 502 || status === 503 || status === 504;
}
