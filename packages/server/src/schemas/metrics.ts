import { z } from 'zod';
import { objectIdSchema } from './common.js';

export const metricsBuckets = ['hour', 'day', 'week'] as const;
export const metricsBucketSchema = z.enum(metricsBuckets);
export type MetricsBucket = z.infer<typeof metricsBucketSchema>;

/** How many buckets one summary may chart. */
export const MAX_METRICS_BUCKETS = 400;

/**
 * A reporting period over chats (not tickets) created in `[from, to)`, optionally one
 * department or one agent. Agents always get their own numbers. Buckets follow the
 * business's time zone (`settings` profile).
 */
export const metricsSummarySchema = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    departmentId: objectIdSchema.optional(),
    agentId: objectIdSchema.optional(),
    bucket: metricsBucketSchema.default('day'),
  })
  .superRefine((v, ctx) => {
    const from = Date.parse(v.from);
    const to = Date.parse(v.to);
    if (to <= from) return void ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    const size = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 }[v.bucket];
    if ((to - from) / size > MAX_METRICS_BUCKETS) {
      ctx.addIssue({ code: 'custom', path: ['bucket'], message: `too many ${v.bucket}s in this period (at most ${MAX_METRICS_BUCKETS}); pick a larger bucket` });
    }
  });
export type MetricsSummaryInput = z.infer<typeof metricsSummarySchema>;

/** Durations in milliseconds; `null` when nothing in the period has one. */
export interface DurationStats {
  average: number | null;
  /** Exact to the nearest second. */
  median: number | null;
  /** How many conversations the figure is over. */
  count: number;
}

export interface MetricsTotals {
  /** Chats created in the period. */
  conversations: number;
  /** Of them, ever picked up by an agent. */
  assigned: number;
  closed: number;
  /**
   * Missed: ended without an agent ever answering, or (once the period is over) still
   * unanswered when it ended. An answer is the first agent reply (`firstResponseAt`).
   */
  missed: number;
  /**
   * `queuedAt → ` the first pickup from that queue (`firstAssignedAt`): a transfer to
   * another agent does not add to it. Older chats without `firstAssignedAt` use `assignedAt`.
   */
  waitTime: DurationStats;
  /** `createdAt → firstResponseAt` (the first agent reply). */
  firstResponseTime: DurationStats;
  /** The first pickup `→ closedAt`: every agent's share of the chat, transfers included. */
  handleTime: DurationStats;
}

/** Customer satisfaction from post-chat surveys: `score` is the share (0–100) of good (4–5) ratings; `null` without answers. */
export type CsatMetric = { score: number; responses: number; good: number; bad: number } | null;

export interface MetricsSeriesPoint {
  /** Start of the bucket (an ISO instant; buckets follow `period.timezone`). */
  start: string;
  conversations: number;
  closed: number;
  missed: number;
  averageWaitMs: number | null;
  averageFirstResponseMs: number | null;
}

export interface MetricsBreakdown extends MetricsTotals {
  id: string | null;
  name: string;
  /** Survey answers for its chats closed in the period (as attributed at close); `null` without answers. */
  csat: CsatMetric;
}

export interface MetricsSummary {
  period: {
    from: string;
    to: string;
    bucket: MetricsBucket;
    /** The business's time zone: days and weeks start at its local midnight. */
    timezone: string;
    departmentId: string | null;
    agentId: string | null;
  };
  /** Chats waiting in the queue right now (of the department, if one is chosen). */
  queueLength: number;
  totals: MetricsTotals;
  csat: CsatMetric;
  /** Why `csat` is null. */
  csatNote: string | null;
  series: MetricsSeriesPoint[];
  /** Chats per department: each department's numbers (a department with only survey answers in the period too). */
  departments: MetricsBreakdown[];
  /** Chats per agent: each assignee's numbers (an agent with only survey answers in the period too). */
  agents: MetricsBreakdown[];
}
