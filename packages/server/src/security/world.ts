import { Types, type Model } from 'mongoose';
import { createDeskClient, uploadFile, type DeskClient } from '@deskkit/client';
import { permissions, type Permission } from '../schemas/roles.js';
import { sha256 } from '../services/secrets.js';
import { seedDemo } from '../services/seed.js';
import { clientMessageId, record, signedInClient, startChat, waitFor } from '../testing/clients.js';
import { png } from '../testing/fixtures.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

/**
 * Who calls, in the security suite. The victim tenant is `demo`; `x:…` callers belong
 * to a second tenant (`other`) and only ever hold the victim's ids by guessing them.
 */
export const callerNames = [
  'anonymous',
  'expired',
  'revoked',
  'disabled',
  'revokedKey',
  'ada',
  'sam',
  'alice',
  'bob',
  'chen',
  'visitor',
  'otherVisitor',
  'partner',
  'x:ada',
  'x:sam',
  'x:alice',
  'x:visitor',
  'x:partner',
] as const;
export type CallerName = (typeof callerNames)[number];

/** Real ids of the victim tenant's documents, for sample inputs. */
export interface Fixtures {
  tenant: string;
  /** A web chat: the visitor's own, accepted by Alice (open). */
  chat: string;
  /** The seeded WhatsApp ticket, Alice's. */
  whatsapp: string;
  /** The chat's customer, and another customer to merge with. */
  customer: string;
  customer2: string;
  alice: string;
  support: string;
  /** A canned reply of the Support department, and one of Billing (not Sam's). */
  cannedReply: string;
  billingReply: string;
  template: string;
  paymentRequest: string;
  file: string;
  integration: string;
  apiKey: string;
  /** A fresh value each call, for names and emails that must not collide. */
  unique(): string;
}

export interface World {
  t: TestDesk;
  f: Fixtures;
  /** A typed client acting as `name` (over HTTP; subscriptions over SSE). */
  client(name: CallerName): DeskClient;
  /** The credential behind `client(name)` (null for anonymous), for raw HTTP. */
  token(name: CallerName): string | null;
  /** A partner key holding every scope except `scope`. */
  partnerWithout(scope: Permission): Promise<DeskClient>;
  /** Ids of the victim tenant's documents (to check nothing of theirs leaks into other answers). */
  victimIds(): Promise<Set<string>>;
  close(): Promise<void>;
}

let counter = 0;
export const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A well-formed id that names nothing anywhere. */
export const randomId = () => new Types.ObjectId().toHexString();

