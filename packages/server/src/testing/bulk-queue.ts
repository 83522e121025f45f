import { Types } from 'mongoose';
import { priorityRank } from '../models/conversation.js';
import type { Services } from '../services/index.js';
import { seedDemo, type SeedResult } from '../services/seed.js';

const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
const BATCH = 1_000;

export interface BulkQueue {
  /** The tenant's slug, for signing in (with the demo agents and password). */
  tenant: string;
  count: number;
  seed: SeedResult;
}

/**
 * A long queue for tests and benchmarks: the tenant `slug` with the demo agents and
 * departments, plus `count` pending Support chats (customers `Bulk Customer 00001`…, one
 * second apart, priorities low/normal/high/urgent in turn), inserted in batches through
 * the model. The demo's Support agents (Sam, Alice, Bob) see them all in Pending.
 */
export async function seedBulkQueue(services: Services, options: { slug?: string; count?: number } = {}): Promise<BulkQueue> {
  const count = options.count ?? 10_000;
  const seed = await seedDemo(services, options.slug ?? 'bulk');
  const supportId = new Types.ObjectId(seed.departments.find((d) => d.name === 'Support')!.id);
  const tenantId = new Types.ObjectId(seed.tenantId);
  const start = Date.now() - count * 1_000;
  const docs = Array.from({ length: count }, (_, i) => {
    const at = new Date(start + i * 1_000);
    const priority = PRIORITIES[i % PRIORITIES.length]!;
    return {
      tenantId,
      customerId: new Types.ObjectId(),
      customerName: `Bulk Customer ${String(i + 1).padStart(5, '0')}`,
      departmentId: supportId,
      subject: `Bulk question ${i + 1}`,
      status: 'pending',
      kind: 'chat',
      channel: 'web',
      priority,
      priorityRank: priorityRank[priority],
      queuedAt: at,
      lastMessageAt: at,
      createdAt: at,
      updatedAt: at,
    };
  });
  for (let i = 0; i < docs.length; i += BATCH) {
    await services.models.Conversation.insertMany(docs.slice(i, i + BATCH));
  }
  return { tenant: seed.tenant, count, seed };
}
