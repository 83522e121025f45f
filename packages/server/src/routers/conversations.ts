import { agentStreamSchema } from '../schemas/common.js';
import {
  closeSchema,
  conversationIdSchema,
  convertSchema,
  countConversationsSchema,
  listConversationsSchema,
  markReadSchema,
  messagesPageSchema,
  sendMessageSchema,
  tagConversationSchema,
  transferSchema,
  typingSchema,
  updateTicketSchema,
} from '../schemas/conversations.js';
import { confirmVerificationSchema, requestVerificationSchema } from '../schemas/verification.js';
import { agentProcedure, limitSends, requirePermission, router } from '../trpc.js';

const canRead = agentProcedure.use(requirePermission('conversations:read'));

/** The agent side of conversations: queues, timeline, actions and the one live stream. */
export const conversationsRouter = router({
  /** A queue view, filtered and sorted, one keyset page at a time. */
  list: canRead.input(listConversationsSchema).query(({ ctx, input }) => ctx.desk.search.list(ctx.principal, input)),
  /** How many conversations each tab holds. */
  counts: canRead.input(countConversationsSchema).query(({ ctx, input }) => ctx.desk.search.counts(ctx.principal, input.filter)),
  get: canRead.input(conversationIdSchema).query(({ ctx, input }) => ctx.desk.conversations.get(ctx.principal, input.conversationId)),
  messages: canRead.input(messagesPageSchema).query(({ ctx, input }) => ctx.desk.conversations.messagesPage(ctx.principal, input)),
  accept: canRead
    .input(conversationIdSchema)
    .mutation(({ ctx, input }) => ctx.desk.conversations.accept(ctx.principal, input.conversationId)),
  /** Idempotent by `clientMessageId`: a retry returns the stored message. */
  reply: canRead.input(sendMessageSchema).use(limitSends).mutation(({ ctx, input }) => ctx.desk.conversations.reply(ctx.principal, input)),
  transfer: canRead.input(transferSchema).mutation(({ ctx, input }) => ctx.desk.conversations.transfer(ctx.principal, input)),
  close: canRead.input(closeSchema).mutation(({ ctx, input }) => ctx.desk.conversations.close(ctx.principal, input)),
  reopen: canRead
    .input(conversationIdSchema)
    .mutation(({ ctx, input }) => ctx.desk.conversations.reopen(ctx.principal, input.conversationId)),
  tag: canRead.input(tagConversationSchema).mutation(({ ctx, input }) => ctx.desk.conversationUpdates.tag(ctx.principal, input)),
  convert: canRead.input(convertSchema).mutation(({ ctx, input }) => ctx.desk.conversationUpdates.convert(ctx.principal, input)),
  /** Ticket status and assignee; priority and subject of any conversation. */
  updateTicket: canRead
    .input(updateTicketSchema)
    .mutation(({ ctx, input }) => ctx.desk.conversationUpdates.updateTicket(ctx.principal, input)),
  markRead: canRead.input(markReadSchema).mutation(({ ctx, input }) => ctx.desk.conversationUpdates.markRead(ctx.principal, input)),
  /** Send `typing: true` at most every few seconds while typing, and `false` when done. */
  typing: canRead.input(typingSchema).mutation(({ ctx, input }) => ctx.desk.conversationUpdates.typing(ctx.principal, input)),
  /** Sends the customer a one-time code (SMS for web chats, else the conversation's channel); a new request replaces the old code. */
  requestVerification: canRead
    .input(requestVerificationSchema)
    .mutation(({ ctx, input }) => ctx.desk.verification.request(ctx.principal, input.conversationId)),
  /** The agent enters the code the customer read back; wrong codes name `code` with the attempts left. */
  confirmVerification: canRead
    .input(confirmVerificationSchema)
    .mutation(({ ctx, input }) => ctx.desk.verification.confirmByAgent(ctx.principal, input)),

  /**
   * Everything the agent may see, as it happens: conversations appearing, changing
   * or leaving their sight, messages and typing; with `presence: true` also every
   * presence change (as `presence.onChange`), so a page needs one stream. Resumable by
   * `lastEventId`; the agent's permission is re-checked on every event.
   */
  onEvent: canRead.input(agentStreamSchema).subscription(({ ctx, input }) =>
    ctx.desk.live.agent(ctx.principal, { lastEventId: input?.lastEventId, presence: input?.presence }),
  ),
});
