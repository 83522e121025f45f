/**
 * @license MIT
 * "More actions": in a window too narrow for every action on one line the header keeps the
 * main ones (Accept, Transfer, Close, Reopen) and this menu offers the others. Its items stand for the header's hidden
 * controls (a button, or the options of a select such as the transcript's format), so each
 * action keeps one implementation. A menu button as in the WAI-ARIA practices: arrow keys,
 * Home and End move, Escape or Tab closes and focus goes back to the button, as does a click
 * elsewhere (without moving focus). Loaded on first use.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { addStyles } from '../../internal/adopt-styles.js';

type Host = ReactiveControllerHost & HTMLElement;

/** One hidden button, or the options of one hidden select. */
type Entry = { button: HTMLButtonElement } | { select: HTMLSelectElement };

export interface ActionsMenuOptions {
  /** The menu's accessible name. */
  label(): string;
}

const styles = css`
  [part='more-menu'] {
    position: absolute;
    z-index: 3;
    top: calc(100% + 0.25rem);
    right: 0;
    display: grid;
    min-width: 12rem;
    padding: 0.25rem 0;
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
    background: var(--surface-color);
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.15);
  }
  [part~='more-item'] {
    padding: 0.375rem 0.75rem;
    border: 0;
    border-radius: 0;
    background: none;
    text-align: start;
    white-space: nowrap;
  }
  [part~='more-item']:hover,
  [part~='more-item']:focus-visible {
    background: var(--customer-bubble-color);
  }
  [part~='more-item'][role='menuitemradio']::before {
    content: '';
    display: inline-block;
    width: 1.25rem;
  }
  [part~='more-item'][aria-checked='true']::before {
    content: '✓';
  }
  [part='more-menu'] [role='group'] {
    display: grid;
    border-top: 1px solid var(--border-color);
    border-bottom: 1px solid var(--border-color);
  }
`;

export class ActionsMenu implements ReactiveController {
  /** The menu is showing. */
  open = false;
  private entries: Entry[] = [];

  constructor(
    private readonly host: Host,
    private readonly options: ActionsMenuOptions,
  ) {
    host.addController(this);
    addStyles(host, [styles]);
  }

  hostDisconnected(): void {
    this.close(false);
  }

  /** Opens the menu with focus on its first item (`-1`: on its last). */
  show(focus = 0): void {
    this.entries = this.hiddenControls();
    if (!this.open) document.addEventListener('pointerdown', this.handleOutside, true);
    this.open = true;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      const items = this.items();
      items.at(focus < 0 ? -1 : Math.min(focus, items.length - 1))?.focus();
    });
  }

  /** A click on the menu button toggles the menu; ArrowDown or ArrowUp opens it on its first or last item. */
  handleButton(event: Event): void {
    if (event.type === 'click') {
      if (this.open) this.close(true);
      else this.show();
      return;
    }
    const { key } = event as KeyboardEvent;
    if (key !== 'ArrowDown' && key !== 'ArrowUp') return;
    event.preventDefault();
    this.show(key === 'ArrowUp' ? -1 : 0);
  }

  /** Closes the menu; with `refocus`, focus goes back to the menu button. */
  close(refocus: boolean): void {
    if (!this.open) return;
    this.open = false;
    document.removeEventListener('pointerdown', this.handleOutside, true);
    this.host.requestUpdate();
    if (refocus) this.host.shadowRoot?.querySelector<HTMLElement>('[part~=more-button]')?.focus();
  }

  /** The header's controls the narrow layout hides (the main actions and the menu button stay). */
  private hiddenControls(): Entry[] {
    const row = this.host.shadowRoot?.querySelector('[part~=actions]');
    const entries: Entry[] = [];
    for (const child of row?.children ?? []) {
      if (!(child instanceof HTMLElement) || child.hidden || child.classList.contains('more') || child.checkVisibility()) continue;
      for (const control of [child, ...child.querySelectorAll('button, select')]) {
        if (control instanceof HTMLButtonElement) entries.push({ button: control });
        else if (control instanceof HTMLSelectElement) entries.push({ select: control });
      }
    }
    return entries;
  }

  private items(): HTMLElement[] {
    return [...(this.host.shadowRoot?.querySelectorAll<HTMLElement>('[part~=more-item]') ?? [])];
  }

  private readonly handleOutside = (event: Event) => {
    const wrap = this.host.shadowRoot?.querySelector('.more');
    if (wrap && !event.composedPath().includes(wrap)) this.close(false);
  };

  private readonly handleKeydown = (event: KeyboardEvent) => {
    const items = this.items();
    const at = items.indexOf(this.host.shadowRoot?.activeElement as HTMLElement);
    const move = (index: number) => items.at(index % items.length)?.focus();
    switch (event.key) {
      case 'ArrowDown':
        move(at + 1);
        break;
      case 'ArrowUp':
        move(at - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(-1);
        break;
      case 'Escape':
      case 'Tab':
        this.close(true);
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  /** Runs the hidden button's action, with focus back on the menu button (a dialog it opens returns focus there). */
  private activate(button: HTMLButtonElement): void {
    if (button.getAttribute('aria-disabled') === 'true' || button.disabled || !button.isConnected) return;
    this.close(true);
    button.click();
  }

  /** Picks an option of the hidden select (the menu stays open: the action that uses it is an item too). */
  private choose(select: HTMLSelectElement, value: string): void {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    this.host.requestUpdate();
  }

  render() {
    if (!this.open) return nothing;
    return html`
      <div id="more-menu" part="more-menu" role="menu" aria-label=${this.options.label()} @keydown=${this.handleKeydown}>
        ${this.entries.map((entry) => ('button' in entry ? this.renderAction(entry.button) : this.renderChoices(entry.select)))}
      </div>
    `;
  }

  private renderAction(button: HTMLButtonElement) {
    const disabled = button.disabled || button.getAttribute('aria-disabled') === 'true';
    return html`<button
      type="button"
      part="more-item"
      role="menuitem"
      tabindex="-1"
      data-action=${button.dataset.action ?? nothing}
      aria-disabled=${disabled ? 'true' : 'false'}
      aria-describedby=${button.getAttribute('aria-describedby') ?? nothing}
      title=${button.title || nothing}
      @click=${() => this.activate(button)}
    >
      ${button.textContent?.trim()}
    </button>`;
  }

  private renderChoices(select: HTMLSelectElement) {
    return html`<div role="group" aria-label=${select.getAttribute('aria-label') ?? nothing}>
      ${[...select.options].map(
        (option) => html`<button
          type="button"
          part="more-item"
          role="menuitemradio"
          tabindex="-1"
          data-value=${option.value}
          aria-checked=${select.value === option.value ? 'true' : 'false'}
          @click=${() => this.choose(select, option.value)}
        >
          ${select.getAttribute('aria-label')}: ${option.text}
        </button>`,
      )}
    </div>`;
  }
}
