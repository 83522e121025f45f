/** Every user-visible string of the elements; other locales implement the same interface. */
export interface Translation {
  $code: string;
  available: string;
  unavailable: string;
  offline: string;
  you: string;
  team: string;
  loading: string;
  nobodyOnline: string;
  setMyStatus: string;
  statusOf: (name: string, status: string) => string;
  onlineCount: (count: number) => string;
  signInRequired: string;
  errorPrefix: string;
  // <desk-metrics> and transcript downloads
  metricsTitle: string;
  metricsFilters: string;
  metricsPeriod: string;
  metricsToday: string;
  metricsLast7: string;
  metricsLast30: string;
  metricsCustom: string;
  metricsFrom: string;
  metricsTo: string;
  metricsDepartment: string;
  metricsAllDepartments: string;
  metricsAgent: string;
  metricsAllAgents: string;
  metricsLoading: string;
  metricsQueue: string;
  metricsConversations: string;
  metricsWait: string;
  metricsFirstResponse: string;
  metricsHandle: string;
  metricsMissed: string;
  metricsCsat: string;
  metricsCsatNone: string;
  metricsCsatResponses: (responses: number) => string;
  metricsCsatTitle: (csat: number | null, responses: number) => string;
  metricsCsatDistribution: string;
  metricsCsatRatingHeader: string;
  metricsCsatRating: (n: number) => string;
  metricsCsatCount: string;
  metricsCsatComments: string;
  metricsCsatNoComments: string;
  metricsMedian: (value: string) => string;
  metricsOfTotal: (part: number, total: number) => string;
  metricsNone: string;
  metricsVolume: string;
  metricsVolumeDesc: (conversations: number, missed: number, buckets: number) => string;
  metricsWaitChart: string;
  metricsWaitDesc: string;
  metricsAsTable: string;
  metricsNoData: string;
  metricsPerAgent: string;
  metricsName: string;
  metricsClosed: string;
  metricsExport: string;
  metricsExportAs: (format: string) => string;
  metricsExporting: (done: number, total: number | null, size: string) => string;
  metricsExported: (done: number, size: string) => string;
  metricsExportHanded: (fileName: string) => string;
  metricsExportCancel: string;
  transcriptDownload: string;
  transcriptFormat: string;
  // <customer-chat>
  chatTitle: string;
  chatWith: (agentName: string) => string;
  chatIntro: string;
  chatSignedInAs: (name: string) => string;
  chatName: string;
  chatEmail: string;
  chatFirstMessage: string;
  chatStart: string;
  chatStarting: string;
  chatNameRequired: string;
  chatMessageRequired: string;
  chatIdentityRejected: (reason: string) => string;
  chatNotConfigured: string;
  chatTimeline: string;
  chatLoadOlder: string;
  chatWaiting: string;
  chatJoined: (agentName: string) => string;
  chatTransferred: (agentName: string | null) => string;
  chatEnded: string;
  chatReopened: string;
  chatTyping: (names: string[]) => string;
  chatYouSaid: string;
  chatAgentSaid: (agentName: string) => string;
  chatSeen: string;
  chatSending: string;
  chatNotSent: string;
  chatRetry: string;
  chatMessage: string;
  chatPlaceholder: string;
  chatSend: string;
  chatEndedNotice: string;
  chatNewChat: string;
  chatConnectionLost: string;
  chatReconnect: string;
  chatTryAgain: string;
  // <chat-window>
  windowChooseConversation: string;
  windowSignIn: string;
  windowConnectionLost: string;
  windowReload: string;
  windowNotFound: string;
  windowVerified: string;
  windowStatusLabel: string;
  windowKindLabel: string;
  windowPriorityLabel: string;
  windowAssigneeLabel: string;
  windowDepartmentLabel: string;
  windowStatusName: (status: string) => string;
  windowKindName: (kind: string) => string;
  windowPriorityName: (priority: string) => string;
  windowUnassigned: string;
  windowNoDepartment: string;
  windowActions: string;
  windowAccept: string;
  windowTransfer: string;
  windowClose: string;
  windowReopen: string;
  windowConvert: (to: 'chat' | 'ticket') => string;
  windowTimeline: (customerName: string) => string;
  windowToday: string;
  windowYesterday: string;
  windowSending: string;
  windowNotSent: (reason: string) => string;
  windowRetry: string;
  windowSeen: string;
  windowNewMessages: (count: number) => string;
  windowLoadingOlder: string;
  windowTyping: (names: string[]) => string;
  windowMessage: string;
  windowPlaceholder: string;
  windowSend: string;
  windowCannotReply: (reason: 'pending' | 'closed' | 'not-assignee' | 'removed' | 'whatsapp-window') => string;
  windowRemoved: (transferredTo: string | null) => string;
  windowTags: string;
  windowAddTag: string;
  windowRemoveTag: (tag: string) => string;
  windowTicket: string;
  windowSubjectLabel: string;
  windowTransferTitle: string;
  windowTransferAgents: string;
  windowTransferNoAgents: string;
  windowTransferDepartments: string;
  windowTransferNote: string;
  windowTransferConfirm: string;
  windowCancel: string;
  windowCloseTitle: string;
  windowCloseReason: string;
  windowCloseConfirm: string;
  windowEventCreated: string;
  windowEventAccepted: (agentName: string) => string;
  windowEventAssigned: (agentName: string) => string;
  windowEventTransferredToAgent: (agentName: string, note: string | null) => string;
  windowEventTransferredToDepartment: (department: string, note: string | null) => string;
  windowEventClosed: (reason: string | null) => string;
  windowEventReopened: string;
  windowEventTagged: (added: string[], removed: string[]) => string;
  windowEventConverted: (to: 'chat' | 'ticket') => string;
  windowEventUpdated: (field: 'status' | 'priority' | 'subject' | 'assignee', from: string | null, to: string | null) => string;
  // Customer verification (<chat-window> and <customer-chat>)
  windowEventVerificationRequested: (agentName: string, channel: 'sms' | 'whatsapp', to: string) => string;
  windowEventVerified: (method: 'identity-token' | 'code', agentName: string | null) => string;
  windowUnverified: string;
  windowVerifiedTooltip: (method: 'identity-token' | 'code', agentName: string | null, when: string) => string;
  windowUnverifiedTooltip: string;
  windowVerify: string;
  windowVerifyUnavailable: (reason: 'closed' | 'pending' | 'not-yours') => string;
  windowVerifySent: (to: string, expiresAt: string) => string;
  windowVerifyCodeLabel: string;
  windowVerifyTitle: string;
  windowVerifyHint: string;
  windowVerifySend: string;
  windowVerifyConfirm: string;
  windowVerifyResend: string;
  chatVerifyPrompt: (to: string) => string;
  chatVerifyCodeLabel: string;
  chatVerifySubmit: string;
  chatVerifying: string;
  chatSurveyRating: (n: number) => string;
  chatSurveyComment: string;
  chatSurveySubmit: string;
  chatSurveySending: string;
  chatSurveyDismiss: string;
  chatSurveyChoose: string;
  chatVerified: string;
  chatEventVerificationRequested: (to: string) => string;
  // <chat-window>: timeline filter, delivery, WhatsApp templates, one-way SMS
  windowFilter: (hidden: number) => string;
  windowFilterLegend: string;
  windowFilterCategory: (category: 'messages' | 'attachments' | 'assignments' | 'tags' | 'status') => string;
  windowFilterShowAll: string;
  // <chat-window>: suggested responses
  windowSuggestions: string;
  windowSuggestionSource: (source: 'canned' | 'history' | 'llm') => string;
  windowSuggestionInsert: (source: string, text: string) => string;
  windowSuggestionsDismiss: string;
  windowDeliveryStatus: (status: 'queued' | 'sent' | 'delivered' | 'read' | 'failed') => string;
  windowDeliveryTo: (channel: 'sms' | 'whatsapp', to: string) => string;
  windowChannel: (channel: 'sms' | 'whatsapp') => string;
  windowOneWay: string;
  windowTemplateAction: string;
  windowTemplateTitle: string;
  windowTemplateChoose: string;
  windowTemplateNone: string;
  windowTemplateVariables: string;
  windowTemplateVariable: (n: number) => string;
  windowTemplatePreview: string;
  windowTemplateSend: string;
  windowTemplateRefused: (reason: string) => string;
  contentTemplateButtons: string;
  // payment requests (chat-to-pay)
  contentPayment: string;
  contentPaymentStatus: (status: 'pending' | 'paid' | 'failed' | 'expired') => string;
  contentPaymentPay: (amount: string) => string;
  windowEventPayment: (status: 'paid' | 'failed' | 'expired', amount: string) => string;
  windowEventMediaFailed: (name: string, reason: string) => string;
  windowRequestPayment: string;
  windowPaymentAmount: string;
  windowPaymentCurrency: string;
  windowPaymentDescription: string;
  windowPaymentPreview: string;
  windowPaymentSend: string;
  windowPaymentCancel: string;
  windowPaymentFailed: (message: string) => string;
  windowTemplateSent: (name: string) => string;
  windowWhatsAppClosed: (since: string | null) => string;
  windowSmsAction: string;
  windowSmsTitle: string;
  windowSmsHint: string;
  windowSmsBody: string;
  windowSmsCount: (length: number, max: number, parts: number) => string;
  windowSmsSend: string;
  windowSmsRefused: (reason: string) => string;
  // <agent-queue>
  queueTabs: string;
  queueTab: (view: 'pending' | 'mine' | 'all' | 'tickets' | 'closed') => string;
  queueTabCount: (count: number) => string;
  queueSearch: string;
  queueSearchPlaceholder: string;
  queueSort: string;
  queueSortName: (sort: 'default' | 'lastActivity' | 'waitTime' | 'priority' | 'created') => string;
  queueFilters: (active: number) => string;
  queueClearFilters: string;
  queueFilterStatus: string;
  queueFilterChannel: string;
  queueFilterDepartment: string;
  queueFilterPriority: string;
  queueFilterTag: string;
  queueFilterAssignee: string;
  queueFilterFrom: string;
  queueFilterTo: string;
  queueAny: string;
  queueUnassigned: string;
  queueStatusName: (status: string) => string;
  queuePriorityName: (priority: string) => string;
  queueChannelName: (channel: string) => string;
  queueList: (tab: string) => string;
  queueKeyboardHelp: string;
  queueVerified: string;
  queueTags: string;
  queueUnread: (count: number) => string;
  queueWaiting: (duration: string) => string;
  queueUnderAMinute: string;
  queueLastActivity: (when: string) => string;
  queueNoSubject: string;
  queueAssignedTo: (name: string) => string;
  queueAccept: string;
  queueAcceptFrom: (customerName: string) => string;
  queueAccepting: string;
  queueAccepted: (customerName: string) => string;
  queueAcceptFailed: (reason: string) => string;
  queueEmpty: (view: 'pending' | 'mine' | 'all' | 'tickets' | 'closed') => string;
  queueNoMatches: string;
  queueLoadingMore: string;
  queueSignIn: string;
  queueLiveStopped: string;
  queueReconnecting: string;
  queueRetry: string;
  queueDismiss: string;
  // <message-composer>
  composerLabel: string;
  composerPlaceholder: string;
  composerSend: string;
  composerTools: string;
  composerAttach: string;
  composerDropFiles: string;
  composerAttachments: string;
  composerUploading: (name: string, percent: number) => string;
  composerUploaded: string;
  composerSendsWhenUploaded: string;
  composerCancelUpload: (name: string) => string;
  composerRemoveFile: (name: string) => string;
  composerRetry: string;
  composerTooLarge: (name: string, limit: string | null) => string;
  composerTypeRefused: (name: string, reason: string) => string;
  composerNetworkError: (name: string) => string;
  composerUploadFailed: (name: string, reason: string) => string;
  composerRecord: string;
  composerRecording: string;
  composerSendRecording: string;
  composerCancelRecording: string;
  composerMicDenied: string;
  composerMicMissing: string;
  composerRecorderUnsupported: string;
  composerRecorderFailed: string;
  composerRecordingEmpty: string;
  composerVoiceSending: (percent: number) => string;
  composerRecordingName: string;
  composerDiscard: string;
  composerEmoji: string;
  composerLocation: string;
  composerShareMyLocation: string;
  composerLocating: string;
  composerLocationProblem: (problem: 'denied' | 'unavailable' | 'timeout' | 'unsupported') => string;
  composerAddress: string;
  composerSendAddress: string;
  composerClose: string;
  composerSuggestions: string;
  // Message content, in both timelines
  contentOpensInNewTab: string;
  contentDownload: (name: string) => string;
  contentFileDetails: (type: string, size: string) => string;
  contentFileUnavailable: string;
  contentVoice: (duration: string) => string;
  contentLocation: string;
  contentAccuracy: (metres: string) => string;
  contentOpenInMaps: string;
  contentTemplate: string;
  // <customer-profile>
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
  profileIntegrationsLoading: string;
  profileIntegrationsEmpty: string;
  profileIntegrationsRefresh: string;
  profileIntegrationCached: (time: string) => string;
  profileIntegrationFetched: (time: string) => string;
  profileIntegrationTimeout: string;
  profileIntegrationError: string;
  profileIntegrationNoFields: string;
  // <agent-load>
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
  agentLoadTeam: string;
  agentLoadAgent: string;
  agentLoadStatus: string;
  agentLoadChats: string;
  agentLoadTickets: string;
  agentLoadDepartments: string;
  agentLoadSortByLoad: string;
  agentLoadSortByName: string;
  agentLoadOf: (open: number, max: number) => string;
  agentLoadEmpty: string;
  agentLoadOnline: string;
  windowMonitoring: (assignee: string) => string;
  windowReassign: string;
  agentLoadSupervisorsOnly: string;
}

