import type { Logger } from '../logger.js';
import type { Models } from '../models/index.js';
import {
  integrationAnswerSchema,
  type CreateIntegrationInput,
  type IntegrationAnswer,
  type UpdateIntegrationInput,
} from '../schemas/customers.js';
import { BodyTooLargeError, readCapped } from './capped-body.js';
import { signedHeaders } from './channels/signing.js';
import { OutboundRefusedError, type SafeFetch } from './safe-fetch.js';
import { sha256 } from './secrets.js';
import { assertReachable, notFound } from './errors.js';

/** An integration as admins see it: the secret itself is never returned. */
export interface IntegrationView {
  id: string;
  name: string;
  endpoint: string;
  hasSecret: boolean;
  /** The secret's last four characters, to tell secrets apart. */
  secretLast4: string | null;
  timeoutMs: number;
  cacheTtlSeconds: number;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface IntegrationField {
  label: string;
  value: string;
  /** An https link to the record in the other app. */
  url: string | null;
}

/** One integration's answer about one customer. */
export interface IntegrationResult {
  integrationId: string;
  name: string;
  status: 'ok' | 'error' | 'timeout';
  fields: IntegrationField[];
  error: string | null;
  fetchedAt: string;
  /** Served from the cache (fetched earlier, still within the TTL). */
  cached: boolean;
}

/** What the desk sends to each endpoint (the body is what gets signed). */
export interface IntegrationRequest {
  customer: { id: string; externalId: string | null; email: string | null; phone: string | null; name: string };
}

type Row = Record<string, any>;

/** Answers bigger than this are refused (read no further). */
const MAX_ANSWER_BYTES = 256 * 1024;

function toIntegrationView(row: Row): IntegrationView {
  return {
    id: String(row._id),
    name: row.name,
    endpoint: row.endpoint,
    hasSecret: Boolean(row.secretLast4),
    secretLast4: row.secretLast4 ?? null,
    timeoutMs: row.timeoutMs,
    cacheTtlSeconds: row.cacheTtlSeconds,
    enabled: Boolean(row.enabled),
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt ?? row.createdAt).toISOString(),
  };
}

const secretFields = (secret: string | null) => ({ secret, secretLast4: secret ? secret.slice(-4) : null });

class AnswerError extends Error {}

/**
 * Third-party apps that tell agents more about a customer. The desk (never the
 * browser) POSTs `{ customer: { id, externalId, email, phone, name } }` as JSON to
 * each enabled endpoint; with a secret the body is signed like our channel
 * webhooks: `X-Deskkit-Timestamp` and `X-Deskkit-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`.
 * It expects `{ fields: [{ label, value, url? }] }` and caches good answers per
 * (integration, customer, identifiers sent) for the integration's TTL.
 */
export class IntegrationService {
  constructor(
    private readonly models: Models,
    private readonly log: Logger,
    private readonly safeFetch: SafeFetch,
  ) {}

  async list(tenantId: string): Promise<IntegrationView[]> {
    const rows = await this.models.Integration.find({ tenantId }).sort({ name: 1, _id: 1 }).lean();
    return rows.map(toIntegrationView);
  }

  async create(tenantId: string, input: CreateIntegrationInput): Promise<IntegrationView> {
    await assertReachable(this.safeFetch, 'endpoint', input.endpoint);
    const { secret, ...rest } = input;
    const row = await this.models.Integration.create({ tenantId, ...rest, ...secretFields(secret) });
    return toIntegrationView(row.toObject());
  }

  async update(tenantId: string, input: UpdateIntegrationInput): Promise<IntegrationView> {
    const { id, secret, ...rest } = input;
    if (rest.endpoint !== undefined) await assertReachable(this.safeFetch, 'endpoint', rest.endpoint);
    const set: Record<string, unknown> = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
    if (secret !== undefined) Object.assign(set, secretFields(secret));
    const row = await this.models.Integration.findOneAndUpdate({ tenantId, _id: id }, { $set: set, $inc: { revision: 1 } }, { returnDocument: 'after' }).lean();
    if (!row) throw notFound('integration');
    return toIntegrationView(row);
  }

