import { agentIdSchema, createAgentSchema, updateAgentSchema } from '../schemas/agents.js';
import { agentLoad } from '../services/agent-load.js';
import { authedProcedure, requirePermission, router, supervisorProcedure } from '../trpc.js';

const canRead = authedProcedure.use(requirePermission('agents:read'));
const canManage = authedProcedure.use(requirePermission('agents:manage'));

export const agentsRouter = router({
  list: canRead.query(({ ctx }) => ctx.desk.agents.list(ctx.principal.tenantId)),
  get: canRead.input(agentIdSchema).query(({ ctx, input }) => ctx.desk.agents.get(ctx.principal.tenantId, input.agentId)),
  /** Supervisor desk: each active agent's status, presence, open chats, tickets and departments. */
  load: supervisorProcedure.query(({ ctx }) => agentLoad(ctx.desk.models, ctx.desk.leases, ctx.principal.tenantId)),
  /** A caller may give only a role whose permissions (or, for a key, scopes) it holds in full. */
  create: canManage.input(createAgentSchema).mutation(({ ctx, input }) => ctx.desk.agents.create(ctx.principal.tenantId, input, ctx.principal)),
  update: canManage.input(updateAgentSchema).mutation(({ ctx, input }) => ctx.desk.agents.update(ctx.principal.tenantId, input, ctx.principal)),
  /** Disabling ends the agent's sessions and live streams at once; never one's own, nor a role the caller could not give. */
  disable: canManage.input(agentIdSchema).mutation(({ ctx, input }) => ctx.desk.agents.disable(ctx.principal.tenantId, input.agentId, ctx.principal)),
  enable: canManage.input(agentIdSchema).mutation(({ ctx, input }) => ctx.desk.agents.enable(ctx.principal.tenantId, input.agentId, ctx.principal)),
});
