import { z } from 'zod';
import { routingModeSchema } from './conversations.js';

export const updateTenantSettingsSchema = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    /** `manual`: agents pick pending chats up; `auto`: the least-loaded Available agent gets them. */
    routingMode: routingModeSchema.optional(),
  })
  .refine((v) => v.name !== undefined || v.routingMode !== undefined, { message: 'nothing to change', path: ['routingMode'] });
