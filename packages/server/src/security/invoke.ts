import { isTRPCClientError, type DeskClient } from '@deskkit/client';

export type ProcedureType = 'query' | 'mutation' | 'subscription';

/** What one call came to: the data, or the error's code, message and named fields. */
export type Outcome =
  | { ok: true; data: unknown }
  | { ok: false; code: string; message: string; fields: Record<string, string[]> | null; events: number };

type Callable = {
  query(input: unknown): Promise<unknown>;
  mutate(input: unknown): Promise<unknown>;
  subscribe(
    input: unknown,
    handlers: { onStarted(): void; onData(data: unknown): void; onError(err: unknown): void },
  ): { unsubscribe(): void };
};

/** The client's procedure at `path` (`settings.tags.add`), called without static types. */
const procedure = (client: DeskClient, path: string) =>
  path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], client) as Callable;

export function outcomeOf(err: unknown, events = 0): Outcome {
  if (!isTRPCClientError(err)) return { ok: false, code: 'CLIENT', message: String(err), fields: null, events };
  const data = err.data as { code?: string; fields?: Record<string, string[]> | null } | undefined;
  return { ok: false, code: data?.code ?? 'UNKNOWN', message: err.message, fields: data?.fields ?? null, events };
}

/**
 * Calls a procedure through the real typed client: queries and mutations over HTTP
 * (batched), subscriptions over the client's SSE link. A subscription counts as
 * allowed once it has started and stayed up for `settleMs` without an error.
 */
export async function invoke(client: DeskClient, path: string, type: ProcedureType, input: unknown, settleMs = 300): Promise<Outcome> {
  const target = procedure(client, path);
  if (type === 'subscription') return subscribeOnce(target, input, settleMs);
  try {
    return { ok: true, data: await (type === 'query' ? target.query(input) : target.mutate(input)) };
  } catch (err) {
    return outcomeOf(err);
  }
}

function subscribeOnce(target: Callable, input: unknown, settleMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    let events = 0;
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const finish = (outcome: Outcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      queueMicrotask(() => subscription.unsubscribe());
      resolve(outcome);
    };
    const subscription = target.subscribe(input, {
      onStarted: () => {
        timer = setTimeout(() => finish({ ok: true, data: { events } }), settleMs);
      },
      onData: () => {
        events++;
      },
      onError: (err) => finish(outcomeOf(err, events)),
    });
    // Neither started nor refused: report it rather than hang.
    setTimeout(() => finish({ ok: false, code: 'TIMEOUT', message: 'no answer', fields: null, events }), 10_000).unref();
  });
}

/** `code: message` for assertion messages. */
export const describeOutcome = (o: Outcome) => (o.ok ? `ok ${JSON.stringify(o.data).slice(0, 200)}` : `${o.code}: ${o.message}`);
