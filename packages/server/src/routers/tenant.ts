import { updateTenantSettingsSchema } from '../schemas/tenants.js';
import { adminProcedure, router } from '../trpc.js';

/** Desk-wide settings of the caller's tenant (admins). */
export const tenantRouter = router({
  settings: adminProcedure.query(({ ctx }) => ctx.desk.tenants.settings(ctx.principal.tenantId)),
  update: adminProcedure.input(updateTenantSettingsSchema).mutation(async ({ ctx, input }) => {
    const settings = await ctx.desk.tenants.updateSettings(ctx.principal.tenantId, input);
    // Switching to automatic routing hands out what is already waiting.
    if (input.routingMode === 'auto') ctx.desk.conversations.routeAll(ctx.principal.tenantId);
    return settings;
  }),
  /**
   * A new secret for customer identity tokens; the previous one stops working at once.
   * The only time the secret is shown: give it to the host portal's backend.
   */
  rotateIdentitySecret: adminProcedure.mutation(({ ctx }) => ctx.desk.identity.rotateSecret(ctx.principal.tenantId)),
});
