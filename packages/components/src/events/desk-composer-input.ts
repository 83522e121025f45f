/**
 * The text in `<message-composer>` changed through the person writing: typing, pasting,
 * an emoji or a slash command inserted (not when the host sets `value`). For typing
 * notifications and drafts.
 */
export type DeskComposerInputEvent = CustomEvent<{ value: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'desk-composer-input': DeskComposerInputEvent;
  }
}
