/** The agent saved changes to a customer's profile; `customerId` is the saved profile. */
export type DeskCustomerUpdateEvent = CustomEvent<{ customerId: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'desk-customer-update': DeskCustomerUpdateEvent;
  }
}
