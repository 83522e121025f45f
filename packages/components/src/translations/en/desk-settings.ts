/** English terms of `<desk-settings>`. */
export interface SettingsTerms {
  settingsAdminsOnly: string;
  settingsProfile: string;
  settingsName: string;
  settingsLogoUrl: string;
  settingsTimezone: string;
  settingsSave: string;
  settingsSaved: string;
  settingsAutoResponders: string;
  settingsResponder_greeting: string;
  settingsResponder_noAgent: string;
  settingsResponder_outsideHours: string;
  settingsResponder_inactivity: string;
}

export const settingsTerms: SettingsTerms = {
  settingsAdminsOnly: 'Only admins can change the desk settings.',
  settingsProfile: 'Business profile',
  settingsName: 'Business name',
  settingsLogoUrl: 'Logo URL (https)',
  settingsTimezone: 'Time zone (e.g. Europe/London)',
  settingsSave: 'Save',
  settingsSaved: 'Saved',
  settingsAutoResponders: 'Auto responders',
  settingsResponder_greeting: 'Greeting when a chat starts',
  settingsResponder_noAgent: 'When no agent is available',
  settingsResponder_outsideHours: 'Outside business hours',
  settingsResponder_inactivity: 'Before closing an inactive chat',
};
