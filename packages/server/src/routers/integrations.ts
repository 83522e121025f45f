import { createIntegrationSchema, integrationIdSchema, updateIntegrationSchema } from '../schemas/customers.js';
import { adminProcedure, router } from '../trpc.js';

/**
 * Third-party integrations that show customer details in the profile (admins).
 * Secrets are write-only: views carry `hasSecret` and `secretLast4`.
 */
export const integrationsRouter = router({
  list: adminProcedure.query(({ ctx }) => ctx.desk.integrations.list(ctx.principal.tenantId)),
  create: adminProcedure.input(createIntegrationSchema).mutation(({ ctx, input }) => ctx.desk.integrations.create(ctx.principal.tenantId, input)),
  update: adminProcedure.input(updateIntegrationSchema).mutation(({ ctx, input }) => ctx.desk.integrations.update(ctx.principal.tenantId, input)),
  remove: adminProcedure.input(integrationIdSchema).mutation(({ ctx, input }) => ctx.desk.integrations.remove(ctx.principal.tenantId, input.id)),
});
