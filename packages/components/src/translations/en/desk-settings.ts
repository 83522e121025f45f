/** English terms of `<desk-settings>`. */
export interface SettingsTerms {
  settingsAdminsOnly: string;
  settingsTitle: string;
  settingsTab_profile: string;
  settingsTab_preferences: string;
  settingsTab_tags: string;
  settingsTab_departments: string;
  settingsTab_responders: string;
  settingsTab_surveys: string;
  settingsTab_results: string;
  settingsTab_canned: string;
  settingsTab_channels: string;
  settingsTab_connections: string;
  settingsSave: string;
  settingsSaved: string;
  settingsCancel: string;
  settingsEdit: string;
  settingsEditNamed: (name: string) => string;
  settingsRemove: string;
  settingsRemoveNamed: (name: string) => string;
  settingsConfirmRemove: (name: string) => string;
  settingsEnabled: string;
  settingsOn: string;
  settingsOff: string;
  settingsProfile: string;
  settingsName: string;
  settingsLogoUrl: string;
  settingsTimezone: string;
  settingsHours: string;
  settingsHoursHint: string;
  settingsClosed: string;
  settingsOpens: (day: string) => string;
  settingsCloses: (day: string) => string;
  settingsAddHours: string;
  settingsAddPeriod: (day: string) => string;
  settingsRemovePeriod: (day: string, open: string, close: string) => string;
  settingsPreferences: string;
  settingsMaxChats: string;
  settingsMaxChatsHint: string;
  settingsAutoClose: string;
  settingsAutoCloseHint: string;
  settingsWarning: string;
  settingsWarningHint: string;
  settingsRouting: string;
  settingsRoutingManual: string;
  settingsRoutingAuto: string;
  settingsRoutingTenant: string;
  settingsUploads: string;
  settingsUploadsHint: string;
  settingsUploadsMaxSize: string;
  settingsUploadsMaxSizeHint: (max: number) => string;
  settingsUploadsKinds: string;
  settingsUploadKind_image: string;
  settingsUploadKind_audio: string;
  settingsUploadKind_video: string;
  settingsUploadKind_document: string;
  settingsUploadsOff: string;
  settingsTags: string;
  settingsTagsHint: string;
  settingsNoTags: string;
  settingsNewTag: string;
  settingsAddTag: string;
  settingsRename: string;
  settingsRenameTag: (tag: string) => string;
  settingsRenameTagTo: (tag: string) => string;
  settingsRemoveTag: (tag: string) => string;
  settingsDepartments: string;
  settingsDepartmentName: string;
  settingsDepartmentDescription: string;
  settingsMembers: string;
  settingsNoMembers: string;
  settingsNewDepartment: string;
  settingsEditDepartment: string;
  settingsAutoResponders: string;
  settingsRespondersHint: string;
  settingsResponderMessage: (responder: string) => string;
  settingsResponder_greeting: string;
  settingsResponder_noAgent: string;
  settingsResponder_outsideHours: string;
  settingsResponder_inactivity: string;
  settingsNoHoursWarning: string;
  settingsSetHours: string;
  settingsSurvey: string;
  settingsSurveyEnabled: string;
  settingsSurveyRating: string;
  settingsSurveyQuestions: (max: number) => string;
  settingsSurveyQuestion: (n: number) => string;
  settingsSurveyQuestionLabel: (n: number) => string;
  settingsSurveyKind: string;
  settingsSurveyKind_text: string;
  settingsSurveyKind_choice: string;
  settingsSurveyKind_scale: string;
  settingsSurveyOptions: string;
  settingsSurveyRequired: string;
  settingsSurveyAddQuestion: string;
  settingsSurveyThanks: string;
  settingsResults: string;
  settingsLastDays: (days: number) => string;
  settingsNoResponses: string;
  settingsAnswered: (count: number) => string;
  settingsMean: (mean: number) => string;
  settingsAnswer: string;
  settingsNoAnswers: string;
  settingsMoreAnswers: string;
  settingsCanned: string;
  settingsCannedHint: string;
  settingsNoCanned: string;
  settingsNewCanned: string;
  settingsEditCanned: string;
  settingsCannedScope: string;
  settingsAllDepartments: string;
  settingsCannedShortcut: string;
  settingsCannedTitle: string;
  settingsCannedBody: string;
  settingsCannedPlaceholders: (list: string) => string;
  settingsIntegrations: string;
  settingsIntegrationsHint: string;
  settingsNewIntegration: string;
  settingsIntegrationName: string;
  settingsIntegrationEndpoint: string;
  settingsSigningSecret: string;
  settingsSecretOptional: string;
  settingsSecretKeep: (last4: string) => string;
  settingsSecretRemove: string;
  settingsSecretSet: (last4: string) => string;
  settingsNoSecret: string;
  settingsTimeoutMs: string;
  settingsCacheTtl: string;
  settingsLlm: string;
  settingsLlmHint: string;
  settingsLlmEnabled: string;
  settingsLlmBaseUrl: string;
  settingsLlmModel: string;
  settingsLlmKey: string;
  settingsKeyKeep: string;
  settingsKeyRemove: string;
  settingsPayments: string;
  settingsPaymentsProvider: string;
  settingsPaymentsLocal: string;
  settingsPaymentsHttp: string;
  settingsPaymentsEndpoint: string;
  settingsPaymentsNone: string;
  settingsWebhookPath: string;
  settingsWebhookSecret: string;
  settingsSigningSecretShort: string;
  settingsRotate: string;
  settingsRotated: string;
  settingsSecretsOnce: string;
}

