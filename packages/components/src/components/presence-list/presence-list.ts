import { PresenceList } from './presence-list.component.js';

export * from './presence-list.component.js';
export default PresenceList;

PresenceList.define('presence-list');

declare global {
  interface HTMLElementTagNameMap {
    'presence-list': PresenceList;
  }
}
