// Test-only browser controls the page cannot reach itself, through puppeteer:
// `executeServerCommand('desk-browser', { permissions, geolocation })` from a test.

/**
 * - `permissions: ['geolocation', …]` grants those to the page's origin (and no others);
 *   `permissions: null` forgets every override.
 * - `set: { microphone: 'denied', geolocation: 'granted', … }` sets single permissions.
 * - `geolocation: { latitude, longitude, accuracy }` is where the page's browser "is".
 */
export function deskBrowser() {
  return {
    name: 'desk-browser',
    async executeCommand({ command, payload, session }) {
      if (command !== 'desk-browser') return undefined;
      const page = session.browser.getPage(session.id);
      const context = page.browserContext();
      const origin = new URL(page.url()).origin;
      if (payload?.permissions === null) await context.clearPermissionOverrides();
      else if (Array.isArray(payload?.permissions)) await context.overridePermissions(origin, payload.permissions);
      for (const [name, state] of Object.entries(payload?.set ?? {})) await context.setPermission(origin, { permission: { name }, state });
      if (payload?.geolocation) await page.setGeolocation(payload.geolocation);
      return true;
    },
  };
}
