import { initTRPC, tracked, TRPCError } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import { z } from 'zod';

/**
 * The router the transport tests serve twice, through tRPC's own adapter and through ours
 * (`http/sse-subscriptions.ts`, `http/ws-connections.ts`), to compare what each writes: calls,
 * and subscriptions that resume, end, fail early or midway, crash, are no stream at all, are
 * observables, send big events, or idle until stopped.
 */

// No stack traces in error shapes: they would differ between the two servers.
const t = initTRPC.context<{ token: string | null }>().create({ isDev: false, sse: { client: { reconnectAfterInactivityMs: 5_000 } } });
const resume = z.object({ lastEventId: z.string().nullish(), count: z.number().int().max(1_000).optional() }).optional();
/** The payload of each `big` event. */
export const BIG = 'x'.repeat(64 * 1024);

/** What the procedures did, as the server saw it. */
export const seen = { pulled: 0, released: 0, running: 0, mostRunning: 0 };

export const transportRouter = t.router({
  hello: t.procedure.input(z.object({ name: z.string() })).query(({ input, ctx }) => `hi ${input.name} (${ctx.token ?? 'anonymous'})`),
  add: t.procedure.input(z.object({ a: z.number(), b: z.number() })).mutation(({ input }) => input.a + input.b),
  /** Takes 20 ms, counting how many run at once. */
  slow: t.procedure.input(z.number()).query(async ({ input }) => {
    seen.mostRunning = Math.max(seen.mostRunning, ++seen.running);
    await new Promise((resolve) => setTimeout(resolve, 20));
    seen.running--;
    return input;
  }),
  refuses: t.procedure.query(() => {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'not you' });
  }),
  tracked: t.procedure.input(resume).subscription(async function* ({ input }) {
    const from = Number(input?.lastEventId ?? 0);
    for (let n = from + 1; n <= from + (input?.count ?? 3); n++) yield tracked(String(n), { n });
  }),
  plain: t.procedure.subscription(async function* () {
    yield 'a';
    yield { b: [1, 'two'] };
    yield null;
  }),
  /** An untracked event after a tracked one: over SSE its id is cleared, then restored (`restore-id`). */
  mixed: t.procedure.input(resume).subscription(async function* () {
    yield tracked('7', 'seven');
    yield 'untracked';
    yield tracked('8', 'eight');
  }),
  failsEarly: t.procedure
    .use(() => {
      throw new TRPCError({ code: 'UNAUTHORIZED', message: 'who are you' });
    })
    .subscription(async function* () {
      yield 'never';
    }),
  failsLater: t.procedure.subscription(async function* () {
    yield tracked('1', 'one');
    yield tracked('2', 'two');
    throw new TRPCError({ code: 'CONFLICT', message: 'gone away' });
  }),
  crashes: t.procedure.subscription(async function* () {
    yield 'before';
    throw new Error('boom');
  }),
  notAStream: t.procedure.subscription(() => 42 as never),
  observed: t.procedure.subscription(() =>
    observable<number>((emit) => {
      emit.next(1);
      emit.next(2);
      emit.complete();
    }),
  ),
  /** 64 KB events as fast as they are pulled. */
  big: t.procedure.input(resume).subscription(async function* ({ input }) {
    for (let n = 1; n <= (input?.count ?? 10); n++) {
      seen.pulled = n;
      yield tracked(String(n), { n, pad: BIG });
    }
  }),
  /** Idle until stopped (or the client goes). */
  idle: t.procedure.subscription(async function* ({ signal }) {
    try {
      await new Promise((resolve) => signal!.addEventListener('abort', resolve, { once: true }));
      yield 'unreachable';
    } finally {
      seen.released++;
    }
  }),
});
