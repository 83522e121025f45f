import type { DeskSession } from '../context/session-context.js';

/** Someone signed in or out, or a stored token turned out to be expired (`session: null`). */
export type DeskSessionChangeEvent = CustomEvent<{ session: DeskSession | null }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'desk-session-change': DeskSessionChangeEvent;
  }
}
