import { metricsSummarySchema } from '../schemas/metrics.js';
import { agentProcedure, router } from '../trpc.js';

/** Reports for the desk: supervisors see any department or agent; agents see their own numbers. */
export const metricsRouter = router({
  /**
   * Queue length now, wait / first response / handle times (average and median), missed
   * chats, per agent and per department (each with its missed chats, durations and CSAT), and a series per `bucket` for charts, over
   * chats created in `[from, to)`, bucketed in the business's time zone. `csat` is null without survey answers (`csatNote`).
   */
  summary: agentProcedure.input(metricsSummarySchema).query(({ ctx, input }) => ctx.desk.metrics.summary(ctx.principal, input)),
});
