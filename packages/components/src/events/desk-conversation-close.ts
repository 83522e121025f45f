/** The agent closed the conversation (after the server confirmed it). */
export type DeskConversationCloseEvent = CustomEvent<{ conversationId: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'desk-conversation-close': DeskConversationCloseEvent;
  }
}
