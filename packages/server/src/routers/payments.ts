import { cancelPaymentSchema, configurePaymentsSchema, listPaymentsSchema, requestPaymentSchema, rotatePaymentSecretSchema } from '../schemas/payments.js';
import { adminProcedure, agentProcedure, limitSends, requirePermission, router } from '../trpc.js';

const canHandle = agentProcedure.use(requirePermission('conversations:read'));

/** Chat-to-pay: payment requests in conversations, settled by the provider's signed webhooks. */
export const paymentsRouter = router({
  /**
   * Asks the customer to pay `amount` (major units as a decimal string, at most the
   * currency's decimals) in a conversation the caller handles: the provider makes a
   * link and a 'payment' message carries it to both sides. Idempotent by `clientMessageId`.
   */
  request: canHandle.input(requestPaymentSchema).use(limitSends).mutation(({ ctx, input }) => ctx.desk.payments.request(ctx.principal, input)),
  /** The conversation's payment requests, newest first. */
  list: canHandle.input(listPaymentsSchema).query(({ ctx, input }) => ctx.desk.payments.list(ctx.principal, input.conversationId)),
  /** Withdraws a pending request (it becomes `expired`); CONFLICT once it is settled. */
  cancel: canHandle.input(cancelPaymentSchema).mutation(({ ctx, input }) => ctx.desk.payments.cancel(ctx.principal, input.requestId)),
  /** Admins: the tenant's payments provider (null until configured), secrets as last four characters. */
  account: adminProcedure.query(({ ctx }) => ctx.desk.paymentAccounts.get(ctx.principal.tenantId)),
  /** Admins: sets the provider; the first call returns both secrets, once. */
  configure: adminProcedure
    .input(configurePaymentsSchema)
    .mutation(({ ctx, input }) => ctx.desk.paymentAccounts.configure(ctx.principal.tenantId, input)),
  /** Admins: new webhook and/or signing secret, returned once; the old ones stop working at once. */
  rotateSecret: adminProcedure
    .input(rotatePaymentSecretSchema)
    .mutation(({ ctx, input }) => ctx.desk.paymentAccounts.rotateSecret(ctx.principal.tenantId, input.which)),
});
