import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/** helmet's settings for every answer the desk sends. */
export const helmetOptions: HelmetOptions = {
  // Elements and the client bundle are loaded by partners' pages on other origins.
  crossOriginResourcePolicy: { policy: 'cross-origin' },
  contentSecurityPolicy: {
    // blob: the composer's previews of files and recordings before they are sent.
    directives: { 'img-src': ["'self'", 'data:', 'blob:', 'https:'], 'media-src': ["'self'", 'blob:'], 'connect-src': ["'self'"] },
  },
};

/**
 * The headers helmet sets with `helmetOptions`, as a flat `[name, value, …]` list, for
 * answers written outside Koa (SSE subscriptions: http/sse-front.ts). They do not depend
 * on the request, so they are read once, by running helmet against a response that
 * records them.
 */
export function securityHeaders(): string[] {
  const headers = new Map<string, [string, string]>();
  const recorder = {
    setHeader: (name: string, value: string) => headers.set(name.toLowerCase(), [name, value]),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  };
  let done = false;
  helmet(helmetOptions)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
    done = true;
  });
  if (!done) throw new Error('helmet did not set its headers at once');
  return [...headers.values()].flat();
}
