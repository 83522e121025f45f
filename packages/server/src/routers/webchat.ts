import { resumeSchema } from '../schemas/common.js';
import {
  conversationIdSchema,
  markReadSchema,
  messagesPageSchema,
  sendMessageSchema,
  startChatSchema,
  typingSchema,
} from '../schemas/conversations.js';
import { confirmVerificationSchema, identifySchema } from '../schemas/verification.js';
import { answerSurveySchema } from '../schemas/surveys.js';
import { limitSends, publicProcedure, router, visitorProcedure } from '../trpc.js';

/** The customer side of the web-chat channel. A visitor only ever sees their own conversations. */
export const webchatRouter = router({
  /**
   * Starts a chat; returns the visitor token to call the rest with, and where to follow `onEvent` from.
   * It answers once the chat is stored, before routing: the agent joining arrives on `onEvent` (`assigned`).
   */
  start: publicProcedure.input(startChatSchema).use(limitSends).mutation(async ({ ctx, input }) => {
    const lastEventId = await ctx.desk.webchat.position(input.tenant);
    return { ...(await ctx.desk.webchat.start(input)), lastEventId };
  }),
  /** The visitor's conversations, newest first, and where to follow `onEvent` from. */
  mine: visitorProcedure.query(async ({ ctx }) => {
    const lastEventId = String(await ctx.desk.events.position(ctx.principal.tenantId));
    return { conversations: await ctx.desk.webchat.mine(ctx.principal), lastEventId };
  }),
  get: visitorProcedure.input(conversationIdSchema).query(({ ctx, input }) => ctx.desk.webchat.get(ctx.principal, input.conversationId)),
  messages: visitorProcedure.input(messagesPageSchema).query(({ ctx, input }) => ctx.desk.webchat.messagesPage(ctx.principal, input)),
  /** Idempotent by `clientMessageId`. */
  send: visitorProcedure.input(sendMessageSchema).use(limitSends).mutation(({ ctx, input }) => ctx.desk.webchat.send(ctx.principal, input)),
  markRead: visitorProcedure.input(markReadSchema).mutation(({ ctx, input }) => ctx.desk.webchat.markRead(ctx.principal, input)),
  typing: visitorProcedure.input(typingSchema).mutation(({ ctx, input }) => ctx.desk.webchat.typing(ctx.principal, input)),
  /** The customer enters the one-time code the agent had sent them. */
  verify: visitorProcedure.input(confirmVerificationSchema).mutation(async ({ ctx, input }) => {
    const view = await ctx.desk.verification.verifyByVisitor(ctx.principal, input);
    return ctx.desk.webchat.visitorView(ctx.principal.tenantId, view);
  }),
  /** The host portal vouches for the customer mid-conversation with a signed identity token. */
  identify: visitorProcedure.input(identifySchema).mutation(async ({ ctx, input }) => {
    const view = await ctx.desk.verification.identify(ctx.principal, input);
    return ctx.desk.webchat.visitorView(ctx.principal.tenantId, view);
  }),
  /** The satisfaction survey once this chat has closed (null while open or when surveys are off). */
  survey: visitorProcedure.input(conversationIdSchema).query(({ ctx, input }) => ctx.desk.surveys.forVisitor(ctx.principal, input.conversationId)),
  /** The customer rates their closed chat, once (a second answer is a CONFLICT). */
  answerSurvey: visitorProcedure.input(answerSurveySchema).mutation(({ ctx, input }) => ctx.desk.surveys.answer(ctx.principal, input)),
  /** The visitor's conversations as they change: agent joining, messages, typing. Resumable by `lastEventId`. */
  onEvent: visitorProcedure.input(resumeSchema).subscription(({ ctx, input }) =>
    ctx.desk.live.visitor(ctx.principal, { lastEventId: input?.lastEventId }),
  ),
});
