/** English terms of message delivery (SMS/WhatsApp), in `<chat-window>`'s timeline and `<customer-profile>`. */
export interface DeliveryTerms {
  windowDeliveryStatus: (status: 'queued' | 'sent' | 'delivered' | 'read' | 'failed') => string;
}

export const deliveryTerms: DeliveryTerms = {
  windowDeliveryStatus: (status) => ({ queued: 'Queued', sent: 'Sent', delivered: 'Delivered', read: 'Read', failed: 'Failed' })[status],
};
