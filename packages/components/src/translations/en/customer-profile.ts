/** English terms of `<customer-profile>`. */
export interface ProfileTerms {
  profileTitle: string;
  profileLoading: string;
  profileNotFound: string;
  profileRedirected: string;
  profileName: string;
  profileEmail: string;
  profilePhone: string;
  profileLanguage: string;
  profileLanguageHint: string;
  profileNotes: string;
  profileNotesCount: (count: number, max: number) => string;
  profileNoNotes: string;
  profileAttributes: string;
  profileNoAttributes: string;
  profileAttributeKey: string;
  profileAttributeValue: string;
  profileAddAttribute: string;
  profileRemoveAttribute: (key: string) => string;
  profileExternalId: string;
  profileVerified: string;
  profileUnverified: string;
  profileEmpty: string;
  profileEdit: string;
  profileSave: string;
  profileSaving: string;
  profileCancel: string;
  profileSaved: string;
  profileFixErrors: string;
  profileHistory: string;
  profileHistoryEmpty: string;
  profileHistoryItem: (channel: string, subject: string, status: string, date: string) => string;
  profileChannelName: (channel: string) => string;
  profileStatusName: (status: string) => string;
  profileNoSubject: string;
  profileLoadMore: string;
  profileDuplicates: string;
  profileNoDuplicates: string;
  profileDuplicateReasons: (reasons: Array<'email' | 'phone' | 'externalId'>) => string;
  profileMerge: (name: string) => string;
  profileMergeTitle: string;
  profileMergeConfirm: (source: string, target: string) => string;
  profileMergeAction: string;
  profileMerging: string;
  profileMerged: (moved: number) => string;
  profileIntegrations: string;
  profileSmsAction: string;
  profileSmsHint: (phone: string) => string;
  profileSmsStatus: (to: string, status: string) => string;
  profileTemplateAction: string;
  profileIntegrationsLoading: string;
  profileIntegrationsEmpty: string;
  profileIntegrationsRefresh: string;
  profileIntegrationCached: (time: string) => string;
  profileIntegrationFetched: (time: string) => string;
  profileIntegrationTimeout: string;
  profileIntegrationError: string;
  profileIntegrationNoFields: string;
}

export const profileTerms: ProfileTerms = {
  profileTitle: 'Customer profile',
  profileLoading: 'Loading the profile…',
  profileNotFound: 'This customer was not found.',
  profileRedirected: 'This customer was merged; showing the profile they were merged into.',
  profileName: 'Name',
  profileEmail: 'Email',
  profilePhone: 'Phone',
  profileLanguage: 'Language',
  profileLanguageHint: 'A language tag such as en or pt-BR',
  profileNotes: 'Notes',
  profileNotesCount: (count, max) => `${count.toLocaleString()} of ${max.toLocaleString()} characters`,
  profileNoNotes: 'No notes yet.',
  profileAttributes: 'Attributes',
  profileNoAttributes: 'No attributes.',
  profileAttributeKey: 'Key',
  profileAttributeValue: 'Value',
  profileAddAttribute: 'Add attribute',
  profileRemoveAttribute: (key) => (key ? `Remove attribute ${key}` : 'Remove this attribute'),
  profileExternalId: 'Portal id',
  profileVerified: 'Verified',
  profileUnverified: 'Unverified',
  profileEmpty: '—',
  profileEdit: 'Edit profile',
  profileSave: 'Save',
  profileSaving: 'Saving…',
  profileCancel: 'Cancel',
  profileSaved: 'Profile saved.',
  profileFixErrors: 'Some fields need fixing.',
  profileHistory: 'Conversations',
  profileHistoryEmpty: 'No conversations yet.',
  profileHistoryItem: (channel, subject, status, date) => `${subject} (${channel}, ${status}, ${date})`,
  profileChannelName: (channel) =>
    (({ web: 'Web', sms: 'SMS', whatsapp: 'WhatsApp', email: 'Email' }) as Record<string, string>)[channel] ?? channel,
  profileStatusName: (status) =>
    (({ pending: 'Pending', open: 'Open', 'on-hold': 'On hold', solved: 'Solved', closed: 'Closed' }) as Record<string, string>)[status] ?? status,
  profileNoSubject: 'No subject',
  profileLoadMore: 'Load more',
  profileDuplicates: 'Possible duplicates',
  profileNoDuplicates: 'No likely duplicates.',
  profileDuplicateReasons: (reasons) =>
    `Same ${reasons.map((r) => ({ email: 'email', phone: 'phone number', externalId: 'portal id' })[r]).join(' and ')}`,
  profileMerge: (name) => `Merge ${name} into this profile`,
  profileMergeTitle: 'Merge customers',
  profileMergeConfirm: (source, target) =>
    `Merge ${source} into ${target}? Their conversations move to ${target}; empty contact details, attributes and notes are copied over. This cannot be undone.`,
  profileMergeAction: 'Merge',
  profileMerging: 'Merging…',
  profileMerged: (moved) => (moved === 1 ? 'Merged; 1 conversation moved.' : `Merged; ${moved} conversations moved.`),
  profileIntegrations: 'Connected apps',
  profileSmsAction: 'Send SMS',
  profileSmsHint: (phone) => `It goes to ${phone}. The customer cannot reply to it.`,
  profileSmsStatus: (to, status) => `SMS to ${to}: ${status}`,
  profileTemplateAction: 'Send WhatsApp template',
  profileIntegrationsLoading: 'Loading details from connected apps…',
  profileIntegrationsEmpty: 'No connected apps.',
  profileIntegrationsRefresh: 'Refresh',
  profileIntegrationCached: (time) => `Saved answer from ${time}`,
  profileIntegrationFetched: (time) => `Fetched at ${time}`,
  profileIntegrationTimeout: 'The app did not answer in time.',
  profileIntegrationError: 'The app could not be reached.',
  profileIntegrationNoFields: 'Nothing to show.',
};
