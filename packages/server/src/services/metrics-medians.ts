/**
 * Medians of the report's durations without collecting them: the database groups the
 * durations of each (level, key, measure) by value (to the second) and streams the
 * groups in ascending order; walking them with the known counts finds the middle value.
 * Memory stays one small record per breakdown row, whatever the number of chats.
 */
import type { PipelineStage } from 'mongoose';

export type MedianLevel = 'total' | 'department' | 'agent';
export interface MedianKey {
  level: MedianLevel;
  id: string | null;
}
export type DurationName = 'wait' | 'response' | 'handle';

export const durationNames: DurationName[] = ['wait', 'response', 'handle'];
const levels: Array<[MedianLevel, string | null]> = [
  ['total', null],
  ['department', '$department'],
  ['agent', '$agent'],
];

/** A duration rounded to the nearest second (null stays null): medians are exact to the second. */
const toSecond = (field: string) => ({
  $cond: [{ $eq: [{ $ifNull: [field, null] }, null] }, null, { $multiply: [{ $floor: { $divide: [{ $add: [field, 500] }, 1_000] } }, 1_000] }],
});

/** `{ _id: { l, k, m, x }, n }` rows: how many chats of each level/key had measure `m` equal to `x`, ascending. */
export function medianRowsPipeline(match: Record<string, unknown>, project: Record<string, unknown>): PipelineStage[] {
  const { bucket: _bucket, ...fields } = project;
  return [
    { $match: match },
    { $project: fields },
    { $project: { v: levels.flatMap(([l, k]) => durationNames.map((m) => ({ l, k, m, x: toSecond(`$${m}`) }))) } },
    { $unwind: '$v' },
    { $match: { 'v.x': { $ne: null } } },
    { $group: { _id: { l: '$v.l', k: '$v.k', m: '$v.m', x: '$v.x' }, n: { $sum: 1 } } },
    { $sort: { '_id.l': 1, '_id.k': 1, '_id.m': 1, '_id.x': 1 } },
  ];
}

const idOf = (level: string, key: unknown, measure: string) => `${level}|${key == null ? '' : String(key)}|${measure}`;

/**
 * Walks the rows of `medianRowsPipeline` (any order that keeps each group's values
 * ascending) and returns the median of each group, given how many values each has.
 */
export async function medians(
  rows: AsyncIterable<{ _id: { l: string; k: unknown; m: string; x: number }; n: number }>,
  counts: Array<{ key: MedianKey; measure: DurationName; count: number }>,
): Promise<(key: MedianKey, measure: DurationName) => number | null> {
  const groups = new Map<string, { n: number; seen: number; low: number | null; high: number | null }>();
  for (const { key, measure, count } of counts) if (count) groups.set(idOf(key.level, key.id, measure), { n: count, seen: 0, low: null, high: null });
  for await (const { _id, n } of rows) {
    const group = groups.get(idOf(_id.l, _id.k, _id.m));
    if (!group || group.high !== null) continue;
    group.seen += n;
    // The middle value, or the two middle ones of an even count.
    if (group.low === null && group.seen > (group.n - 1) >> 1) group.low = _id.x;
    if (group.seen > group.n >> 1) group.high = _id.x;
  }
  return (key, measure) => {
    const group = groups.get(idOf(key.level, key.id, measure));
    return group?.low == null || group.high === null ? null : (group.low + group.high) / 2;
  };
}
