import type { Permission, Role } from '../schemas/roles.js';

/** Who is calling: a signed-in agent, a partner's server with an API key, or a web-chat visitor. */
export type Principal =
  | {
      kind: 'agent';
      tenantId: string;
      agentId: string;
      /** The agent's name as of this request (authors their messages). */
      name: string;
      sessionId: string;
      role: Role;
      permissions: readonly Permission[];
      expiresAt: Date;
    }
  | {
      kind: 'partner';
      tenantId: string;
      keyId: string;
      permissions: readonly Permission[];
    }
  | {
      /** A customer on the web-chat channel; sees only their own conversations. */
      kind: 'visitor';
      tenantId: string;
      customerId: string;
      sessionId: string;
      permissions: readonly Permission[];
    };

export type AgentPrincipal = Extract<Principal, { kind: 'agent' }>;
export type PartnerPrincipal = Extract<Principal, { kind: 'partner' }>;
export type VisitorPrincipal = Extract<Principal, { kind: 'visitor' }>;
