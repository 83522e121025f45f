import type { Permission } from '../schemas/roles.js';
import { clientMessageId } from '../testing/clients.js';
import type { CallerName, Fixtures } from './world.js';

export type DenialCode = 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND';

/**
 * Who may call one procedure, and a valid input for it. Every procedure of the app
 * router has exactly one rule (the suite fails on a procedure without one), and the
 * suite derives from it every caller that must be refused.
 */
export interface Rule {
  /** Anyone / web-chat visitors / agents of at least this role. */
  who: 'public' | 'visitor' | 'agent' | 'supervisor' | 'admin';
  /** Partner API keys holding this scope may call it too (`*`: any key). */
  partner?: Permission | '*';
  /** The chat's own visitor may call it too. */
  visitor?: true;
  /** Ownership: callers whose role passes but who must be refused for these ids, and how. */
  notYours?: Partial<Record<CallerName, DenialCode>>;
  /** The input field naming what is owned (default `conversationId`). */
  owned?: string;
  /** A key lacking the scope is told the object is not there rather than FORBIDDEN. */
  partnerWithoutScope?: DenialCode;
  /** The caller the sample input is valid for; by default one of `who`'s role (Alice, Sam, Ada, the visitor). */
  as?: CallerName;
  /** A valid input from the victim tenant's ids (built anew for each call). */
  input?: (f: Fixtures) => unknown;
  /** Other forms the input takes (another id instead of the conversation's), checked against the other tenant's callers. */
  also?: Array<(f: Fixtures) => unknown>;
}

const day = 86_400_000;
const period = () => ({ from: new Date(Date.now() - 7 * day).toISOString(), to: new Date(Date.now() + day).toISOString() });
const send = (conversationId: string) => ({ conversationId, body: 'Hello there', clientMessageId: clientMessageId() });
/** Agents who cannot see Alice's open chat: Bob (Support, not his), Chen (Sales). */
const aliceOnly = { bob: 'NOT_FOUND', chen: 'NOT_FOUND' } as const;
const visitorOnly = { otherVisitor: 'NOT_FOUND' } as const;
const chat = (f: Fixtures) => ({ conversationId: f.chat });

