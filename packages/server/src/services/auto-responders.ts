import { TRPCError } from '@trpc/server';
import type { Logger } from '../logger.js';
import type { Models } from '../models/index.js';
import type { TenantDoc } from '../models/tenant.js';
import { BatchedFinds } from './batched-finds.js';
import { isPhoneChannel, WHATSAPP_WINDOW_MS } from './channels/gateway.js';
import type { OutboundChannels } from './channels/outbound.js';
import { queuedFilter } from './conversation-access.js';
import type { ConversationService } from './conversations.js';
import type { MessageService } from './messages.js';
import { isOpen, settingsOf } from './settings.js';
import type { PresenceLeases } from './presence-leases.js';

/** Conversations the responders and the inactivity close apply to. */
const RESPONDER_CHANNELS = ['web', 'sms', 'whatsapp'] as const;

/** Hook the channels call when a customer starts a chat. */
export interface ChatStartHook {
  chatStarted(tenantId: string, conversationId: string, departmentId: string | null, at?: Date): Promise<void>;
}

/**
 * Automatic messages to customers (greeting, outside business hours, no agent
 * available, inactivity warning) and the inactivity auto-close sweep, for web chats,
 * SMS and WhatsApp. Messages are system text entries: web customers see them in their
 * timeline; SMS and WhatsApp ones get them on their phone through the outbound gateway
 * (skipped where they cannot go out, e.g. past WhatsApp's 24 hours for free-form text).
 */
export class AutoResponderService implements ChatStartHook {
  /** Tenants' settings by id, read together across a burst of new chats. */
  private readonly tenants: BatchedFinds<TenantDoc>;

  constructor(
    private readonly models: Models,
    private readonly messages: MessageService,
    private readonly conversations: ConversationService,
    private readonly outbound: OutboundChannels,
    private readonly leases: PresenceLeases,
    private readonly log: Logger,
  ) {
    this.tenants = new BatchedFinds(models.Tenant, { crossTenant: true });
  }

  /**
   * Posts one automatic message (idempotent by `clientMessageId`); on SMS and WhatsApp it
   * is also sent to the customer's phone. Returns false when it could not go out.
   */
  private async say(tenantId: string, conversationId: string, clientMessageId: string, body: string, now = new Date()): Promise<boolean> {
    const view = await this.messages.view(tenantId, conversationId);
    let delivery = null;
    if (isPhoneChannel(view.channel)) {
      const last = view.lastCustomerMessageAt ? Date.parse(view.lastCustomerMessageAt) : 0;
      if (view.channel === 'whatsapp' && now.getTime() - last > WHATSAPP_WINDOW_MS) return false;
      try {
        await this.outbound.assertCanSend(tenantId, view, 'free-form');
        delivery = await this.outbound.deliveryFor(tenantId, view);
      } catch (err) {
        if (!(err instanceof TRPCError && err.code === 'PRECONDITION_FAILED')) throw err;
        this.log.info({ tenantId, conversationId, reason: err.message }, 'automatic message not sent');
        return false;
      }
    }
    const result = await this.messages.append(tenantId, conversationId, {
      authorKind: 'system',
      body,
      clientMessageId,
      ...(delivery ? { content: { kind: 'text' as const, delivery } } : {}),
    });
    if (result.created && delivery) await this.outbound.dispatch(tenantId, result.message);
    return true;
  }

  async chatStarted(tenantId: string, conversationId: string, departmentId: string | null, at = new Date()): Promise<void> {
    // The chat exists already: a failing responder is logged, never the customer's error.
    await this.respond(tenantId, conversationId, departmentId, at).catch((err) =>
      this.log.warn({ err, tenantId, conversationId }, 'auto responder failed'),
    );
  }

