import { z } from 'zod';
import { emailSchema, objectIdSchema } from './common.js';
import { passwordSchema } from './auth.js';
import { roleSchema } from './roles.js';

export const createAgentSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1).max(120),
  password: passwordSchema,
  role: roleSchema.default('agent'),
  departmentIds: z.array(objectIdSchema).max(100).default([]),
  maxChats: z.number().int().min(0).max(100).default(5),
});

export const updateAgentSchema = z.object({
  agentId: objectIdSchema,
  role: roleSchema.optional(),
  departmentIds: z.array(objectIdSchema).max(100).optional(),
  maxChats: z.number().int().min(0).max(100).optional(),
});

export const agentIdSchema = z.object({ agentId: objectIdSchema });
