import { smsTerms, type SmsTerms } from './sms.js';
import { templateTerms, type TemplateTerms } from './templates.js';

/** English terms of `<chat-window>`'s dialogs (the SMS form's and template dialog's included) and suggested replies, which load on first use (and their terms with them). */
export interface WindowDialogTerms extends SmsTerms, TemplateTerms {
  windowTransferTitle: string;
  windowTransferAgents: string;
  windowTransferNoAgents: string;
  windowTransferDepartments: string;
  windowTransferNote: string;
  windowTransferConfirm: string;
  windowCloseTitle: string;
  windowCloseReason: string;
  windowCloseConfirm: string;
  windowVerifySent: (to: string, expiresAt: string) => string;
  windowVerifyCodeLabel: string;
  windowVerifyTitle: string;
  windowVerifyHint: string;
  windowVerifySend: string;
  windowVerifyConfirm: string;
  windowVerifyResend: string;
  windowPaymentAmount: string;
  windowPaymentCurrency: string;
  windowPaymentDescription: string;
  windowPaymentPreview: string;
  windowPaymentSend: string;
  windowPaymentCancel: string;
  windowPaymentFailed: (message: string) => string;
  windowSuggestions: string;
  windowSuggestionSource: (source: 'canned' | 'history' | 'llm') => string;
  windowSuggestionInsert: (source: string, text: string) => string;
  windowSuggestionsDismiss: string;
  windowSmsHint: string;
}

export const windowDialogTerms: WindowDialogTerms = {
  ...smsTerms,
  ...templateTerms,
  windowTransferTitle: 'Transfer conversation',
  windowTransferAgents: 'Available agents',
  windowTransferNoAgents: 'No other agent is available right now.',
  windowTransferDepartments: 'Or back to a department queue',
  windowTransferNote: 'Note for the next agent (optional)',
  windowTransferConfirm: 'Transfer',
  windowCloseTitle: 'Close conversation',
  windowCloseReason: 'Reason (optional)',
  windowCloseConfirm: 'Close conversation',
  windowVerifySent: (to, expiresAt) => `Code sent to ${to} (valid until ${expiresAt}). The customer can enter it in the chat, or read it back to you:`,
  windowVerifyCodeLabel: 'Code the customer read back',
  windowVerifyTitle: 'Verify the customer',
  windowVerifyHint: 'A one-time code goes to the customer’s phone on file (by SMS, or over this conversation’s own channel). The customer enters it in the chat or reads it back to you.',
  windowVerifySend: 'Send code',
  windowVerifyConfirm: 'Confirm code',
  windowVerifyResend: 'Send a new code',
  windowPaymentAmount: 'Amount',
  windowPaymentCurrency: 'Currency',
  windowPaymentDescription: 'Description',
  windowPaymentPreview: 'The customer will see',
  windowPaymentSend: 'Send request',
  windowPaymentCancel: 'Cancel',
  windowPaymentFailed: (message) => `The payment request was not sent: ${message}`,
  windowSuggestions: 'Suggested replies',
  windowSuggestionSource: (source) => ({ canned: 'Canned', history: 'Past answer', llm: 'AI' })[source],
  windowSuggestionInsert: (source, text) => `Insert suggested reply (${source}): ${text}`,
  windowSuggestionsDismiss: 'Dismiss suggested replies',
  windowSmsHint: "It goes to the customer's phone number. They cannot reply to it.",
};
