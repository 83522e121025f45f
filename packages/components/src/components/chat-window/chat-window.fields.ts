/**
 * @license MIT
 * The chat window's tags: chips and the input that adds one (a ticket's fields are in
 * `chat-window.ticket-fields.ts`, loaded with the first ticket).
 */
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import type { LocalizeController } from '../../utilities/localize.js';
import type { WindowTerms } from '../../translations/en/chat-window.js';

export interface TagsOptions {
  tags: readonly string[];
  /** May the agent change them. */
  editable: boolean;
  draft: string;
  /** The tenant's suggested tags (settings), offered as the input's options. */
  suggestions: readonly string[];
  localize: LocalizeController<keyof WindowTerms>;
  /** The input got focus: a chance to fetch fresh suggestions. */
  onFocus(): void;
  onDraft(value: string): void;
  onAdd(tag: string): void;
  onRemove(tag: string): void;
}

/** Tags as chips with remove buttons, and an input that adds one on Enter (the tenant's suggested tags as its options). */
export function renderTags(o: TagsOptions) {
  const handleKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.isComposing) return;
    event.preventDefault();
    const tag = (event.target as HTMLInputElement).value.trim();
    if (tag) o.onAdd(tag);
  };
  return html`
    <div part="tags" role="group" aria-label=${o.localize.term('windowTags')}>
      <ul class="chips">
        ${repeat(
          o.tags,
          (tag) => tag,
          (tag) => html`
            <li part="tag" data-tag=${tag}>
              <span>${tag}</span>
              ${o.editable
                ? html`<button type="button" class="remove" aria-label=${o.localize.term('windowRemoveTag', tag)} @click=${() => o.onRemove(tag)}>
                    <span aria-hidden="true">×</span>
                  </button>`
                : nothing}
            </li>
          `,
        )}
      </ul>
      ${o.editable
        ? html`<input
            class="tag-input"
            type="text"
            maxlength="40"
            autocomplete="off"
            aria-label=${o.localize.term('windowAddTag')}
            placeholder=${o.localize.term('windowAddTag')}
            list="tag-suggestions"
            .value=${live(o.draft)}
            @focus=${o.onFocus}
            @input=${(event: Event) => o.onDraft((event.target as HTMLInputElement).value)}
            @keydown=${handleKeydown}
          />
          <datalist id="tag-suggestions" part="tag-suggestions">
            ${o.suggestions.filter((tag) => !o.tags.includes(tag)).map((tag) => html`<option value=${tag}></option>`)}
          </datalist>`
        : nothing}
    </div>
  `;
}
