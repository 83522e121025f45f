import { css } from 'lit';

export default css`
  :host {
    display: block;
    container: load / inline-size;
    --dot-size: 0.625rem;
    --available-color: var(--desk-color-available, #2f9e44);
    --unavailable-color: var(--desk-color-unavailable, #e03131);
    --accent-color: var(--desk-color-accent, #3b5bdb);
    --border-color: var(--desk-color-border, #e4e7eb);
    --muted-color: var(--desk-color-muted, #616e7c);
    --bar-color: var(--desk-color-accent, #3b5bdb);
    --full-color: var(--desk-color-danger, #e03131);
  }
  [part='base'] {
    display: grid;
    gap: 0.5rem;
  }
  [part='header'] {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 1rem;
  }
  [part='sort'],
  [part='agent'] {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  [part='sort'] {
    border: 1px solid var(--border-color);
    border-radius: var(--desk-radius, 6px);
    background: transparent;
    padding: 0.125rem 0.5rem;
  }
  [part='agent'] {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    border: 0;
    background: none;
    padding: 0;
    text-align: start;
  }
  [part='sort']:focus-visible,
  [part='agent']:focus-visible {
    outline: var(--desk-focus-ring, 2px solid var(--accent-color));
    outline-offset: 2px;
  }
  /*
   * Names and "1 of 4 chats" stay on one line; departments wrap. In a side column the cells
   * tighten; narrower than its table (a phone), the table scrolls sideways inside the element.
   */
  [part='agent'],
  [part='chats'] {
    white-space: nowrap;
  }
  [part='departments'] {
    min-width: 4.5rem;
  }
  .table-frame {
    overflow-x: auto;
  }
  [part='table'] {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    padding: 0.375rem;
    border-bottom: 1px solid var(--border-color);
    text-align: start;
    vertical-align: middle;
  }
  th {
    color: var(--muted-color);
    font-weight: 500;
  }
  [part~='row-selected'] {
    background: color-mix(in srgb, var(--accent-color) 10%, transparent);
  }
  [part~='dot'] {
    display: inline-block;
    width: var(--dot-size);
    height: var(--dot-size);
    border-radius: 50%;
  }
  [part~='dot-available'] {
    background: var(--available-color);
  }
  [part~='dot-unavailable'] {
    background: var(--unavailable-color);
  }
  [part='online'],
  [part='chats'],
  [part='departments'] {
    display: block;
    color: var(--muted-color);
    font-size: 0.875em;
  }
  [part='departments'] {
    display: table-cell;
  }
  /* Narrows with its column, down to 3rem. */
  [part~='bar'] {
    display: block;
    width: 100%;
    min-width: 3rem;
    max-width: 6rem;
    height: 0.5rem;
    accent-color: var(--bar-color);
  }
  @container load (width < 36rem) {
    th,
    td {
      padding: 0.375rem 0.25rem;
    }
    th {
      font-size: 0.875em;
    }
    [part~='bar'] {
      min-width: 2.5rem;
    }
  }
  [part~='bar']::-webkit-meter-optimum-value {
    background: var(--bar-color);
  }
  [part~='bar-full']::-webkit-meter-optimum-value {
    background: var(--full-color);
  }
`;
