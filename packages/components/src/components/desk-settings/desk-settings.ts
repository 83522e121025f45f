import { DeskSettings } from './desk-settings.component.js';

export * from './desk-settings.component.js';
export default DeskSettings;

DeskSettings.define('desk-settings');

declare global {
  interface HTMLElementTagNameMap {
    'desk-settings': DeskSettings;
  }
}
