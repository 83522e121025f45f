import type { Models } from '../models/index.js';
import {
  autoResponderKinds,
  type AutoResponderKind,
  type DeskSettings,
  type Opening,
} from '../schemas/settings.js';
import { invalidField, notFound } from './errors.js';
import type { ConversationService } from './conversations.js';

const weekdayIndex: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The weekday (0 = Sunday) and "HH:MM" wall-clock time at `at` in `timezone`, DST included (Intl does the maths). */
export function localTime(timezone: string, at: Date): { day: number; time: string } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: weekdayIndex[get('weekday')] ?? 0, time: `${get('hour')}:${get('minute')}` };
}

/** Whether `at` falls in one of the opening periods (open inclusive, close exclusive) in the business's time zone. */
export function isOpen(hours: readonly Opening[], timezone: string, at: Date): boolean {
  const { day, time } = localTime(timezone, at);
  return hours.some((h) => h.day === day && h.open <= time && time < h.close);
}

type TenantRow = NonNullable<Awaited<ReturnType<Models['Tenant']['findOne']>>>;

export function settingsOf(tenant: Pick<TenantRow, 'name' | 'routingMode'> & Record<string, any>): DeskSettings {
  const responders = tenant.autoResponders ?? {};
  return {
    profile: {
      name: tenant.name,
      logoUrl: tenant.logoUrl ?? null,
      timezone: tenant.timezone ?? 'UTC',
      hours: (tenant.hours ?? []).map((h: Opening) => ({ day: h.day, open: h.open, close: h.close })),
    },
    preferences: {
      defaultMaxChats: tenant.preferences?.defaultMaxChats ?? 5,
      autoCloseMinutes: tenant.preferences?.autoCloseMinutes ?? 0,
      inactivityWarningMinutes: tenant.preferences?.inactivityWarningMinutes ?? 5,
      routingMode: tenant.routingMode,
    },
    autoResponders: Object.fromEntries(
      autoResponderKinds.map((k) => [k, { enabled: Boolean(responders[k]?.enabled), message: responders[k]?.message ?? '' }]),
    ) as DeskSettings['autoResponders'],
    tags: [...(tenant.tags ?? [])],
  };
}

/** Dashboard settings of a tenant: business profile and hours, preferences, auto responders, suggested tags. */
export class SettingsService {
  constructor(
    private readonly models: Models,
    private readonly conversations: ConversationService,
  ) {}

  async get(tenantId: string): Promise<DeskSettings> {
    const tenant = await this.models.Tenant.findOne({ _id: tenantId }).lean();
    if (!tenant) throw notFound('tenant');
    return settingsOf(tenant);
  }

  private async set(tenantId: string, set: Record<string, unknown>): Promise<DeskSettings> {
    if (Object.keys(set).length) {
      const { matchedCount } = await this.models.Tenant.updateOne({ _id: tenantId }, { $set: set });
      if (!matchedCount) throw notFound('tenant');
    }
    return this.get(tenantId);
  }