const en: Translation = {
  $code: 'en',
  available: 'Available',
  unavailable: 'Unavailable',
  offline: 'Offline',
  you: 'you',
  team: 'Team',
  loading: 'Loading…',
  nobodyOnline: 'Nobody is online right now.',
  setMyStatus: 'My status: Available',
  statusOf: (name, status) => `${name}, ${status}`,
  onlineCount: (count) => (count === 1 ? '1 online' : `${count} online`),
  signInRequired: 'Sign in to see your team.',
  errorPrefix: 'Something went wrong:',
  metricsTitle: 'Reports',
  metricsFilters: 'Report filters',
  metricsPeriod: 'Period',
  metricsToday: 'Today',
  metricsLast7: 'Last 7 days',
  metricsLast30: 'Last 30 days',
  metricsCustom: 'Custom',
  metricsFrom: 'From',
  metricsTo: 'To',
  metricsDepartment: 'Department',
  metricsAllDepartments: 'All departments',
  metricsAgent: 'Agent',
  metricsAllAgents: 'All agents',
  metricsLoading: 'Loading reports…',
  metricsQueue: 'In queue now',
  metricsConversations: 'Conversations',
  metricsWait: 'Wait time',
  metricsFirstResponse: 'First response',
  metricsHandle: 'Handle time',
  metricsMissed: 'Missed chats',
  metricsCsat: 'CSAT',
  metricsCsatNone: 'No surveys yet',
  metricsCsatResponses: (responses) => `${responses} ${responses === 1 ? 'rating' : 'ratings'}, 4–5 of 5`,
  metricsCsatTitle: (csat, responses) =>
    csat === null ? 'Customer satisfaction: no ratings for chats closed in this period' : `Customer satisfaction: ${csat}% from ${responses} ${responses === 1 ? 'rating' : 'ratings'}`,
  metricsCsatDistribution: 'Ratings',
  metricsCsatRatingHeader: 'Rating',
  metricsCsatRating: (n) => `${n} of 5`,
  metricsCsatCount: 'Chats',
  metricsCsatComments: 'Recent comments',
  metricsCsatNoComments: 'No comments yet.',
  metricsMedian: (value) => `median ${value}`,
  metricsOfTotal: (part, total) => `${part} of ${total}`,
  metricsNone: '—',
  metricsVolume: 'Conversations over time',
  metricsVolumeDesc: (conversations, missed, buckets) =>
    `Bar chart of ${conversations} conversations and ${missed} missed chats over ${buckets} periods.`,
  metricsWaitChart: 'Average wait and first response',
  metricsWaitDesc: 'Line chart of the average wait time and first response time per period.',
  metricsAsTable: 'Show as a table',
  metricsNoData: 'No conversations in this period',
  metricsPerAgent: 'Chats per agent',
  metricsName: 'Name',
  metricsClosed: 'Closed',
  metricsExport: 'Export transcripts',
  metricsExportAs: (format) => `Download ${format.toUpperCase()}`,
  metricsExporting: (done, total, size) => `${total === null ? done : `${done} of ${total}`} conversations, ${size}`,
  metricsExported: (done, size) => `Downloaded ${done} conversation${done === 1 ? '' : 's'} (${size}).`,
  metricsExportHanded: (fileName) => `Your browser is downloading ${fileName}.`,
  metricsExportCancel: 'Cancel',
  transcriptDownload: 'Download transcript',
  transcriptFormat: 'Transcript format',
  // <customer-chat>
  chatTitle: 'Chat with us',
  chatWith: (agentName) => `Chatting with ${agentName}`,
  chatIntro: 'Ask us anything. We usually reply within a few minutes.',
  chatSignedInAs: (name) => `You are chatting as ${name}.`,
  chatName: 'Your name',
  chatEmail: 'Email (optional)',
  chatFirstMessage: 'How can we help?',
  chatStart: 'Start chat',
  chatStarting: 'Starting…',
  chatNameRequired: 'Please tell us your name.',
  chatMessageRequired: 'Please write a message.',
  chatIdentityRejected: (reason) => `We could not confirm who you are (${reason}). Please reload the page and try again.`,
  chatNotConfigured: 'This chat is not set up yet (no tenant).',
  chatTimeline: 'Conversation',
  chatLoadOlder: 'Load earlier messages',
  chatWaiting: 'Waiting for an agent…',
  chatJoined: (agentName) => `${agentName} joined the chat`,
  chatTransferred: (agentName) => (agentName ? `You were transferred to ${agentName}` : 'You were transferred to another team'),
  chatEnded: 'The chat has ended',
  chatReopened: 'The chat was reopened',
  chatTyping: (names) => (names.length === 1 ? `${names[0]} is typing…` : `${names.join(' and ')} are typing…`),
  chatYouSaid: 'You said:',
  chatAgentSaid: (agentName) => `${agentName} said:`,
  chatSeen: 'Seen',
  chatSending: 'Sending…',
  chatNotSent: 'Not sent.',
  chatRetry: 'Retry',
  chatMessage: 'Message',
  chatPlaceholder: 'Write a message…',
  chatSend: 'Send',
  chatEndedNotice: 'This chat has ended.',
  chatNewChat: 'Start a new chat',
  chatConnectionLost: 'The connection was lost.',
  chatReconnect: 'Reconnect',
  chatTryAgain: 'Try again',
  // <chat-window>
  windowChooseConversation: 'Choose a conversation.',
  windowSignIn: 'Sign in to see this conversation.',
  windowConnectionLost: 'Live updates stopped.',
  windowReload: 'Reload',
  windowNotFound: "This conversation doesn't exist, or you can't see it.",
  windowVerified: 'Verified',
  windowStatusLabel: 'Status',
  windowKindLabel: 'Type',
  windowPriorityLabel: 'Priority',
  windowAssigneeLabel: 'Assignee',
  windowDepartmentLabel: 'Department',
  windowStatusName: (status) =>
    (({ pending: 'Pending', open: 'Open', 'on-hold': 'On hold', solved: 'Solved', closed: 'Closed' }) as Record<string, string>)[status] ?? status,
  windowKindName: (kind) => (({ chat: 'Chat', ticket: 'Ticket' }) as Record<string, string>)[kind] ?? kind,
  windowPriorityName: (priority) =>
    (({ low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' }) as Record<string, string>)[priority] ?? priority,
  windowUnassigned: 'Unassigned',
  windowNoDepartment: 'None',
  windowActions: 'Conversation actions',
  windowAccept: 'Accept',
  windowTransfer: 'Transfer…',
  windowClose: 'Close…',
  windowReopen: 'Reopen',
  windowConvert: (to) => (to === 'ticket' ? 'Convert to ticket' : 'Convert to chat'),
  windowTimeline: (customerName) => `Conversation with ${customerName}`,
  windowToday: 'Today',
  windowYesterday: 'Yesterday',
  windowSending: 'Sending…',
  windowNotSent: (reason) => `Not sent: ${reason}`,
  windowRetry: 'Retry',
  windowSeen: 'Seen',
  windowNewMessages: (count) => (count === 1 ? '1 new message' : `${count} new messages`),
  windowLoadingOlder: 'Loading earlier messages…',
  windowTyping: (names) => (names.length === 1 ? `${names[0]} is typing…` : `${names.join(' and ')} are typing…`),
  windowMessage: 'Message',
  windowPlaceholder: 'Write a reply (Enter to send, Shift+Enter for a new line)',
  windowSend: 'Send',
  windowCannotReply: (reason) =>
    ({
      pending: 'Accept the chat to reply.',
      closed: 'This conversation is closed. Reopen it to reply.',
      'not-assignee': 'Only the assigned agent or a supervisor can reply.',
      removed: 'You can no longer reply to this conversation.',
      'whatsapp-window': 'Free-form replies are closed: send a WhatsApp template.',
    })[reason],
  windowRemoved: (transferredTo) =>
    transferredTo
      ? `This conversation was transferred to ${transferredTo}. It is no longer yours.`
      : 'This conversation left you: it was transferred, or someone else took it.',
  windowTags: 'Tags',
  windowAddTag: 'Add a tag',
  windowRemoveTag: (tag) => `Remove tag ${tag}`,
  windowTicket: 'Ticket',
  windowSubjectLabel: 'Subject',
  windowTransferTitle: 'Transfer conversation',
  windowTransferAgents: 'Available agents',
  windowTransferNoAgents: 'No other agent is available right now.',
  windowTransferDepartments: 'Or back to a department queue',
  windowTransferNote: 'Note for the next agent (optional)',
  windowTransferConfirm: 'Transfer',
  windowCancel: 'Cancel',
  windowCloseTitle: 'Close conversation',
  windowCloseReason: 'Reason (optional)',
  windowCloseConfirm: 'Close conversation',
  windowEventCreated: 'Conversation started',
  windowEventAccepted: (agentName) => `${agentName} accepted the chat`,
  windowEventAssigned: (agentName) => `Assigned to ${agentName}`,
  windowEventTransferredToAgent: (agentName, note) => `Transferred to ${agentName}${note ? `: ${note}` : ''}`,
  windowEventTransferredToDepartment: (department, note) => `Moved to the ${department} queue${note ? `: ${note}` : ''}`,
  windowEventClosed: (reason) => (reason ? `Closed: ${reason}` : 'Closed'),
  windowEventReopened: 'Reopened',
  windowEventTagged: (added, removed) =>
    [
      added.length ? `Tagged ${added.join(', ')}` : '',
      removed.length ? `${added.length ? 'removed' : 'Removed'} tag${removed.length > 1 ? 's' : ''} ${removed.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; '),
  windowEventConverted: (to) => (to === 'ticket' ? 'Converted to a ticket' : 'Converted to a chat'),
  windowEventUpdated: (field, from, to) => {
    const word = (value: string | null) => (value === 'on-hold' ? 'on hold' : (value ?? 'none'));
    if (field === 'subject') return `Subject changed to “${to ?? ''}”`;
    if (field === 'assignee') return to ? (from ? `Reassigned from ${from} to ${to}` : `Assigned to ${to}`) : 'Unassigned';
    return `${field === 'status' ? 'Status' : 'Priority'} changed from ${word(from)} to ${word(to)}`;
  },
  windowEventVerificationRequested: (agentName, channel, to) =>
    `${agentName || 'An agent'} sent a verification code by ${channel === 'sms' ? 'SMS' : 'WhatsApp'} to ${to}`,
  windowEventVerified: (method, agentName) =>
    method === 'identity-token'
      ? 'Customer verified by the portal’s identity token'
      : `Customer verified with a one-time code${agentName ? ` (requested by ${agentName})` : ''}`,
  windowUnverified: 'Unverified',
  windowVerifiedTooltip: (method, agentName, when) =>
    method === 'identity-token'
      ? `Verified by the portal’s identity token, ${when}`
      : `Verified with a one-time code${agentName ? ` requested by ${agentName}` : ''}, ${when}`,
  windowUnverifiedTooltip: 'The customer has not proved who they are in this conversation',
  windowVerify: 'Verify customer',
  windowVerifyUnavailable: (reason) =>
    ({
      closed: 'The conversation is closed',
      pending: 'Accept the chat first',
      'not-yours': 'Only the assigned agent or a supervisor can verify the customer',
    })[reason],
  windowVerifySent: (to, expiresAt) => `Code sent to ${to} (valid until ${expiresAt}). The customer can enter it in the chat, or read it back to you:`,
  windowVerifyCodeLabel: 'Code the customer read back',
  windowVerifyTitle: 'Verify the customer',
  windowVerifyHint: 'A one-time code goes to the customer’s phone on file (by SMS, or over this conversation’s own channel). The customer enters it in the chat or reads it back to you.',
  windowVerifySend: 'Send code',
  windowVerifyConfirm: 'Confirm code',
  windowVerifyResend: 'Send a new code',
  chatVerifyPrompt: (to) => `To confirm it’s you, enter the 6-digit code we sent to ${to}.`,
  chatVerifyCodeLabel: 'Verification code',
  chatVerifySubmit: 'Verify',
  chatVerifying: 'Verifying…',
  chatSurveyRating: (n) => `${n} out of 5`,
  chatSurveyComment: 'Anything else you’d like to tell us? (optional)',
  chatSurveySubmit: 'Send feedback',
  chatSurveySending: 'Sending…',
  chatSurveyDismiss: 'No thanks',
  chatSurveyChoose: 'Choose…',
  chatVerified: 'You are verified',
  chatEventVerificationRequested: (to) => `A verification code was sent to ${to}`,
  // <chat-window>: timeline filter, delivery, WhatsApp templates, one-way SMS
  windowFilter: (hidden) => (hidden ? `Filter (${hidden} hidden)` : 'Filter'),
  windowFilterLegend: 'Show in the timeline',
  windowFilterCategory: (category) =>
    ({
      messages: 'Messages',
      attachments: 'Attachments',
      assignments: 'Assignments & transfers',
      tags: 'Tags',
      status: 'Status changes',
    })[category],
  windowFilterShowAll: 'Show everything',
  windowSuggestions: 'Suggested replies',
  windowSuggestionSource: (source) => ({ canned: 'Canned', history: 'Past answer', llm: 'AI' })[source],
  windowSuggestionInsert: (source, text) => `Insert suggested reply (${source}): ${text}`,
  windowSuggestionsDismiss: 'Dismiss suggested replies',
  windowDeliveryStatus: (status) => ({ queued: 'Queued', sent: 'Sent', delivered: 'Delivered', read: 'Read', failed: 'Failed' })[status],
  windowDeliveryTo: (channel, to) => `${channel === 'sms' ? 'SMS' : 'WhatsApp'} to ${to}`,
  windowChannel: (channel) => (channel === 'sms' ? 'SMS' : 'WhatsApp'),
  windowOneWay: 'One-way',
  windowTemplateAction: 'Template…',
  windowTemplateTitle: 'Send a WhatsApp template',
  windowTemplateChoose: 'Template',
  windowTemplateNone: 'There are no WhatsApp templates yet. An admin can add them.',
  windowTemplateVariables: 'Fill in the variables',
  windowTemplateVariable: (n) => `Variable ${n}`,
  windowTemplatePreview: 'Preview',
  windowTemplateSend: 'Send template',
  windowTemplateRefused: (reason) => `WhatsApp refused it: ${reason}`,
  contentTemplateButtons: 'Template buttons',
  contentPayment: 'Payment request',
  contentPaymentStatus: (status) => ({ pending: 'Awaiting payment', paid: 'Paid', failed: 'Failed', expired: 'Expired' })[status],
  contentPaymentPay: (amount) => `Pay ${amount}`,
  windowEventPayment: (status, amount) =>
    status === 'paid' ? `Payment of ${amount} received` : status === 'failed' ? `Payment of ${amount} failed` : `Payment request for ${amount} expired`,
  windowEventMediaFailed: (name, reason) => `The customer sent a file (${name}) that could not be received: ${reason}`,
  windowRequestPayment: 'Request payment',
  windowPaymentAmount: 'Amount',
  windowPaymentCurrency: 'Currency',
  windowPaymentDescription: 'Description',
  windowPaymentPreview: 'The customer will see',
  windowPaymentSend: 'Send request',
  windowPaymentCancel: 'Cancel',
  windowPaymentFailed: (message) => `The payment request was not sent: ${message}`,
  windowTemplateSent: (name) => `Template ${name}`,
  windowWhatsAppClosed: (since) =>
    `${since ? `The 24-hour reply window closed on ${since}.` : 'The customer has not written on WhatsApp yet.'} WhatsApp only allows templates until the customer writes again.`,
  windowSmsAction: 'Send SMS…',
  windowSmsTitle: 'Send a one-way SMS',
  windowSmsHint: "It goes to the customer's phone number. They cannot reply to it.",
  windowSmsBody: 'Text',
  windowSmsCount: (length, max, parts) => `${length} / ${max} characters${parts > 1 ? ` · ${parts} SMS parts` : ''}`,
  windowSmsSend: 'Send SMS',
  windowSmsRefused: (reason) => `Not sent: ${reason}`,
  // <agent-queue>
  queueTabs: 'Queues',
  queueTab: (view) => ({ pending: 'Pending', mine: 'Mine', all: 'All', tickets: 'Tickets', closed: 'Closed' })[view],
  queueTabCount: (count) => (count === 1 ? '1 conversation' : `${count} conversations`),
  queueSearch: 'Search conversations',
  queueSearchPlaceholder: 'Search name, email, phone, subject or message',
  queueSort: 'Sort by',
  queueSortName: (sort) =>
    ({ default: 'Default', lastActivity: 'Last activity', waitTime: 'Longest waiting', priority: 'Priority', created: 'Newest' })[sort],
  queueFilters: (active) => (active ? `Filters (${active})` : 'Filters'),
  queueClearFilters: 'Clear filters',
  queueFilterStatus: 'Status',
  queueFilterChannel: 'Channel',
  queueFilterDepartment: 'Department',
  queueFilterPriority: 'Priority',
  queueFilterTag: 'Tag',
  queueFilterAssignee: 'Assignee',
  queueFilterFrom: 'Created from',
  queueFilterTo: 'Created until',
  queueAny: 'Any',
  queueUnassigned: 'Unassigned',
  queueStatusName: (status) =>
    (({ pending: 'Pending', open: 'Open', 'on-hold': 'On hold', solved: 'Solved', closed: 'Closed' }) as Record<string, string>)[status] ?? status,
  queuePriorityName: (priority) =>
    (({ low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' }) as Record<string, string>)[priority] ?? priority,
  queueChannelName: (channel) =>
    (({ web: 'Web', sms: 'SMS', whatsapp: 'WhatsApp', email: 'Email' }) as Record<string, string>)[channel] ?? channel,
  queueList: (tab) => `${tab} conversations`,
  queueKeyboardHelp: 'Arrow keys move, Enter opens, A accepts a pending chat.',
  queueVerified: 'Verified customer',
  queueTags: 'Tags',
  queueUnread: (count) => (count === 1 ? '1 unread message' : `${count} unread messages`),
  queueWaiting: (duration) => `Waiting ${duration}`,
  queueUnderAMinute: '<1 min',
  queueLastActivity: (when) => `Last activity ${when}`,
  queueNoSubject: '(no subject)',
  queueAssignedTo: (name) => `Assigned to ${name}`,
  queueAccept: 'Accept',
  queueAcceptFrom: (customerName) => `Accept chat from ${customerName}`,
  queueAccepting: 'Accepting…',
  queueAccepted: (customerName) => `You accepted the chat from ${customerName}.`,
  queueAcceptFailed: (reason) => `Could not accept the chat: ${reason}.`,
  queueEmpty: (view) =>
    ({
      pending: 'No chats are waiting. New chats appear here as they arrive.',
      mine: 'You have no open chats.',
      all: 'No conversations yet.',
      tickets: 'No open tickets.',
      closed: 'No closed conversations.',
    })[view],
  queueNoMatches: 'No conversations match your search and filters.',
  queueLoadingMore: 'Loading more…',
  queueSignIn: 'Sign in to see your queues.',
  queueLiveStopped: 'Live updates stopped.',
  queueReconnecting: 'Reconnecting…',
  queueRetry: 'Retry',
  queueDismiss: 'Dismiss',
  // <message-composer>
  composerLabel: 'Message',
  composerPlaceholder: 'Write a message…',
  composerSend: 'Send',
  composerTools: 'Add to the message',
  composerAttach: 'Attach files',
  composerDropFiles: 'Drop files to attach them',
  composerAttachments: 'Attachments',
  composerUploading: (name, percent) => `Uploading ${name}: ${percent}%`,
  composerUploaded: 'Ready to send',
  composerSendsWhenUploaded: 'Sends when uploaded',
  composerCancelUpload: (name) => `Cancel the upload of ${name}`,
  composerRemoveFile: (name) => `Remove ${name}`,
  composerRetry: 'Retry',
  composerTooLarge: (name, limit) => `${name} is too large to send${limit ? ` (the limit is ${limit})` : ''}.`,
  composerTypeRefused: (name, reason) => `${name} can't be sent${reason ? `: ${reason}` : ''}.`,
  composerNetworkError: (name) => `${name} was not uploaded: the connection failed.`,
  composerUploadFailed: (name, reason) => `${name} was not uploaded: ${reason}`,
  composerRecord: 'Record a voice message',
  composerRecording: 'Recording',
  composerSendRecording: 'Send recording',
  composerCancelRecording: 'Cancel recording',
  composerMicDenied: 'Microphone access is blocked. Allow it for this site in your browser to record a voice message.',
  composerMicMissing: 'No microphone was found.',
  composerRecorderUnsupported: 'This browser cannot record voice messages.',
  composerRecorderFailed: 'The recording could not start. Please try again.',
  composerRecordingEmpty: 'Nothing was recorded. Please try again.',
  composerVoiceSending: (percent) => `Sending voice message: ${percent}%`,
  composerRecordingName: 'The voice message',
  composerDiscard: 'Discard',
  composerEmoji: 'Insert emoji',
  composerLocation: 'Share a location',
  composerShareMyLocation: 'Share my current location',
  composerLocating: 'Finding your location…',
  composerLocationProblem: (problem) =>
    ({
      denied: 'Location access is blocked. Allow it for this site in your browser, or type an address.',
      unavailable: 'Your location is not available right now. Try again, or type an address.',
      timeout: 'Finding your location took too long. Try again, or type an address.',
      unsupported: 'This browser cannot share a location. Type an address instead.',
    })[problem],
  composerAddress: 'Or type an address',
  composerSendAddress: 'Send address',
  composerClose: 'Close',
  composerSuggestions: 'Suggestions',
  // Message content, in both timelines
  contentOpensInNewTab: '(opens in a new tab)',
  contentDownload: (name) => `Download ${name}`,
  contentFileDetails: (type, size) => `${type} · ${size}`,
  contentFileUnavailable: 'This file is not available.',
  contentVoice: (duration) => `Voice message, ${duration}`,
  contentLocation: 'Location',
  contentAccuracy: (metres) => `within ${metres} m`,
  contentOpenInMaps: 'Open in maps',
  contentTemplate: 'Template message',
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
  profileUnverified: 'Not verified',
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
  profileSmsAction: 'Send SMS',
  profileSmsHint: (phone) => `It goes to ${phone}. The customer cannot reply to it.`,
  profileSmsStatus: (to, status) => `SMS to ${to}: ${status}`,
  profileIntegrations: 'Connected apps',
  profileIntegrationsLoading: 'Loading details from connected apps…',
  profileIntegrationsEmpty: 'No connected apps.',
  profileIntegrationsRefresh: 'Refresh',
  profileIntegrationCached: (time) => `Saved answer from ${time}`,
  profileIntegrationFetched: (time) => `Fetched at ${time}`,
  profileIntegrationTimeout: 'The app did not answer in time.',
  profileIntegrationError: 'The app could not be reached.',
  profileIntegrationNoFields: 'Nothing to show.',
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
  agentLoadTeam: 'Team load',
  agentLoadAgent: 'Agent',
  agentLoadStatus: 'Status',
  agentLoadChats: 'Chats',
  agentLoadTickets: 'Tickets',
  agentLoadDepartments: 'Departments',
  agentLoadSortByLoad: 'Sort by load',
  agentLoadSortByName: 'Sort by name',
  agentLoadOf: (open, max) => `${open} of ${max} chats`,
  agentLoadEmpty: 'No agents.',
  agentLoadOnline: 'Online',
  windowMonitoring: (assignee) => `Monitoring — assigned to ${assignee}`,
  windowReassign: 'Reassign…',
  agentLoadSupervisorsOnly: 'Only supervisors can see the team load.',
};

export default en;
