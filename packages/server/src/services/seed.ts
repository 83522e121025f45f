import { Types, type Model } from 'mongoose';
import { priorityRank } from '../models/conversation.js';
import type { Role } from '../schemas/roles.js';
import { seedCannedReplies } from './canned-replies-seed.js';
import { seedChannelDemo } from './channels/demo-seed.js';
import { randomToken } from './secrets.js';
import { seedSuggestionHistory } from './suggestions/demo-seed.js';
import type { Services } from './index.js';

export interface SeedResult {
  tenant: string;
  tenantId: string;
  password: string;
  /** The demo tenant's secret for customer identity tokens (the demo portal signs with it). */
  identitySecret: string;
  agents: Array<{ id: string; email: string; name: string; role: Role }>;
  departments: Array<{ id: string; name: string }>;
}

const departments = [
  { name: 'Support', description: 'Product questions and troubleshooting' },
  { name: 'Sales', description: 'Plans, pricing and new accounts' },
  { name: 'Billing', description: 'Invoices, refunds and payment methods' },
];

const agents: Array<{ email: string; name: string; role: Role; departments: string[]; maxChats: number }> = [
  { email: 'ada@demo.deskkit.dev', name: 'Ada Lovelace', role: 'admin', departments: ['Support', 'Sales', 'Billing'], maxChats: 5 },
  { email: 'sam@demo.deskkit.dev', name: 'Sam Carter', role: 'supervisor', departments: ['Support', 'Sales'], maxChats: 5 },
  { email: 'alice@demo.deskkit.dev', name: 'Alice Moreau', role: 'agent', departments: ['Support'], maxChats: 4 },
  { email: 'bob@demo.deskkit.dev', name: 'Bob Okafor', role: 'agent', departments: ['Support', 'Billing'], maxChats: 3 },
  { email: 'chen@demo.deskkit.dev', name: 'Chen Wei', role: 'agent', departments: ['Sales'], maxChats: 3 },
];

/** The demo portal's signed-in customer: the portal vouches for her with identity tokens. */
export const demoPortalCustomer = {
  externalId: 'acme-portal-1001',
  name: 'Maria Garcia',
  email: 'maria.garcia@example.com',
  phone: '+34 600 111 222',
};

const customers = [
  demoPortalCustomer,
  { name: 'James Smith', email: 'james.smith@example.com', phone: '+44 7700 900123' },
  { name: 'Yuki Tanaka', email: 'yuki.tanaka@example.com', phone: '+81 90 1234 5678' },
  { name: 'Olu Adeyemi', email: 'olu.adeyemi@example.com', phone: '+234 803 555 0101' },
  { name: 'Sofia Rossi', email: 'sofia.rossi@example.com', phone: '+39 347 555 0199' },
];

/** Each line: who wrote it (c = customer, a = agent) and what. */
const conversations = [
  {
    customer: 0, department: 'Support', subject: 'Cannot reset my password', status: 'pending', kind: 'chat', priority: 'high',
    lines: [['c', 'Hi, the password reset email never arrives.'], ['c', 'I checked the spam folder too.']],
  },
  {
    customer: 1, department: 'Sales', subject: 'Volume discount for 50 seats?', status: 'pending', kind: 'chat', priority: 'normal',
    lines: [['c', 'Do you offer a volume discount for 50 seats?']],
  },
  {
    customer: 2, department: 'Support', subject: 'App crashes on start', status: 'open', kind: 'chat', priority: 'normal', assignee: 2,
    lines: [['c', 'The app crashes right after the splash screen.'], ['a', 'Sorry about that! Which version are you on?'], ['c', 'Version 4.2.1 on Android 14.']],
  },
  {
    customer: 3, department: 'Billing', subject: 'Charged twice in October', status: 'open', kind: 'ticket', priority: 'urgent', assignee: 3,
    lines: [['c', 'I was charged twice for October, see invoice 2024-1031.'], ['a', 'Thanks, I have asked our billing team to look into it.']],
  },
  {
    customer: 4, department: 'Support', subject: 'Export to CSV', status: 'closed', kind: 'chat', priority: 'low', assignee: 2,
    lines: [['c', 'How do I export my contacts to CSV?'], ['a', 'Settings → Data → Export, then pick CSV.'], ['c', 'Found it, thanks!']],
  },
] as const;

/** The demo password, overridable for shared demo servers. */
export const demoPassword = () => process.env.DESKKIT_DEMO_PASSWORD || 'deskkit-demo';

/**
 * Creates (or completes) the demo tenant: departments, agents with roles,
 * customers and some conversations. Safe to run again: every row is keyed.
 */
