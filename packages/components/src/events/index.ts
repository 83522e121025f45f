export type { DeskPresenceChangeEvent } from './desk-presence-change.js';
export type { DeskSessionChangeEvent } from './desk-session-change.js';
export type { DeskChatStartEvent } from './desk-chat-start.js';
export type { DeskChatMessageEvent } from './desk-chat-message.js';
export type { DeskChatEndEvent } from './desk-chat-end.js';
export type { DeskMessageSendEvent } from './desk-message-send.js';
export type { DeskConversationCloseEvent } from './desk-conversation-close.js';
export type { DeskConversationTransferEvent } from './desk-conversation-transfer.js';
export type { DeskConversationSelectEvent } from './desk-conversation-select.js';
export type { DeskConversationAcceptEvent } from './desk-conversation-accept.js';
export type { DeskTimelineFilterChangeEvent } from './desk-timeline-filter-change.js';
export type { DeskTranscriptExportEvent } from './desk-transcript-export.js';
export type {
  DeskComposerSendEvent,
  ComposerSendDetail,
  ComposerContent,
  ComposerFile,
  ComposerLocation,
  UploadedFile,
} from './desk-composer-send.js';
export type { DeskComposerInputEvent } from './desk-composer-input.js';
export type { DeskCustomerUpdateEvent } from './desk-customer-update.js';
export type { DeskCustomerMergeEvent } from './desk-customer-merge.js';
export type { DeskAgentSelectEvent } from './desk-agent-select.js';
export type { DeskSettingsChangeEvent } from './desk-settings-change.js';
export type { DeskAlertEvent, DeskAlertKind } from './desk-alert.js';
