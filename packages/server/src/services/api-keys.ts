import { Types } from 'mongoose';
import type { Models } from '../models/index.js';
import type { Permission } from '../schemas/roles.js';
import { notFound, unauthorized } from './errors.js';
import type { EventService } from './events.js';
import type { PartnerPrincipal } from './principal.js';
import { randomToken, sameHash, sha256 } from './secrets.js';

export const API_KEY_PREFIX = 'dkk_';

export interface ApiKeyInfo {
  id: string;
  name: string;
  prefix: string;
  scopes: Permission[];
  createdAt: string;
  lastUsedAt: string | null;
  revoked: boolean;
}

type ApiKeyRow = {
  _id: Types.ObjectId;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt?: Date;
  lastUsedAt?: Date | null;
  revokedAt?: Date | null;
};

const toInfo = (key: ApiKeyRow): ApiKeyInfo => ({
  id: String(key._id),
  name: key.name,
  prefix: key.prefix,
  scopes: key.scopes as Permission[],
  createdAt: (key.createdAt ?? new Date(0)).toISOString(),
  lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  revoked: Boolean(key.revokedAt),
});

/**
 * Partner API keys: `dkk_<prefix>_<secret>`. The prefix finds the row, the secret's
 * hash is compared in constant time, and only the hash is stored.
 */
export class ApiKeyService {
  constructor(
    private readonly models: Models,
    private readonly events: EventService,
  ) {}

  async create(
    tenantId: string,
    input: { name: string; scopes: Permission[] },
    createdBy: string | null,
  ): Promise<{ key: string; info: ApiKeyInfo }> {
    const prefix = randomToken(9);
    const secret = randomToken(32);
    const row = await this.models.ApiKey.create({
      tenantId: new Types.ObjectId(tenantId),
      name: input.name,
      prefix,
      secretHash: sha256(secret),
      scopes: [...new Set(input.scopes)],
      createdBy: createdBy ? new Types.ObjectId(createdBy) : null,
    });
    return { key: `${API_KEY_PREFIX}${prefix}_${secret}`, info: toInfo(row) };
  }

  async list(tenantId: string): Promise<ApiKeyInfo[]> {
    const rows = await this.models.ApiKey.find({ tenantId }).sort({ createdAt: -1 }).lean<ApiKeyRow[]>();
    return rows.map(toInfo);
  }

  /** Revokes the key: refused from the next call on, and every stream open with it ends at once (on every process). */
  async revoke(tenantId: string, keyId: string): Promise<ApiKeyInfo> {
    const row = await this.models.ApiKey.findOneAndUpdate(
      { tenantId, _id: keyId },
      { $set: { revokedAt: new Date() } },
      { returnDocument: 'after' },
    ).lean<ApiKeyRow>();
    if (!row) throw notFound('API key');
    // Published on every revoke, so revoking again puts right a publish that failed.
    await this.events.publish(tenantId, 'apiKey.revoked', { keyId: String(row._id) });
    return toInfo(row);
  }

  async authenticate(credential: string): Promise<PartnerPrincipal> {
    const match = /^dkk_([A-Za-z0-9_-]{12})_([A-Za-z0-9_-]{43})$/.exec(credential);
    if (!match) throw unauthorized('credential is not valid');
    const [, prefix, secret] = match;
    const key = await this.models.ApiKey.findOne({ prefix, revokedAt: null }).setOptions({ crossTenant: true }).lean();
    if (!key || !sameHash(key.secretHash, sha256(secret!))) throw unauthorized('API key is not valid');
    // Record use at most once a minute.
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000) {
      void this.models.ApiKey.updateOne({ tenantId: key.tenantId, _id: key._id }, { $set: { lastUsedAt: new Date() } })
        .exec()
        .catch(() => undefined);
    }
    return {
      kind: 'partner',
      tenantId: String(key.tenantId),
      keyId: String(key._id),
      permissions: key.scopes as Permission[],
    };
  }
}
