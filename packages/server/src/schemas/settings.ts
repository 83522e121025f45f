import { z } from 'zod';
import { objectIdSchema } from './common.js';
import { departmentRoutingModeSchema, routingModeSchema, tagSchema } from './conversations.js';

export const weekdays = [0, 1, 2, 3, 4, 5, 6] as const;

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM (00:00–23:59)');

/** One opening period, local time, `open` inclusive and `close` exclusive ("24:00" = until midnight). */
export const openingSchema = z
  .object({ day: z.number().int().min(0).max(6), open: timeOfDay, close: z.union([timeOfDay, z.literal('24:00')]) })
  .refine((v) => v.close > v.open, { message: 'close must be after open', path: ['close'] });
export type Opening = z.infer<typeof openingSchema>;

export const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const timezoneSchema = z.string().trim().min(1).max(64).refine(isTimeZone, 'unknown IANA time zone');

/** Business hours: empty means always closed; several periods per day are allowed. */
export const businessHoursSchema = z.array(openingSchema).max(28);

export const profileUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    logoUrl: z
      .string()
      .trim()
      .max(2000)
      .url()
      .refine((u) => u.startsWith('https://'), 'logo must be an https URL')
      .nullable()
      .optional(),
    timezone: timezoneSchema.optional(),
    hours: businessHoursSchema.optional(),
  })
  .strict();

export const preferencesUpdateSchema = z
  .object({
    /** Chat cap for agents still on the previous default (and for new agents). */
    defaultMaxChats: z.number().int().min(0).max(100).optional(),
    /** Close open web chats after this many minutes of customer silence; 0 = never. */
    autoCloseMinutes: z.number().int().min(0).max(7 * 24 * 60).optional(),
    /** Minutes between the inactivity warning and the close. */
    inactivityWarningMinutes: z.number().int().min(1).max(24 * 60).optional(),
    routingMode: routingModeSchema.optional(),
  })
  .strict();

export const autoResponderKinds = ['greeting', 'noAgent', 'outsideHours', 'inactivity'] as const;
export type AutoResponderKind = (typeof autoResponderKinds)[number];

export const autoResponderSchema = z.object({
  enabled: z.boolean(),
  message: z.string().trim().max(1000),
}).refine((v) => !v.enabled || v.message.length > 0, { message: 'an enabled responder needs a message', path: ['message'] });

export const autoRespondersUpdateSchema = z
  .object(Object.fromEntries(autoResponderKinds.map((k) => [k, autoResponderSchema.optional()])) as Record<AutoResponderKind, z.ZodOptional<typeof autoResponderSchema>>)
  .strict();

export const tagRenameSchema = z.object({ from: tagSchema, to: tagSchema });

export const departmentCreateSchema = z.object({
  name: z.string().trim().min(1).max(80),
  description: z.string().trim().max(500).default(''),
  memberIds: z.array(objectIdSchema).max(500).default([]),
  routingMode: departmentRoutingModeSchema.default('tenant'),
});
export const departmentUpdateSchema = z.object({
  departmentId: objectIdSchema,
  name: z.string().trim().min(1).max(80).optional(),
  description: z.string().trim().max(500).optional(),
  addMemberIds: z.array(objectIdSchema).max(500).default([]),
  removeMemberIds: z.array(objectIdSchema).max(500).default([]),
  routingMode: departmentRoutingModeSchema.optional(),
});
export const departmentRemoveSchema = z.object({ departmentId: objectIdSchema });

export interface AutoResponder {
  enabled: boolean;
  message: string;
}
export interface DeskSettings {
  profile: { name: string; logoUrl: string | null; timezone: string; hours: Opening[] };
  preferences: { defaultMaxChats: number; autoCloseMinutes: number; inactivityWarningMinutes: number; routingMode: 'manual' | 'auto' };
  autoResponders: Record<AutoResponderKind, AutoResponder>;
  tags: string[];
}
