import { commonTerms, type CommonTerms } from './en/common.js';
import { metricsTerms, type MetricsTerms } from './en/desk-metrics.js';
import { reportTerms, type ReportTerms } from './en/reports.js';
import { chatTerms, type ChatTerms } from './en/customer-chat.js';
import { windowTerms, type WindowTerms } from './en/chat-window.js';
import { windowDialogTerms, type WindowDialogTerms } from './en/chat-window-dialogs.js';
import { smsTerms, type SmsTerms } from './en/sms.js';
import { templateTerms, type TemplateTerms } from './en/templates.js';
import { contentTerms, type ContentTerms } from './en/message-content.js';
import { queueTerms, type QueueTerms } from './en/agent-queue.js';
import { composerTerms, type ComposerTerms } from './en/message-composer.js';
import { composerToolTerms, type ComposerToolTerms } from './en/message-composer-tools.js';
import { profileTerms, type ProfileTerms } from './en/customer-profile.js';
import { agentLoadTerms, type AgentLoadTerms } from './en/agent-load.js';
import { settingsTerms, type SettingsTerms } from './en/desk-settings.js';
import { channelSettingsTerms, type ChannelSettingsTerms } from './en/desk-settings-channels.js';
import { lazyTerms, type LazyTerms } from './en/lazy.js';
import { alertTerms, type AlertTerms } from './en/desk-alerts.js';

/**
 * Every user-visible string of the elements; other locales implement the same interface
 * (`registerTranslation`). The English terms live in one module per element (`./en/`), so a
 * bundle of one element carries only its own.
 */
export interface Translation
  extends CommonTerms,
    MetricsTerms,
    ReportTerms,
    ChatTerms,
    WindowTerms,
    WindowDialogTerms,
    SmsTerms,
    TemplateTerms,
    ContentTerms,
    QueueTerms,
    ComposerTerms,
    ComposerToolTerms,
    ProfileTerms,
    AgentLoadTerms,
    SettingsTerms,
    ChannelSettingsTerms,
    LazyTerms,
    AlertTerms {
  $code: string;
}

/** The whole English translation, e.g. as the model for another locale. */
const en: Translation = {
  $code: 'en',
  ...commonTerms,
  ...metricsTerms,
  ...reportTerms,
  ...chatTerms,
  ...windowTerms,
  ...windowDialogTerms,
  ...smsTerms,
  ...templateTerms,
  ...contentTerms,
  ...queueTerms,
  ...composerTerms,
  ...composerToolTerms,
  ...profileTerms,
  ...agentLoadTerms,
  ...settingsTerms,
  ...channelSettingsTerms,
  ...lazyTerms,
  ...alertTerms,
};

export default en;
