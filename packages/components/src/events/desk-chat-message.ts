/**
 * A new message arrived live in `<customer-chat>`: `fromAgent` is true for an agent's reply
 * (a host page can show a notification), false for the customer's own (e.g. sent from another tab).
 */
export type DeskChatMessageEvent = CustomEvent<{ conversationId: string; seq: number; fromAgent: boolean }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'desk-chat-message': DeskChatMessageEvent;
  }
}
