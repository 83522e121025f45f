import { authedProcedure, requirePermission, router } from '../trpc.js';

const canRead = authedProcedure.use(requirePermission('departments:read'));

export const departmentsRouter = router({
  list: canRead.query(({ ctx }) => ctx.desk.departments.list(ctx.principal.tenantId)),
});
