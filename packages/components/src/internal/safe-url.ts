/**
 * @license MIT
 * Links and image sources that come from data (an agent's avatar, a connected app's link,
 * a template button, a payment link): only the allowed schemes ever reach an `href` or
 * `src`. `javascript:`, `data:`, `vbscript:`, `blob:` and anything that does not parse give
 * `null`, so the element renders no link at all. The server checks these URLs too; this is
 * the elements' own line, for whatever reaches them anyway (older rows, imports, a proxy).
 */

export type LinkScheme = 'https:' | 'http:' | 'mailto:' | 'tel:';

const WEB: readonly LinkScheme[] = ['https:', 'http:'];

export interface SafeUrlOptions {
  /** Allowed schemes, with the colon (`https:` and `http:` unless said otherwise). */
  schemes?: readonly LinkScheme[];
  /** Resolves relative URLs (the desk's own paths); without it only absolute URLs pass. */
  base?: string;
}

/** The URL, normalised (`new URL(…).href`), when its scheme is allowed; otherwise `null`. */
export function safeUrl(url: string | null | undefined, options: SafeUrlOptions = {}): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url, options.base || undefined);
    return (options.schemes ?? WEB).includes(parsed.protocol as LinkScheme) ? parsed.href : null;
  } catch {
    return null;
  }
}
