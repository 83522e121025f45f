import { providerStatusAnswerSchema, type PhoneChannel, type ProviderStatusAnswer } from '../../schemas/channels.js';
import type { SafeFetch } from '../safe-fetch.js';
import { postSigned } from './signing.js';

/** A file the provider fetches itself and sends as WhatsApp media or MMS. */
export interface ProviderMedia {
  /** A signed, expiring link to the file on the desk (GET, no credentials needed). */
  url: string;
  expiresAt: string;
  /** Sniffed from the bytes when it was uploaded. */
  contentType: string;
  filename: string;
  size: number;
  category: 'image' | 'audio' | 'video' | 'document';
  /** A recorded voice note (WhatsApp sends it as push-to-talk audio). */
  voice: boolean;
}

/** A message handed to a provider. `body` is the text a plain phone shows (a file's caption; empty for a voice note). */
export interface ProviderMessage {
  type: 'message';
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
  /** Files the provider fetches from the desk and sends along (WhatsApp media, MMS). */
  media?: ProviderMedia[];
  /** Our message id: also the idempotency key of the send. */
  reference: string;
}

/** What a provider account is: where to send and what to sign with. */
export interface ProviderAccount {
  endpoint: string;
  signingSecret: string;
}

/** Where one of our messages is, as the provider sees it; `unknown` when it has no such message (yet). */
export type ProviderStatus = ProviderStatusAnswer;

/**
 * Sends SMS/WhatsApp messages and tells where they are. Receipts normally come by
 * webhook; `status` is asked when they do not come. Both throw `ProviderError` with a
 * message fit to show agents.
 */
export interface ChannelProvider {
  send(account: ProviderAccount, message: ProviderMessage): Promise<{ providerMessageId: string }>;
  status(account: ProviderAccount, query: { channel: PhoneChannel; providerMessageId: string }): Promise<ProviderStatus>;
}

export class ProviderError extends Error {}

/**
 * The built-in provider: POSTs the message as JSON to the account's endpoint, signed
 * like webhooks (`X-Deskkit-Timestamp`, `X-Deskkit-Signature`) with the account's
 * signing secret, and expects `2xx {"providerMessageId": "…"}` back. `Idempotency-Key`
 * carries our message id, so a send repeated after a crash can be recognised.
 * A status question is a signed POST to the same endpoint, `{"type": "status", channel,
 * providerMessageId}`, answered with `{"status": "delivered", "error"?: "…"}`.
 */
export class HttpProvider implements ChannelProvider {
  constructor(private readonly options: { timeoutMs: number; safeFetch: SafeFetch }) {}

  async send(account: ProviderAccount, message: ProviderMessage): Promise<{ providerMessageId: string }> {
    const text = await postSigned(this.options.safeFetch, account.endpoint, account.signingSecret, JSON.stringify(message), {
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

  async status(account: ProviderAccount, query: { channel: PhoneChannel; providerMessageId: string }): Promise<ProviderStatus> {
    const body = JSON.stringify({ type: 'status', channel: query.channel, providerMessageId: query.providerMessageId });
    const text = await postSigned(this.options.safeFetch, account.endpoint, account.signingSecret, body, {
      idempotencyKey: `status-${query.providerMessageId}`,
      timeoutMs: this.options.timeoutMs,
      who: 'the provider',
      refused: 'refused the status question',
      fail: (m) => new ProviderError(m),
    });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    const answer = providerStatusAnswerSchema.safeParse(json);
    if (!answer.success) throw new ProviderError('the provider answered the status question without a known status');
    return answer.data;
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
