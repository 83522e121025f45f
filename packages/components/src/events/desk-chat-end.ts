/** The customer's web chat ended (an agent closed it) while `<customer-chat>` showed it. */
export type DeskChatEndEvent = CustomEvent<{ conversationId: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'desk-chat-end': DeskChatEndEvent;
  }
}
