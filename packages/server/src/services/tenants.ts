import type { Models } from '../models/index.js';
import type { RoutingMode } from '../schemas/conversations.js';
import type { UploadLimits, UploadLimitsUpdate } from '../schemas/files.js';
import { isDuplicateKey, notFound } from './errors.js';
import type { EventService } from './events.js';
import { uploadLimitsOf } from './files.js';

/** Tenants: the unit of isolation. Every other document carries a `tenantId`. */
export class TenantService {
  constructor(
    private readonly models: Models,
    private readonly events: EventService,
  ) {}

  /** Creates the tenant, or returns the existing one with that slug. */
  async ensure(slug: string, name: string): Promise<{ id: string; created: boolean }> {
    const result = await this.models.Tenant.updateOne(
      { slug },
      { $setOnInsert: { slug, name } },
      { upsert: true },
    ).catch((err) => {
      if (isDuplicateKey(err)) return { upsertedCount: 0 };
      throw err;
    });
    const tenant = await this.models.Tenant.findOne({ slug }).select({ _id: 1 }).lean();
    const id = String(tenant!._id);
    await this.events.initTenant(id);
    return { id, created: result.upsertedCount === 1 };
  }

  async findBySlug(slug: string): Promise<{ id: string; name: string } | null> {
    const tenant = await this.models.Tenant.findOne({ slug }).lean();
    return tenant ? { id: String(tenant._id), name: tenant.name } : null;
  }

  /** The tenant's desk-wide settings as admins see them (secrets only as "set or not"). */
  async settings(
    tenantId: string,
  ): Promise<{ slug: string; name: string; routingMode: RoutingMode; identityTokens: boolean; uploads: UploadLimits }> {
    const tenant = await this.models.Tenant.findOne({ _id: tenantId }).lean();
    if (!tenant) throw notFound('tenant');
    return {
      slug: tenant.slug,
      name: tenant.name,
      routingMode: tenant.routingMode,
      identityTokens: Boolean(tenant.identitySecret),
      uploads: uploadLimitsOf(tenant),
    };
  }

  async updateSettings(tenantId: string, input: { name?: string; routingMode?: RoutingMode; uploads?: UploadLimitsUpdate }) {
    const { uploads, ...rest } = input;
    // Each upload limit on its own path, so changing one keeps the other.
    const set: Record<string, unknown> = { ...rest };
    if (uploads?.maxBytes !== undefined) set['uploads.maxBytes'] = uploads.maxBytes;
    if (uploads?.allowedCategories !== undefined) set['uploads.allowedCategories'] = uploads.allowedCategories;
    const { matchedCount } = await this.models.Tenant.updateOne({ _id: tenantId }, { $set: set });
    if (!matchedCount) throw notFound('tenant');
    return this.settings(tenantId);
  }
}
