/** The agent transferred the conversation to another agent or to a department's queue (after the server confirmed it). */
export type DeskConversationTransferEvent = CustomEvent<{
  conversationId: string;
  to: { agentId: string } | { departmentId: string };
}>;

declare global {
  interface GlobalEventHandlersEventMap {
    'desk-conversation-transfer': DeskConversationTransferEvent;
  }
}
