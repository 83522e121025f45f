import { postSigned } from '../channels/signing.js';
import type { SafeFetch } from '../safe-fetch.js';

/** What the desk asks a provider for a link about. */
export interface PaymentLinkRequest {
  /** Our id of the request: also the idempotency key at the provider. */
  reference: string;
  amountMinor: number;
  currency: string;
  description: string;
  /** The desk wants the link to stop working by then; the provider may choose earlier. */
  expiresAt: Date;
}

/** The tenant's account at the provider (secrets stay on the server). */
export interface PaymentProviderAccount {
  tenantSlug: string;
  endpoint: string | null;
  signingSecret: string;
}

export interface PaymentLink {
  /** The provider's id of the link; its webhooks name it. */
  providerRef: string;
  /** Where the customer pays: absolute, or a path on the desk (the built-in `local` provider). */
  url: string;
  expiresAt: Date;
}

/** Makes payment links. Throws `PaymentProviderError` with a message fit to show agents. */
export interface PaymentProvider {
  createLink(account: PaymentProviderAccount, request: PaymentLinkRequest): Promise<PaymentLink>;
}

export class PaymentProviderError extends Error {}

/**
 * A provider behind an HTTPS endpoint: POSTs the request as JSON, signed like webhooks
 * with the account's signing secret, `Idempotency-Key` = our reference, and expects
 * `2xx {"providerRef": "…", "url": "https://…", "expiresAt": "<ISO time>"}`.
 */
export class HttpPaymentProvider implements PaymentProvider {
  constructor(private readonly options: { timeoutMs: number; safeFetch: SafeFetch }) {}

  async createLink(account: PaymentProviderAccount, request: PaymentLinkRequest): Promise<PaymentLink> {
    if (!account.endpoint) throw new PaymentProviderError('the payments provider has no endpoint configured');
    const text = await postSigned(this.options.safeFetch, account.endpoint, account.signingSecret, JSON.stringify({ ...request, expiresAt: request.expiresAt.toISOString() }), {
      idempotencyKey: request.reference,
      timeoutMs: this.options.timeoutMs,
      who: 'the payments provider',
      refused: 'refused',
      fail: (m) => new PaymentProviderError(m),
    });
    let answer: { providerRef?: unknown; url?: unknown; expiresAt?: unknown } = {};
    try {
      answer = JSON.parse(text);
    } catch {
      // checked below
    }
    const expiresAt = typeof answer.expiresAt === 'string' ? new Date(answer.expiresAt) : request.expiresAt;
    if (typeof answer.providerRef !== 'string' || !answer.providerRef || answer.providerRef.length > 200) {
      throw new PaymentProviderError('the payments provider answered without a providerRef');
    }
    if (typeof answer.url !== 'string' || !/^https:\/\//i.test(answer.url) || answer.url.length > 2_000) {
      throw new PaymentProviderError('the payments provider answered without an https url');
    }
    if (Number.isNaN(expiresAt.getTime())) throw new PaymentProviderError('the payments provider answered with an invalid expiresAt');
    return { providerRef: answer.providerRef, url: answer.url, expiresAt: expiresAt < request.expiresAt ? expiresAt : request.expiresAt };
  }
}

/** Payment providers by name (`PaymentAccount.provider`). */
export class PaymentProviderRegistry {
  private readonly providers = new Map<string, PaymentProvider>();

  register(name: string, provider: PaymentProvider): this {
    this.providers.set(name, provider);
    return this;
  }

  get(name: string): PaymentProvider {
    const provider = this.providers.get(name);
    if (!provider) throw new PaymentProviderError(`no payments provider named "${name}" is installed`);
    return provider;
  }
}
