import { z } from 'zod';
import { routingModeSchema } from './conversations.js';
import { uploadLimitsUpdateSchema } from './files.js';

export const updateTenantSettingsSchema = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    /** `manual`: agents pick pending chats up; `auto`: the least-loaded Available agent gets them. */
    routingMode: routingModeSchema.optional(),
    /** Largest upload (1 KiB to 100 MiB) and which kinds of file are accepted. */
    uploads: uploadLimitsUpdateSchema.optional(),
  })
  .refine((v) => v.name !== undefined || v.routingMode !== undefined || v.uploads !== undefined, {
    message: 'nothing to change',
    path: ['routingMode'],
  });
