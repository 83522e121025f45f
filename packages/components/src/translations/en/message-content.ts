/** English terms of message content (files, voice, locations, templates, payments) in both timelines. */
export interface ContentTerms {
  contentTemplateButtons: string;
  contentPayment: string;
  contentPaymentStatus: (status: 'pending' | 'paid' | 'failed' | 'expired') => string;
  contentPaymentPay: (amount: string) => string;
  contentOpensInNewTab: string;
  contentDownload: (name: string) => string;
  contentFileDetails: (type: string, size: string) => string;
  contentFileUnavailable: string;
  /** `duration` is null while the length is not known. */
  contentVoice: (duration: string | null) => string;
  contentLocation: string;
  contentAccuracy: (metres: string) => string;
  contentOpenInMaps: string;
  contentTemplate: string;
}

export const contentTerms: ContentTerms = {
  contentTemplateButtons: 'Template buttons',
  contentPayment: 'Payment request',
  contentPaymentStatus: (status) => ({ pending: 'Awaiting payment', paid: 'Paid', failed: 'Failed', expired: 'Expired' })[status],
  contentPaymentPay: (amount) => `Pay ${amount}`,
  contentOpensInNewTab: '(opens in a new tab)',
  contentDownload: (name) => `Download ${name}`,
  contentFileDetails: (type, size) => `${type} · ${size}`,
  contentFileUnavailable: 'This file is not available.',
  contentVoice: (duration) => (duration ? `Voice message, ${duration}` : 'Voice message'),
  contentLocation: 'Location',
  contentAccuracy: (metres) => `within ${metres} m`,
  contentOpenInMaps: 'Open in maps',
  contentTemplate: 'Template message',
};
