import { DeskProvider } from './desk-provider.component.js';

export * from './desk-provider.component.js';
export default DeskProvider;

DeskProvider.define('desk-provider');

declare global {
  interface HTMLElementTagNameMap {
    'desk-provider': DeskProvider;
  }
}
