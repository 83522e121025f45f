/**
 * @license MIT
 * Time formatting for queue rows, localized through `Intl` (formatters cached per language).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const cache = new Map<string, Intl.NumberFormat | Intl.RelativeTimeFormat>();

function unitFormat(lang: string, unit: 'minute' | 'hour' | 'day'): Intl.NumberFormat {
  const key = `n:${lang}:${unit}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) cache.set(key, (format = new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'short' })));
  return format;
}

function relativeFormat(lang: string): Intl.RelativeTimeFormat {
  const key = `r:${lang}`;
  let format = cache.get(key) as Intl.RelativeTimeFormat | undefined;
  if (!format) cache.set(key, (format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto', style: 'short' })));
  return format;
}

/**
 * A wait as "4 min", "2 hr", "3 days"; `null` under a minute (the caller words that).
 */
export function formatWait(ms: number, lang: string): string | null {
  if (ms < MINUTE) return null;
  if (ms < HOUR) return unitFormat(lang, 'minute').format(Math.floor(ms / MINUTE));
  if (ms < DAY) return unitFormat(lang, 'hour').format(Math.floor(ms / HOUR));
  return unitFormat(lang, 'day').format(Math.floor(ms / DAY));
}

/** A past moment as "now", "5 min. ago", "yesterday". */
export function formatAgo(ms: number, lang: string): string {
  const format = relativeFormat(lang);
  if (ms < MINUTE) return format.format(0, 'second');
  if (ms < HOUR) return format.format(-Math.floor(ms / MINUTE), 'minute');
  if (ms < DAY) return format.format(-Math.floor(ms / HOUR), 'hour');
  return format.format(-Math.floor(ms / DAY), 'day');
}

/**
 * Re-renders its host every `interval` ms while connected, so relative times
 * ("waiting 4 min") stay current. `now` is the time of the last tick.
 */
export class ClockController implements ReactiveController {
  now = Date.now();
  private timer?: ReturnType<typeof setInterval>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly interval = 10_000,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.now = Date.now();
    this.timer = setInterval(() => {
      this.now = Date.now();
      this.host.requestUpdate();
    }, this.interval);
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
