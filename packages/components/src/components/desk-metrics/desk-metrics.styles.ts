import { css } from 'lit';

export default css`
  :host {
    display: block;
    --accent-color: var(--desk-color-accent, #3b5bdb);
    --second-color: var(--desk-color-available, #2f9e44);
    --warning-color: var(--desk-color-warning, #e8590c);
    --border-color: var(--desk-color-border, #e4e7eb);
    --muted-color: var(--desk-color-muted, #616e7c);
    --surface-color: var(--desk-color-surface, #ffffff);
    --radius: var(--desk-radius, 6px);
  }
  [part='base'] {
    display: grid;
    gap: 0.75rem;
  }
  h2 {
    margin: 0;
    font-size: 1.1em;
  }
  [part='filters'],
  [part='export'] {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.5rem 1rem;
  }
  label {
    display: grid;
    gap: 0.15rem;
    color: var(--muted-color);
    font-size: 0.9em;
  }
  select,
  input,
  button {
    font: inherit;
    padding: 0.3rem 0.5rem;
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
    background: var(--surface-color);
    color: inherit;
  }
  button {
    cursor: pointer;
  }
  button:disabled {
    cursor: default;
    opacity: 0.6;
  }
  :focus-visible {
    outline: var(--desk-focus-ring, 2px solid var(--accent-color));
    outline-offset: 1px;
  }
  .tiles {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr));
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [part~='tile'] {
    display: grid;
    gap: 0.1rem;
    padding: 0.6rem 0.75rem;
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
    background: var(--surface-color);
  }
  .label,
  .detail,
  caption {
    color: var(--muted-color);
    font-size: 0.85em;
  }
  .value {
    font-size: 1.4em;
  }
  .charts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(18rem, 100%), 1fr));
    gap: 0.75rem;
  }
  /* Their code is still loading: the page does not jump when they come. */
  .charts[aria-busy='true'] {
    min-height: 12rem;
  }
  figure {
    margin: 0;
    padding: 0.5rem;
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
  }
  svg {
    display: block;
    width: 100%;
    height: 11rem;
  }
  svg .grid {
    stroke: var(--border-color);
  }
  svg .axis {
    fill: var(--muted-color);
    font-size: 11px;
  }
  .legend {
    display: flex;
    gap: 1rem;
    font-size: 0.85em;
  }
  .legend i {
    display: inline-block;
    width: 0.7rem;
    height: 0.7rem;
    margin-right: 0.3rem;
    border-radius: 2px;
  }
  table {
    border-collapse: collapse;
    font-size: 0.9em;
  }
  /* The per-agent and per-department tables side by side where both fit whole (eight columns each), else one above the other. */
  .breakdowns {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(44rem, 100%), 1fr));
    gap: 0.75rem;
    align-items: start;
  }
  /* Narrower than the table (a phone), it scrolls sideways inside the element. */
  .table-frame {
    overflow-x: auto;
  }
  .table-frame > table {
    width: 100%;
  }
  th,
  td {
    padding: 0.25rem 0.6rem;
    text-align: right;
    border-bottom: 1px solid var(--border-color);
  }
  th[scope='row'],
  thead th:first-child {
    text-align: left;
  }
  caption {
    text-align: left;
    padding-bottom: 0.25rem;
  }
  [part='error'] {
    color: var(--desk-color-danger, #c92a2a);
    margin: 0;
  }
  progress {
    width: 10rem;
  }
`;
