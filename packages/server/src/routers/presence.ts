import { resumeSchema } from '../schemas/common.js';
import { setStatusSchema } from '../schemas/presence.js';
import { agentProcedure, authedProcedure, requirePermission, router } from '../trpc.js';

const canRead = authedProcedure.use(requirePermission('presence:read'));

export const presenceRouter = router({
  /** Online agents with their status, and the `lastEventId` to follow `onChange` from. */
  list: canRead.query(({ ctx }) => ctx.desk.presence.snapshot(ctx.principal.tenantId)),

  /** Sets the caller's own status. */
  setStatus: agentProcedure
    .use(requirePermission('presence:write'))
    .input(setStatusSchema)
    .mutation(({ ctx, input }) =>
      ctx.desk.presence.setStatus(ctx.principal.tenantId, ctx.principal.agentId, input.status),
    ),

  /**
   * Every presence change in the tenant, resumable by `lastEventId`. For an agent
   * the open subscription is also what makes them online.
   */
  onChange: canRead.input(resumeSchema).subscription(({ ctx, input }) => ctx.desk.live.presence(ctx.principal, { lastEventId: input?.lastEventId })),
});
