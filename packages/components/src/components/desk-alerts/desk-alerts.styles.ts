import { css } from 'lit';

export default css`
  :host {
    display: inline-block;
    --accent-color: var(--desk-color-accent, #3b5bdb);
    --border-color: var(--desk-color-border, #e4e7eb);
    --muted-color: var(--desk-color-muted, #616e7c);
  }
  .anchor {
    position: relative;
  }
  [part='toggle'] {
    display: inline-grid;
    place-items: center;
    min-width: 2rem;
    min-height: 2rem;
    border: 1px solid var(--border-color);
    border-radius: var(--desk-radius, 6px);
    background: var(--desk-color-surface, #fff);
    color: var(--muted-color);
    cursor: pointer;
  }
  [part='toggle'].on {
    color: var(--accent-color);
  }
  [part='toggle']:focus-visible,
  input:focus-visible {
    outline: var(--desk-focus-ring, 2px solid var(--accent-color));
    outline-offset: 2px;
  }
  svg {
    fill: currentColor;
  }
  .slash {
    stroke: currentColor;
    stroke-width: 2;
  }
  [part='panel'] {
    position: absolute;
    inset-inline-end: 0;
    top: calc(100% + 0.25rem);
    z-index: 10;
    display: grid;
    gap: 0.5rem;
    width: max-content;
    max-width: min(18rem, 90vw);
    padding: 0.75rem;
    border: 1px solid var(--border-color);
    border-radius: var(--desk-radius, 6px);
    background: var(--desk-color-surface, #fff);
    box-shadow: 0 4px 16px rgb(0 0 0 / 12%);
  }
  [part='panel'][hidden] {
    display: none;
  }
  [part='option'] {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    cursor: pointer;
  }
  [part='hint'] {
    margin: 0;
    color: var(--muted-color);
    font-size: 0.8em;
  }
`;