export const accessTable: Record<string, Rule> = {
  'meta.info': { who: 'public' },

  'auth.signIn': { who: 'public', input: (f) => ({ tenant: f.tenant, email: 'alice@demo.deskkit.dev', password: 'not-the-password' }) },
  'auth.signOut': { who: 'agent' },
  'auth.me': { who: 'agent' },
  'auth.updateProfile': { who: 'agent', input: () => ({ name: 'Alice M.' }) },
  'auth.changePassword': { who: 'agent', input: () => ({ currentPassword: 'not-the-password', newPassword: 'a-brand-new-password' }) },

  'agents.list': { who: 'agent', partner: 'agents:read' },
  'agents.get': { who: 'agent', partner: 'agents:read', input: (f) => ({ agentId: f.alice }) },
  'agents.load': { who: 'supervisor' },
  'agents.create': {
    who: 'admin',
    partner: 'agents:manage',
    input: (f) => ({ email: `new-${f.unique()}@demo.deskkit.dev`, name: 'New Agent', password: 'long-enough-pw', role: 'agent', departmentIds: [f.support] }),
  },
  'agents.update': { who: 'admin', partner: 'agents:manage', input: (f) => ({ agentId: f.alice, maxChats: 9, departmentIds: [f.support] }) },
  'agents.disable': { who: 'admin', partner: 'agents:manage', input: (f) => ({ agentId: f.alice }) },
  'agents.enable': { who: 'admin', partner: 'agents:manage', input: (f) => ({ agentId: f.alice }) },

  'apiKeys.list': { who: 'admin' },
  'apiKeys.create': { who: 'admin', input: (f) => ({ name: `key ${f.unique()}`, scopes: ['presence:read'] }) },
  'apiKeys.revoke': { who: 'admin', input: (f) => ({ keyId: f.apiKey }) },

  'presence.list': { who: 'agent', partner: 'presence:read' },
  'presence.setStatus': { who: 'agent', input: () => ({ status: 'unavailable' }) },
  'presence.onChange': { who: 'agent', partner: 'presence:read', input: () => ({ lastEventId: '1' }) },

  'departments.list': { who: 'agent', partner: 'departments:read' },
  'departments.create': { who: 'admin', input: (f) => ({ name: `Dept ${f.unique()}`, description: 'x', memberIds: [f.alice] }) },
  'departments.update': { who: 'admin', input: (f) => ({ departmentId: f.support, description: 'changed', addMemberIds: [f.alice] }) },
  'departments.remove': { who: 'admin', input: (f) => ({ departmentId: f.support }) },

  'tenant.settings': { who: 'admin' },
  'tenant.update': { who: 'admin', input: () => ({ name: 'Renamed Inc.' }) },
  'tenant.rotateIdentitySecret': { who: 'admin' },

  'events.position': { who: 'agent', partner: '*', visitor: true },

  'conversations.list': { who: 'agent', input: (f) => ({ view: 'all', filter: { departmentId: f.support, assigneeId: f.alice } }) },
  'conversations.counts': { who: 'agent', input: (f) => ({ filter: { departmentId: f.support } }) },
  'conversations.get': { who: 'agent', notYours: aliceOnly, input: chat },
  'conversations.messages': { who: 'agent', notYours: aliceOnly, input: chat },
  'conversations.accept': { who: 'agent', notYours: aliceOnly, input: chat },
  'conversations.reply': { who: 'agent', notYours: aliceOnly, input: (f) => send(f.chat) },
  'conversations.transfer': { who: 'agent', notYours: aliceOnly, input: (f) => ({ conversationId: f.chat, to: { departmentId: f.support } }) },
  'conversations.close': { who: 'agent', notYours: aliceOnly, input: (f) => ({ conversationId: f.chat, reason: 'done' }) },
  'conversations.reopen': { who: 'agent', notYours: aliceOnly, input: chat },
  'conversations.tag': { who: 'agent', notYours: aliceOnly, input: (f) => ({ conversationId: f.chat, add: ['vip'] }) },
  'conversations.convert': { who: 'agent', notYours: aliceOnly, input: (f) => ({ conversationId: f.chat, to: 'ticket' }) },
  'conversations.updateTicket': { who: 'agent', notYours: aliceOnly, input: (f) => ({ conversationId: f.chat, priority: 'urgent', assigneeId: f.alice }) },
  'conversations.markRead': { who: 'agent', notYours: aliceOnly, input: (f) => ({ conversationId: f.chat, seq: 1 }) },
  'conversations.typing': { who: 'agent', notYours: aliceOnly, input: (f) => ({ conversationId: f.chat, typing: true }) },
  'conversations.requestVerification': { who: 'agent', notYours: aliceOnly, input: chat },
  'conversations.confirmVerification': { who: 'agent', notYours: aliceOnly, input: (f) => ({ conversationId: f.chat, code: '123456' }) },
  'conversations.onEvent': { who: 'agent', input: () => ({ lastEventId: '1' }) },

  'cannedReplies.list': { who: 'supervisor', input: (f) => ({ departmentId: f.support }) },
  'cannedReplies.create': {
    who: 'supervisor',
    input: (f) => ({ departmentId: f.support, shortcut: `s${f.unique()}`, title: 'Greeting', body: 'Hello {{customer.firstName}}' }),
  },
  // A Billing reply: Sam supervises Support and Sales only.
  'cannedReplies.update': { who: 'supervisor', as: 'ada', notYours: { sam: 'NOT_FOUND' }, owned: 'id', input: (f) => ({ id: f.billingReply, title: 'Changed' }) },
  'cannedReplies.remove': { who: 'supervisor', as: 'ada', notYours: { sam: 'NOT_FOUND' }, owned: 'id', input: (f) => ({ id: f.billingReply }) },
  'cannedReplies.search': { who: 'agent', notYours: aliceOnly, input: (f) => ({ conversationId: f.chat, q: 'hel' }) },
  'cannedReplies.render': { who: 'agent', notYours: aliceOnly, input: (f) => ({ id: f.cannedReply, conversationId: f.chat }) },

  'webchat.start': { who: 'public', input: (f) => ({ tenant: f.tenant, departmentId: f.support, message: { body: 'Hi', clientMessageId: clientMessageId() } }) },
  'webchat.mine': { who: 'visitor' },
  'webchat.get': { who: 'visitor', notYours: visitorOnly, input: chat },
  'webchat.messages': { who: 'visitor', notYours: visitorOnly, input: chat },
  'webchat.send': { who: 'visitor', notYours: visitorOnly, input: (f) => send(f.chat) },
  'webchat.markRead': { who: 'visitor', notYours: visitorOnly, input: (f) => ({ conversationId: f.chat, seq: 1 }) },
  'webchat.typing': { who: 'visitor', notYours: visitorOnly, input: (f) => ({ conversationId: f.chat, typing: true }) },
  'webchat.verify': { who: 'visitor', notYours: visitorOnly, input: (f) => ({ conversationId: f.chat, code: '123456' }) },
  'webchat.identify': { who: 'visitor', notYours: visitorOnly, input: (f) => ({ conversationId: f.chat, identityToken: 'not.a.valid-token' }) },
  'webchat.survey': { who: 'visitor', notYours: visitorOnly, input: chat },
  'webchat.answerSurvey': { who: 'visitor', notYours: visitorOnly, input: (f) => ({ conversationId: f.chat, rating: 5, answers: { speed: 'fast' } }) },
  'webchat.onEvent': { who: 'visitor', input: () => ({ lastEventId: '1' }) },

  'files.links': {
    who: 'agent',
    visitor: true,
    partner: 'conversations:read',
    partnerWithoutScope: 'NOT_FOUND',
    notYours: { ...aliceOnly, ...visitorOnly },
    input: (f) => ({ conversationId: f.chat, fileIds: [f.file] }),
  },

  'channels.list': { who: 'admin' },
  'channels.configure': { who: 'admin', input: () => ({ channel: 'sms', endpoint: 'https://sms.example.com/send', fromNumber: '+15550100999' }) },
  'channels.rotateSecret': { who: 'admin', input: () => ({ channel: 'sms', which: 'both' }) },
  'channels.available': { who: 'agent' },

  'templates.list': { who: 'agent', input: () => ({ language: 'en' }) },
  'templates.preview': { who: 'agent', input: (f) => ({ templateId: f.template, variables: ['4512'] }) },
  'templates.send': {
    who: 'agent',
    notYours: aliceOnly,
    input: (f) => ({ conversationId: f.whatsapp, templateId: f.template, variables: ['4512'], clientMessageId: clientMessageId() }),
    also: [(f) => ({ customerId: f.customer, templateId: f.template, variables: ['4512'], clientMessageId: clientMessageId() })],
  },
  'templates.create': { who: 'admin', input: (f) => ({ name: `t_${f.unique()}`, language: 'en', category: 'utility', body: 'Hello {{1}}' }) },
  'templates.update': { who: 'admin', input: (f) => ({ templateId: f.template, footer: 'Thanks' }) },
  'templates.remove': { who: 'admin', input: (f) => ({ templateId: f.template }) },

  'sms.send': {
    who: 'agent',
    notYours: aliceOnly,
    input: (f) => send(f.chat),
    also: [(f) => ({ customerId: f.customer, body: 'Hello there', clientMessageId: clientMessageId() })],
  },

  'payments.request': {
    who: 'agent',
    notYours: aliceOnly,
    input: (f) => ({ conversationId: f.chat, amount: '5.00', currency: 'EUR', description: 'Shipping', clientMessageId: clientMessageId() }),
  },
  'payments.list': { who: 'agent', notYours: aliceOnly, input: chat },
  'payments.cancel': { who: 'agent', notYours: aliceOnly, owned: 'requestId', input: (f) => ({ requestId: f.paymentRequest }) },
  'payments.account': { who: 'admin' },
  'payments.configure': { who: 'admin', input: () => ({ provider: 'http', endpoint: 'https://pay.example.com/links' }) },
  'payments.rotateSecret': { who: 'admin', input: () => ({ which: 'both' }) },

  'transcripts.link': { who: 'agent', partner: 'conversations:read', notYours: aliceOnly, input: (f) => ({ conversationId: f.chat, format: 'txt' }) },

  'metrics.summary': { who: 'agent', input: (f) => ({ ...period(), departmentId: f.support, agentId: f.alice }) },

  'suggestions.forConversation': { who: 'agent', notYours: aliceOnly, input: chat },
  'suggestions.llmSettings': { who: 'admin' },
  'suggestions.configureLlm': { who: 'admin', input: () => ({ baseUrl: 'https://llm.example.com/v1', model: 'small', apiKey: 'sk-test-1234567890', enabled: false }) },

  'surveys.get': { who: 'agent' },
  'surveys.update': { who: 'admin', input: () => ({ enabled: true, ratingQuestion: 'How did we do?', thankYou: 'Thanks!' }) },
  'surveys.results': { who: 'supervisor', input: (f) => ({ ...period(), departmentId: f.support, agentId: f.alice }) },
  'surveys.textAnswers': { who: 'supervisor', input: (f) => ({ ...period(), departmentId: f.support, agentId: f.alice, questionId: 'comments' }) },

  'customers.get': { who: 'agent', partner: 'customers:read', input: (f) => ({ customerId: f.customer }) },
  'customers.update': { who: 'agent', input: (f) => ({ customerId: f.customer, name: 'Renamed', attributes: { plan: 'gold' } }) },
  'customers.history': { who: 'agent', partner: 'customers:read', input: (f) => ({ customerId: f.customer }) },
  'customers.duplicates': { who: 'agent', partner: 'customers:read', input: (f) => ({ customerId: f.customer }) },
  'customers.merge': { who: 'supervisor', input: (f) => ({ sourceId: f.customer2, targetId: f.customer }) },
  'customers.integrationData': { who: 'agent', input: (f) => ({ customerId: f.customer }) },

  'integrations.list': { who: 'admin' },
  'integrations.create': { who: 'admin', input: () => ({ name: 'ERP', endpoint: 'https://erp.example.com/lookup' }) },
  'integrations.update': { who: 'admin', input: (f) => ({ id: f.integration, name: 'CRM 2' }) },
  'integrations.remove': { who: 'admin', input: (f) => ({ id: f.integration }) },

  'settings.get': { who: 'agent' },
  'settings.updateProfile': { who: 'admin', input: () => ({ name: 'Acme' }) },
  'settings.updatePreferences': { who: 'admin', input: () => ({ defaultMaxChats: 6 }) },
  'settings.updateAutoResponders': { who: 'admin', input: () => ({ greeting: { enabled: true, message: 'Welcome!' } }) },
  'settings.tags.add': { who: 'admin', input: () => ({ tag: 'vip' }) },
  'settings.tags.rename': { who: 'admin', input: () => ({ from: 'vip', to: 'very-important' }) },
  'settings.tags.remove': { who: 'admin', input: () => ({ tag: 'vip' }) },
};

