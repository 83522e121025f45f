import { configureChannelSchema, rotateChannelSecretSchema } from '../schemas/channels.js';
import { adminProcedure, agentProcedure, router } from '../trpc.js';

/**
 * SMS and WhatsApp accounts at their providers (admins). Secrets are shown only by
 * the first `configure` and by `rotateSecret`; the provider needs both.
 */
export const channelsRouter = router({
  list: adminProcedure.query(({ ctx }) => ctx.desk.channelAccounts.list(ctx.principal.tenantId)),
  /** Creates or changes the channel's account; returns `secrets` only when it was created. */
  configure: adminProcedure
    .input(configureChannelSchema)
    .mutation(({ ctx, input }) => ctx.desk.channelAccounts.configure(ctx.principal.tenantId, input)),
  rotateSecret: adminProcedure
    .input(rotateChannelSecretSchema)
    .mutation(({ ctx, input }) => ctx.desk.channelAccounts.rotateSecret(ctx.principal.tenantId, input)),
  /** The enabled channels and their numbers (any agent: what can be sent from here). */
  available: agentProcedure.query(({ ctx }) => ctx.desk.channelAccounts.available(ctx.principal.tenantId)),
});
