import { createApiKeySchema, revokeApiKeySchema } from '../schemas/api-keys.js';
import { adminProcedure, router } from '../trpc.js';

/** Partner API keys; admins only. The plain key is returned once, at creation. */
export const apiKeysRouter = router({
  list: adminProcedure.query(({ ctx }) => ctx.desk.apiKeys.list(ctx.principal.tenantId)),
  create: adminProcedure
    .input(createApiKeySchema)
    .mutation(({ ctx, input }) => ctx.desk.apiKeys.create(ctx.principal.tenantId, input, ctx.principal.agentId)),
  revoke: adminProcedure
    .input(revokeApiKeySchema)
    .mutation(({ ctx, input }) => ctx.desk.apiKeys.revoke(ctx.principal.tenantId, input.keyId)),
});
