import { randomUUID } from 'node:crypto';
import type { DeskConfig } from '../config.js';
import type { Database } from '../db/connect.js';
import { EventFeed } from '../events/feed.js';
import type { Logger } from '../logger.js';
import { bindModels } from '../models/index.js';
import { AgentNames } from './agent-names.js';
import { AgentService } from './agents.js';
import { ApiKeyService } from './api-keys.js';
import { AuthService } from './auth.js';
import { CannedReplyService } from './canned-replies.js';
import { EventService } from './events.js';
import { PresenceService } from './presence.js';
import { PresenceLeases } from './presence-leases.js';
import { HeartbeatService } from './heartbeats.js';
import { StreamService } from './streams.js';
import { TenantService } from './tenants.js';
import { ConversationAccessService } from './conversation-access.js';
import { ConversationSearchService } from './conversation-search.js';
import { ConversationUpdateService } from './conversation-updates.js';
import { ConversationService } from './conversations.js';
import { CustomerService } from './customers.js';
import { IntegrationService } from './integrations.js';
import { DepartmentService } from './departments.js';
import { IdentityService } from './identity.js';
import { eventAddresses, LiveService } from './live.js';
import { FileService } from './files.js';
import { MessageContentService } from './message-content.js';
import { MessageService } from './messages.js';
import { PaymentAccountService } from './payments/accounts.js';
import { LocalPaymentProvider } from './payments/local-provider.js';
import { PaymentService } from './payments/payments.js';
import { HttpPaymentProvider, PaymentProviderRegistry } from './payments/provider.js';
import { MetricsService } from './metrics.js';
import { SurveyService } from './surveys.js';
import { TranscriptService } from './transcripts.js';
import { ChannelAccountService } from './channels/accounts.js';
import { ChannelGateway } from './channels/gateway.js';
import { ChannelInboundService } from './channels/inbound.js';
import { HttpProvider, ProviderRegistry } from './channels/provider.js';
import { OneWaySmsService } from './channels/sms.js';
import { TemplateService } from './channels/templates.js';
import { RateLimitService } from './rate-limits.js';
import { SafeFetch } from './safe-fetch.js';
import { RoutingService } from './routing.js';
import { SuggestionCorpus } from './suggestions/corpus.js';
import { LlmSuggester } from './suggestions/llm.js';
import { SuggestionService } from './suggestions/suggestions.js';
import { VerificationService } from './verification.js';
import { VisitorService } from './visitors.js';
import { WebchatService } from './webchat.js';
import { AutoResponderService } from './auto-responders.js';
import { SettingsService } from './settings.js';
import { PeriodicJobs } from './periodic-jobs.js';
import { UploadSweep } from './upload-sweep.js';

