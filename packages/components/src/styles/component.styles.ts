import { css } from 'lit';

/** Shared by every element: sizing, font, the `hidden` attribute and `.visually-hidden` (read, not shown). */
export default css`
  :host {
    box-sizing: border-box;
    font-family: var(--desk-font-family, system-ui, sans-serif);
    font-size: var(--desk-font-size, 0.875rem);
    color: var(--desk-color-text, #1f2933);
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
