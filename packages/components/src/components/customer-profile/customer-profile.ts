import { CustomerProfile } from './customer-profile.component.js';

export * from './customer-profile.component.js';
export default CustomerProfile;

CustomerProfile.define('customer-profile');

declare global {
  interface HTMLElementTagNameMap {
    'customer-profile': CustomerProfile;
  }
}