/** The caller the sample input is valid for. */
export function callerFor(rule: Rule): CallerName {
  if (rule.as) return rule.as;
  return ({ public: 'anonymous', visitor: 'visitor', agent: 'alice', supervisor: 'sam', admin: 'ada' } as const)[rule.who];
}

/** The same caller's counterpart in the other tenant. */
export function outsiderFor(rule: Rule): CallerName | null {
  const own = callerFor(rule);
  return own === 'anonymous' ? null : (`x:${own === 'visitor' ? 'visitor' : own}` as CallerName);
}

export interface Denial {
  caller: CallerName | { partnerWithout: Permission };
  code: DenialCode;
  /** With an id in the input, the answer must equal the one for an id that exists nowhere. */
  sameAsMissing?: boolean;
}

const roleRank = { agent: 0, supervisor: 1, admin: 2 } as const;

/** Every caller of the victim tenant that must be refused, and the code each must get. */
export function denialsOf(rule: Rule): Denial[] {
  if (rule.who === 'public') return [];
  const denials: Denial[] = (['anonymous', 'expired', 'revoked', 'disabled', 'revokedKey'] as const).map((caller) => ({ caller, code: 'UNAUTHORIZED' }));
  if (rule.who !== 'visitor' && !rule.visitor) denials.push({ caller: 'visitor', code: 'FORBIDDEN' });
  if (rule.partner === undefined) denials.push({ caller: 'partner', code: 'FORBIDDEN' });
  else if (rule.partner !== '*') denials.push({ caller: { partnerWithout: rule.partner }, code: rule.partnerWithoutScope ?? 'FORBIDDEN' });
  if (rule.who === 'visitor') denials.push({ caller: 'alice', code: 'FORBIDDEN' }, { caller: 'ada', code: 'FORBIDDEN' });
  else {
    const least = roleRank[rule.who];
    for (const [caller, role] of [['alice', 'agent'], ['sam', 'supervisor']] as const) {
      if (roleRank[role] < least) denials.push({ caller, code: 'FORBIDDEN' });
    }
  }
  for (const [caller, code] of Object.entries(rule.notYours ?? {}) as Array<[CallerName, DenialCode]>) {
    denials.push({ caller, code, sameAsMissing: code === 'NOT_FOUND' });
  }
  return denials;
}
