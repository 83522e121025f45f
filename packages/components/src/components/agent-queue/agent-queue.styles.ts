import { css } from 'lit';

export default css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    --accent-color: var(--desk-color-accent, #3b5bdb);
    --border-color: var(--desk-color-border, #e4e7eb);
    --muted-color: var(--desk-color-muted, #616e7c);
    --surface-color: var(--desk-color-surface, #ffffff);
    --danger-color: var(--desk-color-danger, #b42318);
    --warning-color: var(--desk-color-warning, #b54708);
    --selected-background: var(--desk-color-selected, #edf2ff);
    --hover-background: var(--desk-color-subtle, #f1f3f5);
    --on-accent-color: var(--desk-color-on-accent, #ffffff);
    --badge-color: var(--accent-color);
    --radius: var(--desk-radius, 6px);
    --row-height: 4.75rem;
    --list-min-height: 10rem;
  }
  /* Fills the host whether the page leaves it flex or makes it a block. */
  [part='base'] {
    display: flex;
    flex-direction: column;
    flex: 1;
    height: 100%;
    min-height: 0;
    background: var(--surface-color);
  }
  button,
  input,
  select {
    font: inherit;
    color: inherit;
  }
  :is(button, input, select):focus-visible {
    outline: var(--desk-focus-ring, 2px solid var(--accent-color));
    outline-offset: 1px;
  }

  /* Tabs */
  /* In a narrow element the tabs wrap (as <desk-settings>'s do) rather than hide the last one. */
  [part='tabs'] {
    display: flex;
    flex-wrap: wrap;
    flex: none;
    gap: 0.125rem;
    border-bottom: 1px solid var(--border-color);
  }
  [part~='tab'] {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    padding: 0.5rem 0.625rem;
    border: 0;
    border-bottom: 2px solid transparent;
    background: none;
    color: var(--muted-color);
    cursor: pointer;
    white-space: nowrap;
  }
  [part~='tab-selected'] {
    border-bottom-color: var(--accent-color);
    color: inherit;
    font-weight: 600;
  }
  /* A hidden bold copy holds each label at its bold width, so selecting a tab moves none. */
  .tab-label {
    display: inline-flex;
    flex-direction: column;
  }
  .tab-label::after {
    content: attr(data-label) / '';
    height: 0;
    overflow: hidden;
    visibility: hidden;
    font-weight: 600;
  }
  [part='tab-count'] {
    min-width: 1.25rem;
    padding: 0 0.375rem;
    border-radius: 999px;
    background: var(--border-color);
    font-size: 0.75rem;
    font-weight: 600;
    text-align: center;
  }

  .panel {
    display: flex;
    flex-direction: column;
    flex: 1;
    min-height: 0;
  }

  /* Toolbar and filters */
  /* The search asks for the width of its placeholder; where that leaves no room, sort and filters wrap below it. */
  [part='toolbar'] {
    display: flex;
    flex-wrap: wrap;
    flex: none;
    gap: 0.5rem;
    padding: 0.5rem 0;
  }
  [part='search'] {
    flex: 1 1 26em;
    min-width: 8rem;
  }
  /* In a narrow element the sort menu narrows (its own width is its longest option's). */
  [part='sort'] {
    flex: 1 1 8em;
    min-width: 0;
  }
  [part='filter-toggle'] {
    flex: none;
  }
  [part='search'],
  [part='sort'],
  [part='filter-toggle'],
  [part='filters'] :is(input, select, button) {
    padding: 0.3125rem 0.5rem;
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
    background: var(--surface-color);
  }
  [part='filter-toggle'],
  [part='filters'] button {
    cursor: pointer;
  }
  [part='filter-toggle'][aria-expanded='true'] {
    border-color: var(--accent-color);
  }
  [part='filters'] {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr));
    gap: 0.5rem;
    align-items: end;
    flex: none;
    /* In a short element the filters scroll rather than squeeze the list away. */
    max-height: 50%;
    overflow-y: auto;
    padding: 0 2px 0.5rem;
  }
  [part='filters'] label {
    display: grid;
    gap: 0.125rem;
    font-size: 0.75rem;
    color: var(--muted-color);
  }
  [part='filters'] :is(input, select) {
    font-size: 0.8125rem;
    color: var(--desk-color-text, #1f2933);
    min-width: 0;
  }
  [part='filters'] button:disabled {
    opacity: 0.6;
    cursor: default;
  }

  /* Messages */
  .notices {
    position: absolute;
    top: 0.5rem;
    left: 0.5rem;
    right: 1.5rem;
    z-index: 1;
    display: grid;
    gap: 0.375rem;
    pointer-events: none;
  }
  .notices > * {
    pointer-events: auto;
  }
  [part='error'] {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    margin: 0;
    padding: 0.375rem 0.625rem;
    border: 1px solid color-mix(in srgb, var(--danger-color) 40%, transparent);
    border-radius: var(--radius);
    background: color-mix(in srgb, var(--danger-color) 8%, var(--surface-color));
    color: var(--danger-color);
    box-shadow: 0 2px 6px rgb(0 0 0 / 0.12);
  }
  [part='error'] button {
    border: 1px solid currentColor;
    border-radius: var(--radius);
    background: none;
    padding: 0.125rem 0.5rem;
    cursor: pointer;
  }
  [part='empty'],
  [part='loading'] {
    margin: 0;
    color: var(--muted-color);
  }

  /* The list */
  .frame {
    position: relative;
    display: flex;
    flex: 1;
    min-height: var(--list-min-height);
  }
  [part='list'] {
    flex: 1;
    min-height: 0;
    height: auto;
    outline: none;
    border-top: 1px solid var(--border-color);
    /* Rows keep their width when the scrollbar comes and goes (no resize loop). */
    scrollbar-gutter: stable;
  }
  [part='list']:focus-visible {
    box-shadow: inset 0 0 0 2px var(--accent-color);
  }
  .row-probe {
    position: absolute;
    visibility: hidden;
    width: 1px;
    height: var(--row-height);
  }
  .overlay {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    padding: 1rem;
    text-align: center;
    pointer-events: none;
  }
  .more {
    position: absolute;
    left: 0;
    right: 0;
    bottom: 0;
    padding: 0.25rem;
    text-align: center;
    background: color-mix(in srgb, var(--surface-color) 85%, transparent);
    font-size: 0.75rem;
  }
  .reconnecting {
    justify-self: center;
    padding: 0.125rem 0.625rem;
    border-radius: 999px;
    background: var(--surface-color);
    box-shadow: 0 1px 4px rgb(0 0 0 / 0.15);
    font-size: 0.75rem;
  }

  /* Rows */
  [part~='row'] {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    width: 100%;
    height: var(--row-height);
    padding: 0.375rem 0.625rem;
    border-bottom: 1px solid var(--border-color);
    cursor: pointer;
    overflow: hidden;
  }
  [part~='row']:hover {
    background: var(--hover-background);
  }
  [part~='row-selected'],
  [part~='row-selected']:hover {
    background: var(--selected-background);
    box-shadow: inset 3px 0 0 var(--accent-color);
  }
  [part='list']:focus [part~='row-active'] {
    outline: 2px solid var(--accent-color);
    outline-offset: -2px;
  }
  .main {
    flex: 1;
    min-width: 0;
    display: grid;
    gap: 0.125rem;
  }
  .line {
    display: flex;
    align-items: center;
    gap: 0.375rem;
    min-width: 0;
  }
  .spacer {
    flex: 1;
  }
  [part='customer'] {
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  [part~='row-unread'] [part='customer'] {
    font-weight: 700;
  }
  [part='verified'] {
    color: var(--accent-color);
    font-size: 0.75rem;
  }
  [part='badge'] {
    min-width: 1.25rem;
    padding: 0 0.375rem;
    border-radius: 999px;
    background: var(--badge-color);
    color: var(--on-accent-color);
    font-size: 0.6875rem;
    font-weight: 700;
    text-align: center;
  }
  [part='wait'],
  [part='activity'] {
    flex: none;
    color: var(--muted-color);
    font-size: 0.75rem;
    font-variant-numeric: tabular-nums;
  }
  [part='subject'] {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .meta {
    font-size: 0.6875rem;
    color: var(--muted-color);
    overflow: hidden;
    white-space: nowrap;
  }
  [part~='priority'] {
    padding: 0 0.375rem;
    border-radius: var(--radius);
    border: 1px solid var(--border-color);
  }
  [part~='priority-high'] {
    color: var(--warning-color);
    border-color: currentColor;
  }
  [part~='priority-urgent'] {
    color: var(--on-accent-color);
    background: var(--danger-color);
    border-color: var(--danger-color);
  }
  [part='tags'] {
    display: inline-flex;
    gap: 0.25rem;
    min-width: 0;
    overflow: hidden;
  }
  [part~='tag'] {
    padding: 0 0.375rem;
    border-radius: 999px;
    background: var(--hover-background);
  }
  .actions {
    flex: none;
  }
  [part~='accept'] {
    padding: 0.25rem 0.75rem;
    border: 1px solid var(--accent-color);
    border-radius: var(--radius);
    background: var(--accent-color);
    color: var(--on-accent-color);
    font-weight: 600;
    cursor: pointer;
  }
  [part~='accept'][aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }
  [part='list']:focus [part~='accept-active'] {
    outline: 2px solid var(--desk-color-text, #1f2933);
    outline-offset: 2px;
  }

`;
