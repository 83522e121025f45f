import { createCallerFactory, router } from '../trpc.js';
import { agentsRouter } from './agents.js';
import { apiKeysRouter } from './api-keys.js';
import { authRouter } from './auth.js';
import { cannedRepliesRouter } from './canned-replies.js';
import { channelsRouter } from './channels.js';
import { conversationsRouter } from './conversations.js';
import { customersRouter } from './customers.js';
import { departmentsRouter } from './departments.js';
import { eventsRouter } from './events.js';
import { filesRouter } from './files.js';
import { paymentsRouter } from './payments.js';
import { metricsRouter } from './metrics.js';
import { integrationsRouter } from './integrations.js';
import { metaRouter } from './meta.js';
import { presenceRouter } from './presence.js';
import { settingsRouter } from './settings.js';
import { smsRouter } from './sms.js';
import { suggestionsRouter } from './suggestions.js';
import { surveysRouter } from './surveys.js';
import { templatesRouter } from './templates.js';
import { transcriptsRouter } from './transcripts.js';
import { tenantRouter } from './tenant.js';
import { webchatRouter } from './webchat.js';

export const appRouter = router({
  meta: metaRouter,
  auth: authRouter,
  agents: agentsRouter,
  apiKeys: apiKeysRouter,
  presence: presenceRouter,
  departments: departmentsRouter,
  tenant: tenantRouter,
  events: eventsRouter,
  conversations: conversationsRouter,
  cannedReplies: cannedRepliesRouter,
  webchat: webchatRouter,
  files: filesRouter,
  channels: channelsRouter,
  templates: templatesRouter,
  sms: smsRouter,
  payments: paymentsRouter,
  transcripts: transcriptsRouter,
  metrics: metricsRouter,
  suggestions: suggestionsRouter,
  surveys: surveysRouter,
  customers: customersRouter,
  integrations: integrationsRouter,
  settings: settingsRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process, e.g. `createCaller(createContextInner({ desk, principal }))`. */
export const createCaller = createCallerFactory(appRouter);
