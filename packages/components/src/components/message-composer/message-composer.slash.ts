/**
 * @license MIT
 * Slash commands: `/word` at the start of the text suggests entries (e.g. canned
 * replies) from a source the host provides. Loaded when the host has a source (in idle
 * time after the composer shows, or with the first `/`), with the list's styles.
 */
import { css, html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { addStyles } from '../../internal/adopt-styles.js';

/** One suggestion for `/word`. */
export interface SlashCommand {
  id: string;
  /** What follows the slash (`refund`). */
  shortcut: string;
  title: string;
  /** A line of what inserting it gives. */
  preview: string;
}

/** Suggestions for the word after the slash (`''` right after typing `/`); abort when `signal` fires. */
export type SlashCommandSource = (query: string, signal: AbortSignal) => Promise<SlashCommand[]>;

/** The text a chosen suggestion inserts. */
export type SlashCommandResolver = (id: string) => Promise<string>;

/** `/word` at the very start, with the caret still in it. */
const SLASH = /^\/(\S*)$/;

/** The slash word of `value` with the caret at `caret`, and where it ends; `null` when there is none. */
export function slashQuery(value: string, caret: number): { query: string; end: number } | null {
  const match = SLASH.exec(value.slice(0, caret));
  if (!match) return null;
  const rest = value.slice(caret);
  const tail = /^\S*/.exec(rest)![0];
  return { query: match[1]! + tail, end: caret + tail.length };
}

export interface SlashSuggestionsOptions {
  source(): SlashCommandSource | undefined;
  /** Wait this long after a keystroke before asking. */
  debounceMs?: number;
}

/**
 * Follows the text: when it starts with `/word`, asks the source (debounced, the previous
 * request aborted) and holds the suggestions and the active one. Escape dismisses them
 * until the word changes.
 */
export class SlashSuggestions implements ReactiveController {
  items: SlashCommand[] = [];
  activeIndex = -1;
  /** The word being completed, and where it ends in the text. */
  target: { query: string; end: number } | null = null;

  private dismissed: string | null = null;
  private timer?: ReturnType<typeof setTimeout>;
  private request?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: SlashSuggestionsOptions,
  ) {
    host.addController(this);
    addStyles(host, [slashStyles]);
  }

  get open(): boolean {
    return this.target !== null && this.items.length > 0;
  }

  get active(): SlashCommand | undefined {
    return this.items[this.activeIndex];
  }

  /** The text or the caret changed. */
  update(value: string, caret: number): void {
    const source = this.options.source();
    const target = source ? slashQuery(value, caret) : null;
    if (target?.query === this.target?.query && target?.end === this.target?.end) return;
    if (!target || target.query !== this.dismissed) this.dismissed = null;
    if (!target || this.dismissed !== null) {
      this.close();
      return;
    }
    const sameQuery = target.query === this.target?.query;
    this.target = target;
    if (sameQuery) return;
    clearTimeout(this.timer);
    this.request?.abort();
    const request = (this.request = new AbortController());
    this.timer = setTimeout(async () => {
      try {
        const items = await source!(target.query, request.signal);
        if (request.signal.aborted) return;
        this.items = items;
        this.activeIndex = items.length ? 0 : -1;
      } catch {
        if (request.signal.aborted) return;
        this.items = [];
        this.activeIndex = -1;
      }
      this.host.requestUpdate();
    }, this.options.debounceMs ?? 120);
  }

  /** Moves the active suggestion (wrapping around). */
  move(delta: number): void {
    if (!this.items.length) return;
    this.activeIndex = (this.activeIndex + delta + this.items.length) % this.items.length;
    this.host.requestUpdate();
  }

  select(index: number): void {
    if (index < 0 || index >= this.items.length) return;
    this.activeIndex = index;
    this.host.requestUpdate();
  }

  /** Escape: hide until the word changes. */
  dismiss(): void {
    this.dismissed = this.target?.query ?? null;
    this.close();
  }

  close(): void {
    clearTimeout(this.timer);
    this.request?.abort();
    this.request = undefined;
    const wasOpen = this.open;
    this.target = null;
    this.items = [];
    this.activeIndex = -1;
    if (wasOpen) this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.close();
  }

  /** The list (`role="listbox"`, its options `suggestion-<index>`), above the text box. */
  render(label: string, choose: (index: number) => void) {
    return html`
      <ul id="suggestions" part="suggestions" role="listbox" aria-label=${label}>
        ${this.items.map(
          (item, index) => html`
            <li
              id="suggestion-${index}"
              part="suggestion"
              role="option"
              aria-selected=${index === this.activeIndex ? 'true' : 'false'}
              data-id=${item.id}
              @mousedown=${(event: MouseEvent) => event.preventDefault()}
              @mousemove=${() => index !== this.activeIndex && this.select(index)}
              @click=${() => choose(index)}
            >
              <span class="shortcut">/${item.shortcut}</span>
              <span class="title">${item.title}</span>
              <span class="preview">${item.preview}</span>
            </li>
          `,
        )}
      </ul>
    `;
  }
}

const slashStyles = css`
  [part='suggestions'] {
    position: absolute;
    z-index: 2;
    bottom: calc(100% + 0.25rem);
    left: 0;
    right: 0;
    max-height: 14rem;
    overflow-y: auto;
    margin: 0;
    padding: 0.25rem;
    list-style: none;
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
    background: var(--surface-color);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.15);
  }
  [part='suggestion'] {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0 0.5rem;
    padding: 0.3rem 0.5rem;
    border-radius: calc(var(--radius) / 1.5);
    cursor: pointer;
  }
  [part='suggestion'][aria-selected='true'] {
    background: var(--desk-color-selected, #edf2ff);
  }
  .shortcut {
    font-weight: 600;
  }
  .title {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .preview {
    grid-column: 1 / -1;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    color: var(--muted-color);
    font-size: 0.75rem;
  }

`;
