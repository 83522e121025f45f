import type { IncomingMessage } from 'node:http';
import type { TRPCError } from '@trpc/server';
import type { Services } from './services/index.js';
import type { Principal } from './services/principal.js';

/** The parts of a request the procedures may use. */
export interface RequestMeta {
  userAgent?: string;
  ip?: string;
}

/** Builds a context from already-resolved parts; tests call this directly. */
export function createContextInner(opts: {
  desk: Services;
  principal?: Principal | null;
  authError?: TRPCError | null;
  meta?: RequestMeta;
}) {
  return {
    desk: opts.desk,
    principal: opts.principal ?? null,
    authError: opts.authError ?? null,
    meta: opts.meta ?? {},
  };
}

export type Context = Awaited<ReturnType<typeof createContextInner>>;

function bearer(req: IncomingMessage, connectionParams: Record<string, string | undefined> | null | undefined) {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  return connectionParams?.token ?? connectionParams?.apiKey ?? null;
}

/** The credential each context was made from, for `reauthenticate` (kept out of what procedures see). */
const credentials = new WeakMap<Context, string>();

/**
 * Per-request context for HTTP, SSE and WebSocket. The credential comes from the
 * `Authorization` header or, where browsers cannot set headers (SSE, WebSocket),
 * from tRPC's `connectionParams`.
 */
export async function createContext(
  desk: Services,
  opts: { req: IncomingMessage; info?: { connectionParams?: Record<string, string | undefined> | null } },
): Promise<Context> {
  const credential = bearer(opts.req, opts.info?.connectionParams);
  const meta = { userAgent: opts.req.headers['user-agent'], ip: clientAddress(opts.req, desk.config.trustProxy) };
  if (!credential) return createContextInner({ desk, meta });
  const ctx = await authenticated(desk, credential, meta);
  credentials.set(ctx, credential);
  return ctx;
}

/**
 * The context `ctx`'s credential gives now: resolved again, as each HTTP request resolves
 * it, so a WebSocket's calls see sign-out, expiry, a disabled agent, a revoked key and a
 * changed role at once. Without a credential, `ctx` itself.
 */
export async function reauthenticate(desk: Services, ctx: Context): Promise<Context> {
  const credential = credentials.get(ctx);
  return credential ? authenticated(desk, credential, ctx.meta) : ctx;
}

async function authenticated(desk: Services, credential: string, meta: RequestMeta): Promise<Context> {
  try {
    return createContextInner({ desk, meta, principal: await desk.auth.authenticate(credential) });
  } catch (err) {
    return createContextInner({ desk, meta, authError: err as TRPCError });
  }
}

/** The caller's address: the socket's peer, or behind a trusted reverse proxy the address it appended last. */
function clientAddress(req: IncomingMessage, trustProxy: boolean): string | undefined {
  const forwarded = trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',').at(-1)?.trim() : '';
  return forwarded || req.socket.remoteAddress;
}