export const settingsTerms: SettingsTerms = {
  settingsAdminsOnly: 'Only admins can change the desk settings.',
  settingsTitle: 'Settings',
  settingsTab_profile: 'Business',
  settingsTab_preferences: 'Preferences',
  settingsTab_tags: 'Tags',
  settingsTab_departments: 'Departments',
  settingsTab_responders: 'Auto responders',
  settingsTab_surveys: 'Survey',
  settingsTab_results: 'Survey results',
  settingsTab_canned: 'Canned replies',
  settingsTab_channels: 'Channels',
  settingsTab_connections: 'Connections',
  settingsSave: 'Save',
  settingsSaved: 'Saved',
  settingsCancel: 'Cancel',
  settingsEdit: 'Edit',
  settingsEditNamed: (name) => `Edit ${name}`,
  settingsRemove: 'Delete',
  settingsRemoveNamed: (name) => `Delete ${name}`,
  settingsConfirmRemove: (name) => `Really delete ${name}`,
  settingsEnabled: 'Enabled',
  settingsOn: 'On',
  settingsOff: 'Off',
  settingsProfile: 'Business profile',
  settingsName: 'Business name',
  settingsLogoUrl: 'Logo URL (https)',
  settingsTimezone: 'Time zone',
  settingsHours: 'Opening hours',
  settingsHoursHint: 'In the business’s time zone. A day without hours is closed; closing at 00:00 means midnight.',
  settingsClosed: 'Closed',
  settingsOpens: (day) => `${day} opens`,
  settingsCloses: (day) => `${day} closes`,
  settingsAddHours: 'Add hours',
  settingsAddPeriod: (day) => `Add opening hours on ${day}`,
  settingsRemovePeriod: (day, open, close) => `Remove ${day} ${open}–${close}`,
  settingsPreferences: 'Preferences',
  settingsMaxChats: 'Chats per agent at once',
  settingsMaxChatsHint: 'For new agents and those still on the previous default.',
  settingsAutoClose: 'Close chats after customer inactivity (minutes)',
  settingsAutoCloseHint: '0 keeps chats open. Applies to web chats, SMS and WhatsApp.',
  settingsWarning: 'Warning before closing (minutes)',
  settingsWarningHint: 'How long after the inactivity message the chat closes.',
  settingsRouting: 'Assignment',
  settingsRoutingManual: 'Manual: agents accept chats from the queue',
  settingsRoutingAuto: 'Automatic: chats go to available agents with free slots',
  settingsRoutingTenant: 'As the desk’s preference (Preferences tab)',
  settingsUploads: 'File uploads',
  settingsUploadsHint: 'What customers and agents may attach to messages, in web chats, SMS and WhatsApp.',
  settingsUploadsMaxSize: 'Largest file (MB)',
  settingsUploadsMaxSizeHint: (max) => `Up to ${max} MB.`,
  settingsUploadsKinds: 'Accepted kinds of file',
  settingsUploadKind_image: 'Images',
  settingsUploadKind_audio: 'Audio and voice messages',
  settingsUploadKind_video: 'Videos',
  settingsUploadKind_document: 'Documents (PDF, office files, text)',
  settingsUploadsOff: 'No kind accepted: nobody can attach files.',
  settingsTags: 'Chat tags',
  settingsTagsHint: 'Suggested when agents tag a conversation. Renaming keeps the tags conversations already have.',
  settingsNoTags: 'No tags yet.',
  settingsNewTag: 'New tag',
  settingsAddTag: 'Add tag',
  settingsRename: 'Rename',
  settingsRenameTag: (tag) => `Rename ${tag}`,
  settingsRenameTagTo: (tag) => `New name for ${tag}`,
  settingsRemoveTag: (tag) => `Delete tag ${tag}`,
  settingsDepartments: 'Departments',
  settingsDepartmentName: 'Name',
  settingsDepartmentDescription: 'Description',
  settingsMembers: 'Members',
  settingsNoMembers: 'No members',
  settingsNewDepartment: 'New department',
  settingsEditDepartment: 'Edit department',
  settingsAutoResponders: 'Auto responders',
  settingsRespondersHint: 'Sent automatically in web chats, SMS and WhatsApp (on WhatsApp only within 24 hours of the customer’s last message).',
  settingsResponderMessage: (responder) => `Message: ${responder}`,
  settingsResponder_greeting: 'Greeting when a chat starts',
  settingsResponder_noAgent: 'When no agent is available',
  settingsResponder_outsideHours: 'Outside business hours',
  settingsResponder_inactivity: 'Before closing an inactive chat',
  settingsNoHoursWarning:
    'No opening hours are set, so the desk counts as closed all the time: every chat gets the outside-hours message until opening hours are set.',
  settingsSetHours: 'Set opening hours',
  settingsSurvey: 'Post-chat survey',
  settingsSurveyEnabled: 'Ask customers to rate their chat when it ends',
  settingsSurveyRating: 'Rating question (1–5)',
  settingsSurveyQuestions: (max) => `More questions (up to ${max})`,
  settingsSurveyQuestion: (n) => `Question ${n}`,
  settingsSurveyQuestionLabel: (n) => `Question ${n}`,
  settingsSurveyKind: 'Answer',
  settingsSurveyKind_text: 'Text',
  settingsSurveyKind_choice: 'One of several options',
  settingsSurveyKind_scale: 'Scale 1–5',
  settingsSurveyOptions: 'Options (one per line)',
  settingsSurveyRequired: 'Required',
  settingsSurveyAddQuestion: 'Add question',
  settingsSurveyThanks: 'Thank-you message',
  settingsResults: 'Survey results',
  settingsLastDays: (days) => `Last ${days} days`,
  settingsNoResponses: 'No answers in this period.',
  settingsAnswered: (count) => `(${count} answer${count === 1 ? '' : 's'})`,
  settingsMean: (mean) => `Average ${mean} of 5`,
  settingsAnswer: 'Answer',
  settingsNoAnswers: 'No answers yet.',
  settingsMoreAnswers: 'More answers',
  settingsCanned: 'Canned replies',
  settingsCannedHint: 'Agents insert them by typing / and the shortcut in a conversation.',
  settingsNoCanned: 'No canned replies yet.',
  settingsNewCanned: 'New canned reply',
  settingsEditCanned: 'Edit canned reply',
  settingsCannedScope: 'Available in',
  settingsAllDepartments: 'All departments',
  settingsCannedShortcut: 'Shortcut',
  settingsCannedTitle: 'Title',
  settingsCannedBody: 'Text',
  settingsCannedPlaceholders: (list) => `Placeholders: ${list}`,
  settingsIntegrations: 'Connected apps',
  settingsIntegrationsHint: 'The desk asks these endpoints about a customer and shows the fields they return in the customer profile.',
  settingsNewIntegration: 'New connected app',
  settingsIntegrationName: 'Name',
  settingsIntegrationEndpoint: 'Endpoint (https)',
  settingsSigningSecret: 'Signing secret',
  settingsSecretOptional: 'Optional',
  settingsSecretKeep: (last4) => `Unchanged (…${last4})`,
  settingsSecretRemove: 'Remove the secret',
  settingsSecretSet: (last4) => `Signed (secret …${last4})`,
  settingsNoSecret: 'Unsigned',
  settingsTimeoutMs: 'Timeout (ms)',
  settingsCacheTtl: 'Keep answers for (seconds)',
  settingsLlm: 'Suggested replies: language model',
  settingsLlmHint: 'Optional. An OpenAI-compatible API adds one suggestion to the local ones.',
  settingsLlmEnabled: 'Use the language model',
  settingsLlmBaseUrl: 'API base URL',
  settingsLlmModel: 'Model',
  settingsLlmKey: 'API key',
  settingsKeyKeep: 'Unchanged (a key is stored)',
  settingsKeyRemove: 'Remove the stored key',
  settingsPayments: 'Payments provider',
  settingsPaymentsProvider: 'Provider',
  settingsPaymentsLocal: 'Demo checkout (built in)',
  settingsPaymentsHttp: 'A provider at an HTTPS endpoint',
  settingsPaymentsEndpoint: 'Provider endpoint',
  settingsPaymentsNone: 'Not set up yet: agents cannot request payments.',
  settingsWebhookPath: 'Webhook path',
  settingsWebhookSecret: 'Webhook secret',
  settingsSigningSecretShort: 'Signing secret',
  settingsRotate: 'New secrets',
  settingsRotated: 'New secrets made; the old ones no longer work.',
  settingsSecretsOnce: 'Copy these secrets now: they are not shown again.',
};
