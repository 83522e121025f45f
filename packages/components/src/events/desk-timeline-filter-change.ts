/**
 * The agent changed which kinds of entries `<chat-window>`'s timeline shows. `hidden` is
 * the new value of its `hiddenEntries` (the `hidden-entries` attribute); store it to keep
 * the choice, and set it back on the next window.
 */
export type DeskTimelineFilterChangeEvent = CustomEvent<{
  hidden: Array<'messages' | 'attachments' | 'assignments' | 'tags' | 'status'>;
}>;

declare global {
  interface GlobalEventHandlersEventMap {
    'desk-timeline-filter-change': DeskTimelineFilterChangeEvent;
  }
}
