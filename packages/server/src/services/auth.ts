import { Types } from 'mongoose';
import type { AgentDoc } from '../models/agent.js';
import type { Models } from '../models/index.js';
import type { SessionDoc } from '../models/session.js';
import { rolePermissions } from '../schemas/roles.js';
import { toProfile, type AgentProfile } from './agents.js';
import { BatchedFinds } from './batched-finds.js';
import type { ApiKeyService } from './api-keys.js';
import { invalidField, notFound, unauthorized } from './errors.js';
import { idString } from './id-strings.js';
import type { EventService } from './events.js';
import type { PresenceService } from './presence.js';
import { VISITOR_PREFIX, type VisitorService } from './visitors.js';
import type { AgentPrincipal, Principal } from './principal.js';
import type { RateLimitService } from './rate-limits.js';
import { decoyPasswordHash, hashPassword, randomToken, sha256, verifyPassword } from './secrets.js';

/** Session tokens start with this; partner keys with `dkk_`. */
export const SESSION_PREFIX = 'dks_';

/** Dates travel as ISO strings: the wire format is plain JSON. */
export interface SignInResult {
  token: string;
  expiresAt: string;
  agent: AgentProfile;
}

/** Sign-in, sessions, passwords and profile settings. */
export class AuthService {
  /** Sessions by token hash and their agents, read together across this process's requests. */
  private readonly sessions: BatchedFinds<SessionDoc & { _id: Types.ObjectId }>;
  private readonly sessionAgents: BatchedFinds<Pick<AgentDoc, 'role' | 'name'>>;

  constructor(
    private readonly models: Models,
    private readonly events: EventService,
    private readonly presence: PresenceService,
    private readonly apiKeys: ApiKeyService,
    private readonly visitors: VisitorService,
    private readonly limits: RateLimitService,
    private readonly options: { sessionTtlMs: number },
  ) {
    this.sessions = new BatchedFinds(models.Session, { crossTenant: true });
    this.sessionAgents = new BatchedFinds(models.Agent, { where: () => ({ disabledAt: null }), select: { role: 1, name: 1 } });
  }

  /**
   * Checks the password and opens a session. Attempts are limited per account and
   * address and per address (TOO_MANY_REQUESTS past the limit, whatever the password);
   * a success resets the account's count.
   */
  async signIn(input: { tenant: string; email: string; password: string }, meta: { userAgent?: string; ip?: string } = {}): Promise<SignInResult> {
    const account = `${input.tenant}/${input.email}`;
    const ip = meta.ip ?? 'unknown';
    await this.limits.signInAttempt(account, ip);
    const tenant = await this.models.Tenant.findOne({ slug: input.tenant }).lean();
    const agent = tenant
      ? await this.models.Agent.findOne({ tenantId: tenant._id, email: input.email, disabledAt: null }).lean()
      : null;
    const ok = await verifyPassword(agent?.passwordHash ?? (await decoyPasswordHash()), input.password);
    if (!agent || !ok) throw unauthorized('invalid email or password');
    await this.limits.signInSucceeded(account, ip);

    const token = SESSION_PREFIX + randomToken();
    const expiresAt = new Date(Date.now() + this.options.sessionTtlMs);
    await this.models.Session.create({
      tenantId: agent.tenantId,
      agentId: agent._id,
      tokenHash: sha256(token),
      expiresAt,
      userAgent: meta.userAgent?.slice(0, 256) ?? null,
    });
    return { token, expiresAt: expiresAt.toISOString(), agent: toProfile(agent) };
  }

  /** Resolves a bearer credential (agent session, visitor session or partner key) to its principal. */
  async authenticate(credential: string): Promise<Principal> {
    if (credential.startsWith(VISITOR_PREFIX)) return this.visitors.authenticate(credential);
    if (!credential.startsWith(SESSION_PREFIX)) return this.apiKeys.authenticate(credential);
    const session = await this.sessions.findOne(null, { tokenHash: sha256(credential) });
    if (!session) throw unauthorized('session is not valid; sign in again');
    if (session.expiresAt <= new Date()) throw unauthorized('session expired; sign in again');
    const agent = await this.sessionAgents.findOne(String(session.tenantId), { _id: String(session.agentId) });
    if (!agent) throw unauthorized('session is not valid; sign in again');
    return {
      kind: 'agent',
      tenantId: idString(session.tenantId),
      agentId: idString(session.agentId),
      name: agent.name,
      sessionId: idString(session._id),
      role: agent.role,
      permissions: rolePermissions[agent.role],
      expiresAt: session.expiresAt,
    };
  }

  /** Ends this session; a signed-out agent is Unavailable. */
  async signOut(principal: AgentPrincipal): Promise<void> {
    const { tenantId, agentId, sessionId } = principal;
    await this.models.Session.deleteOne({ tenantId, _id: sessionId });
    await this.events.publish(tenantId, 'session.ended', { sessionId, agentId });
    await this.presence.setStatus(tenantId, agentId, 'unavailable').catch(() => undefined);
  }

  async me(principal: AgentPrincipal): Promise<{ agent: AgentProfile; expiresAt: string }> {
    const agent = await this.models.Agent.findOne({ tenantId: principal.tenantId, _id: principal.agentId }).lean();
    if (!agent) throw notFound('agent');
    return { agent: toProfile(agent), expiresAt: principal.expiresAt.toISOString() };
  }

  async updateProfile(
    principal: AgentPrincipal,
    input: { name?: string; avatarUrl?: string | null },
  ): Promise<AgentProfile> {
    const agent = await this.models.Agent.findOneAndUpdate(
      { tenantId: principal.tenantId, _id: principal.agentId },
      { $set: input },
      { returnDocument: 'after' },
    ).lean();
    if (!agent) throw notFound('agent');
    await this.presence.publish(principal.tenantId, principal.agentId);
    return toProfile(agent);
  }

  /** Checks the current password, stores the new one and ends the agent's other sessions. */
  async changePassword(
    principal: AgentPrincipal,
    input: { currentPassword: string; newPassword: string },
  ): Promise<void> {
    const { tenantId, agentId, sessionId } = principal;
    const agent = await this.models.Agent.findOne({ tenantId, _id: agentId }).select({ passwordHash: 1 }).lean();
    if (!agent) throw notFound('agent');
    if (!(await verifyPassword(agent.passwordHash, input.currentPassword))) {
      throw invalidField('currentPassword', 'is not correct');
    }
    await this.models.Agent.updateOne(
      { tenantId, _id: agentId },
      { $set: { passwordHash: await hashPassword(input.newPassword) } },
    );
    const others = await this.models.Session.find({ tenantId, agentId, _id: { $ne: new Types.ObjectId(sessionId) } })
      .select({ _id: 1 })
      .lean();
    await this.models.Session.deleteMany({ tenantId, _id: { $in: others.map((s) => s._id) } });
    for (const other of others) {
      await this.events.publish(tenantId, 'session.ended', { sessionId: String(other._id), agentId });
    }
  }

  /** Deletes expired sessions; queries already ignore them. */
  async purgeExpired(): Promise<number> {
    const { deletedCount } = await this.models.Session.deleteMany({ expiresAt: { $lte: new Date() } }).setOptions({
      crossTenant: true,
    });
    return deletedCount;
  }
}
