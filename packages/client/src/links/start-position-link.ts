import { TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable, type Unsubscribable } from '@trpc/server/observable';
import type { AppRouter } from '@deskkit/server';

type ResumableInput = { lastEventId?: string | null } | undefined | null;

/**
 * Gives every subscription opened without a `lastEventId` the stream's current
 * position before it starts. tRPC only learns a resume point from the events it
 * receives, so a stream cut before its first event would otherwise resume "from
 * now" and silently skip what happened in between.
 */
export function startPositionLink(position: () => Promise<string>): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) => {
      const input = op.input as ResumableInput;
      if (op.type !== 'subscription' || input?.lastEventId) return next(op);
      return observable((observer) => {
        let inner: Unsubscribable | undefined;
        let closed = false;
        position().then(
          (lastEventId) => {
            if (!closed) inner = next({ ...op, input: { ...(input ?? {}), lastEventId } }).subscribe(observer);
          },
          (err: unknown) => {
            if (!closed) observer.error(TRPCClientError.from(err instanceof Error ? err : new Error(String(err))));
          },
        );
        return () => {
          closed = true;
          inner?.unsubscribe();
        };
      });
    };
}
