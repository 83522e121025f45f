import { createDeskClient, type AgentLiveEvent, type DeskClient, type DeskClientOptions } from '@deskkit/client';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import WebSocket from 'ws';
import type { AppRouter } from '../routers/_app.js';

/** Signs an agent in over HTTP and returns a client carrying the session token. */
export async function signedInClient(
  url: string,
  credentials: { tenant?: string; email: string; password: string },
  options: Partial<DeskClientOptions> = {},
): Promise<{ client: DeskClient; token: string; agentId: string }> {
  const anonymous = createDeskClient({ url });
  const session = await anonymous.auth.signIn.mutate({ tenant: credentials.tenant ?? 'demo', ...credentials });
  return {
    client: createDeskClient({ url, token: session.token, ...options }),
    token: session.token,
    agentId: session.agent.id,
  };
}

/** Polls `check` until it returns a truthy value, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 5_000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A client whose queries and mutations go over its one WebSocket too, as a raw tRPC
 * client may send them (the typed client sends only subscriptions there).
 */
export function wsOnlyClient(url: string, credential: string): { client: DeskClient; close(): Promise<void> } {
  const ws = createWSClient({
    url: `${url.replace(/^http/, 'ws')}/trpc`,
    connectionParams: () => ({ token: credential }),
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  return { client: createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] }), close: () => ws.close() };
}

/** Subscribes and records every event (with its id), every error and whether it started. */
export function record<T>(
  subscribe: (handlers: {
    onData: (event: { id: string; data: T }) => void;
    onError: (err: unknown) => void;
    onStarted: () => void;
    onComplete: () => void;
    onConnectionStateChange: (state: { state: string }) => void;
  }) => { unsubscribe(): void },
) {
  const events: Array<{ id: string; data: T }> = [];
  const errors: unknown[] = [];
  let started = false;
  let completed = false;
  let connection = 'idle';
  let reconnects = 0;
  const subscription = subscribe({
    onData: (event) => events.push(event),
    onError: (err) => errors.push(err),
    onStarted: () => {
      started = true;
    },
    onComplete: () => {
      completed = true;
    },
    onConnectionStateChange: (state) => {
      if (state.state === 'connecting' && connection === 'pending') reconnects++;
      connection = state.state;
    },
  });
  return {
    events,
    errors,
    get started() {
      return started;
    },
    /** The server ended the subscription for good. */
    get completed() {
      return completed;
    },
    /** 'idle' | 'connecting' | 'pending' (connected) as the link reports it. */
    get connection() {
      return connection;
    },
    /** How often the link lost a live connection and went back to connecting (it resumes on its own). */
    get reconnects() {
      return reconnects;
    },
    unsubscribe: () => subscription.unsubscribe(),
  };
}

/**
 * Opens the agent's live stream, which keeps them online, and sets them Available when
 * asked; returns the recorded stream. Given a test context (`ctx`), the stream ends with
 * the test; otherwise the caller unsubscribes.
 */
export async function goLive(
  client: DeskClient,
  options: { available?: boolean; what?: string; ctx?: { after(fn: () => unknown): void } } = {},
) {
  const live = record<AgentLiveEvent>((h) => client.conversations.onEvent.subscribe(undefined, h));
  options.ctx?.after(live.unsubscribe);
  await waitFor(() => live.started, 3_000, options.what ?? 'live stream');
  if (options.available) await client.presence.setStatus.mutate({ status: 'available' });
  return live;
}

/** A customer starts a web chat through the typed client; returns the visitor's own client too. */
export async function startChat(
  url: string,
  input: { tenant?: string; departmentId?: string; name?: string; email?: string; body?: string; identityToken?: string } = {},
) {
  const { tenant = 'demo', body = 'Hello, I need help', ...rest } = input;
  const started = await createDeskClient({ url }).webchat.start.mutate({
    tenant,
    ...rest,
    message: { body, clientMessageId: clientMessageId() },
  });
  return { ...started, id: started.conversation.id, visitor: createDeskClient({ url, token: started.visitorToken }) };
}

/** A fresh idempotency key for a send. */
export const clientMessageId = () => crypto.randomUUID().replaceAll('-', '');