export async function seedDemo(desk: Services, slug = 'demo'): Promise<SeedResult> {
  const { models } = desk;
  const password = demoPassword();
  const { id: tenantId } = await desk.tenants.ensure(slug, 'Acme Support (demo)');
  const tenantOid = new Types.ObjectId(tenantId);

  /** Inserts the row unless one matches `key`; returns the id either way. */
  const ensure = async (model: Model<any>, key: object, doc: object) => {
    const filter = { tenantId, ...key };
    await model.updateOne(filter, { $setOnInsert: { tenantId: tenantOid, ...doc } }, { upsert: true });
    const row = await model.findOne(filter).select({ _id: 1 }).lean<{ _id: Types.ObjectId }>();
    return String(row!._id);
  };

  const departmentIds = new Map<string, string>();
  for (const department of departments) {
    departmentIds.set(department.name, await ensure(models.Department, { name: department.name }, department));
  }

  const seededAgents: SeedResult['agents'] = [];
  for (const agent of agents) {
    const existing = await models.Agent.findOne({ tenantId, email: agent.email }).lean();
    const id = existing
      ? String(existing._id)
      : (
          await desk.agents.create(tenantId, {
            email: agent.email,
            name: agent.name,
            password,
            role: agent.role,
            departmentIds: agent.departments.map((name) => departmentIds.get(name)!),
            maxChats: agent.maxChats,
          })
        ).id;
    seededAgents.push({ id, email: agent.email, name: agent.name, role: agent.role });
  }

  await seedCannedReplies(desk, tenantId, seededAgents.find((a) => a.role === 'admin')!, departmentIds);

  const customerIds: string[] = [];
  for (const customer of customers) {
    const doc = { externalId: null, ...customer, phoneDigits: customer.phone.replace(/\D/g, '') };
    customerIds.push(await ensure(models.Customer, { email: customer.email }, doc));
  }

  for (const [i, conversation] of conversations.entries()) {
    const customerId = new Types.ObjectId(customerIds[conversation.customer]);
    const customer = customers[conversation.customer]!;
    const agent = 'assignee' in conversation ? seededAgents[conversation.assignee]! : null;
    const createdAt = new Date(Date.now() - (conversations.length - i) * 15 * 60_000);
    const { upsertedId } = await models.Conversation.updateOne(
      { tenantId, customerId, subject: conversation.subject },
      {
        $setOnInsert: {
          tenantId: tenantOid,
          customerId,
          customerName: customer.name,
          subject: conversation.subject,
          kind: conversation.kind,
          status: conversation.status,
          priority: conversation.priority,
          priorityRank: priorityRank[conversation.priority],
          departmentId: new Types.ObjectId(departmentIds.get(conversation.department)),
          assigneeId: agent ? new Types.ObjectId(agent.id) : null,
          createdAt,
          queuedAt: createdAt,
          assignedAt: agent ? createdAt : null,
          firstAssignedAt: agent ? createdAt : null,
          lastMessageAt: createdAt,
          closedAt: conversation.status === 'closed' ? createdAt : null,
        },
      },
      { upsert: true, timestamps: false },
    );
    if (!upsertedId) continue;
    // A new seeded conversation gets its timeline.
    const id = String(upsertedId);
    await desk.messages.append(tenantId, id, { authorKind: 'system', event: { type: 'created' } });
    for (const [who, body] of conversation.lines) {
      await desk.messages.append(tenantId, id, {
        authorKind: who === 'c' ? 'customer' : 'agent',
        authorId: who === 'c' ? String(customerId) : agent!.id,
        authorName: who === 'c' ? customer.name : agent!.name,
        body,
      });
    }
    if (conversation.status === 'closed') {
      await desk.messages.append(tenantId, id, { authorKind: 'system', authorId: agent!.id, authorName: agent!.name, event: { type: 'closed', reason: 'resolved' } });
    }
  }

  // The portal of the demo signs customer identity tokens with this secret.
  await models.Tenant.updateOne(
    { _id: tenantId, identitySecret: null },
    { $set: { identitySecret: process.env.DESKKIT_DEMO_IDENTITY_SECRET || randomToken(32) } },
  );
  const { identitySecret } = (await models.Tenant.findOne({ _id: tenantId }).select({ identitySecret: 1 }).lean())!;

  // SMS/WhatsApp accounts on the desk's demo provider, templates, a WhatsApp and an SMS thread.
  await seedChannelDemo(desk, tenantId, { agents: seededAgents, departments: departmentIds });
  // Past closed conversations whose answers suggested responses are ranked from.
  await seedSuggestionHistory(desk, tenantId, {
    agents: seededAgents,
    departments: departmentIds,
    customers: customers.map((customer, i) => ({ id: customerIds[i]!, name: customer.name })),
  });
  // Payment requests go through the built-in local provider (checkout pages served by the desk).
  await desk.payments.ensureLocalAccount(tenantId);
  // Customers rate closed web chats (1–5 CSAT); kept as the admin left it on restarts.
  await desk.surveys.ensureDefault(tenantId);

  // Dashboard settings: business hours, suggested tags, auto-responder texts (off until an admin enables them).
  await desk.settings.ensureDemoDefaults(tenantId);
  // The seeded open chats occupy their agents' slots.
  await desk.routing.recountSlots(tenantId);

  return {
    tenant: slug,
    tenantId,
    password,
    identitySecret: identitySecret!,
    agents: seededAgents,
    departments: [...departmentIds].map(([name, id]) => ({ id, name })),
  };
}
