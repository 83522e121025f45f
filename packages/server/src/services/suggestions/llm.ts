import type { Logger } from '../../logger.js';
import { BodyTooLargeError, readCapped } from '../capped-body.js';
import type { SafeFetch } from '../safe-fetch.js';

/** Where and how to ask: the tenant's stored provider settings. */
export interface LlmProvider {
  baseUrl: string;
  model: string;
  apiKey: string | null;
}

export interface LlmContext {
  /** The conversation's latest text messages, oldest first. */
  messages: Array<{ author: 'customer' | 'agent'; text: string }>;
  /** The best local suggestions, as reference answers. */
  references: string[];
}

export interface LlmOptions {
  timeoutMs: number;
  /** Longest reply kept (characters). */
  maxChars: number;
}

const SYSTEM_PROMPT = [
  'You help a customer-support agent answer a live chat.',
  "Write one short, friendly reply the agent could send to the customer's latest message.",
  'Use the reference answers when they fit; do not invent order numbers, prices or promises.',
  'Reply with the message text only, in the language the customer writes in.',
].join(' ');
const MAX_RESPONSE_BYTES = 256 * 1024;

/**
 * One suggestion from an OpenAI-compatible chat-completions API
 * (`POST {baseUrl}/chat/completions`). Any failure — timeout, HTTP error, a body
 * that is not a completion — is logged and gives `null`, so callers fall back to
 * local suggestions. The API key is sent only to `baseUrl` (reached as
 * `safeFetch.endpoint`) and never logged.
 */
export class LlmSuggester {
  private readonly options: LlmOptions;

  constructor(
    private readonly log: Logger,
    private readonly safeFetch: SafeFetch,
    options: Partial<LlmOptions> = {},
  ) {
    this.options = { timeoutMs: 4_000, maxChars: 2_000, ...options };
  }

  /** Why requests to a provider at `baseUrl` would be refused, or null (see `SafeFetch.endpointRefusal`). */
  endpointRefusal(baseUrl: string): Promise<string | null> {
    return this.safeFetch.endpointRefusal(`${baseUrl}/chat/completions`);
  }

  async suggest(tenantId: string, provider: LlmProvider, context: LlmContext): Promise<string | null> {
    const started = Date.now();
    try {
      const response = await this.safeFetch.endpoint(`${provider.baseUrl}/chat/completions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(provider.apiKey ? { authorization: `Bearer ${provider.apiKey}` } : {}),
        },
        body: JSON.stringify({
          model: provider.model,
          temperature: 0.2,
          max_tokens: 300,
          n: 1,
          messages: [
            { role: 'system', content: SYSTEM_PROMPT },
            { role: 'user', content: prompt(context) },
          ],
        }),
        // A redirect could carry the key elsewhere.
        redirect: 'error',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw new Error(`HTTP ${response.status}`);
      }
      // Read no further than the cap: a huge (or endless) answer is cut off, not buffered.
      const raw = await readCapped(response, MAX_RESPONSE_BYTES).catch((err) => {
        throw err instanceof BodyTooLargeError ? new Error('response too large') : err;
      });
      const content = JSON.parse(raw)?.choices?.[0]?.message?.content;
      if (typeof content !== 'string' || !content.trim()) throw new Error('no completion in the response');
      return content.trim().slice(0, this.options.maxChars);
    } catch (err) {
      const reason = err instanceof Error ? (err.name === 'TimeoutError' ? `timed out after ${this.options.timeoutMs} ms` : err.message) : String(err);
      this.log.warn({ tenantId, baseUrl: provider.baseUrl, model: provider.model, ms: Date.now() - started, reason }, 'LLM suggestion failed; local suggestions only');
      return null;
    }
  }
}

function prompt({ messages, references }: LlmContext): string {
  const lines = ['Conversation so far:', ...messages.map((m) => `${m.author === 'customer' ? 'Customer' : 'Agent'}: ${m.text}`)];
  if (references.length) lines.push('', 'Reference answers from this help desk:', ...references.map((text, i) => `${i + 1}. ${text}`));
  return lines.join('\n');
}
