import {
  cannedReplyIdSchema,
  createCannedReplySchema,
  listCannedRepliesSchema,
  renderCannedReplySchema,
  searchCannedRepliesSchema,
  updateCannedReplySchema,
} from '../schemas/canned-replies.js';
import { agentProcedure, requirePermission, router, supervisorProcedure } from '../trpc.js';

const canUse = agentProcedure.use(requirePermission('conversations:read'));

/**
 * Canned replies. Admins manage all of them; supervisors manage their own
 * departments' (and read the tenant-wide ones). Agents find them by `/shortcut`
 * in a conversation and insert them rendered.
 */
export const cannedRepliesRouter = router({
  list: supervisorProcedure.input(listCannedRepliesSchema).query(({ ctx, input }) => ctx.desk.cannedReplies.list(ctx.principal, input ?? {})),
  create: supervisorProcedure.input(createCannedReplySchema).mutation(({ ctx, input }) => ctx.desk.cannedReplies.create(ctx.principal, input)),
  update: supervisorProcedure.input(updateCannedReplySchema).mutation(({ ctx, input }) => ctx.desk.cannedReplies.update(ctx.principal, input)),
  remove: supervisorProcedure.input(cannedReplyIdSchema).mutation(({ ctx, input }) => ctx.desk.cannedReplies.remove(ctx.principal, input.id)),
  /** Up to ten replies usable in the conversation, for the composer's `/` menu. */
  search: canUse.input(searchCannedRepliesSchema).query(({ ctx, input }) => ctx.desk.cannedReplies.search(ctx.principal, input)),
  /** The reply filled in for this conversation and agent, to insert into the composer (still editable). */
  render: canUse.input(renderCannedReplySchema).query(({ ctx, input }) => ctx.desk.cannedReplies.render(ctx.principal, input)),
});
