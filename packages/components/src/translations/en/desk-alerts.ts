/** English terms of `<desk-alerts>`. */
export interface AlertTerms {
  alertsLabel: string;
  alertsSound: string;
  alertsDesktop: string;
  alertsDesktopBlocked: string;
  alertsDesktopUnsupported: string;
  alertsQueued: string;
  alertsAssigned: string;
  alertsTransferred: (by: string) => string;
  alertsAttachment: (name: string) => string;
  alertsVoice: string;
  alertsLocation: string;
}

export const alertTerms: AlertTerms = {
  alertsLabel: 'Alerts',
  alertsSound: 'Play a sound',
  alertsDesktop: 'Desktop notifications',
  alertsDesktopBlocked: 'Notifications are blocked for this site in the browser’s settings.',
  alertsDesktopUnsupported: 'This browser cannot show notifications here.',
  alertsQueued: 'New chat waiting',
  alertsAssigned: 'Chat assigned to you',
  alertsTransferred: (by) => `${by} transferred a chat to you`,
  alertsAttachment: (name) => `Sent a file: ${name}`,
  alertsVoice: 'Sent a voice message',
  alertsLocation: 'Shared a location',
};
