/** English terms of `<agent-queue>`. */
export interface QueueTerms {
  queueTabs: string;
  queueTab: (view: 'pending' | 'mine' | 'all' | 'tickets' | 'closed') => string;
  queueTabCount: (count: number) => string;
  queueSearch: string;
  queueSearchPlaceholder: string;
  /** Where the full placeholder would be cut (a narrow queue), then where that one would. */
  queueSearchPlaceholderShort: string;
  queueSearchPlaceholderShortest: string;
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
}

export const queueTerms: QueueTerms = {
  queueTabs: 'Queues',
  queueTab: (view) => ({ pending: 'Pending', mine: 'Mine', all: 'All', tickets: 'Tickets', closed: 'Closed' })[view],
  queueTabCount: (count) => (count === 1 ? '1 conversation' : `${count} conversations`),
  queueSearch: 'Search conversations',
  queueSearchPlaceholder: 'Search name, email, phone, subject or message',
  queueSearchPlaceholderShort: 'Search name, email, phone…',
  queueSearchPlaceholderShortest: 'Search',
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
};
