import { Types } from 'mongoose';
import type { Models } from '../models/index.js';
import type {
  DurationStats,
  MetricsBreakdown,
  MetricsBucket,
  MetricsSeriesPoint,
  MetricsSummary,
  MetricsSummaryInput,
  MetricsTotals,
} from '../schemas/metrics.js';
import { isSupervisor } from './conversation-access.js';
import type { AgentPrincipal } from './principal.js';
import type { SurveyService } from './surveys.js';
import { tenantNames } from './names.js';

const oid = (id: string) => new Types.ObjectId(id);

/** `$dateToString` formats; weeks are ISO weeks (`2026-W02`), turned into their Monday below. */
const bucketFormat: Record<MetricsBucket, string> = { hour: '%Y-%m-%dT%H:00:00Z', day: '%Y-%m-%dT00:00:00Z', week: '%G-W%V' };

export const CSAT_NOTE = 'No survey answers in this period: CSAT appears once customers rate their closed chats.';

type Row = Record<string, any>;

/**
 * Reports over conversations created in a period, computed by one aggregation
 * (`$match → $project → $facet` of `$group`s) that runs on real MongoDB and on the
 * embedded database alike. Medians come from the grouped duration lists.
 */
export class MetricsService {
  constructor(
    private readonly models: Models,
    private readonly surveys?: SurveyService,
  ) {}

  async summary(caller: AgentPrincipal, input: MetricsSummaryInput): Promise<MetricsSummary> {
    // Agents see only their own numbers, whatever they ask for.
    const agentId = isSupervisor(caller) ? (input.agentId ?? null) : caller.agentId;
    const departmentId = input.departmentId ?? null;
    const from = new Date(input.from);
    const to = new Date(input.to);
    const tenantId = oid(caller.tenantId);

    const match: Row = { tenantId, createdAt: { $gte: from, $lt: to } };
    if (departmentId) match.departmentId = oid(departmentId);
    if (agentId) match.assigneeId = oid(agentId);

    const sums = {
      conversations: { $sum: 1 },
      assigned: { $sum: '$assigned' },
      closed: { $sum: '$closed' },
      missed: { $sum: '$missed' },
    };
    const durations = { waits: { $push: '$wait' }, responses: { $push: '$response' }, handles: { $push: '$handle' } };
    const [facets] = await this.models.Conversation.aggregate<Row>([
      { $match: match },
      {
        $project: {
          department: '$departmentId',
          agent: '$assigneeId',
          bucket: { $dateToString: { format: bucketFormat[input.bucket], date: '$createdAt' } },
          wait: { $cond: [{ $ne: ['$assignedAt', null] }, { $subtract: ['$assignedAt', '$queuedAt'] }, null] },
          response: { $cond: [{ $ne: ['$firstResponseAt', null] }, { $subtract: ['$firstResponseAt', '$createdAt'] }, null] },
          handle: {
            $cond: [{ $and: [{ $eq: ['$status', 'closed'] }, { $ne: ['$assignedAt', null] }, { $ne: ['$closedAt', null] }] }, { $subtract: ['$closedAt', '$assignedAt'] }, null],
          },
          assigned: { $cond: [{ $ne: ['$assignedAt', null] }, 1, 0] },
          closed: { $cond: [{ $eq: ['$status', 'closed'] }, 1, 0] },
          missed: { $cond: [{ $and: [{ $eq: ['$status', 'closed'] }, { $eq: ['$assignedAt', null] }] }, 1, 0] },
        },
      },
      {
        $facet: {
          totals: [{ $group: { _id: null, ...sums, ...durations } }],
          series: [
            { $group: { _id: '$bucket', ...sums, averageWaitMs: { $avg: '$wait' }, averageFirstResponseMs: { $avg: '$response' } } },
            { $sort: { _id: 1 } },
          ],
          departments: [{ $group: { _id: '$department', ...sums, ...durations } }],
          agents: [{ $group: { _id: '$agent', ...sums, ...durations } }],
        },
      },
    ]);

    const queueFilter: Row = { tenantId: caller.tenantId, kind: 'chat', status: 'pending' };
    if (departmentId) queueFilter.departmentId = departmentId;
    const [queueLength, names, csat] = await Promise.all([
      this.models.Conversation.countDocuments(queueFilter),
      tenantNames(this.models, caller.tenantId),
      // CSAT: survey answers for chats closed in the period (same department/agent filter).
      this.surveys?.csat(caller.tenantId, { from: input.from, to: input.to, departmentId: departmentId ?? undefined, agentId: agentId ?? undefined }) ?? null,
    ]);

    const breakdown = (rows: Row[], nameOf: Map<string, string>, none: string): MetricsBreakdown[] =>
      rows
        .map((row) => {
          const id = row._id ? String(row._id) : null;
          return { id, name: id ? (nameOf.get(id) ?? 'Unknown') : none, ...totalsOf(row) };
        })
        .sort((a, b) => b.conversations - a.conversations || a.name.localeCompare(b.name));

    return {
      period: { from: from.toISOString(), to: to.toISOString(), bucket: input.bucket, departmentId, agentId },
      queueLength,
      totals: totalsOf(facets?.totals?.[0] ?? {}),
      csat,
      csatNote: csat ? null : CSAT_NOTE,
      series: fillSeries(from, to, input.bucket, facets?.series ?? []),
      departments: breakdown(facets?.departments ?? [], names.departments, 'No department'),
      agents: breakdown(facets?.agents ?? [], names.agents, 'Unassigned'),
    };
  }
}

