import { AgentLoad } from './agent-load.component.js';

export * from './agent-load.component.js';
export default AgentLoad;

AgentLoad.define('agent-load');

declare global {
  interface HTMLElementTagNameMap {
    'agent-load': AgentLoad;
  }
}
