import { deliveryTerms, type DeliveryTerms } from './delivery.js';

/**
 * English terms of the one-way SMS form, in `<customer-profile>` and `<chat-window>` (where they
 * load with its dialogs), and of message delivery.
 */
export interface SmsTerms extends DeliveryTerms {
  windowSmsTitle: string;
  windowSmsBody: string;
  windowSmsCount: (length: number, max: number, parts: number) => string;
  windowSmsSend: string;
  windowSmsRefused: (reason: string) => string;
}

export const smsTerms: SmsTerms = {
  ...deliveryTerms,
  windowSmsTitle: 'Send a one-way SMS',
  windowSmsBody: 'Text',
  windowSmsCount: (length, max, parts) => `${length} / ${max} characters${parts > 1 ? ` · ${parts} SMS parts` : ''}`,
  windowSmsSend: 'Send SMS',
  windowSmsRefused: (reason) => `Not sent: ${reason}`,
};
