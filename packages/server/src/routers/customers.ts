import {
  customerHistorySchema,
  customerIdSchema,
  mergeCustomersSchema,
  updateCustomerSchema,
} from '../schemas/customers.js';
import { TRPCError } from '@trpc/server';
import { agentProcedure, authedProcedure, requirePermission, router } from '../trpc.js';

/** Agents of the tenant and partner keys with `customers:read`. */
const canRead = authedProcedure.use(requirePermission('customers:read')).use(function isStaff({ ctx, next }) {
  if (ctx.principal.kind === 'visitor') throw new TRPCError({ code: 'FORBIDDEN', message: 'missing permission customers:read' });
  return next({ ctx: { principal: ctx.principal } });
});
const canEdit = agentProcedure.use(requirePermission('customers:read'));
/** Merging rewrites conversations: supervisors and admins. */
const canMerge = canEdit.use(requirePermission('conversations:supervise'));

/**
 * Customer profiles. Ids of merged customers keep working: reads follow the merge
 * to the surviving customer (`redirectedFrom` says so).
 */
export const customersRouter = router({
  get: canRead.input(customerIdSchema).query(({ ctx, input }) => ctx.desk.customers.get(ctx.principal, input.customerId)),
  /** Changes only the fields given; BAD_REQUEST names each invalid field. */
  update: canEdit.input(updateCustomerSchema).mutation(({ ctx, input }) => ctx.desk.customers.update(ctx.principal, input)),
  /** The customer's conversations on every channel, newest first, keyset paged; an agent gets those they may open. */
  history: canRead.input(customerHistorySchema).query(({ ctx, input }) => ctx.desk.customers.history(ctx.principal, input)),
  /** Customers sharing the email, phone digits or external id. */
  duplicates: canRead.input(customerIdSchema).query(({ ctx, input }) => ctx.desk.customers.duplicates(ctx.principal, input.customerId)),
  /** Folds `sourceId` into `targetId` and moves its conversations; safe to repeat. */
  merge: canMerge.input(mergeCustomersSchema).mutation(({ ctx, input }) => ctx.desk.customers.merge(ctx.principal, input)),
  /** What each enabled third-party integration knows about the customer (fetched by the server, cached). */
  integrationData: canEdit.input(customerIdSchema).query(async ({ ctx, input }) => {
    const customer = await ctx.desk.customers.get(ctx.principal, input.customerId);
    return ctx.desk.integrations.dataFor(ctx.principal.tenantId, {
      id: customer.id,
      externalId: customer.externalId,
      email: customer.email,
      phone: customer.phone,
      name: customer.name,
    });
  }),
});
