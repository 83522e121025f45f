import { CustomerChat } from './customer-chat.component.js';

export * from './customer-chat.component.js';
export default CustomerChat;

CustomerChat.define('customer-chat');

declare global {
  interface HTMLElementTagNameMap {
    'customer-chat': CustomerChat;
  }
}