  private async respond(tenantId: string, conversationId: string, departmentId: string | null, at: Date): Promise<void> {
    const tenant = await this.tenants.findOne(null, { _id: tenantId });
    if (!tenant) return;
    const { profile, autoResponders: r } = settingsOf(tenant);
    const say = (kind: string, body: string) => this.say(tenantId, conversationId, `auto:${kind}`, body, at);
    if (r.greeting.enabled) await say('greeting', r.greeting.message);
    const closed = !isOpen(profile.hours, profile.timezone, at);
    if (closed && r.outsideHours.enabled) await say('outside-hours', r.outsideHours.message);
    else if (r.noAgent.enabled && !(await this.agentOnline(tenantId, departmentId))) {
      const waiting = await this.models.Conversation.exists({ tenantId, _id: conversationId, ...queuedFilter });
      if (waiting) await say('no-agent', r.noAgent.message);
    }
  }

  /** Whether an Available agent (of the department, if any) is online now. */
  private async agentOnline(tenantId: string, departmentId: string | null): Promise<boolean> {
    const online = await this.leases.onlineAgents(tenantId);
    const agent = await this.models.Agent.findOne({
      tenantId,
      _id: { $in: online },
      disabledAt: null,
      status: 'available',
      ...(departmentId ? { departmentIds: departmentId } : {}),
    })
      .select({ _id: 1 })
      .lean();
    return Boolean(agent);
  }

  /**
   * Open web, SMS and WhatsApp chats whose customer has been silent (after someone
   * answered them) for `autoCloseMinutes`: warned once if the inactivity responder is on,
   * then closed with reason 'inactivity' `inactivityWarningMinutes` later (at once without
   * a warning, or when the warning cannot go out, e.g. past WhatsApp's 24 hours).
   * Safe to run from several processes: the warning is idempotent by id, the close is
   * guarded by the customer's last message time.
   */
  async sweep(now = new Date()): Promise<{ warned: number; closed: number }> {
    const result = { warned: 0, closed: 0 };
    const tenants = await this.models.Tenant.find({ 'preferences.autoCloseMinutes': { $gt: 0 } }).lean();
    for (const tenant of tenants) {
      const tenantId = String(tenant._id);
      const { preferences, autoResponders } = settingsOf(tenant);
      const silentSince = new Date(now.getTime() - preferences.autoCloseMinutes * 60_000);
      const rows = await this.models.Conversation.find({
        tenantId,
        channel: { $in: [...RESPONDER_CHANNELS] },
        // Tickets are async: a customer quiet on one is no reason to warn or close it.
        kind: 'chat',
        status: 'open',
        lastCustomerMessageAt: { $lt: silentSince },
      })
        .select({ lastCustomerMessageAt: 1, lastMessageAt: 1 })
        .lean();
      for (const row of rows) {
        const last = row.lastCustomerMessageAt!;
        if (!(row.lastMessageAt > last)) continue; // the customer spoke last: they are waiting, not idle
        const conversationId = String(row._id);
        // A phone customer's time is when they sent it, so it can be earlier than its arrival: ask the timeline.
        const latest = await this.models.Message.findOne({ tenantId, conversationId, kind: { $ne: 'event' } })
          .sort({ seq: -1 })
          .select({ authorKind: 1 })
          .lean();
        if (latest?.authorKind === 'customer') continue;
        const guard = { lastCustomerMessageAt: last };
        try {
          if (autoResponders.inactivity.enabled) {
            const warningId = `auto:inactivity:${last.getTime()}`;
            const warning = await this.models.Message.findOne({ tenantId, conversationId, authorKind: 'system', clientMessageId: warningId }).lean();
            if (!warning && (await this.say(tenantId, conversationId, warningId, autoResponders.inactivity.message, now))) {
              result.warned++;
              continue;
            }
            if (warning) {
              // Closes `inactivityWarningMinutes` after the warning was due (or, if it went out late, after it was sent).
              const warnedAt = Math.max(warning.createdAt.getTime(), last.getTime() + preferences.autoCloseMinutes * 60_000);
              if (warnedAt + preferences.inactivityWarningMinutes * 60_000 > now.getTime()) continue;
            }
          }
          if (await this.conversations.closeBySystem(tenantId, conversationId, 'inactivity', guard)) result.closed++;
        } catch (err) {
          this.log.warn({ err, tenantId, conversationId }, 'inactivity sweep failed for a conversation');
        }
      }
    }
    return result;
  }
}
