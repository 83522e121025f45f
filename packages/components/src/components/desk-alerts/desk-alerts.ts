import { DeskAlerts } from './desk-alerts.component.js';

export * from './desk-alerts.component.js';
export default DeskAlerts;

DeskAlerts.define('desk-alerts');

declare global {
  interface HTMLElementTagNameMap {
    'desk-alerts': DeskAlerts;
  }
}
