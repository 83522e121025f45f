/**
 * Debian's Chromium, headless as root, with nothing reaching out to the network on its own,
 * and no throttling of pages in the background (tests drive several windows at once).
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  // A fake microphone and camera, granted without a prompt (voice messages record a real stream).
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];
