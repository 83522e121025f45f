import { z } from 'zod';
import { objectIdSchema } from './common.js';

export const uploadCategories = ['image', 'audio', 'video', 'document'] as const;
export const uploadCategorySchema = z.enum(uploadCategories);
export type UploadCategory = z.infer<typeof uploadCategorySchema>;

const MiB = 1024 * 1024;
export const DEFAULT_MAX_UPLOAD_BYTES = 10 * MiB;
export const MIN_UPLOAD_LIMIT_BYTES = 1024;
export const MAX_UPLOAD_LIMIT_BYTES = 100 * MiB;

/** What a tenant accepts as uploads; an empty category list turns uploads off. */
export interface UploadLimits {
  maxBytes: number;
  allowedCategories: UploadCategory[];
}

/** An admin's change to the upload limits; fields left out stay as they are. */
export const uploadLimitsUpdateSchema = z
  .object({
    maxBytes: z.number().int().min(MIN_UPLOAD_LIMIT_BYTES).max(MAX_UPLOAD_LIMIT_BYTES).optional(),
    allowedCategories: z
      .array(uploadCategorySchema)
      .max(uploadCategories.length)
      .transform((list) => [...new Set(list)])
      .optional(),
  })
  .refine((v) => v.maxBytes !== undefined || v.allowedCategories !== undefined, { message: 'nothing to change', path: ['maxBytes'] });
export type UploadLimitsUpdate = z.infer<typeof uploadLimitsUpdateSchema>;

/** Query of `POST /files`: the conversation the file is for and the name the sender gave it. */
export const uploadQuerySchema = z.object({
  conversationId: objectIdSchema,
  name: z.string().max(1_000).optional(),
});

/** Download links for files of one conversation. */
export const fileLinksSchema = z.object({
  conversationId: objectIdSchema,
  fileIds: z.array(objectIdSchema).min(1).max(50),
});
