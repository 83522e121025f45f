import { readFileSync } from 'node:fs';
import { publicProcedure, router } from '../trpc.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** What this server is: for clients checking compatibility and clock skew. Public; no database work. */
export const metaRouter = router({
  info: publicProcedure.query(() => ({ name: 'deskkit' as const, version, time: new Date().toISOString() })),
});
