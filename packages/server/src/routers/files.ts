import { fileLinksSchema } from '../schemas/files.js';
import { authedProcedure, router } from '../trpc.js';

/** Attachments: uploads go to `POST /files` (see http/files.ts); reading them takes a signed link from here. */
export const filesRouter = router({
  /**
   * Signed download links (valid about an hour) for files of a conversation the caller
   * may see: agents, the chat's visitor, partner keys with `conversations:read`.
   * Paths are relative to the desk's URL; `url` shows images, audio and video in place,
   * `downloadUrl` always downloads, `thumbnailUrl` shows a raster image's thumbnail (null: none).
   */
  links: authedProcedure.input(fileLinksSchema).query(async ({ ctx, input }) => {
    const conversation = await ctx.desk.conversations.get(ctx.principal, input.conversationId);
    return ctx.desk.files.links(ctx.principal.tenantId, conversation.id, input.fileIds);
  }),
});
