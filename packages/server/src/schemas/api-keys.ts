import { z } from 'zod';
import { objectIdSchema } from './common.js';
import { permissionSchema } from './roles.js';

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1).max(120),
  scopes: z.array(permissionSchema).min(1).max(32),
});

export const revokeApiKeySchema = z.object({ keyId: objectIdSchema });
