/** English terms of `<desk-settings>`' channels tab (SMS and WhatsApp accounts, WhatsApp templates), which load with it. */
export interface ChannelSettingsTerms {
  settingsChannel_sms: string;
  settingsChannel_whatsapp: string;
  settingsChannelTitle: (channel: string) => string;
  settingsChannelEndpoint: string;
  settingsChannelFromNumber: string;
  settingsChannelFromNumberHint: string;
  settingsChannelMedia: string;
  settingsChannelNone: (channel: string) => string;
  settingsWebhookUrl: string;
  settingsRotateNamed: (channel: string) => string;
  settingsTemplates: string;
  settingsTemplatesHint: string;
  settingsNoTemplates: string;
  settingsNewTemplate: string;
  settingsTemplateName: string;
  settingsTemplateNameHint: string;
  settingsTemplateLanguage: string;
  settingsTemplateLanguageHint: string;
  settingsTemplateCategory: string;
  settingsTemplateCategory_utility: string;
  settingsTemplateCategory_marketing: string;
  settingsTemplateCategory_authentication: string;
  settingsTemplateHeader: string;
  settingsTemplateBody: string;
  settingsTemplateBodyHint: string;
  settingsTemplateFooter: string;
  settingsTemplateButtons: (max: number) => string;
  settingsTemplateButton: (n: number) => string;
  settingsTemplateButtonType: string;
  settingsTemplateButton_quick_reply: string;
  settingsTemplateButton_url: string;
  settingsTemplateButton_phone: string;
  settingsTemplateButtonText: string;
  settingsTemplateButtonUrl: string;
  settingsTemplateButtonPhone: string;
  settingsTemplateAddButton: string;
  settingsTemplateRemoveButton: (n: number) => string;
  settingsTemplatePreview: string;
}

export const channelSettingsTerms: ChannelSettingsTerms = {
  settingsChannel_sms: 'SMS',
  settingsChannel_whatsapp: 'WhatsApp',
  settingsChannelTitle: (channel) => `${channel} account`,
  settingsChannelEndpoint: 'Provider endpoint (https)',
  settingsChannelFromNumber: 'Our number',
  settingsChannelFromNumberHint: 'In international format, such as +34600111222: we send from it and customers write to it.',
  settingsChannelMedia: 'Send files and voice messages (off: text only)',
  settingsChannelNone: (channel) => `Not set up yet: customers cannot reach the desk by ${channel}.`,
  settingsWebhookUrl: 'Webhook URL (give it to the provider)',
  settingsRotateNamed: (channel) => `New ${channel} secrets`,
  settingsTemplates: 'WhatsApp templates',
  settingsTemplatesHint: 'Pre-approved messages agents can send on WhatsApp at any time, also after the 24 hours in which free replies are allowed.',
  settingsNoTemplates: 'No templates yet.',
  settingsNewTemplate: 'New template',
  settingsTemplateName: 'Name',
  settingsTemplateNameHint: 'Lowercase letters, digits and _, as approved by WhatsApp. Name and language cannot be changed later.',
  settingsTemplateLanguage: 'Language',
  settingsTemplateLanguageHint: 'A code such as en or en_US.',
  settingsTemplateCategory: 'Category',
  settingsTemplateCategory_utility: 'Utility',
  settingsTemplateCategory_marketing: 'Marketing',
  settingsTemplateCategory_authentication: 'Authentication',
  settingsTemplateHeader: 'Header (optional)',
  settingsTemplateBody: 'Text',
  settingsTemplateBodyHint: 'Variables are written {{1}}, {{2}}, … numbered without gaps (the header may use them too); agents fill them in when sending.',
  settingsTemplateFooter: 'Footer (optional, no variables)',
  settingsTemplateButtons: (max) => `Buttons (up to ${max})`,
  settingsTemplateButton: (n) => `Button ${n}`,
  settingsTemplateButtonType: 'Kind',
  settingsTemplateButton_quick_reply: 'Quick reply',
  settingsTemplateButton_url: 'Open a link',
  settingsTemplateButton_phone: 'Call a number',
  settingsTemplateButtonText: 'Button text',
  settingsTemplateButtonUrl: 'Link (https)',
  settingsTemplateButtonPhone: 'Phone number (international format)',
  settingsTemplateAddButton: 'Add button',
  settingsTemplateRemoveButton: (n) => `Remove button ${n}`,
  settingsTemplatePreview: 'Preview: as the customer sees it',
};
