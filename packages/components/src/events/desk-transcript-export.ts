/**
 * A transcript download finished (`savedBy: 'file'`, streamed into the file the user
 * picked) or was handed to the browser's download manager (`savedBy: 'browser'`: how many
 * conversations and bytes is then unknown, `null`).
 */
export type DeskTranscriptExportEvent = CustomEvent<{
  format: 'txt' | 'html' | 'csv';
  fileName: string;
  savedBy: 'file' | 'browser' | 'memory';
  conversations: number | null;
  bytes: number | null;
}>;

declare global {
  interface GlobalEventHandlersEventMap {
    'desk-transcript-export': DeskTranscriptExportEvent;
  }
}