function totalsOf(row: Row): MetricsTotals {
  return {
    conversations: row.conversations ?? 0,
    assigned: row.assigned ?? 0,
    closed: row.closed ?? 0,
    missed: row.missed ?? 0,
    waitTime: stats(row.waits),
    firstResponseTime: stats(row.responses),
    handleTime: stats(row.handles),
  };
}

/** Average and median of the durations present (nulls, and clock-skew negatives, left out). */
export function stats(values: unknown): DurationStats {
  const list = (Array.isArray(values) ? values : []).filter((v): v is number => typeof v === 'number' && v >= 0).sort((a, b) => a - b);
  if (!list.length) return { average: null, median: null, count: 0 };
  const mid = list.length >> 1;
  const median = list.length % 2 ? list[mid]! : (list[mid - 1]! + list[mid]!) / 2;
  return { average: Math.round(list.reduce((a, b) => a + b, 0) / list.length), median: Math.round(median), count: list.length };
}

/** Every bucket of the period, in order, empty ones included, so charts have an even axis. */
function fillSeries(from: Date, to: Date, bucket: MetricsBucket, rows: Row[]): MetricsSeriesPoint[] {
  const byStart = new Map<string, Row>();
  for (const row of rows) byStart.set(bucket === 'week' ? isoWeekStart(String(row._id)) : new Date(String(row._id)).toISOString(), row);
  const points: MetricsSeriesPoint[] = [];
  for (let start = bucketStart(from, bucket); start < to; start = next(start, bucket)) {
    const key = start.toISOString();
    const row = byStart.get(key);
    points.push({
      start: key,
      conversations: row?.conversations ?? 0,
      closed: row?.closed ?? 0,
      missed: row?.missed ?? 0,
      averageWaitMs: row?.averageWaitMs == null ? null : Math.round(row.averageWaitMs),
      averageFirstResponseMs: row?.averageFirstResponseMs == null ? null : Math.round(row.averageFirstResponseMs),
    });
  }
  return points;
}

function bucketStart(date: Date, bucket: MetricsBucket): Date {
  const d = new Date(date);
  d.setUTCMinutes(0, 0, 0);
  if (bucket === 'hour') return d;
  d.setUTCHours(0);
  if (bucket === 'day') return d;
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d;
}

const next = (d: Date, bucket: MetricsBucket) => new Date(d.getTime() + { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 }[bucket]);

/** `2026-W02` → the ISO string of that week's Monday, 00:00 UTC. */
export function isoWeekStart(label: string): string {
  const [, year, week] = /^(\d{4})-W(\d{2})$/.exec(label) ?? [];
  if (!year) return label;
  // 4 January is always in week 1.
  const jan4 = new Date(Date.UTC(Number(year), 0, 4));
  const monday1 = jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000;
  return new Date(monday1 + (Number(week) - 1) * 7 * 86_400_000).toISOString();
}
