/** A supervisor picked an agent on `<agent-load>` (e.g. to filter the queue by assignee). */
export type DeskAgentSelectEvent = CustomEvent<{ agentId: string; name: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'desk-agent-select': DeskAgentSelectEvent;
  }
}
