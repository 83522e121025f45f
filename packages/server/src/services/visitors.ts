import { Types } from 'mongoose';
import type { Models } from '../models/index.js';
import type { VisitorSessionDoc } from '../models/visitor.js';
import { BatchedFinds } from './batched-finds.js';
import { BatchedUpdates } from './batched-updates.js';
import { unauthorized } from './errors.js';
import { idString } from './id-strings.js';
import type { VisitorPrincipal } from './principal.js';
import { randomToken, sha256 } from './secrets.js';

export const VISITOR_PREFIX = 'dkv_';
const VISITOR_TTL_MS = 30 * 24 * 3600_000;

/** Web-chat visitors: an opaque token per browser, bound to one customer of one tenant. */
export class VisitorService {
  /** Sessions by token hash, read together across this process's requests. */
  private readonly sessions: BatchedFinds<VisitorSessionDoc & { _id: Types.ObjectId }>;
  /** New sessions, group-committed across this process's starts. */
  private readonly sessionWrites: BatchedUpdates;

  constructor(private readonly models: Models) {
    this.sessions = new BatchedFinds(models.VisitorSession, { crossTenant: true, where: () => ({ expiresAt: { $gt: new Date() } }) });
    this.sessionWrites = new BatchedUpdates(models.VisitorSession);
  }

  async issue(tenantId: string, customerId: string): Promise<{ token: string; expiresAt: string }> {
    const token = VISITOR_PREFIX + randomToken();
    const expiresAt = new Date(Date.now() + VISITOR_TTL_MS);
    const tokenHash = sha256(token);
    // Keyed on the (random) token's hash: an insert, stored before the token is handed out.
    const { upsertedCount } = await this.sessionWrites.updateOne(
      { tenantId, tokenHash },
      { $setOnInsert: { tenantId: new Types.ObjectId(tenantId), customerId: new Types.ObjectId(customerId), tokenHash, expiresAt } },
      { upsert: true },
    );
    if (upsertedCount !== 1) throw new Error('visitor token collision');
    return { token, expiresAt: expiresAt.toISOString() };
  }

  async authenticate(token: string): Promise<VisitorPrincipal> {
    const session = await this.sessions.findOne(null, { tokenHash: sha256(token) });
    if (!session) throw unauthorized('visitor session is not valid; start a new chat');
    return {
      kind: 'visitor',
      tenantId: idString(session.tenantId),
      customerId: idString(session.customerId),
      sessionId: idString(session._id),
      permissions: [],
    };
  }
}
