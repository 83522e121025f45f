import { AgentQueue } from './agent-queue.component.js';

export * from './agent-queue.component.js';
export default AgentQueue;

AgentQueue.define('agent-queue');

declare global {
  interface HTMLElementTagNameMap {
    'agent-queue': AgentQueue;
  }
}
