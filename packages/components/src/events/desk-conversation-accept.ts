/** The signed-in agent accepted a pending chat, and the server assigned it to them. */
export type DeskConversationAcceptEvent = CustomEvent<{ conversationId: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'desk-conversation-accept': DeskConversationAcceptEvent;
  }
}
