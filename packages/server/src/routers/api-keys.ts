import { createApiKeySchema, revokeApiKeySchema } from '../schemas/api-keys.js';
import { adminProcedure, requirePermission, router } from '../trpc.js';

/** Partner API keys; admins (`apikeys:manage`) only. The plain key is returned once, at creation. */
const keysProcedure = adminProcedure.use(requirePermission('apikeys:manage'));

export const apiKeysRouter = router({
  list: keysProcedure.query(({ ctx }) => ctx.desk.apiKeys.list(ctx.principal.tenantId)),
  create: keysProcedure
    .input(createApiKeySchema)
    .mutation(({ ctx, input }) => ctx.desk.apiKeys.create(ctx.principal.tenantId, input, ctx.principal.agentId)),
  revoke: keysProcedure
    .input(revokeApiKeySchema)
    .mutation(({ ctx, input }) => ctx.desk.apiKeys.revoke(ctx.principal.tenantId, input.keyId)),
});
