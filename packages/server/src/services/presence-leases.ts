import { Types } from 'mongoose';
import type { Models } from '../models/index.js';

/**
 * This process's presence lease, and the one rule every reader of presence uses: an
 * agent's connection is live while the lease it was made under is unexpired. Keeping
 * any number of connections alive costs the process one single-document update per
 * heartbeat; a process that dies takes all of its connections offline once its lease
 * runs out, in every process's view at the same moment.
 */
export class PresenceLeases {
  private leaseId: string | null = null;
  /** When this process's lease runs out, as far as it knows: reckoned from before the write that extended it, so it errs early. */
  private expiresAt = 0;
  private renewing?: Promise<string>;

  constructor(
    private readonly models: Models,
    private readonly options: { processId: string; ttlMs: number },
  ) {}

  /** The lease for a new connection, renewed first when less than half its time is left. */
  async current(): Promise<string> {
    if (this.leaseId && this.expiresAt - Date.now() > this.options.ttlMs / 2) return this.leaseId;
    return this.renew();
  }

  /**
   * Extends the lease. One that already ran out is not revived (another process may
   * be reaping its connections): a new one is taken instead, and the caller moves the
   * connections it still holds under the old one (`PresenceService.moveToLease`).
   */
  renew(): Promise<string> {
    return (this.renewing ??= this.extend().finally(() => (this.renewing = undefined)));
  }

  /** Ids of the unexpired leases. */
  async live(): Promise<Types.ObjectId[]> {
    const leases = await this.models.PresenceLease.find({ expiresAt: { $gt: new Date() } }).select({ _id: 1 }).lean();
    return leases.map((lease) => lease._id);
  }

  /** The agents of a tenant with at least one live connection. */
  async onlineAgents(tenantId: string): Promise<Types.ObjectId[]> {
    return this.models.PresenceConnection.distinct('agentId', { tenantId, leaseId: { $in: await this.live() } });
  }

  async isOnline(tenantId: string, agentId: string): Promise<boolean> {
    return Boolean(await this.models.PresenceConnection.exists({ tenantId, agentId, leaseId: { $in: await this.live() } }));
  }

  private async extend(): Promise<string> {
    const now = Date.now();
    const expiresAt = new Date(now + this.options.ttlMs);
    if (this.leaseId) {
      const { matchedCount } = await this.models.PresenceLease.updateOne(
        { _id: this.leaseId, expiresAt: { $gt: new Date(now) } },
        { $set: { expiresAt } },
      );
      if (matchedCount) {
        this.expiresAt = expiresAt.getTime();
        return this.leaseId;
      }
    }
    const leaseId = String(new Types.ObjectId());
    await this.models.PresenceLease.create({ _id: leaseId, processId: this.options.processId, expiresAt });
    this.leaseId = leaseId;
    this.expiresAt = expiresAt.getTime();
    return leaseId;
  }
}
