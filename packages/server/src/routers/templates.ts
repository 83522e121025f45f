import {
  createTemplateSchema,
  listTemplatesSchema,
  previewTemplateSchema,
  sendTemplateSchema,
  templateIdSchema,
  updateTemplateSchema,
} from '../schemas/channels.js';
import { adminProcedure, agentProcedure, limitSends, requirePermission, router } from '../trpc.js';

const canRead = agentProcedure.use(requirePermission('conversations:read'));
/** As for one-way SMS: a send may reach a customer from their profile. */
const canSend = canRead.use(requirePermission('customers:read'));

/** WhatsApp message templates: admins manage them, agents preview and send them. */
export const templatesRouter = router({
  list: canRead.input(listTemplatesSchema).query(({ ctx, input }) => ctx.desk.templates.list(ctx.principal.tenantId, input)),
  /** The template with `variables` filled in (missing ones stay `{{n}}`). */
  preview: canRead.input(previewTemplateSchema).query(({ ctx, input }) => ctx.desk.templates.preview(ctx.principal.tenantId, input)),
  /**
   * Sends a template, allowed any time (also after the 24 hours free-form replies have):
   * into a WhatsApp conversation the caller handles, or to a customer from their profile
   * (into their ongoing WhatsApp conversation the caller handles, else a new open ticket
   * assigned to the caller). Idempotent by `clientMessageId`.
   */
  send: canSend.input(sendTemplateSchema).use(limitSends).mutation(({ ctx, input }) => ctx.desk.templates.send(ctx.principal, input)),
  create: adminProcedure.input(createTemplateSchema).mutation(({ ctx, input }) => ctx.desk.templates.create(ctx.principal.tenantId, input)),
  update: adminProcedure.input(updateTemplateSchema).mutation(({ ctx, input }) => ctx.desk.templates.update(ctx.principal.tenantId, input)),
  remove: adminProcedure
    .input(templateIdSchema)
    .mutation(({ ctx, input }) => ctx.desk.templates.remove(ctx.principal.tenantId, input.templateId)),
});
