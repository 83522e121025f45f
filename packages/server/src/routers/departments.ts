import { departmentCreateSchema, departmentRemoveSchema, departmentUpdateSchema } from '../schemas/settings.js';
import { adminProcedure, authedProcedure, requirePermission, router } from '../trpc.js';

const canRead = authedProcedure.use(requirePermission('departments:read'));

export const departmentsRouter = router({
  list: canRead.query(({ ctx }) => ctx.desk.departments.list(ctx.principal.tenantId)),
  /** Admins: a new department with its first members. */
  create: adminProcedure.input(departmentCreateSchema).mutation(({ ctx, input }) => ctx.desk.departments.create(ctx.principal.tenantId, input)),
  /** Admins: rename, describe, add/remove members. */
  update: adminProcedure.input(departmentUpdateSchema).mutation(({ ctx, input }) => ctx.desk.departments.update(ctx.principal.tenantId, input)),
  /** Admins: refused (CONFLICT) while open conversations belong to it. */
  remove: adminProcedure
    .input(departmentRemoveSchema)
    .mutation(({ ctx, input }) => ctx.desk.departments.remove(ctx.principal.tenantId, input.departmentId)),
});
