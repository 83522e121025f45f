/**
 * The agent's message was stored by the server (the send was acknowledged). Fired once per
 * successful send or retry; `clientMessageId` is the id the optimistic echo carried.
 */
export type DeskMessageSendEvent = CustomEvent<{ conversationId: string; clientMessageId: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'desk-message-send': DeskMessageSendEvent;
  }
}
