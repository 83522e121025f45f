import { Types } from 'mongoose';
import type { Models } from '../../models/index.js';
import {
  variableCountOf,
  variableProblem,
  type CreateTemplateInput,
  type SendTemplateInput,
  type TemplateButton,
  type UpdateTemplateInput,
} from '../../schemas/channels.js';
import { isQueued, isSupervisor } from '../conversation-access.js';
import { conflict, stateOf, type ConversationService } from '../conversations.js';
import type { ConversationView, TemplateMessageView } from '../conversation-views.js';
import { invalidField, notFound } from '../errors.js';
import type { MessageService } from '../messages.js';
import type { AgentPrincipal } from '../principal.js';
import type { ChannelAccountService } from './accounts.js';
import type { ChannelGateway } from './gateway.js';
import { profileTicket, profileTicketId } from './profile-ticket.js';
import { ONGOING } from './inbound.js';

export interface TemplateView {
  id: string;
  name: string;
  language: string;
  category: 'marketing' | 'utility' | 'authentication';
  header: string | null;
  body: string;
  footer: string | null;
  buttons: TemplateButton[];
  /** How many values `send` needs: `{{1}}`…`{{variableCount}}`. */
  variableCount: number;
  createdAt: string;
  updatedAt: string;
}

/** A template with its variables filled in. */
export interface RenderedTemplate {
  header: string | null;
  body: string;
  footer: string | null;
  buttons: TemplateMessageView['buttons'];
  variableCount: number;
}

type Row = Record<string, any>;

export const toView = (row: Row): TemplateView => ({
  id: String(row._id),
  name: row.name,
  language: row.language,
  category: row.category,
  header: row.header ?? null,
  body: row.body,
  footer: row.footer ?? null,
  buttons: (row.buttons ?? []).map((b: Row) =>
    b.type === 'url' ? { type: 'url', text: b.text, url: b.url } : b.type === 'phone' ? { type: 'phone', text: b.text, phone: b.phone } : { type: 'quick_reply', text: b.text },
  ),
  variableCount: row.variableCount ?? 0,
  createdAt: (row.createdAt ?? new Date(0)).toISOString(),
  updatedAt: (row.updatedAt ?? new Date(0)).toISOString(),
});

/** Fills `{{n}}` with `variables[n-1]`; missing values stay as placeholders (previews). */
export const fill = (text: string, variables: readonly string[]) =>
  text.replace(/\{\{\s*(\d+)\s*\}\}/g, (match, n: string) => variables[Number(n) - 1] ?? match);

export function render(template: TemplateView, variables: readonly string[]): RenderedTemplate {
  return {
    header: template.header === null ? null : fill(template.header, variables),
    body: fill(template.body, variables),
    footer: template.footer,
    buttons: template.buttons.map((b) => ({ type: b.type, text: b.text, value: b.type === 'url' ? b.url : b.type === 'phone' ? b.phone : null })),
    variableCount: template.variableCount,
  };
}

const stored = (buttons: TemplateButton[]) =>
  buttons.map((b) => ({ type: b.type, text: b.text, url: b.type === 'url' ? b.url : null, phone: b.type === 'phone' ? b.phone : null }));

/** WhatsApp message templates: managed by admins, previewed and sent by agents. */
export class TemplateService {
  constructor(
    private readonly models: Models,
    private readonly messages: MessageService,
    private readonly conversations: ConversationService,
    private readonly accounts: ChannelAccountService,
    private readonly gateway: ChannelGateway,
  ) {}

  async list(tenantId: string, filter: { language?: string }): Promise<TemplateView[]> {
    const rows = await this.models.WhatsAppTemplate.find({ tenantId, ...(filter.language ? { language: filter.language } : {}) })
      .sort({ name: 1, language: 1 })
      .lean();
    return rows.map(toView);
  }

  async get(tenantId: string, templateId: string): Promise<TemplateView> {
    const row = await this.models.WhatsAppTemplate.findOne({ tenantId, _id: templateId }).lean();
    if (!row) throw notFound('template');
    return toView(row);
  }

  /** One template per name and language. */
  async create(tenantId: string, input: CreateTemplateInput): Promise<TemplateView> {
    const key = { tenantId, name: input.name, language: input.language };
    const doc = {
      ...key,
      tenantId: new Types.ObjectId(tenantId),
      category: input.category,
      header: input.header ?? null,
      body: input.body,
      footer: input.footer ?? null,
      buttons: stored(input.buttons),
      variableCount: variableCountOf(input),
    };
    const { upsertedId } = await this.models.WhatsAppTemplate.updateOne(key, { $setOnInsert: doc }, { upsert: true });
    if (!upsertedId) throw conflict(`a template named ${input.name} in ${input.language} already exists`);
    return this.get(tenantId, String(upsertedId));
  }

