import { LRUCache } from 'lru-cache';
import type { Models } from '../models/index.js';
import { BatchedFinds } from './batched-finds.js';

/** How long a name is reused before it is read again: a rename shows within this. */
const NAME_TTL_MS = 10_000;

interface Key {
  tenantId: string;
  agentId: string;
}

/**
 * Agents' names as visitors see them (the assignee of their chat), read once per agent
 * and reused briefly: every send, read mark and reload of a visitor answers with the
 * name, and reading it each time was one query in ten of a customer's send. Concurrent
 * lookups of one agent share one read, and those of several agents one query.
 */
export class AgentNames {
  private readonly cache: LRUCache<string, string, Key>;

  constructor(models: Models, ttlMs = NAME_TTL_MS) {
    const agents = new BatchedFinds<{ name: string }>(models.Agent, { select: { name: 1 } });
    this.cache = new LRUCache<string, string, Key>({
      max: 10_000,
      ttl: ttlMs,
      fetchMethod: async (_key, _stale, { context }) => (await agents.findOne(context.tenantId, { _id: context.agentId }))?.name ?? '',
    });
  }

  /** The agent's name, or '' when there is no such agent. */
  async get(tenantId: string, agentId: string): Promise<string> {
    return (await this.cache.fetch(`${tenantId}:${agentId}`, { context: { tenantId, agentId } })) ?? '';
  }
}
