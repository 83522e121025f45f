/**
 * @license MIT
 * The channels tab, loaded when it first opens: the SMS and WhatsApp accounts at their
 * providers and the WhatsApp templates, with their terms and the template preview's styles.
 */
import { addStyles } from '../../internal/adopt-styles.js';
import { templatePreviewStyles } from '../../internal/template-preview.js';
import { LocalizeController } from '../../utilities/localize.js';
import { commonTerms } from '../../translations/en/common.js';
import { reportTerms } from '../../translations/en/reports.js';
import { settingsTerms } from '../../translations/en/desk-settings.js';
import { lazyTerms } from '../../translations/en/lazy.js';
import { channelSettingsTerms } from '../../translations/en/desk-settings-channels.js';
import { ChannelAccountPanel } from './desk-settings.channel-account.js';
import type { SettingsHost, SettingsPanel } from './desk-settings.panel.js';
import { TemplatesPanel } from './desk-settings.templates.js';

/** The tab's sections for `host`, in order. */
export function channelPanels(host: SettingsHost & HTMLElement): SettingsPanel[] {
  addStyles(host, [templatePreviewStyles]);
  const terms = new LocalizeController(host, { ...commonTerms, ...reportTerms, ...settingsTerms, ...lazyTerms, ...channelSettingsTerms });
  return [new ChannelAccountPanel(host, terms, 'sms'), new ChannelAccountPanel(host, terms, 'whatsapp'), new TemplatesPanel(host, terms)];
}
