import type { Permission, Role } from '../schemas/roles.js';

/** Who is calling: a signed-in agent, or a partner's server with an API key. */
export type Principal =
  | {
      kind: 'agent';
      tenantId: string;
      agentId: string;
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
    };

export type AgentPrincipal = Extract<Principal, { kind: 'agent' }>;
export type PartnerPrincipal = Extract<Principal, { kind: 'partner' }>;
