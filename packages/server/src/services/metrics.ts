import { Types } from 'mongoose';
import type { Models } from '../models/index.js';
import type {
  DurationStats,
  MetricsBreakdown,
  MetricsSeriesPoint,
  MetricsSummary,
  MetricsSummaryInput,
  MetricsTotals,
} from '../schemas/metrics.js';
import { isSupervisor, queuedFilter } from './conversation-access.js';
import { bucketIndexExpression, bucketStarts } from './metrics-buckets.js';
import { durationNames, medians, medianRowsPipeline, type MedianKey } from './metrics-medians.js';
import type { AgentPrincipal } from './principal.js';
import type { CsatBreakdown, SurveyService } from './surveys.js';
import { tenantNames } from './names.js';

const oid = (id: string) => new Types.ObjectId(id);

const noCsat: CsatBreakdown = { total: null, departments: new Map(), agents: new Map() };

export const CSAT_NOTE = 'No survey answers in this period: CSAT appears once customers rate their closed chats.';

type Row = Record<string, any>;

/** `$field` (or an expression) is null or missing (the two read the same on every database). */
const isNull = (field: unknown) => ({ $eq: [{ $ifNull: [field, null] }, null] });
const notNull = (field: unknown) => ({ $not: [isNull(field)] });
/** `to - from` when both are there and not negative (clock skew), else null. */
const duration = (from: unknown, to: unknown, also: unknown[] = []) => ({
  $cond: [{ $and: [notNull(from), notNull(to), ...also, { $gte: [to, from] }] }, { $subtract: [to, from] }, null],
});

/**
 * Per chat: its bucket, who and where, the three durations, and whether it was missed.
 * A chat is missed when it ended without an agent ever answering it, or (once the
 * period is over) was still unanswered when the period ended.
 */
/**
 * When an agent first picked the chat up from the queue it (last) entered: `firstAssignedAt`
 * (a transfer to another agent leaves it), unless the chat was queued again after it (a
 * transfer to a department, a reopen) or predates the field; then `assignedAt`.
 */
const pickedUp = {
  $cond: [{ $and: [notNull('$firstAssignedAt'), { $gte: ['$firstAssignedAt', '$queuedAt'] }] }, '$firstAssignedAt', '$assignedAt'],
};

function perChat(to: Date, periodOver: boolean, starts: readonly Date[]) {
  const closed = { $eq: ['$status', 'closed'] };
  const endedInPeriod = { $and: [closed, { $or: [isNull('$closedAt'), { $lt: ['$closedAt', to] }] }] };
  const answeredInPeriod = { $and: [notNull('$firstResponseAt'), { $lt: ['$firstResponseAt', to] }] };
  const missed = {
    $or: [
      { $and: [endedInPeriod, isNull('$firstResponseAt')] },
      { $and: [periodOver, { $not: [endedInPeriod] }, { $not: [answeredInPeriod] }] },
    ],
  };
  return {
    department: '$departmentId',
    agent: '$assigneeId',
    bucket: bucketIndexExpression(starts),
    wait: duration('$queuedAt', pickedUp),
    response: duration('$createdAt', '$firstResponseAt'),
    handle: duration(pickedUp, '$closedAt', [closed]),
    assigned: { $cond: [{ $or: [notNull('$firstAssignedAt'), notNull('$assignedAt')] }, 1, 0] },
    closed: { $cond: [closed, 1, 0] },
    missed: { $cond: [missed, 1, 0] },
  };
}

const countOf = (field: string) => ({ $sum: { $cond: [notNull(field), 1, 0] } });
const sums = {
  conversations: { $sum: 1 },
  assigned: { $sum: '$assigned' },
  closed: { $sum: '$closed' },
  missed: { $sum: '$missed' },
};
const durations = {
  waitAvg: { $avg: '$wait' },
  waitN: countOf('$wait'),
  responseAvg: { $avg: '$response' },
  responseN: countOf('$response'),
  handleAvg: { $avg: '$handle' },
  handleN: countOf('$handle'),
};

/**
 * Reports over the chats (not tickets) created in a period, bucketed in the business's
 * time zone. One aggregation (`$match → $project → $facet` of `$group`s) counts and
 * averages; medians come from a second, streamed pass over durations grouped and sorted
 * by value (see metrics-medians.ts), so no list of every duration is ever held. Both
 * run on real MongoDB and on the embedded database alike.
 */
export class MetricsService {
  constructor(
    private readonly models: Models,
    private readonly surveys?: SurveyService,
  ) {}

