import { createCallerFactory, router } from '../trpc.js';
import { agentsRouter } from './agents.js';
import { apiKeysRouter } from './api-keys.js';
import { authRouter } from './auth.js';
import { conversationsRouter } from './conversations.js';
import { departmentsRouter } from './departments.js';
import { eventsRouter } from './events.js';
import { presenceRouter } from './presence.js';
import { tenantRouter } from './tenant.js';
import { webchatRouter } from './webchat.js';

export const appRouter = router({
  auth: authRouter,
  agents: agentsRouter,
  apiKeys: apiKeysRouter,
  presence: presenceRouter,
  departments: departmentsRouter,
  tenant: tenantRouter,
  events: eventsRouter,
  conversations: conversationsRouter,
  webchat: webchatRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process, e.g. `createCaller(createContextInner({ desk, principal }))`. */
export const createCaller = createCallerFactory(appRouter);
