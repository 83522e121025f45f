import { Types } from 'mongoose';
import type { Models } from '../../models/index.js';
import type { ConfigurePaymentsInput } from '../../schemas/payments.js';
import { assertReachable, invalidField, notFound } from '../errors.js';
import type { SafeFetch } from '../safe-fetch.js';
import { randomToken } from '../secrets.js';

/** The tenant's payments account as admins see it: secrets only as their last four characters. */
export interface PaymentAccountView {
  provider: 'local' | 'http';
  endpoint: string | null;
  enabled: boolean;
  /** Give the provider this path on the desk's public URL for webhooks (`POST`). */
  webhookPath: string;
  webhookSecretLast4: string;
  signingSecretLast4: string;
  updatedAt: string;
}

/** Shown once, when created or rotated. */
export interface PaymentSecrets {
  webhookSecret?: string;
  signingSecret?: string;
}

const newSecret = () => randomToken(32);

/** Each tenant's account at its payments provider. */
export class PaymentAccountService {
  constructor(
    private readonly models: Models,
    private readonly safeFetch: SafeFetch,
  ) {}

  async get(tenantId: string): Promise<PaymentAccountView | null> {
    const row = await this.models.PaymentAccount.findOne({ tenantId }).lean();
    return row ? toView(row, await this.slugOf(tenantId)) : null;
  }

  /** Creates or changes the account; the first configure makes both secrets and returns them (the only time). */
  async configure(tenantId: string, input: ConfigurePaymentsInput): Promise<{ account: PaymentAccountView; secrets: PaymentSecrets | null }> {
    if (input.provider === 'http' && !input.endpoint) throw invalidField('endpoint', 'the http provider needs an endpoint');
    if (input.provider === 'http') await assertReachable(this.safeFetch, 'endpoint', input.endpoint!);
    const secrets = { webhookSecret: newSecret(), signingSecret: newSecret() };
    const { upsertedCount } = await this.models.PaymentAccount.updateOne(
      { tenantId },
      {
        $set: { provider: input.provider, endpoint: input.provider === 'http' ? input.endpoint : null, enabled: input.enabled },
        $setOnInsert: { tenantId: new Types.ObjectId(tenantId), ...secrets },
      },
      { upsert: true },
    );
    return { account: (await this.get(tenantId))!, secrets: upsertedCount ? secrets : null };
  }

  /** New secret(s); the old ones stop working at once. */
  async rotateSecret(tenantId: string, which: 'webhook' | 'signing' | 'both'): Promise<{ account: PaymentAccountView; secrets: PaymentSecrets }> {
    const secrets: PaymentSecrets = {};
    if (which !== 'signing') secrets.webhookSecret = newSecret();
    if (which !== 'webhook') secrets.signingSecret = newSecret();
    const { matchedCount } = await this.models.PaymentAccount.updateOne({ tenantId }, { $set: secrets });
    if (!matchedCount) throw notFound('payments account');
    return { account: (await this.get(tenantId))!, secrets };
  }

  private async slugOf(tenantId: string): Promise<string> {
    const tenant = await this.models.Tenant.findOne({ _id: tenantId }).select({ slug: 1 }).lean();
    if (!tenant) throw notFound('tenant');
    return tenant.slug;
  }
}

function toView(row: Record<string, any>, slug: string): PaymentAccountView {
  return {
    provider: row.provider,
    endpoint: row.endpoint ?? null,
    enabled: Boolean(row.enabled),
    webhookPath: `/payments/${slug}/webhook`,
    webhookSecretLast4: String(row.webhookSecret).slice(-4),
    signingSecretLast4: String(row.signingSecret).slice(-4),
    updatedAt: (row.updatedAt ?? new Date(0)).toISOString(),
  };
}
