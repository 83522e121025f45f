import type { PhoneChannel } from '../../schemas/channels.js';
import { postSigned } from './signing.js';

/** A message handed to a provider. `body` is always the text a plain phone shows. */
export interface ProviderMessage {
  channel: PhoneChannel;
  /** Our E.164 number. */
  from: string;
  /** The customer's E.164 number. */
  to: string;
  body?: string;
  /** A WhatsApp template: the provider sends it by name and language with these values. */
  template?: {
    name: string;
    language: string;
    variables: string[];
    /** Rendered header text. */
    header: string | null;
    buttons: Array<{ type: 'quick_reply' | 'url' | 'phone'; text: string; value: string | null }>;
  };
  /** Media the provider fetches itself (for providers with public file links; none yet). */
  media?: Array<{ url: string; contentType: string; name: string }>;
  /** Our message id: also the idempotency key of the send. */
  reference: string;
}

/** What a provider account is: where to send and what to sign with. */
export interface ProviderAccount {
  endpoint: string;
  signingSecret: string;
}

/** Sends SMS/WhatsApp messages. Throws `ProviderError` with a message fit to show agents. */
export interface ChannelProvider {
  send(account: ProviderAccount, message: ProviderMessage): Promise<{ providerMessageId: string }>;
}

export class ProviderError extends Error {}

/**
 * The built-in provider: POSTs the message as JSON to the account's endpoint, signed
 * like webhooks (`X-Deskkit-Timestamp`, `X-Deskkit-Signature`) with the account's
 * signing secret, and expects `2xx {"providerMessageId": "…"}` back. `Idempotency-Key`
 * carries our message id, so a send repeated after a crash can be recognised.
 */
export class HttpProvider implements ChannelProvider {
  constructor(private readonly options: { timeoutMs: number }) {}

  async send(account: ProviderAccount, message: ProviderMessage): Promise<{ providerMessageId: string }> {
    const text = await postSigned(account.endpoint, account.signingSecret, JSON.stringify(message), {
      idempotencyKey: message.reference,
      timeoutMs: this.options.timeoutMs,
      who: 'the provider',
      refused: 'refused the message',
      fail: (m) => new ProviderError(m),
    });
    let id: unknown;
    try {
      id = (JSON.parse(text) as { providerMessageId?: unknown }).providerMessageId;
    } catch {
      id = undefined;
    }
    if (typeof id !== 'string' || !id || id.length > 200) throw new ProviderError('the provider answered without a providerMessageId');
    return { providerMessageId: id };
  }
}

/** Providers by name (`ChannelAccount.provider`); register Twilio-like ones beside `http`. */
export class ProviderRegistry {
  private readonly providers = new Map<string, ChannelProvider>();

  register(name: string, provider: ChannelProvider): this {
    this.providers.set(name, provider);
    return this;
  }

  get(name: string): ChannelProvider {
    const provider = this.providers.get(name);
    if (!provider) throw new ProviderError(`no provider named "${name}" is installed`);
    return provider;
  }
}
