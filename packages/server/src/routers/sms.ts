import { sendSmsSchema } from '../schemas/channels.js';
import { agentProcedure, limitSends, requirePermission, router } from '../trpc.js';

const canSend = agentProcedure.use(requirePermission('conversations:read')).use(requirePermission('customers:read'));

/** One-way SMS to a customer's phone. */
export const smsRouter = router({
  /**
   * From a conversation the caller handles (any channel; the text joins its timeline),
   * or from a customer's profile (a solved SMS ticket holds it). Idempotent by `clientMessageId`.
   */
  send: canSend.input(sendSmsSchema).use(limitSends).mutation(({ ctx, input }) => ctx.desk.sms.send(ctx.principal, input)),
});
