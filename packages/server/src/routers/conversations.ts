import {
  closeSchema,
  conversationIdSchema,
  listConversationsSchema,
  messagesPageSchema,
  sendMessageSchema,
  transferSchema,
} from '../schemas/conversations.js';
import { agentProcedure, requirePermission, router } from '../trpc.js';

const canRead = agentProcedure.use(requirePermission('conversations:read'));

/** The agent side of conversations: queue, timeline and actions. */
export const conversationsRouter = router({
  list: canRead
    .input(listConversationsSchema)
    .query(({ ctx, input }) => ctx.desk.conversations.list(ctx.principal, input.view, input.limit)),
  get: canRead.input(conversationIdSchema).query(({ ctx, input }) => ctx.desk.conversations.get(ctx.principal, input.conversationId)),
  messages: canRead.input(messagesPageSchema).query(({ ctx, input }) => ctx.desk.conversations.messagesPage(ctx.principal, input)),
  accept: canRead
    .input(conversationIdSchema)
    .mutation(({ ctx, input }) => ctx.desk.conversations.accept(ctx.principal, input.conversationId)),
  /** Idempotent by `clientMessageId`: a retry returns the stored message. */
  reply: canRead.input(sendMessageSchema).mutation(({ ctx, input }) => ctx.desk.conversations.reply(ctx.principal, input)),
  transfer: canRead.input(transferSchema).mutation(({ ctx, input }) => ctx.desk.conversations.transfer(ctx.principal, input)),
  close: canRead.input(closeSchema).mutation(({ ctx, input }) => ctx.desk.conversations.close(ctx.principal, input)),
  reopen: canRead
    .input(conversationIdSchema)
    .mutation(({ ctx, input }) => ctx.desk.conversations.reopen(ctx.principal, input.conversationId)),
});