  async summary(caller: AgentPrincipal, input: MetricsSummaryInput, now = new Date()): Promise<MetricsSummary> {
    // Agents see only their own numbers, whatever they ask for.
    const agentId = isSupervisor(caller) ? (input.agentId ?? null) : caller.agentId;
    const departmentId = input.departmentId ?? null;
    const from = new Date(input.from);
    const to = new Date(input.to);
    const tenantId = oid(caller.tenantId);
    // Buckets follow the business's time zone (settings profile).
    const tenant = await this.models.Tenant.findOne({ _id: caller.tenantId }).select({ timezone: 1 }).lean();
    const timezone = tenant?.timezone || 'UTC';

    const match: Row = { tenantId, kind: 'chat', createdAt: { $gte: from, $lt: to } };
    if (departmentId) match.departmentId = oid(departmentId);
    if (agentId) match.assigneeId = oid(agentId);
    const starts = bucketStarts(from, to, input.bucket, timezone);
    const project = perChat(to, to <= now, starts);

    const [[facets], queueLength, names, csat] = await Promise.all([
      this.models.Conversation.aggregate<Row>([
        { $match: match },
        { $project: project },
        {
          $facet: {
            totals: [{ $group: { _id: null, ...sums, ...durations } }],
            series: [{ $group: { _id: '$bucket', ...sums, averageWaitMs: { $avg: '$wait' }, averageFirstResponseMs: { $avg: '$response' } } }],
            departments: [{ $group: { _id: '$department', ...sums, ...durations } }],
            agents: [{ $group: { _id: '$agent', ...sums, ...durations } }],
          },
        },
      ]),
      this.models.Conversation.countDocuments({ tenantId: caller.tenantId, kind: 'chat', ...queuedFilter, ...(departmentId ? { departmentId } : {}) }),
      tenantNames(this.models, caller.tenantId),
      // CSAT: survey answers for chats closed in the period (same department/agent filter), in all and per department and agent.
      this.surveys?.csat(caller.tenantId, { from: input.from, to: input.to, departmentId: departmentId ?? undefined, agentId: agentId ?? undefined }) ?? noCsat,
    ]);
    const groups: Array<[MedianKey, Row]> = [
      ...(facets?.totals ?? []).map((row: Row): [MedianKey, Row] => [{ level: 'total', id: null }, row]),
      ...(facets?.departments ?? []).map((row: Row): [MedianKey, Row] => [{ level: 'department', id: row._id ? String(row._id) : null }, row]),
      ...(facets?.agents ?? []).map((row: Row): [MedianKey, Row] => [{ level: 'agent', id: row._id ? String(row._id) : null }, row]),
    ];
    const medianOf = await medians(
      this.models.Conversation.aggregate(medianRowsPipeline(match, project)).allowDiskUse(true).cursor(),
      groups.flatMap(([key, row]) => durationNames.map((measure) => ({ key, measure, count: row[`${measure}N`] ?? 0 }))),
    );

    const totalsOf = (row: Row, key: MedianKey): MetricsTotals => ({
      conversations: row.conversations ?? 0,
      assigned: row.assigned ?? 0,
      closed: row.closed ?? 0,
      missed: row.missed ?? 0,
      waitTime: stats(row.waitAvg, row.waitN, medianOf(key, 'wait')),
      firstResponseTime: stats(row.responseAvg, row.responseN, medianOf(key, 'response')),
      handleTime: stats(row.handleAvg, row.handleN, medianOf(key, 'handle')),
    });
    // A department or agent with survey answers but no chat created in the period still gets its row, for its CSAT.
    const breakdown = (rows: Row[], level: 'department' | 'agent', nameOf: Map<string, string>, none: string, csatBy: CsatBreakdown['agents']): MetricsBreakdown[] => {
      const byId = new Map<string | null, Row>(rows.map((row) => [row._id ? String(row._id) : null, row]));
      for (const id of csatBy.keys()) if (!byId.has(id)) byId.set(id, {});
      return [...byId]
        .map(([id, row]) => ({ id, name: id ? (nameOf.get(id) ?? 'Unknown') : none, ...totalsOf(row, { level, id }), csat: csatBy.get(id) ?? null }))
        .sort((a, b) => b.conversations - a.conversations || a.name.localeCompare(b.name));
    };

    return {
      period: { from: from.toISOString(), to: to.toISOString(), bucket: input.bucket, timezone, departmentId, agentId },
      queueLength,
      totals: totalsOf(facets?.totals?.[0] ?? {}, { level: 'total', id: null }),
      csat: csat.total,
      csatNote: csat.total ? null : CSAT_NOTE,
      series: fillSeries(starts, facets?.series ?? []),
      departments: breakdown(facets?.departments ?? [], 'department', names.departments, 'No department', csat.departments),
      agents: breakdown(facets?.agents ?? [], 'agent', names.agents, 'Unassigned', csat.agents),
    };
  }
}

function stats(average: number | null | undefined, count: number | undefined, median: number | null): DurationStats {
  if (!count || average == null) return { average: null, median: null, count: 0 };
  return { average: Math.round(average), median: median === null ? null : Math.round(median), count };
}

/** Every bucket of the period, in order, empty ones included, so charts have an even axis. */
function fillSeries(starts: readonly Date[], rows: Row[]): MetricsSeriesPoint[] {
  const byIndex = new Map<number, Row>(rows.map((row) => [Number(row._id), row]));
  return starts.map((start, i) => {
    const row = byIndex.get(i);
    return {
      start: start.toISOString(),
      conversations: row?.conversations ?? 0,
      closed: row?.closed ?? 0,
      missed: row?.missed ?? 0,
      averageWaitMs: row?.averageWaitMs == null ? null : Math.round(row.averageWaitMs),
      averageFirstResponseMs: row?.averageFirstResponseMs == null ? null : Math.round(row.averageFirstResponseMs),
    };
  });
}
