export { DeskElement } from './internal/desk-element.js';
export { clientContext } from './context/client-context.js';
export { sessionContext, type DeskSession } from './context/session-context.js';
export { feedContext } from './context/feed-context.js';
export { serverContext } from './context/server-context.js';
export { SubscriptionController } from './controllers/subscription-controller.js';
export { FeedController } from './controllers/feed-controller.js';
export { FileLinksController, type FileLink } from './controllers/file-links-controller.js';
export { DeskFeed } from './internal/desk-feed.js';
export { LocalizeController, registerTranslation } from './utilities/localize.js';
export type { Translation } from './translations/en.js';
export * from './events/index.js';
export { DeskProvider } from './components/desk-provider/desk-provider.js';
export { PresenceList } from './components/presence-list/presence-list.js';
export { AgentLoad, loadOf, type AgentLoadRow, type AgentLoadSort } from './components/agent-load/agent-load.js';
export { AgentQueue } from './components/agent-queue/agent-queue.js';
export { DeskAlerts } from './components/desk-alerts/desk-alerts.js';
export { CustomerChat } from './components/customer-chat/customer-chat.js';
export { ChatWindow } from './components/chat-window/chat-window.js';
export { DeskMetrics, downloadTranscript, type MetricsPeriod, type TranscriptFormat, type TranscriptProgress } from './components/desk-metrics/desk-metrics.js';
export { CustomerProfile } from './components/customer-profile/customer-profile.js';
export { DeskSettings, settingsSections, type SettingsSection } from './components/desk-settings/desk-settings.js';
export {
  MessageComposer,
  type ComposerUploader,
  type ComposerUploadOptions,
  type SlashCommand,
  type SlashCommandResolver,
  type SlashCommandSource,
} from './components/message-composer/message-composer.js';
