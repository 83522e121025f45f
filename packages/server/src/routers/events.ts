import { authedProcedure, router } from '../trpc.js';

export const eventsRouter = router({
  /** The caller's tenant's current event position: a `lastEventId` that follows from now, missing nothing. */
  position: authedProcedure.query(async ({ ctx }) => String(await ctx.desk.events.position(ctx.principal.tenantId))),
});
