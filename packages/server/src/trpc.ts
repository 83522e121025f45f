/**
 * The one tRPC instance. We export only the base procedures, so every
 * procedure states who may call it.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { Context } from './context.js';
import { FieldError, invalidField } from './services/errors.js';
import { RateLimited } from './services/rate-limits.js';
import type { Permission } from './schemas/roles.js';

/** `{ "email": ["Invalid email address"] }` from a schema failure or a service's field error. */
function fieldErrors(cause: unknown): Record<string, string[]> | null {
  if (cause instanceof ZodError) {
    const fields: Record<string, string[]> = {};
    for (const issue of cause.issues) {
      const key = issue.path.length ? issue.path.join('.') : '(input)';
      (fields[key] ??= []).push(issue.message);
    }
    return fields;
  }
  if (cause instanceof FieldError) return { [cause.field]: [cause.message] };
  return null;
}

const t = initTRPC.context<Context>().create({
  // Stack traces only when explicitly developing.
  isDev: process.env.NODE_ENV === 'development',
  errorFormatter({ shape, error }) {
    const fields = fieldErrors(error.cause);
    const message = fields
      ? Object.entries(fields)
          .map(([field, messages]) => `${field}: ${messages.join(', ')}`)
          .join('; ')
      : error.code === 'INTERNAL_SERVER_ERROR'
        ? 'internal server error'
        : shape.message;
    // Rate limits say when to try again (also as `Retry-After` on the HTTP response).
    const retry = error.cause instanceof RateLimited ? { retryAfterMs: error.cause.retryAfterMs } : {};
    return { ...shape, message, data: { ...shape.data, fields, ...retry } };
  },
  sse: {
    ping: { enabled: true, intervalMs: 10_000 },
    client: { reconnectAfterInactivityMs: 25_000 },
  },
});

/** The path of the first object key starting with `$` (a MongoDB operator) anywhere in `value`. */
function operatorKey(value: unknown, path: string[] = []): { field: string; key: string } | null {
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    if (key.startsWith('$')) return { field: path.join('.') || key, key };
    const found = operatorKey(item, [...path, key]);
    if (found) return found;
  }
  return null;
}

/**
 * No input of any procedure may carry a `$` key, wherever it is: schemas already
 * refuse operators where they expect values and drop unknown keys, and this makes
 * sure nothing shaped like a query operator gets as far as a schema at all.
 */
const procedure = t.procedure.use(async function noOperatorKeys({ getRawInput, next }) {
  const found = operatorKey(await getRawInput());
  if (found) throw invalidField(found.field, `must not hold operators such as ${found.key}`);
  return next();
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = procedure;

/** Any caller with a valid credential: a signed-in agent or a partner key. */
export const authedProcedure = procedure.use(function isAuthed({ ctx, next }) {
  if (!ctx.principal) {
    if (ctx.authError instanceof TRPCError) throw ctx.authError;
    if (ctx.authError) throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: ctx.authError });
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in required' });
  }
  return next({ ctx: { principal: ctx.principal } });
});

/** A signed-in agent (any role). */
export const agentProcedure = authedProcedure.use(function isAgent({ ctx, next }) {
  if (ctx.principal.kind !== 'agent') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'only signed-in agents may do this' });
  }
  return next({ ctx: { principal: ctx.principal } });
});

/** A partner's server calling with an API key. */
export const partnerProcedure = authedProcedure.use(function isPartner({ ctx, next }) {
  if (ctx.principal.kind !== 'partner') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'only partner API keys may do this' });
  }
  return next({ ctx: { principal: ctx.principal } });
});

/** A customer on the web-chat channel, with a visitor token. */
export const visitorProcedure = authedProcedure.use(function isVisitor({ ctx, next }) {
  if (ctx.principal.kind !== 'visitor') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'only web-chat visitors may do this' });
  }
  return next({ ctx: { principal: ctx.principal } });
});

/** An agent whose role grants `conversations:supervise` (supervisors and admins). */
export const supervisorProcedure = agentProcedure.use(function isSupervisor({ ctx, next }) {
  if (!ctx.principal.permissions.includes('conversations:supervise')) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'supervisors only' });
  }
  return next();
});

/** An agent whose role grants `settings:manage` (admins). */
export const adminProcedure = agentProcedure.use(function isAdmin({ ctx, next }) {
  if (!ctx.principal.permissions.includes('settings:manage')) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'admins only' });
  }
  return next();
});

/** Requires a named permission: from the agent's role, or among the partner key's scopes. */
export const requirePermission = (permission: Permission) =>
  t.middleware(function hasPermission({ ctx, next }) {
    if (!ctx.principal?.permissions.includes(permission)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `missing permission ${permission}` });
    }
    return next();
  });


/**
 * Counts a message (or a new chat) against its sender's rate limit: the agent, the
 * visitor, the key, or the address of an anonymous caller. Past it the call is
 * TOO_MANY_REQUESTS before anything is stored. Use after `.input()`, so that
 * invalid calls cost nothing.
 */
export const limitSends = t.middleware(async function limitSends({ ctx, next }) {
  const caller = ctx.principal;
  const sender = !caller
    ? `ip:${ctx.meta.ip ?? 'unknown'}`
    : caller.kind === 'agent'
      ? `agent:${caller.agentId}`
      : caller.kind === 'visitor'
        ? `visitor:${caller.customerId}`
        : `key:${caller.keyId}`;
  await ctx.desk.rateLimits.send(`${caller?.tenantId ?? 'any'}/${sender}`);
  return next();
});
