export { startDesk, type RunningDesk } from './app.js';
export { configFromEnv, type DeskConfig } from './config.js';
export type { AppRouter } from './routers/_app.js';
export type { PresenceEntry, DeskEventMap } from './events/types.js';
export type { AgentProfile } from './services/agents.js';
export type { AgentLiveEvent, VisitorLiveEvent } from './services/live.js';
export type {
  AttachmentView,
  ChatEvent,
  ConversationView,
  DeliveryView,
  LocationView,
  MessageKind,
  MessageView,
  PaymentView,
  TemplateMessageView,
  VerifiedBy,
  VisitorChatEvent,
  VisitorConversationView,
  VisitorMessageView,
} from './services/conversation-views.js';
export type { DepartmentView } from './services/departments.js';
export { signIdentityToken } from './services/identity.js';
