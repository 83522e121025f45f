import { z } from 'zod';
import { emailSchema, tenantSlugSchema } from './common.js';

export const passwordSchema = z.string().min(8, 'must be at least 8 characters').max(256);

export const signInSchema = z.object({
  tenant: tenantSlugSchema,
  email: emailSchema,
  password: z.string().min(1).max(256),
});

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: passwordSchema,
});

export const updateProfileSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    avatarUrl: z.url({ protocol: /^https?$/ }).max(2048).nullable(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to update');
