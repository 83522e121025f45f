import { randomUUID } from 'node:crypto';
import type { DeskConfig } from '../config.js';
import type { Database } from '../db/connect.js';
import { EventFeed } from '../events/feed.js';
import type { Logger } from '../logger.js';
import { bindModels } from '../models/index.js';
import { AgentService } from './agents.js';
import { ApiKeyService } from './api-keys.js';
import { AuthService } from './auth.js';
import { EventService } from './events.js';
import { PresenceService } from './presence.js';
import { StreamService } from './streams.js';
import { TenantService } from './tenants.js';
import { ConversationAccessService } from './conversation-access.js';
import { ConversationSearchService } from './conversation-search.js';
import { ConversationUpdateService } from './conversation-updates.js';
import { ConversationService } from './conversations.js';
import { DepartmentService } from './departments.js';
import { IdentityService } from './identity.js';
import { LiveService } from './live.js';
import { FileService } from './files.js';
import { MessageContentService } from './message-content.js';
import { MessageService } from './messages.js';
import { webOnly } from './channels/outbound.js';
import { RoutingService } from './routing.js';
import { VisitorService } from './visitors.js';
import { WebchatService } from './webchat.js';

/** Every service of one desk process, wired to one database. */
export function createServices(config: DeskConfig, db: Database, log: Logger, shutdown: AbortSignal) {
  const processId = randomUUID();
  const models = bindModels(db.connection);
  const feed = new EventFeed(models, log, {
    pollMs: db.capabilities.changeStreams ? Math.max(config.eventPollMs, 1_000) : config.eventPollMs,
    changeStreams: db.capabilities.changeStreams,
  });
  const events = new EventService(models, feed);
  const presence = new PresenceService(models, events, log, { processId, ttlMs: config.presenceTtlMs });
  const apiKeys = new ApiKeyService(models);
  const visitors = new VisitorService(models);
  const auth = new AuthService(models, events, presence, apiKeys, visitors, { sessionTtlMs: config.sessionTtlMs });
  const agents = new AgentService(models, events, presence);
  const tenants = new TenantService(models, events);
  const messages = new MessageService(models, events);
  const departments = new DepartmentService(models);
  const routing = new RoutingService(models);
  const access = new ConversationAccessService(models);
  const files = new FileService(models);
  const content = new MessageContentService(files);
  const outbound = webOnly;
  const conversations = new ConversationService(models, messages, routing, access, content, outbound);
  const conversationUpdates = new ConversationUpdateService(models, conversations, messages, routing);
  const search = new ConversationSearchService(models, access, events, db.capabilities);
  const identity = new IdentityService(models);
  const webchat = new WebchatService(models, messages, conversations, visitors, identity, events, content);
  presence.onAvailable = (tenantId, agentId) => conversations.agentAvailable(tenantId, agentId);
  const streams = new StreamService(feed, events, auth, presence, log, { heartbeatMs: config.heartbeatMs, shutdown });
  const live = new LiveService(models, streams, access);
  return {
    config,
    log,
    db,
    processId,
    models,
    feed,
    events,
    presence,
    apiKeys,
    visitors,
    auth,
    agents,
    tenants,
    departments,
    streams,
    live,
    messages,
    files,
    content,
    outbound,
    routing,
    access,
    conversations,
    conversationUpdates,
    search,
    identity,
    webchat,
  };
}

export type Services = ReturnType<typeof createServices>;
