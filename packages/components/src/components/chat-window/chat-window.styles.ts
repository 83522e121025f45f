import { css } from 'lit';

export default css`
  :host {
    display: block;
    /* A sensible default; give the element the height of its slot in the page (e.g. height: 100%). */
    height: 36rem;
    --accent-color: var(--desk-color-accent, #3b5bdb);
    --border-color: var(--desk-color-border, #e4e7eb);
    --muted-color: var(--desk-color-muted, #616e7c);
    --surface-color: var(--desk-color-surface, #ffffff);
    --danger-color: var(--desk-color-danger, #b42318);
    --on-accent-color: var(--desk-color-on-accent, #ffffff);
    --customer-bubble-color: var(--desk-color-subtle, #f1f3f5);
    --agent-bubble-color: var(--accent-color);
    --agent-text-color: var(--on-accent-color);
    --notice-color: var(--desk-color-notice, #fff4e6);
    --radius: var(--desk-radius, 6px);
  }
  button {
    padding: 0.3rem 0.75rem;
  }
  button:disabled,
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.6;
  }
  /* Opens a part that is still loading. */
  button[aria-busy='true'] {
    cursor: progress;
  }
  :is(button, input, select, textarea, [part~='timeline']):focus-visible {
    outline: var(--desk-focus-ring, 2px solid var(--accent-color));
    outline-offset: 1px;
  }
  input,
  select,
  textarea {
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
    background: var(--surface-color);
    padding: 0.3rem 0.5rem;
  }
  [part='base'] {
    container: window / inline-size;
    display: flex;
    flex-direction: column;
    height: 100%;
    min-height: 0;
    background: var(--surface-color);
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
    overflow: hidden;
  }
  [part='header'] {
    flex: none;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    padding: 0.625rem 0.75rem;
    border-bottom: 1px solid var(--border-color);
  }
  .who {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-width: 0;
  }
  .customer {
    margin: 0;
    font-size: 1rem;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  [part~='badge'] {
    padding: 0 0.4rem;
    border-radius: 999px;
    background: var(--desk-color-available, #2f9e44);
    color: var(--on-accent-color);
    font-size: 0.75rem;
  }
  .facts {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.875rem;
    margin: 0;
    color: var(--muted-color);
    font-size: 0.8125rem;
  }
  .facts div {
    display: flex;
    gap: 0.25rem;
  }
  .facts dt::after {
    content: ':';
  }
  .facts dd {
    margin: 0;
    color: var(--desk-color-text, #1f2933);
  }
  [part='actions'] {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.375rem;
    margin-left: auto;
  }
  /*
   * Every action takes up to 66rem (more with a WhatsApp template): a narrower window keeps
   * the main actions on one line and "More actions" offers the others.
   */
  .more {
    display: none;
    position: relative;
  }
  @container window (width < 66rem) {
    [part='actions'] > :not(.primary, .main, .more) {
      display: none;
    }
    .more {
      display: block;
    }
  }
  [part~='notice'],
  [part~='error'] {
    flex: none;
    margin: 0;
    padding: 0.5rem 0.75rem;
  }
  [part~='notice'].removed {
    background: var(--notice-color);
    border-bottom: 1px solid var(--border-color);
  }
  [part~='error'] {
    color: var(--danger-color);
  }
  /* Tags, the timeline filter at the end of their row, a ticket's fields below. */
  .details {
    flex: none;
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: center;
    gap: 0.5rem;
    padding: 0.5rem 0.75rem;
    border-bottom: 1px solid var(--border-color);
  }
  [part='tags'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.375rem;
  }
  .chips {
    display: contents;
    list-style: none;
  }
  [part='tag'] {
    display: inline-flex;
    align-items: center;
    gap: 0.125rem;
    padding: 0.0625rem 0.125rem 0.0625rem 0.5rem;
    border-radius: 999px;
    background: var(--customer-bubble-color);
    font-size: 0.8125rem;
  }
  [part='tag'] .remove {
    padding: 0 0.375rem;
    border: 0;
    background: transparent;
    border-radius: 999px;
    line-height: 1.2;
  }
  [part='ticket-fields'],
  .ticket-fields-loading {
    grid-column: 1 / -1;
  }
  .tag-input {
    width: 8rem;
    padding: 0.125rem 0.5rem;
    font-size: 0.8125rem;
  }
  .timeline-wrap {
    position: relative;
    flex: 1;
    min-height: 0;
  }
  [part='timeline'] {
    height: 100%;
    overflow-y: auto;
    /* We keep the view steady ourselves when older history is prepended. */
    overflow-anchor: none;
    padding: 0.5rem 0.75rem;
    display: flex;
    flex-direction: column;
    gap: 0.375rem;
  }
  .older {
    position: absolute;
    z-index: 1;
    top: 0.5rem;
    left: 50%;
    transform: translateX(-50%);
    margin: 0;
    padding: 0.125rem 0.625rem;
    border-radius: 999px;
    background: var(--surface-color);
    box-shadow: 0 1px 3px rgb(0 0 0 / 0.15);
    color: var(--muted-color);
    font-size: 0.75rem;
  }
  [part='day'] {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    margin: 0.5rem 0 0.25rem;
    color: var(--muted-color);
    font-size: 0.75rem;
  }
  [part='day']::before,
  [part='day']::after {
    content: '';
    flex: 1;
    border-top: 1px solid var(--border-color);
  }
  [part~='message'] {
    max-width: min(80%, 36rem);
    padding: 0.375rem 0.625rem;
    border-radius: calc(var(--radius) * 2);
    overflow-wrap: anywhere;
  }
  [part~='message-customer'] {
    align-self: flex-start;
    background: var(--customer-bubble-color);
  }
  [part~='message-agent'] {
    align-self: flex-end;
    background: var(--agent-bubble-color);
    color: var(--agent-text-color);
  }
  [part~='message'][data-state='sending'] {
    opacity: 0.7;
  }
  [part~='message'][data-state='failed'] {
    outline: 2px solid var(--danger-color);
  }
  [part~='message'] .meta {
    display: flex;
    gap: 0.5rem;
    font-size: 0.75rem;
    opacity: 0.8;
  }
  [part='author'] {
    font-weight: 600;
  }
  [part='body'] {
    white-space: pre-wrap;
  }
  /* Cards and delivery lines whose code is still loading (a card's text shows meanwhile). */
  .card-loading:empty {
    min-height: 2.25rem;
    border-radius: var(--radius);
    background: color-mix(in srgb, currentColor 12%, transparent);
  }
  .delivery-loading {
    min-height: 1rem;
  }
  .delivery {
    display: flex;
    align-items: center;
    justify-content: flex-end;
    gap: 0.5rem;
    font-size: 0.75rem;
  }
  [part='retry'] {
    padding: 0 0.5rem;
    color: var(--desk-color-text, #1f2933);
  }
  [part='event'] {
    align-self: center;
    max-width: 90%;
    text-align: center;
    color: var(--muted-color);
    font-size: 0.8125rem;
  }
  [part='event'] time {
    margin-left: 0.375rem;
    font-size: 0.6875rem;
  }
  [part='seen'] {
    align-self: flex-end;
    margin-top: -0.25rem;
    color: var(--muted-color);
    font-size: 0.6875rem;
  }
  [part='new-messages'] {
    position: absolute;
    bottom: 0.5rem;
    left: 50%;
    transform: translateX(-50%);
    border-radius: 999px;
    border-color: var(--accent-color);
    background: var(--accent-color);
    color: var(--on-accent-color);
    box-shadow: 0 1px 4px rgb(0 0 0 / 0.2);
  }
  [part='typing'] {
    flex: none;
    min-height: 1.25rem;
    padding: 0 0.75rem;
    color: var(--muted-color);
    font-size: 0.75rem;
    font-style: italic;
  }
  /* The composer follows the window's colours (set on the window, they reach it too). */
  [part='composer'] {
    flex: none;
    --accent-color: inherit;
    --on-accent-color: inherit;
    --border-color: inherit;
    --surface-color: inherit;
    --muted-color: inherit;
    --danger-color: inherit;
    --radius: inherit;
  }
  /* Timeline filter */
  [part='filter'] {
    position: relative;
  }
  [part='filter-button'] {
    padding: 0.125rem 0.5rem;
    font-size: 0.75rem;
    color: var(--muted-color);
  }
  [part='filter-button'].active {
    border-color: var(--accent-color);
    color: var(--accent-color);
  }
  [part='filter-menu'] {
    position: absolute;
    z-index: 2;
    top: 100%;
    right: 0;
    display: grid;
    gap: 0.25rem;
    margin: 0.25rem 0 0;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
    background: var(--surface-color);
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.15);
    font-size: 0.8125rem;
  }
  [part='filter-menu'][hidden] {
    display: none;
  }
  [part='filter-menu'] legend {
    float: left;
    margin-bottom: 0.25rem;
    font-weight: 600;
  }
  .window-notice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    background: var(--notice-color);
    border-top: 1px solid var(--border-color);
    font-size: 0.8125rem;
  }
`;