/** Every service of one desk process, wired to one database. */
export function createServices(config: DeskConfig, db: Database, log: Logger, shutdown: AbortSignal) {
  const processId = randomUUID();
  /** Where the desk is reached from outside: the configured public URL, else (set once listening) its own address. */
  const site = { url: config.publicUrl ?? '' };
  const models = bindModels(db.connection);
  const feed = new EventFeed(models, log, {
    pollMs: db.capabilities.changeStreams ? Math.max(config.eventPollMs, 1_000) : config.eventPollMs,
    changeStreams: db.capabilities.changeStreams,
    addressesOf: eventAddresses,
  });
  const events = new EventService(models, feed);
  const leases = new PresenceLeases(models, { processId, ttlMs: config.presenceTtlMs });
  const presence = new PresenceService(models, events, leases, log, { processId, ttlMs: config.presenceTtlMs });
  const apiKeys = new ApiKeyService(models, events);
  const visitors = new VisitorService(models);
  const rateLimits = new RateLimitService(db.connection.db!, config);
  const auth = new AuthService(models, events, presence, apiKeys, visitors, rateLimits, { sessionTtlMs: config.sessionTtlMs });
  const tenants = new TenantService(models, events);
  const messages = new MessageService(models, events);
  const routing = new RoutingService(models, leases, { staleSlotMs: config.slotStaleMs });
  const access = new ConversationAccessService(models);
  const files = new FileService(models, log);
  // Every fetch to a URL from a tenant, a provider or a customer, checked where it connects.
  const safeFetch = new SafeFetch({ privateEndpoints: config.privateEndpoints, loopbackLinks: config.loopbackLinks });
  shutdown.addEventListener('abort', () => void safeFetch.close(), { once: true });
  const content = new MessageContentService(files);
  // Uploads no message took are removed after a grace period, by every process.
  // Sweeps and purges: one run at a time each, waited for at shutdown.
  const jobs = new PeriodicJobs(log);
  const uploadSweep = new UploadSweep(models, log, { graceMs: config.uploadGraceMs });
  jobs.every(config.uploadSweepMs, 'upload sweep', async () => {
    const { removed } = await uploadSweep.sweep();
    if (removed) log.info({ removed }, 'removed uploads no message took');
  });
  // SMS/WhatsApp: agent messages go out through the tenant's provider (stored first, then sent).
  const channelAccounts = new ChannelAccountService(models, safeFetch);
  const providers = new ProviderRegistry().register('http', new HttpProvider({ timeoutMs: 10_000, safeFetch }));
  const outbound = new ChannelGateway(models, messages, channelAccounts, providers, files, log, {
    staleMs: 30_000,
    receiptStaleMs: 5 * 60_000,
    publicUrl: () => site.url,
  });
  // Messages a crash left queued are sent again; missing receipts are asked for.
  jobs.every(10_000, 'outbound sweep', () => outbound.sweep());
  const conversations = new ConversationService(models, messages, routing, access, content, outbound, log);
  const conversationUpdates = new ConversationUpdateService(models, conversations, messages, routing);
  const agents = new AgentService(models, events, presence, conversations);
  const departments = new DepartmentService(models, events, conversations);
  const cannedReplies = new CannedReplyService(models, conversations, access);
  // Suggested responses: BM25 over canned replies and past answers, plus an optional LLM.
  const suggestions = new SuggestionService(models, conversations, cannedReplies, new SuggestionCorpus(models), new LlmSuggester(log, safeFetch), log);
  const search = new ConversationSearchService(models, access, events, db.capabilities);
  const identity = new IdentityService(models);
  const settings = new SettingsService(models, conversations);
  const autoResponders = new AutoResponderService(models, messages, conversations, outbound, leases, log);
  jobs.every(30_000, 'inactivity sweep', () => autoResponders.sweep());
  // Assignees' names as visitors see them, shared by their requests and live streams.
  const agentNames = new AgentNames(models);
  const webchat = new WebchatService(models, messages, conversations, visitors, identity, events, content, agentNames, autoResponders);
  const channelInbound = new ChannelInboundService(models, messages, conversations, outbound, files, log, safeFetch, { mediaTimeoutMs: 20_000 });
  const templates = new TemplateService(models, messages, conversations, channelAccounts, outbound);
  const sms = new OneWaySmsService(models, messages, conversations, channelAccounts, outbound);
  const verification = new VerificationService(models, messages, conversations, identity, channelAccounts, outbound, providers);
  channelInbound.onCustomerText = (tenantId, conversationId, text) => verification.verifyFromInbound(tenantId, conversationId, text);
  // SMS and WhatsApp chats get the same greeting / no agent / outside hours messages as web chats.
  channelInbound.onStart = autoResponders;
  // Chat-to-pay: links from the tenant's payments provider, settled by its signed webhooks.
  const paymentProviders = new PaymentProviderRegistry()
    .register('local', new LocalPaymentProvider())
    .register('http', new HttpPaymentProvider({ timeoutMs: 10_000, safeFetch }));
  const paymentAccounts = new PaymentAccountService(models, safeFetch);
  const payments = new PaymentService(models, messages, conversations, outbound, paymentProviders, log);
  jobs.every(30_000, 'payment expiry sweep', () => payments.sweep());
  presence.onAvailable = (tenantId, agentId) => conversations.routeFor(tenantId, agentId);
  const customers = new CustomerService(models, messages, access);
  const integrations = new IntegrationService(models, log, safeFetch);
  const heartbeats = new HeartbeatService(models, presence, leases, log, { heartbeatMs: config.heartbeatMs });
  const streams = new StreamService(feed, events, heartbeats, presence, log, { shutdown, perHolder: config.streamsPerHolder });
  const live = new LiveService(streams, models, agentNames);
  const transcripts = new TranscriptService(models, conversations, search);
  const surveys = new SurveyService(models);
  const metrics = new MetricsService(models, surveys);
  return {
    config,
    site,
    log,
    db,
    processId,
    jobs,
    models,
    safeFetch,
    feed,
    events,
    leases,
    presence,
    apiKeys,
    visitors,
    rateLimits,
    auth,
    agents,
    tenants,
    departments,
    streams,
    live,
    messages,
    files,
    uploadSweep,
    content,
    outbound,
    routing,
    access,
    conversations,
    conversationUpdates,
    cannedReplies,
    suggestions,
    search,
    identity,
    webchat,
    channelAccounts,
    providers,
    channelInbound,
    templates,
    sms,
    transcripts,
    metrics,
    surveys,
    paymentProviders,
    paymentAccounts,
    payments,
    verification,
    customers,
    integrations,
    settings,
    autoResponders,
  };
}

export type Services = ReturnType<typeof createServices>;
