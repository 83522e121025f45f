import { DeskMetrics } from './desk-metrics.component.js';

export * from './desk-metrics.component.js';
export { downloadTranscript, ConversationCounter, type TranscriptFormat, type TranscriptProgress } from './desk-metrics.export.js';
export default DeskMetrics;

DeskMetrics.define('desk-metrics');

declare global {
  interface HTMLElementTagNameMap {
    'desk-metrics': DeskMetrics;
  }
}
