/**
 * @license MIT
 * Which kinds of entries the timeline shows: messages, attachments, assignments and
 * transfers, tags, status changes. A disclosure button opens a group of checkboxes;
 * Escape or a click elsewhere closes it and focus goes back to the button.
 */
import { html, nothing, type ComplexAttributeConverter, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { live } from 'lit/directives/live.js';
import type { MessageView } from '@deskkit/client';
import type { LocalizeController } from '../../utilities/localize.js';
import type { WindowTerms } from '../../translations/en/chat-window.js';

export const entryCategories = ['messages', 'attachments', 'assignments', 'tags', 'status'] as const;
export type EntryCategory = (typeof entryCategories)[number];

/** The filter category of a timeline entry. */
export function categoryOf(message: MessageView): EntryCategory {
  if (message.kind === 'attachment') return 'attachments';
  const event = message.event;
  if (!event) return 'messages';
  switch (event.type) {
    case 'assigned':
    case 'transferred':
      return 'assignments';
    case 'tagged':
      return 'tags';
    case 'media-failed':
      return 'attachments';
    case 'updated':
      return event.field === 'assignee' ? 'assignments' : 'status';
    default:
      // created, closed, reopened, converted
      return 'status';
  }
}

/** `hidden-entries="tags status"` ⇄ `['tags', 'status']`; unknown words are dropped. */
export const categoriesConverter: ComplexAttributeConverter<EntryCategory[]> = {
  fromAttribute: (value) => normalize((value ?? '').split(/[\s,]+/)),
  toAttribute: (value) => (value.length ? value.join(' ') : null),
};

/** Known categories, each once, in the menu's order. */
export const normalize = (values: readonly string[]): EntryCategory[] => entryCategories.filter((c) => values.includes(c));

export interface TimelineFilterOptions {
  localize: LocalizeController<keyof WindowTerms>;
  /** The categories hidden now. */
  hidden(): readonly EntryCategory[];
  /** The agent changed them. */
  change(hidden: EntryCategory[]): void;
}

type Host = ReactiveControllerHost & HTMLElement;

export class TimelineFilter implements ReactiveController {
  private open = false;

  constructor(
    private readonly host: Host,
    private readonly options: TimelineFilterOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.setOpen(false);
  }

  /** Whether an entry passes the filter. */
  readonly shows = (message: MessageView): boolean => !this.options.hidden().includes(categoryOf(message));

  private setOpen(open: boolean): void {
    if (open === this.open) return;
    this.open = open;
    if (open) document.addEventListener('pointerdown', this.handleOutside, true);
    else document.removeEventListener('pointerdown', this.handleOutside, true);
    this.host.requestUpdate();
  }

  private readonly handleOutside = (event: Event) => {
    const root = this.host.shadowRoot?.querySelector('[part~=filter]');
    if (root && !event.composedPath().includes(root)) this.setOpen(false);
  };

  private readonly handleToggle = () => {
    this.setOpen(!this.open);
    // Into the menu, on its first checkbox.
    if (this.open) void this.host.updateComplete.then(() => this.host.shadowRoot?.querySelector<HTMLElement>('#filter-menu input')?.focus());
  };

  private readonly handleKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !this.open) return;
    event.preventDefault();
    event.stopPropagation();
    this.setOpen(false);
    this.host.shadowRoot?.querySelector<HTMLElement>('[part~=filter-button]')?.focus();
  };

  private readonly handleChange = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const hidden = new Set(this.options.hidden());
    if (input.checked) hidden.delete(input.value as EntryCategory);
    else hidden.add(input.value as EntryCategory);
    this.options.change(normalize([...hidden]));
  };

  private readonly handleShowAll = () => this.options.change([]);

  render() {
    const { localize } = this.options;
    const hidden = this.options.hidden();
    return html`
      <div part="filter" @keydown=${this.handleKeydown}>
        <button
          type="button"
          part="filter-button"
          class=${hidden.length ? 'active' : ''}
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-controls="filter-menu"
          @click=${this.handleToggle}
        >
          ${localize.term('windowFilter', hidden.length)}
        </button>
        <fieldset id="filter-menu" part="filter-menu" ?hidden=${!this.open}>
          <legend>${localize.term('windowFilterLegend')}</legend>
          ${entryCategories.map(
            (category) => html`
              <label class="choice">
                <input type="checkbox" name="entries" .value=${category} .checked=${live(!hidden.includes(category))} @change=${this.handleChange} />
                <span>${localize.term('windowFilterCategory', category)}</span>
              </label>
            `,
          )}
          ${hidden.length ? html`<button type="button" class="show-all" @click=${this.handleShowAll}>${localize.term('windowFilterShowAll')}</button>` : nothing}
        </fieldset>
      </div>
    `;
  }
}
