import {
  createTRPCClient,
  createWSClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  wsLink,
  type TRPCClient,
} from '@trpc/client';
import type { AppRouter } from '@deskkit/server';
import { resumeLink } from './links/resume-link.js';
import { startPositionLink } from './links/start-position-link.js';

export type DeskClient = TRPCClient<AppRouter>;

export interface DeskClientOptions {
  /** Base URL of the deskkit server, e.g. `https://desk.example.com`; tRPC lives at `/trpc`. */
  url: string;
  /** An agent's session token, or a function returning the current one. */
  token?: string | (() => string | null | undefined);
  /** A partner API key (`dkk_…`) for server-to-server use. */
  apiKey?: string;
  /** How subscriptions travel: Server-Sent Events (default) or one WebSocket. */
  transport?: 'sse' | 'ws';
  /** For runtimes without globals (Node 20): an `EventSource` class. */
  EventSource?: typeof globalThis.EventSource;
  /** For runtimes without globals: a `WebSocket` class. */
  WebSocket?: typeof globalThis.WebSocket;
  /** Custom fetch (tests, instrumentation). */
  fetch?: typeof globalThis.fetch;
}

const closers = new WeakMap<object, () => Promise<void>>();

function credential(options: DeskClientOptions): string | null {
  const token = typeof options.token === 'function' ? options.token() : options.token;
  return token ?? options.apiKey ?? null;
}

/**
 * Creates the typed deskkit client. Queries and mutations are batched over HTTP;
 * subscriptions go over SSE or WebSocket and resume from the last event id after
 * a dropped connection, so no event is missed or repeated (a subscription opened
 * without a `lastEventId` starts from the stream's position when it is opened).
 *
 * @example
 * ```ts
 * const desk = createDeskClient({ url: 'https://desk.example.com', token });
 * const online = await desk.presence.list.query();
 * desk.presence.onChange.subscribe(undefined, { onData: ({ data }) => console.log(data) });
 * ```
 */
export function createDeskClient(options: DeskClientOptions): DeskClient {
  const base = options.url.replace(/\/+$/, '');
  const httpUrl = `${base}/trpc`;
  const connectionParams = () => {
    const value = credential(options);
    return value ? { token: value } : {};
  };

  const wsClient =
    options.transport === 'ws'
      ? createWSClient({
          url: httpUrl.replace(/^http/, 'ws'),
          connectionParams,
          WebSocket: options.WebSocket,
          lazy: { enabled: true, closeMs: 10_000 },
          retryDelayMs: (attempt) => Math.min(500 * 2 ** attempt, 10_000),
        })
      : undefined;

  // The position query goes through the same client (and credential) as everything else.
  const position = () => client.events.position.query();
  const client: DeskClient = createTRPCClient<AppRouter>({
    links: [
      resumeLink(),
      startPositionLink(position),
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsClient
          ? wsLink({ client: wsClient })
          : httpSubscriptionLink({ url: httpUrl, connectionParams, EventSource: options.EventSource }),
        false: httpBatchLink({
          url: httpUrl,
          // Within the server's cap (50 calls), and GET URLs well under header limits.
          maxItems: 25,
          maxURLLength: 8_000,
          fetch: options.fetch,
          headers: () => {
            const value = credential(options);
            return value ? { Authorization: `Bearer ${value}` } : {};
          },
        }),
      }),
    ],
  });
  closers.set(client, async () => {
    await wsClient?.close();
  });
  return client;
}

/** Closes the client's WebSocket, if it has one. Open subscriptions end. */
export async function closeDeskClient(client: DeskClient): Promise<void> {
  await closers.get(client)?.();
}
