/** A transcript download finished: which format, how many conversations and bytes. */
export type DeskTranscriptExportEvent = CustomEvent<{ format: 'txt' | 'html' | 'csv'; fileName: string; conversations: number; bytes: number }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'desk-transcript-export': DeskTranscriptExportEvent;
  }
}