  async remove(tenantId: string, id: string): Promise<{ id: string }> {
    const { deletedCount } = await this.models.Integration.deleteOne({ tenantId, _id: id });
    if (!deletedCount) throw notFound('integration');
    await this.models.IntegrationCache.deleteMany({ tenantId, integrationId: id });
    return { id };
  }

  /** Every enabled integration's answer about the customer; failures are results, never thrown. */
  async dataFor(tenantId: string, customer: IntegrationRequest['customer']): Promise<IntegrationResult[]> {
    const integrations = await this.models.Integration.find({ tenantId, enabled: true }).select('+secret').sort({ name: 1, _id: 1 }).lean();
    return Promise.all(integrations.map((integration) => this.answer(tenantId, integration, customer)));
  }

  private async answer(tenantId: string, integration: Row, customer: IntegrationRequest['customer']): Promise<IntegrationResult> {
    const base = { integrationId: String(integration._id), name: integration.name as string };
    const key = { tenantId, integrationId: integration._id, customerId: customer.id };
    // An answer is about the identifiers it was asked with: a changed email or phone asks again.
    const requestKey = sha256(JSON.stringify(customer));
    const hit = await this.models.IntegrationCache.findOne({ ...key, requestKey, revision: integration.revision ?? 0, expiresAt: { $gt: new Date() } }).lean();
    if (hit) {
      const fields = hit.fields.map((f) => ({ label: f.label ?? '', value: f.value ?? '', url: f.url ?? null }));
      return { ...base, status: 'ok', fields, error: null, fetchedAt: hit.fetchedAt.toISOString(), cached: true };
    }
    const fetchedAt = new Date();
    try {
      const answer = await this.call(integration, { customer });
      const fields = answer.fields.map((f) => ({ label: f.label, value: f.value, url: f.url ?? null }));
      if (integration.cacheTtlSeconds > 0) {
        await this.models.IntegrationCache.updateOne(
          key,
          { $set: { revision: integration.revision ?? 0, requestKey, fields, fetchedAt, expiresAt: new Date(fetchedAt.getTime() + integration.cacheTtlSeconds * 1000) } },
          { upsert: true },
        );
      }
      return { ...base, status: 'ok', fields, error: null, fetchedAt: fetchedAt.toISOString(), cached: false };
    } catch (err) {
      const timedOut = err instanceof DOMException && err.name === 'TimeoutError';
      const error = timedOut
        ? `no answer within ${integration.timeoutMs} ms`
        : err instanceof AnswerError
          ? err.message
          : err instanceof OutboundRefusedError
            ? `the endpoint may not be reached: ${err.message}`
            : 'could not reach the endpoint';
      if (!(err instanceof AnswerError || err instanceof OutboundRefusedError) && !timedOut) this.log.warn({ err, integrationId: base.integrationId }, 'integration request failed');
      return { ...base, status: timedOut ? 'timeout' : 'error', fields: [], error, fetchedAt: fetchedAt.toISOString(), cached: false };
    }
  }

  /** One signed POST; no redirects followed, the answer size capped and checked against the contract. */
  private async call(integration: Row, request: IntegrationRequest): Promise<IntegrationAnswer> {
    const body = JSON.stringify(request);
    const signal = AbortSignal.timeout(integration.timeoutMs);
    const response = await this.safeFetch.endpoint(integration.endpoint, {
      method: 'POST',
      redirect: 'error',
      signal,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'user-agent': 'deskkit-integrations',
        ...(integration.secret ? signedHeaders(integration.secret, body) : {}),
      },
      body,
    });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new AnswerError(`the endpoint answered HTTP ${response.status}`);
    }
    const text = await readCapped(response, MAX_ANSWER_BYTES).catch((err) => {
      throw err instanceof BodyTooLargeError ? new AnswerError(err.message) : err;
    });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new AnswerError('the endpoint did not answer JSON');
    }
    const parsed = integrationAnswerSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AnswerError(`the answer does not fit the contract (${issue.path.join('.') || 'answer'}: ${issue.message})`);
    }
    return parsed.data;
  }
}
