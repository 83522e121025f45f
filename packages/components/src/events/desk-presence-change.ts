/** The current agent changed their own status. */
export type DeskPresenceChangeEvent = CustomEvent<{ status: 'available' | 'unavailable' }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'desk-presence-change': DeskPresenceChangeEvent;
  }
}
