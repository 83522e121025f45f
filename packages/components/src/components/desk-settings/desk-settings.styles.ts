import { css } from 'lit';

export default css`
  :host {
    display: block;
    --accent-color: var(--desk-color-accent, #3b5bdb);
    --on-accent-color: var(--desk-color-on-accent, #ffffff);
    --border-color: var(--desk-color-border, #e4e7eb);
    --muted-color: var(--desk-color-muted, #616e7c);
    --surface-color: var(--desk-color-surface, #ffffff);
    --subtle-color: var(--desk-color-subtle, #f1f3f5);
    --danger-color: var(--desk-color-danger, #b42318);
    --warning-color: var(--desk-color-warning, #b54708);
    --radius: var(--desk-radius, 6px);
  }
  [part='base'] {
    display: grid;
    gap: 0.75rem;
    background: var(--surface-color);
  }
  h2 {
    margin: 0;
    font-size: 1.1em;
  }
  h3 {
    margin: 0;
    font-size: 1em;
  }
  h4 {
    margin: 0.5rem 0 0.25rem;
    font-size: 0.95em;
  }
  button {
    padding: 0.25rem 0.6rem;
  }
  button.danger {
    border-color: var(--danger-color);
    color: var(--danger-color);
  }
  button.icon {
    padding: 0.1rem 0.45rem;
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  input:not([type='checkbox'], [type='radio']),
  select,
  textarea {
    padding: 0.3rem 0.5rem;
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
    background: var(--surface-color);
  }
  textarea {
    inline-size: 100%;
    resize: vertical;
  }
  :focus-visible {
    outline: var(--desk-focus-ring, 2px solid var(--accent-color));
    outline-offset: 1px;
  }
  [aria-invalid='true'] {
    border-color: var(--danger-color);
  }

  /* Tabs */
  [part='tabs'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.125rem;
    border-bottom: 1px solid var(--border-color);
  }
  [part~='tab'] {
    border: 0;
    border-bottom: 2px solid transparent;
    border-radius: 0;
    background: none;
    color: var(--muted-color);
    padding: 0.45rem 0.6rem;
  }
  [part~='tab-selected'] {
    border-bottom-color: var(--accent-color);
    color: inherit;
    font-weight: 600;
  }
  [part='panel'] {
    display: grid;
    gap: 1.25rem;
  }

  /* Sections */
  [part~='form'] {
    display: grid;
    gap: 0.6rem;
    max-inline-size: 48rem;
  }
  .field {
    display: grid;
    gap: 0.25rem;
  }
  .field.inline {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
  }
  .choice {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
  }
  fieldset {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
  }
  .hint,
  .muted {
    color: var(--muted-color);
    font-size: 0.9em;
  }
  .hint {
    margin: 0;
  }
  /* Its own size, like the other Add and New buttons (the fieldset's grid would stretch it). */
  [data-action='add-question'],
  [data-action='add-button'],
  [data-action='set-hours'] {
    justify-self: start;
  }
  .warning {
    display: grid;
    gap: 0.4rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--warning-color);
    border-inline-start-width: 4px;
    border-radius: var(--radius);
  }
  .warning p {
    margin: 0;
  }
  .actions,
  .row-actions,
  form.inline {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.5rem;
  }
  .rows {
    display: grid;
    gap: 0.4rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .rows > li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    padding: 0.4rem 0.6rem;
    border-radius: var(--radius);
    background: var(--subtle-color);
  }
  .rows > li > .editor,
  ol.rows > li {
    flex: 1;
  }
  ol.rows > li {
    display: grid;
  }
  /* Takes the room beside its actions: they wrap below only when the element is narrow, never for a long text. */
  .row-main {
    flex: 1 1 16rem;
    display: grid;
    gap: 0.15rem;
    min-inline-size: 0;
  }
  .preview {
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  .editor {
    display: grid;
    gap: 0.5rem;
    padding: 0.6rem;
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
  }
  .chip {
    display: inline-block;
    padding: 0 0.45rem;
    border-radius: 999px;
    background: var(--surface-color);
    border: 1px solid var(--border-color);
  }

  /* Opening hours */
  /* The day's name, and its periods beside it or, in a narrow element, below it. */
  .day {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .day-name {
    flex: 0 0 8rem;
  }
  .periods {
    flex: 1 1 17rem;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .period {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
  }

  /* Results */
  [part='result-table'] {
    border-collapse: collapse;
  }
  [part='result-table'] :is(th, td) {
    padding: 0.15rem 0.75rem 0.15rem 0;
    text-align: start;
  }
  .answers {
    display: grid;
    gap: 0.4rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .answers li {
    display: grid;
    border-inline-start: 3px solid var(--border-color);
    padding-inline-start: 0.5rem;
  }
  .facts {
    display: grid;
    /* Labels wrap before they take more than 40 % (on a phone the value keeps room). */
    grid-template-columns: fit-content(40%) 1fr;
    gap: 0.25rem 0.75rem;
    margin: 0;
  }
  .facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .secrets {
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--accent-color);
    border-radius: var(--radius);
  }

  [part='field-error'],
  [part='error'] {
    color: var(--danger-color);
  }
  [part='error'],
  [part='saved'] {
    margin: 0;
  }
`;