  async updateProfile(tenantId: string, input: { name?: string; logoUrl?: string | null; timezone?: string; hours?: Opening[] }) {
    if (input.hours) {
      // Periods of one day may not overlap.
      const sorted = [...input.hours].sort((a, b) => a.day - b.day || a.open.localeCompare(b.open));
      sorted.forEach((h, i) => {
        const prev = sorted[i - 1];
        if (prev && prev.day === h.day && h.open < prev.close) throw invalidField('hours', `periods overlap on day ${h.day}`);
      });
      input = { ...input, hours: sorted };
    }
    return this.set(tenantId, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
  }

  async updatePreferences(
    tenantId: string,
    input: { defaultMaxChats?: number; autoCloseMinutes?: number; inactivityWarningMinutes?: number; routingMode?: 'manual' | 'auto' },
  ) {
    const before = await this.get(tenantId);
    const set: Record<string, unknown> = {};
    if (input.autoCloseMinutes !== undefined) set['preferences.autoCloseMinutes'] = input.autoCloseMinutes;
    if (input.inactivityWarningMinutes !== undefined) set['preferences.inactivityWarningMinutes'] = input.inactivityWarningMinutes;
    if (input.defaultMaxChats !== undefined) set['preferences.defaultMaxChats'] = input.defaultMaxChats;
    if (input.routingMode !== undefined) set.routingMode = input.routingMode;
    const after = await this.set(tenantId, set);
    const oldDefault = before.preferences.defaultMaxChats;
    if (input.defaultMaxChats !== undefined && input.defaultMaxChats !== oldDefault) {
      await this.applyDefaultMaxChats(tenantId, oldDefault, input.defaultMaxChats);
    }
    // More room, or switching to automatic routing: hand out what is waiting.
    if (input.routingMode === 'auto' || (input.defaultMaxChats ?? 0) > oldDefault) this.conversations.routeAll(tenantId);
    return after;
  }

  /**
   * Agents still on the previous default follow the new one. Each agent changes in one
   * guarded update that moves `maxChats` and `freeSlots` together, so slot accounting
   * stays exact while chats are being routed (like AgentService.update).
   */
  private async applyDefaultMaxChats(tenantId: string, from: number, to: number) {
    const agents = await this.models.Agent.find({ tenantId, maxChats: from }).select({ _id: 1 }).lean();
    for (const agent of agents) {
      await this.models.Agent.updateOne({ tenantId, _id: agent._id, maxChats: from }, { $set: { maxChats: to }, $inc: { freeSlots: to - from, slotsRev: 1 } });
    }
  }

  async updateAutoResponders(tenantId: string, input: Partial<Record<AutoResponderKind, { enabled: boolean; message: string }>>) {
    const set: Record<string, unknown> = {};
    for (const kind of autoResponderKinds) {
      const value = input[kind];
      if (value) set[`autoResponders.${kind}`] = { enabled: value.enabled, message: value.message };
    }
    return this.set(tenantId, set);
  }

  /**
   * Demo defaults (business hours, suggested tags, responder texts), set once: a tenant
   * whose greeting text was ever filled keeps what its admin chose. Responders stay off,
   * so chats behave as before until an admin turns them on.
   */
  async ensureDemoDefaults(tenantId: string): Promise<void> {
    const text = (message: string) => ({ enabled: false, message });
    await this.models.Tenant.updateOne(
      { _id: tenantId, 'autoResponders.greeting.message': { $in: ['', null] } },
      {
        $set: {
          timezone: 'Europe/London',
          hours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '17:30' })),
          tags: ['billing', 'bug', 'feature-request', 'refund', 'vip'],
          autoResponders: {
            greeting: text('Hi! Thanks for contacting Acme. An agent will be with you shortly.'),
            noAgent: text('All our agents are busy right now. Stay here and we will answer as soon as someone is free.'),
            outsideHours: text('We are closed right now (Mon–Fri 9:00–17:30 UK time). Leave your question and we will reply when we open.'),
            inactivity: text("We haven't heard from you for a while. We will close this chat in 5 minutes if we don't hear back."),
          },
        },
      },
    );
  }

  async addTag(tenantId: string, tag: string) {
    await this.models.Tenant.updateOne({ _id: tenantId }, { $addToSet: { tags: tag } });
    return this.get(tenantId);
  }

  async removeTag(tenantId: string, tag: string) {
    await this.models.Tenant.updateOne({ _id: tenantId }, { $pullAll: { tags: [tag] } });
    return this.get(tenantId);
  }

  /** Renames a suggested tag (existing conversations keep their tags). */
  async renameTag(tenantId: string, from: string, to: string): Promise<DeskSettings> {
    const { tags } = await this.get(tenantId);
    if (!tags.includes(from)) throw notFound('tag');
    if (from === to) return this.get(tenantId);
    if (tags.includes(to)) throw invalidField('to', 'a tag with that name exists');
    // Guarded on the list we read, so a concurrent change is not lost.
    const next = tags.map((t) => (t === from ? to : t));
    const { modifiedCount } = await this.models.Tenant.updateOne({ _id: tenantId, tags }, { $set: { tags: next } });
    if (!modifiedCount) return this.renameTag(tenantId, from, to);
    return this.get(tenantId);
  }
}
