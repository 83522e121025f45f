/** English terms of the one-way SMS form and message delivery, in `<chat-window>` and `<customer-profile>`. */
export interface SmsTerms {
  windowDeliveryStatus: (status: 'queued' | 'sent' | 'delivered' | 'read' | 'failed') => string;
  windowSmsTitle: string;
  windowSmsBody: string;
  windowSmsCount: (length: number, max: number, parts: number) => string;
  windowSmsSend: string;
  windowSmsRefused: (reason: string) => string;
}

export const smsTerms: SmsTerms = {
  windowDeliveryStatus: (status) => ({ queued: 'Queued', sent: 'Sent', delivered: 'Delivered', read: 'Read', failed: 'Failed' })[status],
  windowSmsTitle: 'Send a one-way SMS',
  windowSmsBody: 'Text',
  windowSmsCount: (length, max, parts) => `${length} / ${max} characters${parts > 1 ? ` · ${parts} SMS parts` : ''}`,
  windowSmsSend: 'Send SMS',
  windowSmsRefused: (reason) => `Not sent: ${reason}`,
};
