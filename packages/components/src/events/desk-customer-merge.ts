/** A supervisor merged `sourceId` into `targetId`; `moved` conversations now belong to the target. */
export type DeskCustomerMergeEvent = CustomEvent<{ sourceId: string; targetId: string; moved: number }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'desk-customer-merge': DeskCustomerMergeEvent;
  }
}
