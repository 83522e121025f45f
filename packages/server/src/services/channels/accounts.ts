import { TRPCError } from '@trpc/server';
import { Types } from 'mongoose';
import type { Models } from '../../models/index.js';
import type { ConfigureChannelInput, PhoneChannel } from '../../schemas/channels.js';
import { assertReachable, notFound } from '../errors.js';
import type { SafeFetch } from '../safe-fetch.js';
import { randomToken } from '../secrets.js';

/** A channel account as admins see it: secrets only as "set" and their last four characters. */
export interface ChannelAccountView {
  channel: PhoneChannel;
  provider: string;
  endpoint: string;
  fromNumber: string;
  enabled: boolean;
  /** Files and voice go out as media; `false`: text only. */
  media: boolean;
  /** Give the provider this path on the desk's public URL for webhooks (`POST`). */
  webhookPath: string;
  hasWebhookSecret: boolean;
  webhookSecretLast4: string | null;
  hasSigningSecret: boolean;
  signingSecretLast4: string | null;
  updatedAt: string;
}

/** Shown once, when created or rotated. */
export interface ChannelSecrets {
  /** The provider signs webhooks with it. */
  webhookSecret?: string;
  /** The desk signs its sends with it; the provider verifies them. */
  signingSecret?: string;
}

export interface ChannelAccountRow {
  tenantId: string;
  channel: PhoneChannel;
  provider: string;
  endpoint: string;
  fromNumber: string;
  signingSecret: string;
  webhookSecret: string;
  enabled: boolean;
  media: boolean;
}

const last4 = (secret: string | null | undefined) => (secret ? secret.slice(-4) : null);
const newSecret = () => randomToken(32);

export const webhookPath = (tenantSlug: string, channel: PhoneChannel) => `/channels/${tenantSlug}/${channel}/webhook`;

/** Each tenant's SMS and WhatsApp accounts at their providers. */
export class ChannelAccountService {
  constructor(
    private readonly models: Models,
    private readonly safeFetch: SafeFetch,
  ) {}

  async list(tenantId: string): Promise<ChannelAccountView[]> {
    const slug = await this.slugOf(tenantId);
    const rows = await this.models.ChannelAccount.find({ tenantId }).sort({ channel: 1 }).lean();
    return rows.map((row) => toView(row, slug));
  }

  /** Enabled channels, their numbers and whether they take files, for agents deciding what they can send. */
  async available(tenantId: string): Promise<Array<{ channel: PhoneChannel; fromNumber: string; media: boolean }>> {
    const rows = await this.models.ChannelAccount.find({ tenantId, enabled: true }).sort({ channel: 1 }).lean();
    return rows.map((row) => ({ channel: row.channel, fromNumber: row.fromNumber, media: row.media !== false }));
  }

  /**
   * Creates or changes the tenant's account for a channel. The first configure makes
   * both secrets and returns them (the only time); later ones keep them.
   */
  async configure(tenantId: string, input: ConfigureChannelInput): Promise<{ account: ChannelAccountView; secrets: ChannelSecrets | null }> {
    await assertReachable(this.safeFetch, 'endpoint', input.endpoint);
    const secrets = { webhookSecret: newSecret(), signingSecret: newSecret() };
    const { upsertedCount } = await this.models.ChannelAccount.updateOne(
      { tenantId, channel: input.channel },
      {
        $set: { provider: input.provider, endpoint: input.endpoint, fromNumber: input.fromNumber, enabled: input.enabled, media: input.media },
        $setOnInsert: { tenantId: new Types.ObjectId(tenantId), channel: input.channel, ...secrets },
      },
      { upsert: true },
    );
    return { account: await this.view(tenantId, input.channel), secrets: upsertedCount === 1 ? secrets : null };
  }

  /** New secret(s); the old ones stop working at once. */
  async rotateSecret(
    tenantId: string,
    input: { channel: PhoneChannel; which: 'webhook' | 'signing' | 'both' },
  ): Promise<{ account: ChannelAccountView; secrets: ChannelSecrets }> {
    const secrets: ChannelSecrets = {};
    if (input.which !== 'signing') secrets.webhookSecret = newSecret();
    if (input.which !== 'webhook') secrets.signingSecret = newSecret();
    const { matchedCount } = await this.models.ChannelAccount.updateOne({ tenantId, channel: input.channel }, { $set: secrets });
    if (!matchedCount) throw notFound(`${input.channel} channel`);
    return { account: await this.view(tenantId, input.channel), secrets };
  }

  /** The account with its secrets (server-side use only), or null. */
  async find(tenantId: string, channel: PhoneChannel, opts: { enabledOnly?: boolean } = {}): Promise<ChannelAccountRow | null> {
    const row = await this.models.ChannelAccount.findOne({ tenantId, channel, ...(opts.enabledOnly ? { enabled: true } : {}) }).lean();
    return row ? { ...row, tenantId: String(row.tenantId), channel: row.channel as PhoneChannel, media: row.media !== false } : null;
  }

  /** The enabled account, or PRECONDITION_FAILED saying that the channel needs configuring. */
  async require(tenantId: string, channel: PhoneChannel): Promise<ChannelAccountRow> {
    const account = await this.find(tenantId, channel, { enabledOnly: true });
    if (!account) {
      const name = channel === 'sms' ? 'SMS' : 'WhatsApp';
      throw new TRPCError({ code: 'PRECONDITION_FAILED', message: `no ${name} channel is configured for this desk; an admin can set one up` });
    }
    return account;
  }

  /** The webhook's account: by tenant slug and channel, enabled. */
  async forWebhook(tenantSlug: string, channel: PhoneChannel): Promise<ChannelAccountRow | null> {
    const tenant = await this.models.Tenant.findOne({ slug: tenantSlug }).select({ _id: 1 }).lean();
    return tenant ? this.find(String(tenant._id), channel, { enabledOnly: true }) : null;
  }

  private async view(tenantId: string, channel: PhoneChannel): Promise<ChannelAccountView> {
    const row = await this.models.ChannelAccount.findOne({ tenantId, channel }).lean();
    if (!row) throw notFound(`${channel} channel`);
    return toView(row, await this.slugOf(tenantId));
  }

  private async slugOf(tenantId: string): Promise<string> {
    const tenant = await this.models.Tenant.findOne({ _id: tenantId }).select({ slug: 1 }).lean();
    if (!tenant) throw notFound('tenant');
    return tenant.slug;
  }
}

type Row = {
  channel: string;
  provider: string;
  endpoint: string;
  fromNumber: string;
  enabled?: boolean | null;
  media?: boolean | null;
  webhookSecret?: string | null;
  signingSecret?: string | null;
  updatedAt?: Date;
};

function toView(row: Row, slug: string): ChannelAccountView {
  const channel = row.channel as PhoneChannel;
  return {
    channel,
    provider: row.provider,
    endpoint: row.endpoint,
    fromNumber: row.fromNumber,
    enabled: Boolean(row.enabled),
    media: row.media !== false,
    webhookPath: webhookPath(slug, channel),
    hasWebhookSecret: Boolean(row.webhookSecret),
    webhookSecretLast4: last4(row.webhookSecret),
    hasSigningSecret: Boolean(row.signingSecret),
    signingSecretLast4: last4(row.signingSecret),
    updatedAt: (row.updatedAt ?? new Date(0)).toISOString(),
  };
}
