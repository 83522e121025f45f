/**
 * Node entry: the same client, with `EventSource` and `WebSocket` supplied for
 * Node 20, which has neither as a global.
 */
import { EventSource } from 'eventsource';
import WebSocket from 'ws';
import { createDeskClient as createBase, type DeskClient, type DeskClientOptions } from './create-desk-client.js';

export * from './index.js';

export function createDeskClient(options: DeskClientOptions): DeskClient {
  return createBase({
    EventSource: globalThis.EventSource ?? (EventSource as unknown as typeof globalThis.EventSource),
    WebSocket: globalThis.WebSocket ?? (WebSocket as unknown as typeof globalThis.WebSocket),
    ...options,
  });
}
