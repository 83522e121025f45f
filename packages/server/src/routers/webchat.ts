import { conversationIdSchema, messagesPageSchema, sendMessageSchema, startChatSchema } from '../schemas/conversations.js';
import { publicProcedure, router, visitorProcedure } from '../trpc.js';

/** The customer side of the web-chat channel. A visitor only ever sees their own conversations. */
export const webchatRouter = router({
  /** Starts a chat; returns the visitor token to call the rest with. */
  start: publicProcedure.input(startChatSchema).mutation(({ ctx, input }) => ctx.desk.conversations.startChat(input)),
  get: visitorProcedure
    .input(conversationIdSchema)
    .query(({ ctx, input }) => ctx.desk.conversations.get(ctx.principal, input.conversationId)),
  messages: visitorProcedure
    .input(messagesPageSchema)
    .query(({ ctx, input }) => ctx.desk.conversations.messagesPage(ctx.principal, input)),
  /** Idempotent by `clientMessageId`. */
  send: visitorProcedure.input(sendMessageSchema).mutation(({ ctx, input }) => ctx.desk.conversations.visitorSend(ctx.principal, input)),
});
