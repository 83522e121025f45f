import { TRPCError } from '@trpc/server';
import { transcriptLinkSchema } from '../schemas/transcripts.js';
import { TranscriptError } from '../services/transcripts.js';
import { authedProcedure, requirePermission, router } from '../trpc.js';

const codes = { 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' } as const;

/** Transcript downloads are streamed by `GET /transcripts…` (see http/transcripts.ts); this hands out links to them. */
export const transcriptsRouter = router({
  /**
   * A signed path (relative to the desk's URL, valid 5 minutes) to download one
   * conversation, or every conversation the caller may see matching `filter`, as
   * txt, html or csv. The link acts for the caller's session or key and stops working
   * when that ends.
   */
  link: authedProcedure
    .use(requirePermission('conversations:read'))
    .input(transcriptLinkSchema)
    .mutation(async ({ ctx, input }) => {
      const { format, conversationId, filter } = input;
      const target = conversationId ? { conversationId } : { filter: filter ?? {} };
      try {
        return await ctx.desk.transcripts.link(ctx.principal, target, format);
      } catch (err) {
        if (err instanceof TranscriptError) throw new TRPCError({ code: codes[err.status], message: err.message });
        throw err;
      }
    }),
});
