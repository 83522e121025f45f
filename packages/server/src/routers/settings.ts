import { z } from 'zod';
import { tagSchema } from '../schemas/conversations.js';
import { autoRespondersUpdateSchema, preferencesUpdateSchema, profileUpdateSchema, tagRenameSchema } from '../schemas/settings.js';
import { adminProcedure, agentProcedure, router } from '../trpc.js';

/** Dashboard settings: business profile and hours, preferences, auto responders, suggested tags. */
export const settingsRouter = router({
  /** Agents read them (profile for the desk header, tags for suggestions); only admins change them. */
  get: agentProcedure.query(({ ctx }) => ctx.desk.settings.get(ctx.principal.tenantId)),
  updateProfile: adminProcedure.input(profileUpdateSchema).mutation(({ ctx, input }) => ctx.desk.settings.updateProfile(ctx.principal.tenantId, input)),
  updatePreferences: adminProcedure
    .input(preferencesUpdateSchema)
    .mutation(({ ctx, input }) => ctx.desk.settings.updatePreferences(ctx.principal.tenantId, input)),
  updateAutoResponders: adminProcedure
    .input(autoRespondersUpdateSchema)
    .mutation(({ ctx, input }) => ctx.desk.settings.updateAutoResponders(ctx.principal.tenantId, input)),
  tags: router({
    add: adminProcedure.input(z.object({ tag: tagSchema })).mutation(({ ctx, input }) => ctx.desk.settings.addTag(ctx.principal.tenantId, input.tag)),
    rename: adminProcedure.input(tagRenameSchema).mutation(({ ctx, input }) => ctx.desk.settings.renameTag(ctx.principal.tenantId, input.from, input.to)),
    remove: adminProcedure.input(z.object({ tag: tagSchema })).mutation(({ ctx, input }) => ctx.desk.settings.removeTag(ctx.principal.tenantId, input.tag)),
  }),
});
