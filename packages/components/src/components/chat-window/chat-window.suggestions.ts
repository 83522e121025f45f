/**
 * @license MIT
 * Suggested replies above the composer: while the conversation's newest message is the
 * customer's, up to three replies the server ranked (canned replies, past answers, the
 * tenant's LLM if it has one), each marked with where it came from. Choosing one inserts
 * it into the composer, still editable; a new customer message brings new suggestions.
 * Loaded once there is a customer message to answer.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { DeskClient, RouterOutputs } from '@deskkit/client';
import { addStyles } from '../../internal/adopt-styles.js';
import type { LocalizeController } from '../../utilities/localize.js';
import type { WindowTerms } from '../../translations/en/chat-window.js';
import type { WindowDialogTerms } from '../../translations/en/chat-window-dialogs.js';

export type ReplySuggestion = RouterOutputs['suggestions']['forConversation']['suggestions'][number];

/** The customer message to answer. */
export interface SuggestionTarget {
  conversationId: string;
  seq: number;
}

export interface ReplySuggestionsOptions {
  client(): DeskClient | undefined;
  /** What to suggest replies to now, or `null` (nothing to answer, or the agent cannot reply). */
  target(): SuggestionTarget | null;
  localize: LocalizeController<keyof WindowTerms | keyof WindowDialogTerms>;
  /** Puts the chosen text into the composer. */
  insert(text: string): void;
}

const keyOf = (target: SuggestionTarget | null) => (target ? `${target.conversationId}:${target.seq}` : '');

export class ReplySuggestions implements ReactiveController {
  private key = '';
  private items: ReplySuggestion[] = [];
  /** The suggestions shown are for this target (loaded, not dismissed or used). */
  private shownFor = '';
  private abort?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: ReplySuggestionsOptions,
  ) {
    host.addController(this);
    addStyles(host, [suggestionStyles]);
  }

  /** The suggestions on show (empty when hidden). */
  get shown(): readonly ReplySuggestion[] {
    return this.shownFor && this.shownFor === this.key ? this.items : [];
  }

  hostDisconnected(): void {
    this.abort?.abort();
    this.key = '';
    this.shownFor = '';
  }

  /** Before each render: a new customer message (or conversation) asks again. */
  hostUpdate(): void {
    const target = this.options.target();
    const key = keyOf(target);
    if (key === this.key) return;
    this.key = key;
    this.abort?.abort();
    this.abort = undefined;
    if (target) void this.load(target, key);
  }

  private async load(target: SuggestionTarget, key: string): Promise<void> {
    const client = this.options.client();
    if (!client) return;
    const abort = (this.abort = new AbortController());
    const ask = (llm: boolean) => client.suggestions.forConversation.query({ conversationId: target.conversationId, llm }, { signal: abort.signal });
    const stale = () => abort.signal.aborted || key !== this.key;
    try {
      // The local ranking answers at once; the tenant's LLM, if on, a moment later.
      const local = await ask(false);
      if (stale()) return;
      this.show(local.suggestions, key);
      if (!local.llm) return;
      const withLlm = await ask(true);
      // Used or dismissed meanwhile: it stays out of the way.
      if (stale() || (this.items.length && this.shownFor !== key)) return;
      this.show(withLlm.suggestions, key);
    } catch {
      // Suggestions are a help, never in the way: on failure there are none (or the local ones stay).
      if (key === this.key && !this.items.length) this.shownFor = '';
      this.host.requestUpdate();
    }
  }

  private show(items: ReplySuggestion[], key: string): void {
    this.items = items;
    this.shownFor = items.length ? key : '';
    this.host.requestUpdate();
  }

  private hide(): void {
    this.shownFor = '';
    this.host.requestUpdate();
  }

  private readonly handleDismiss = () => this.hide();

  private choose(suggestion: ReplySuggestion): void {
    this.hide();
    this.options.insert(suggestion.text);
  }

  /** Arrow keys move between chips; Escape dismisses. */
  private readonly handleKeydown = (event: KeyboardEvent) => {
    const buttons = [...(event.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>('button')];
    const index = buttons.indexOf(event.target as HTMLButtonElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      this.hide();
      return;
    }
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (!step || index < 0) return;
    event.preventDefault();
    buttons[(index + step + buttons.length) % buttons.length]!.focus();
  };

  render() {
    const items = this.shown;
    if (!items.length) return nothing;
    const t = this.options.localize;
    return html`
      <div part="reply-suggestions" class="reply-suggestions" role="group" aria-label=${t.term('windowSuggestions')} @keydown=${this.handleKeydown}>
        <span class="reply-suggestions-label" aria-hidden="true">${t.term('windowSuggestions')}</span>
        ${items.map((item) => {
          const source = t.term('windowSuggestionSource', item.source);
          return html`
            <button
              type="button"
              part="reply-suggestion"
              data-source=${item.source}
              data-id=${item.id}
              title=${item.text}
              aria-label=${t.term('windowSuggestionInsert', source, item.text)}
              @click=${() => this.choose(item)}
            >
              <span part="reply-suggestion-source" class="source">${source}</span>
              <span class="text">${item.text}</span>
            </button>
          `;
        })}
        <button type="button" part="reply-suggestions-dismiss" class="dismiss" aria-label=${t.term('windowSuggestionsDismiss')} @click=${this.handleDismiss}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
    `;
  }
}

export const suggestionStyles = css`
  .reply-suggestions {
    position: relative;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.375rem;
    padding: 0.375rem 2.25rem 0 0.75rem;
  }
  .reply-suggestions-label {
    color: var(--muted-color);
    font-size: 0.8125rem;
  }
  .reply-suggestions [part~='reply-suggestion'] {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    max-width: min(22rem, 100%);
    padding: 0.25rem 0.625rem;
    border: 1px solid var(--border-color);
    border-radius: 999px;
    background: var(--surface-color);
    color: inherit;
    font: inherit;
    font-size: 0.875rem;
    cursor: pointer;
  }
  .reply-suggestions [part~='reply-suggestion']:hover {
    border-color: var(--accent-color);
  }
  .reply-suggestions button:focus-visible {
    outline: var(--desk-focus-ring, 2px solid var(--accent-color));
    outline-offset: 2px;
  }
  .reply-suggestions .source {
    flex: none;
    color: var(--muted-color);
    font-size: 0.75rem;
    text-transform: uppercase;
    letter-spacing: 0.03em;
  }
  .reply-suggestions .text {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  /* Top right of the strip, however the chips wrap (never a line of its own). */
  .reply-suggestions .dismiss {
    position: absolute;
    top: 0.375rem;
    right: 0.25rem;
    border: none;
    background: none;
    color: var(--muted-color);
    font: inherit;
    cursor: pointer;
    padding: 0.25rem 0.5rem;
  }
`;
