/**
 * Direct access to the benchmark database through the server's own models: seeding
 * thousands of agents through sign-in would measure argon2, not the desk. Rows go in
 * through the models (not lean), so every default the desk relies on is set.
 */
import { Types } from 'mongoose';
import { configSchema } from '../../packages/server/src/config.js';
import { connectDatabase } from '../../packages/server/src/db/connect.js';
import { createLogger } from '../../packages/server/src/logger.js';
import { createServices, type Services } from '../../packages/server/src/services/index.js';
import { hashPassword, randomToken, sha256 } from '../../packages/server/src/services/secrets.js';
import { SESSION_PREFIX } from '../../packages/server/src/services/auth.js';

export type Store = Services;

export async function openStore(uri: string): Promise<Store & { close(): Promise<void> }> {
  const log = createLogger('silent');
  const db = await connectDatabase({ uri, log });
  const services = createServices(configSchema.parse({ logLevel: 'silent' }), db, log, new AbortController().signal);
  await Promise.all(Object.values(services.models).map((model) => model.init()));
  return Object.assign(services, { close: () => db.close() });
}

export interface BenchAgent {
  id: string;
  token: string;
  departmentId: string;
}

export interface BenchTenant {
  slug: string;
  tenantId: string;
  departmentIds: string[];
  agents: BenchAgent[];
}

let passwordHash: Promise<string> | undefined;

/**
 * A tenant with `agents` agents spread over `departments` departments, each with a live
 * session token (valid 24 h), in the given status and chat cap.
 */
export async function seedTenant(
  store: Store,
  opts: { slug: string; agents: number; departments: number; maxChats: number; status: 'available' | 'unavailable'; routingMode?: 'manual' | 'auto' },
): Promise<BenchTenant> {
  const { models } = store;
  const { id: tenantId } = await store.tenants.ensure(opts.slug, `Bench ${opts.slug}`);
  const tenantOid = new Types.ObjectId(tenantId);
  if (opts.routingMode) await models.Tenant.updateOne({ _id: tenantId }, { $set: { routingMode: opts.routingMode } });
  const departments = Array.from({ length: opts.departments }, (_, i) => ({
    _id: new Types.ObjectId(),
    tenantId: tenantOid,
    name: `Department ${i + 1}`,
    description: '',
  }));
  await models.Department.insertMany(departments);
  const hash = await (passwordHash ??= hashPassword('bench-password'));
  const agents = Array.from({ length: opts.agents }, (_, i) => ({
    _id: new Types.ObjectId(),
    tenantId: tenantOid,
    email: `agent-${i + 1}@${opts.slug}.bench`,
    name: `Agent ${i + 1}`,
    role: 'agent',
    passwordHash: hash,
    status: opts.status,
    departmentIds: [departments[i % opts.departments]!._id],
    maxChats: opts.maxChats,
    freeSlots: opts.maxChats,
  }));
  const tokens = agents.map(() => SESSION_PREFIX + randomToken());
  const expiresAt = new Date(Date.now() + 24 * 3600_000);
  for (let i = 0; i < agents.length; i += 1_000) {
    await models.Agent.insertMany(agents.slice(i, i + 1_000));
    await models.Session.insertMany(
      agents.slice(i, i + 1_000).map((a, j) => ({ tenantId: tenantOid, agentId: a._id, tokenHash: sha256(tokens[i + j]!), expiresAt })),
    );
  }
  return {
    slug: opts.slug,
    tenantId,
    departmentIds: departments.map((d) => String(d._id)),
    agents: agents.map((a, i) => ({ id: String(a._id), token: tokens[i]!, departmentId: String(a.departmentIds[0]) })),
  };
}

export interface BenchChat {
  conversationId: string;
  assigneeId: string;
  visitorToken: string;
}

/** `count` open web chats, each assigned to the next agent in turn, with its customer's visitor token. */
export async function seedOpenChats(store: Store, tenant: BenchTenant, count: number): Promise<BenchChat[]> {
  const { models } = store;
  const tenantOid = new Types.ObjectId(tenant.tenantId);
  const chats: BenchChat[] = [];
  const now = new Date();
  const customers = Array.from({ length: count }, (_, i) => ({ _id: new Types.ObjectId(), tenantId: tenantOid, name: `Customer ${i + 1}` }));
  await models.Customer.insertMany(customers);
  const conversations = customers.map((customer, i) => {
    const agent = tenant.agents[i % tenant.agents.length]!;
    return {
      _id: new Types.ObjectId(),
      tenantId: tenantOid,
      customerId: customer._id,
      customerName: customer.name,
      departmentId: new Types.ObjectId(agent.departmentId),
      status: 'open',
      assigneeId: new Types.ObjectId(agent.id),
      assignedAt: now,
      queuedAt: now,
      lastMessageAt: now,
    };
  });
  await models.Conversation.insertMany(conversations);
  for (const [i, conversation] of conversations.entries()) {
    await models.Agent.updateOne(
      { tenantId: tenant.tenantId, _id: conversation.assigneeId },
      { $inc: { freeSlots: -1, slotsRev: 1 }, $push: { slots: { c: conversation._id, at: null } } },
    );
    const { token } = await store.visitors.issue(tenant.tenantId, String(customers[i]!._id));
    chats.push({ conversationId: String(conversation._id), assigneeId: String(conversation.assigneeId), visitorToken: token });
  }
  return chats;
}
