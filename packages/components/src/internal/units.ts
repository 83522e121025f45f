/**
 * @license MIT
 * File sizes and durations in words, for the composer and the timelines.
 */

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: string, digits: number): Intl.NumberFormat {
  const key = `${lang}|${digits}`;
  let format = numberFormats.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(lang || undefined, { maximumFractionDigits: digits });
    } catch {
      format = new Intl.NumberFormat(undefined, { maximumFractionDigits: digits });
    }
    numberFormats.set(key, format);
  }
  return format;
}

const KB = 1024;
const MB = 1024 * KB;

/** A size as people read it: "512 bytes", "48 KB", "2.4 MB" (binary units, as upload limits are set). */
export function formatBytes(bytes: number, lang = ''): string {
  if (bytes < KB) return `${numberFormat(lang, 0).format(bytes)} bytes`;
  if (bytes < MB) return `${numberFormat(lang, 0).format(Math.round(bytes / KB))} KB`;
  if (bytes < 1024 * MB) return `${numberFormat(lang, 1).format(bytes / MB)} MB`;
  return `${numberFormat(lang, 1).format(bytes / (1024 * MB))} GB`;
}

/** A limit in megabytes: "10 MB", "0.5 MB". */
export const formatMegabytes = (bytes: number, lang = '') => `${numberFormat(lang, 1).format(bytes / MB)} MB`;

/** A duration as a clock: "0:07", "12:30", "1:02:03". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
