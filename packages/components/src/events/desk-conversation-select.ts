/** The agent picked a conversation in a queue (click, Enter, or after accepting it): open it. */
export type DeskConversationSelectEvent = CustomEvent<{ conversationId: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'desk-conversation-select': DeskConversationSelectEvent;
  }
}
