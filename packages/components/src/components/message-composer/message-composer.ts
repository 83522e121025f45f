import { MessageComposer } from './message-composer.component.js';

export * from './message-composer.component.js';
export default MessageComposer;

MessageComposer.define('message-composer');

declare global {
  interface HTMLElementTagNameMap {
    'message-composer': MessageComposer;
  }
}
