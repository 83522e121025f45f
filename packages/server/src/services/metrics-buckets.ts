/**
 * Report buckets in the business's time zone: an hour, a local day or an ISO week
 * (Monday to Monday) as real instants, so a day is 23 or 25 hours long around a DST
 * change and every chat lands in the bucket its local time says. Intl does the zone maths.
 */
import type { MetricsBucket } from '../schemas/metrics.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function wallClock(timezone: string, at: number): Wall {
  let format = formats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timezone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return { year: +parts.year!, month: +parts.month!, day: +parts.day!, hour: +parts.hour!, minute: +parts.minute!, second: +parts.second! };
}

/** Milliseconds the zone's wall clock is ahead of UTC at `at`. */
function offsetAt(timezone: string, at: number): number {
  const w = wallClock(timezone, at);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(at / 1000) * 1000;
}

/**
 * The instant the zone's wall clock shows `year-month-day hour:00` (month 1–12; days past
 * the month's end roll over). Shown twice (clocks going back): the first time. Skipped
 * (clocks going forward): the instant the clock jumped over it.
 */
export function zonedInstant(timezone: string, year: number, month: number, day: number, hour = 0): number {
  const wall = Date.UTC(year, month - 1, day, hour);
  const candidates = [...new Set([offsetAt(timezone, wall - DAY), offsetAt(timezone, wall), offsetAt(timezone, wall + DAY)])].map((o) => wall - o);
  const exact = candidates.filter((t) => t + offsetAt(timezone, t) === wall);
  return exact.length ? Math.min(...exact) : Math.max(...candidates);
}

/** The start of the bucket `at` falls in. */
export function bucketStart(at: Date, bucket: MetricsBucket, timezone: string): Date {
  const t = at.getTime();
  const w = wallClock(timezone, t);
  // Hours: back to the local hour's start (right in both repeated hours of a DST change).
  if (bucket === 'hour') return new Date(t - ((w.minute * 60 + w.second) * 1000 + (((t % 1000) + 1000) % 1000)));
  if (bucket === 'day') return new Date(zonedInstant(timezone, w.year, w.month, w.day));
  const weekday = new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
  return new Date(zonedInstant(timezone, w.year, w.month, w.day - ((weekday + 6) % 7)));
}

/** The start of the bucket after the one starting at `start`. */
export function nextBucket(start: Date, bucket: MetricsBucket, timezone: string): Date {
  if (bucket === 'hour') return new Date(start.getTime() + HOUR);
  const w = wallClock(timezone, start.getTime());
  return new Date(zonedInstant(timezone, w.year, w.month, w.day + (bucket === 'day' ? 1 : 7)));
}

/** The start of every bucket that overlaps `[from, to)`, in order. */
export function bucketStarts(from: Date, to: Date, bucket: MetricsBucket, timezone: string): Date[] {
  const starts: Date[] = [];
  for (let start = bucketStart(from, bucket, timezone); start < to; start = nextBucket(start, bucket, timezone)) starts.push(start);
  return starts;
}

/**
 * The aggregation expression giving the index (into `starts`) of the bucket `date` falls
 * in: a binary search of nested `$cond`s, about log2(buckets) comparisons per document.
 * The boundaries are instants worked out here, so the database needs no time zone support
 * (the embedded one knows few zone names).
 */
export function bucketIndexExpression(starts: readonly Date[], date = '$createdAt'): unknown {
  const search = (low: number, high: number): unknown => {
    if (low >= high) return { $literal: low };
    const mid = (low + high + 1) >> 1;
    return { $cond: [{ $lt: [date, starts[mid]] }, search(low, mid - 1), search(mid, high)] };
  };
  return search(0, starts.length - 1);
}
