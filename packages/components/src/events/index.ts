export type { DeskPresenceChangeEvent } from './desk-presence-change.js';
export type { DeskSessionChangeEvent } from './desk-session-change.js';
