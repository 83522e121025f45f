/**
 * @license MIT
 * The customer's side of verification: when the agent has sent a one-time code (a
 * `verification-requested` event not yet followed by `verified`), a prompt with a code
 * input above the composer. With the host portal's identity token the element verifies
 * silently with it instead of asking.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { live } from 'lit/directives/live.js';
import type { DeskClient, VisitorConversationView, VisitorMessageView } from '@deskkit/client';
import type { LocalizeController } from '../../utilities/localize.js';
import type { ChatTerms } from '../../translations/en/customer-chat.js';
import { errorText, fieldErrors } from '../../internal/errors.js';
import type { ChatTimeline } from './customer-chat.timeline.js';

export interface VerifyPromptOptions {
  api(): DeskClient;
  timeline(): ChatTimeline | undefined;
  identityToken(): string | null;
  localize: LocalizeController<keyof ChatTerms>;
  /** The server's newer view of the conversation. */
  applied(view: VisitorConversationView): void;
}

type Requested = VisitorMessageView & { event: { type: 'verification-requested'; to: string; expiresAt: string } };

/** The open request: the latest `verification-requested` with no `verified` after it, while valid. */
export function openRequest(messages: readonly VisitorMessageView[], now = Date.now()): Requested | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const event = messages[i]!.event;
    if (event?.type === 'verified') return null;
    if (event?.type === 'verification-requested') return Date.parse(event.expiresAt) > now ? (messages[i] as Requested) : null;
  }
  return null;
}

export const verifyStyles = css`
  [part='verify'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin: 0;
    padding: 0.5rem 1rem;
    border-top: 1px solid var(--border-color);
    background: var(--agent-bubble-color);
  }
  [part='verify'] p {
    flex-basis: 100%;
    margin: 0;
  }
  [part='verify-input'] {
    width: 9ch;
    letter-spacing: 0.3em;
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
  }
  [part='verify-error'] {
    color: var(--danger-color);
  }
`;

export class VerifyPrompt implements ReactiveController {
  private code = '';
  private busy = false;
  private error = '';
  /** Requests (by seq) answered here: hidden until the `verified` event arrives. */
  private readonly done = new Set<string>();
  /** Requests the identity token was already tried for. */
  private readonly triedToken = new Set<string>();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: VerifyPromptOptions,
  ) {
    host.addController(this);
  }

  private get request(): Requested | null {
    const timeline = this.options.timeline();
    if (!timeline || timeline.closed) return null;
    const request = openRequest(timeline.stored());
    return request && !this.done.has(request.id) ? request : null;
  }

  /** With a portal token, answers a new request silently. */
  hostUpdated(): void {
    const request = this.request;
    const token = this.options.identityToken();
    if (!request || !token || this.busy || this.triedToken.has(request.id)) return;
    this.triedToken.add(request.id);
    // After this update has finished: `run` re-renders.
    queueMicrotask(() => void this.run(request, (api, conversationId) => api.webchat.identify.mutate({ conversationId, identityToken: token })));
  }

  private readonly handleSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const request = this.request;
    const code = this.code.trim();
    if (!request || !code || this.busy) return;
    void this.run(request, (api, conversationId) => api.webchat.verify.mutate({ conversationId, code }));
  };

  private async run(request: Requested, call: (api: DeskClient, conversationId: string) => Promise<VisitorConversationView>): Promise<void> {
    this.busy = true;
    this.error = '';
    this.host.requestUpdate();
    try {
      const view = await call(this.options.api(), request.conversationId);
      this.done.add(request.id);
      this.code = '';
      this.options.applied(view);
    } catch (err) {
      const fields = fieldErrors(err);
      this.error = fields.code ?? fields.identityToken ?? errorText(err);
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  render() {
    const request = this.request;
    if (!request) return nothing;
    const t = this.options.localize;
    return html`
      <form part="verify" @submit=${this.handleSubmit} aria-busy=${this.busy ? 'true' : 'false'}>
        <p id="verify-prompt">${t.term('chatVerifyPrompt', request.event.to)}</p>
        <input
          id="verify-code"
          part="verify-input"
          inputmode="numeric"
          autocomplete="one-time-code"
          maxlength="7"
          aria-label=${t.term('chatVerifyCodeLabel')}
          aria-describedby="verify-prompt"
          aria-invalid=${this.error ? 'true' : 'false'}
          .value=${live(this.code)}
          @input=${(e: Event) => {
            this.code = (e.target as HTMLInputElement).value;
            this.host.requestUpdate();
          }}
        />
        <button type="submit" part="verify-submit" ?disabled=${this.busy || !this.code.trim()}>
          ${this.busy ? t.term('chatVerifying') : t.term('chatVerifySubmit')}
        </button>
        ${this.error ? html`<p part="verify-error" role="alert">${this.error}</p>` : nothing}
      </form>
    `;
  }
}
