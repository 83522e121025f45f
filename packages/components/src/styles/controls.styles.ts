import { css } from 'lit';

/**
 * Form controls of the elements with forms: inherited type, bordered buttons and the
 * accent `.primary` one. Each element sets the custom properties (`--border-color`,
 * `--radius`, `--surface-color`, `--accent-color`, `--on-accent-color`) and its own padding.
 */
export default css`
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
    background: var(--surface-color);
    cursor: pointer;
  }
  button.primary {
    border-color: var(--accent-color);
    background: var(--accent-color);
    color: var(--on-accent-color);
  }
`;
