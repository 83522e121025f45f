/** A customer started a web chat from `<customer-chat>`. */
export type DeskChatStartEvent = CustomEvent<{ conversationId: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'desk-chat-start': DeskChatStartEvent;
  }
}
