/** English terms of `<chat-window>`: header, timeline, actions, verification, payments, channels and transcripts (its dialogs' and suggestions' are in `chat-window-dialogs.ts`). */
export interface WindowTerms {
  transcriptDownload: string;
  transcriptFormat: string;
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
  windowMore: string;
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
  windowEventVerificationRequested: (agentName: string, channel: 'sms' | 'whatsapp', to: string) => string;
  windowEventVerified: (method: 'identity-token' | 'code', agentName: string | null) => string;
  windowUnverified: string;
  windowVerifiedTooltip: (method: 'identity-token' | 'code', agentName: string | null, when: string) => string;
  windowUnverifiedTooltip: string;
  windowVerify: string;
  windowVerifyUnavailable: (reason: 'closed' | 'pending' | 'not-yours') => string;
  windowFilter: (hidden: number) => string;
  windowFilterLegend: string;
  windowFilterCategory: (category: 'messages' | 'attachments' | 'assignments' | 'tags' | 'status') => string;
  windowFilterShowAll: string;
  windowDeliveryTo: (channel: 'sms' | 'whatsapp', to: string) => string;
  windowChannel: (channel: 'sms' | 'whatsapp') => string;
  windowOneWay: string;
  windowTemplateAction: string;
  windowEventPayment: (status: 'paid' | 'failed' | 'expired', amount: string) => string;
  windowEventMediaFailed: (name: string, reason: string) => string;
  windowRequestPayment: string;
  windowTemplateSent: (name: string) => string;
  windowWhatsAppClosed: (since: string | null) => string;
  windowSmsAction: string;
  windowMonitoring: (assignee: string) => string;
  windowReassign: string;
}

export const windowTerms: WindowTerms = {
  transcriptDownload: 'Download transcript',
  transcriptFormat: 'Transcript format',
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
  windowMore: 'More actions',
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
  windowDeliveryTo: (channel, to) => `${channel === 'sms' ? 'SMS' : 'WhatsApp'} to ${to}`,
  windowChannel: (channel) => (channel === 'sms' ? 'SMS' : 'WhatsApp'),
  windowOneWay: 'One-way',
  windowTemplateAction: 'Template…',
  windowEventPayment: (status, amount) =>
    status === 'paid' ? `Payment of ${amount} received` : status === 'failed' ? `Payment of ${amount} failed` : `Payment request for ${amount} expired`,
  windowEventMediaFailed: (name, reason) => `The customer sent a file (${name}) that could not be received: ${reason}`,
  windowRequestPayment: 'Request payment',
  windowTemplateSent: (name) => `Template ${name}`,
  windowWhatsAppClosed: (since) =>
    `${since ? `The 24-hour reply window closed on ${since}.` : 'The customer has not written on WhatsApp yet.'} WhatsApp only allows templates until the customer writes again.`,
  windowSmsAction: 'Send SMS…',
  windowMonitoring: (assignee) => `Monitoring — assigned to ${assignee}`,
  windowReassign: 'Reassign…',
};