/** A desk with two seeded tenants, a caller of every kind and a document of every kind. */
export async function buildWorld(options: Parameters<typeof startTestDesk>[0] = {}): Promise<World> {
  const t = await startTestDesk(options);
  const { services } = t.desk;
  const password = t.seed.password;
  const other = await seedDemo(services, 'other');
  const url = t.url;
  const clients = new Map<CallerName, DeskClient>();
  const tokens = new Map<CallerName, string>();
  const agentOf = (email: string, tenant = 'demo') => signedInClient(url, { tenant, email, password });
  const as = async (name: CallerName, who: string, tenant = 'demo') => {
    const signed = await agentOf(`${who}@demo.deskkit.dev`, tenant);
    clients.set(name, signed.client);
    tokens.set(name, signed.token);
    return signed;
  };

  clients.set('anonymous', createDeskClient({ url }));
  const [ada, , alice] = [await as('ada', 'ada'), await as('sam', 'sam'), await as('alice', 'alice')];
  await as('bob', 'bob');
  await as('chen', 'chen');
  await as('x:ada', 'ada', 'other');
  await as('x:sam', 'sam', 'other');
  await as('x:alice', 'alice', 'other');

  // Dead credentials, each once an admin's so that only the credential's state refuses them.
  const expired = await agentOf('ada@demo.deskkit.dev');
  await services.models.Session.updateOne({ tenantId: t.seed.tenantId, tokenHash: sha256(expired.token) }, { $set: { expiresAt: new Date(Date.now() - 1_000) } });
  clients.set('expired', expired.client);
  const revoked = await agentOf('ada@demo.deskkit.dev');
  await revoked.client.auth.signOut.mutate();
  clients.set('revoked', revoked.client);
  const email = `dana-${unique()}@demo.deskkit.dev`;
  const dana = await ada.client.agents.create.mutate({ email, name: 'Dana Disabled', password, role: 'admin' });
  const disabled = await agentOf(email);
  await ada.client.agents.disable.mutate({ agentId: dana.id });
  clients.set('disabled', disabled.client);

  const support = t.seed.departments.find((d) => d.name === 'Support')!.id;
  const chat = await startChat(url, { departmentId: support, name: 'Vera Victim', email: 'vera@example.com' });
  // Alice goes online and Available just to take the chat, then offline again.
  const live = record((h) => alice.client.conversations.onEvent.subscribe(undefined, h));
  await waitFor(() => live.started, 5_000, 'alice live');
  await alice.client.presence.setStatus.mutate({ status: 'available' });
  await alice.client.conversations.accept.mutate({ conversationId: chat.id });
  await alice.client.presence.setStatus.mutate({ status: 'unavailable' });
  live.unsubscribe();
  await waitFor(async () => !(await services.models.PresenceConnection.exists({ tenantId: t.seed.tenantId })), 5_000, 'alice offline');
  clients.set('visitor', chat.visitor);
  tokens.set('visitor', chat.visitorToken);
  const nosy = await startChat(url, { departmentId: support, name: 'Nosy Ned' });
  clients.set('otherVisitor', nosy.visitor);
  const otherSupport = other.departments.find((d) => d.name === 'Support')!.id;
  const outsider = await startChat(url, { tenant: 'other', departmentId: otherSupport, name: 'Xavier Outsider' });
  clients.set('x:visitor', outsider.visitor);

  const key = await ada.client.apiKeys.create.mutate({ name: 'everything', scopes: [...permissions] });
  // A dead partner key, once holding every scope.
  const revokedKey = await ada.client.apiKeys.create.mutate({ name: 'revoked', scopes: [...permissions] });
  await ada.client.apiKeys.revoke.mutate({ keyId: revokedKey.info.id });
  clients.set('revokedKey', createDeskClient({ url, apiKey: revokedKey.key }));
  tokens.set('revokedKey', revokedKey.key);
  clients.set('partner', createDeskClient({ url, apiKey: key.key }));
  tokens.set('partner', key.key);
  const otherAda = clients.get('x:ada')!;
  const otherKey = await otherAda.apiKeys.create.mutate({ name: 'everything', scopes: [...permissions] });
  clients.set('x:partner', createDeskClient({ url, apiKey: otherKey.key }));
  const without = new Map<Permission, Promise<DeskClient>>();
  const partnerWithout = (scope: Permission) => {
    if (!without.has(scope)) {
      const scopes = permissions.filter((p) => p !== scope);
      without.set(scope, ada.client.apiKeys.create.mutate({ name: `without ${scope}`, scopes }).then((k) => createDeskClient({ url, apiKey: k.key })));
    }
    return without.get(scope)!;
  };

  const { models } = services;
  const tenantId = t.seed.tenantId;
  const whatsapp = await models.Conversation.findOne({ tenantId, channel: 'whatsapp' }).lean();
  const customer2 = await models.Customer.findOne({ tenantId, email: 'james.smith@example.com' }).lean();
  const canned = await models.CannedReply.findOne({ tenantId, departmentId: support }).lean();
  const billing = t.seed.departments.find((d) => d.name === 'Billing')!.id;
  const billingReply = await ada.client.cannedReplies.create.mutate({ departmentId: billing, shortcut: 'refund-policy-x', title: 'Refunds', body: 'Refunds take 5 days.' });
  const template = await models.WhatsAppTemplate.findOne({ tenantId }).lean();
  const payment = await alice.client.payments.request.mutate({
    conversationId: chat.id,
    amount: '12.50',
    currency: 'EUR',
    description: 'Replacement part',
    clientMessageId: clientMessageId(),
  });
  const file = await uploadFile({ url, token: alice.token, conversationId: chat.id, file: new Uint8Array(png(2, 2)), name: 'part.png' });
  const integration = await ada.client.integrations.create.mutate({ name: 'CRM', endpoint: 'https://crm.example.com/lookup' });

  const f: Fixtures = {
    tenant: 'demo',
    chat: chat.id,
    whatsapp: String(whatsapp!._id),
    customer: String((await models.Conversation.findOne({ tenantId, _id: chat.id }).lean())!.customerId),
    customer2: String(customer2!._id),
    alice: alice.agentId,
    support,
    cannedReply: String(canned!._id),
    billingReply: billingReply.id,
    template: String(template!._id),
    paymentRequest: payment.request.requestId,
    file: file.fileId,
    integration: integration.id,
    apiKey: key.info.id,
    unique,
  };

  return {
    t,
    f,
    client: (name) => clients.get(name)!,
    token: (name) => tokens.get(name) ?? null,
    partnerWithout,
    async victimIds() {
      const ids = new Set<string>([tenantId]);
      for (const model of Object.values(models) as unknown as Array<Model<unknown>>) {
        if (!model.schema.path('tenantId')) continue;
        const rows = await model.find({ tenantId }).select({ _id: 1 }).setOptions({ crossTenant: true }).lean<Array<{ _id: unknown }>>();
        for (const row of rows) ids.add(String(row._id));
      }
      return ids;
    },
    close: () => t.close(),
  };
}