  /** Changes category, header, body, footer or buttons; `null` clears header or footer. */
  async update(tenantId: string, input: UpdateTemplateInput): Promise<TemplateView> {
    const current = await this.get(tenantId, input.templateId);
    const next = {
      category: input.category ?? current.category,
      header: input.header === undefined ? current.header : input.header,
      body: input.body ?? current.body,
      footer: input.footer === undefined ? current.footer : input.footer,
      buttons: input.buttons ?? current.buttons,
    };
    const problem = variableProblem(next);
    if (problem) throw invalidField(problem.field, problem.message);
    const { matchedCount } = await this.models.WhatsAppTemplate.updateOne(
      { tenantId, _id: input.templateId },
      { $set: { ...next, buttons: stored(next.buttons), variableCount: variableCountOf(next) } },
    );
    if (!matchedCount) throw notFound('template');
    return this.get(tenantId, input.templateId);
  }

  /** Messages already sent keep their copy of the template. */
  async remove(tenantId: string, templateId: string): Promise<{ id: string }> {
    const { deletedCount } = await this.models.WhatsAppTemplate.deleteOne({ tenantId, _id: templateId });
    if (!deletedCount) throw notFound('template');
    return { id: templateId };
  }

  async preview(tenantId: string, input: { templateId: string; variables: string[] }): Promise<RenderedTemplate> {
    const template = await this.get(tenantId, input.templateId);
    if (input.variables.length > template.variableCount) {
      throw invalidField('variables', `this template takes ${template.variableCount} variable(s); got ${input.variables.length}`);
    }
    return render(template, input.variables);
  }

  /**
   * Sends a template, allowed any time (also outside the 24 hours free-form replies
   * have): into a WhatsApp conversation the caller handles, or to a customer (see
   * `customerConversation`). Stored first, then handed to the provider; idempotent by
   * `clientMessageId`.
   */
  async send(caller: AgentPrincipal, input: SendTemplateInput) {
    const { tenantId } = caller;
    let view: ConversationView;
    let template: TemplateView;
    if (input.conversationId) {
      view = await this.conversations.get(caller, input.conversationId);
      this.conversations.assertHandles(caller, view);
      if (view.channel !== 'whatsapp') throw invalidField('conversationId', 'templates can only be sent in WhatsApp conversations');
      if (view.status === 'closed' || isQueued(view)) throw conflict(`cannot send to a ${stateOf(view)} conversation`);
      template = await this.templateFor(tenantId, input);
    } else {
      const customer = await this.models.Customer.findOne({ tenantId, _id: input.customerId }).select({ _id: 1, name: 1 }).lean();
      if (!customer) throw notFound('customer');
      template = await this.templateFor(tenantId, input);
      await this.accounts.require(tenantId, 'whatsapp');
      await this.gateway.customerPhone(tenantId, String(customer._id));
      const subject = render(template, input.variables).body;
      const conversationId = await this.customerConversation(caller, { id: String(customer._id), name: customer.name }, input.clientMessageId, subject);
      view = await this.conversations.get(caller, conversationId);
    }
    await this.gateway.assertCanSend(tenantId, view, 'template');
    const delivery = (await this.gateway.deliveryFor(tenantId, view))!;
    const rendered = render(template, input.variables);
    const result = await this.messages.append(tenantId, view.id, {
      authorKind: 'agent',
      authorId: caller.agentId,
      authorName: caller.name,
      body: rendered.body,
      content: {
        kind: 'template',
        template: {
          templateId: template.id,
          name: template.name,
          language: template.language,
          header: rendered.header,
          footer: rendered.footer,
          buttons: rendered.buttons,
          variables: input.variables,
        },
        delivery,
      },
      clientMessageId: input.clientMessageId,
    }, view);
    if (result.created) await this.gateway.dispatch(tenantId, result.message);
    return result;
  }

  /** The template, with exactly as many values as it has variables. */
  private async templateFor(tenantId: string, input: SendTemplateInput): Promise<TemplateView> {
    const template = await this.get(tenantId, input.templateId);
    if (input.variables.length !== template.variableCount) {
      throw invalidField('variables', `this template takes ${template.variableCount} variable(s); got ${input.variables.length}`);
    }
    return template;
  }

  /**
   * Where a template to a customer goes: the WhatsApp conversation their next message
   * would continue (the latest ongoing one, as inbound messages pick it), when the caller
   * handles it; else a new open ticket assigned to the caller (a ticket: it takes no chat
   * slot), which, being the latest, the customer's reply then continues. The new one's id
   * derives from sender, customer and `clientMessageId`, so a retried send finds it again.
   */
  private async customerConversation(caller: AgentPrincipal, customer: { id: string; name: string }, clientMessageId: string, subject: string): Promise<string> {
    const { tenantId } = caller;
    const _id = profileTicketId('whatsapp-template', caller, customer.id, clientMessageId);
    if (await this.models.Conversation.findOne({ tenantId, _id }).select({ _id: 1 }).lean()) return String(_id);
    const ongoing = await this.models.Conversation.findOne({ tenantId, customerId: customer.id, channel: 'whatsapp', status: { $in: [...ONGOING] } })
      .sort({ lastMessageAt: -1 })
      .select({ _id: 1, status: 1, assigneeId: 1 })
      .lean();
    const assigneeId = ongoing?.assigneeId ? String(ongoing.assigneeId) : null;
    if (ongoing && assigneeId && (assigneeId === caller.agentId || isSupervisor(caller))) return String(ongoing._id);
    return profileTicket(this.models, this.messages, caller, { kind: 'whatsapp-template', channel: 'whatsapp', customer, clientMessageId, status: 'open', subject });
  }
}
