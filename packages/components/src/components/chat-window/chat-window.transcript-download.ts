/**
 * @license MIT
 * The chat window's transcript download (loaded on first use, with the export code it
 * drives): streams the conversation's transcript through a signed link into a file and
 * tells the page what was saved.
 */
import type { DeskClient } from '@deskkit/client';
import { downloadTranscript, type TranscriptFormat } from '../desk-metrics/desk-metrics.export.js';

export { formatBytes } from '../desk-metrics/desk-metrics.export.js';

export interface TranscriptRun {
  client: DeskClient;
  server: string;
  conversationId: string;
  format: TranscriptFormat;
  onProgress(bytes: number): void;
}

/** What `desk-transcript-export` says, once the file is saved (a rejection when it is not; `AbortError` when the agent cancelled). */
export async function downloadConversation(run: TranscriptRun): Promise<GlobalEventHandlersEventMap['desk-transcript-export']['detail']> {
  const result = await downloadTranscript({
    client: run.client,
    server: run.server,
    target: { conversationId: run.conversationId },
    format: run.format,
    onProgress: ({ bytes }) => run.onProgress(bytes),
  });
  // The browser's download manager does not say what it saved.
  const known = result.savedBy !== 'browser';
  return {
    format: run.format,
    fileName: result.fileName,
    savedBy: result.savedBy,
    conversations: known ? result.conversations : null,
    bytes: known ? result.bytes : null,
  };
}
