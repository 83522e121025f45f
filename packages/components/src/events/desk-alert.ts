/** Why `<desk-alerts>` alerts the agent. */
export type DeskAlertKind = 'queued' | 'assigned' | 'message';

/**
 * `<desk-alerts>` is about to alert the agent: a chat is waiting in their queue (`queued`),
 * one was routed or transferred to them (`assigned`), or its customer wrote while the desk
 * was in the background (`message`). `sound` and `notify` say what it will do (chime; show a
 * desktop notification). Cancelable: `preventDefault()` and the page alerts in its own way.
 */
export type DeskAlertEvent = CustomEvent<{
  kind: DeskAlertKind;
  conversationId: string;
  title: string;
  body: string;
  sound: boolean;
  notify: boolean;
}>;

declare global {
  interface GlobalEventHandlersEventMap {
    'desk-alert': DeskAlertEvent;
  }
}
