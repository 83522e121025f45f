import { css } from 'lit';

export default css`
  :host {
    display: block;
    position: relative;
    --accent-color: var(--desk-color-accent, #3b5bdb);
    --on-accent-color: var(--desk-color-on-accent, #ffffff);
    --border-color: var(--desk-color-border, #e4e7eb);
    --surface-color: var(--desk-color-surface, #ffffff);
    --muted-color: var(--desk-color-muted, #616e7c);
    --danger-color: var(--desk-color-danger, #b42318);
    --subtle-color: var(--desk-color-subtle, #f1f3f5);
    --radius: var(--desk-radius, 6px);
    --input-max-height: 10rem;
  }
  button {
    padding: 0.3rem 0.75rem;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.55;
  }
  :is(button, input, textarea, [part~='suggestion']):focus-visible {
    outline: var(--desk-focus-ring, 2px solid var(--accent-color));
    outline-offset: 1px;
  }
  .icon-button {
    display: inline-grid;
    place-items: center;
    padding: 0.25rem;
    border-color: transparent;
    background: transparent;
    color: var(--muted-color);
  }
  .icon-button:not(:disabled):hover {
    background: var(--subtle-color);
    color: inherit;
  }
  .icon-button[aria-expanded='true'] {
    background: var(--subtle-color);
    color: var(--accent-color);
  }
  .link {
    padding: 0;
    border: 0;
    background: none;
    color: var(--accent-color);
    text-decoration: underline;
  }
  [part='base'] {
    position: relative;
    display: grid;
    gap: 0.375rem;
    padding: 0.5rem 0.75rem 0.5rem;
    border-top: 1px solid var(--border-color);
  }
  .writing {
    position: relative;
    display: flex;
    gap: 0.5rem;
    align-items: flex-end;
  }
  [part='input'] {
    flex: 1;
    min-width: 0;
    min-height: 2.5rem;
    max-height: var(--input-max-height);
    field-sizing: content;
    padding: 0.45rem 0.625rem;
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
    background: var(--surface-color);
    resize: none;
    font-family: var(--desk-font-family, system-ui, sans-serif), var(--desk-font-emoji, 'Apple Color Emoji', 'Segoe UI Emoji', 'Noto Color Emoji', 'Twemoji Mozilla', 'Deskkit Emoji', sans-serif);
  }
  [part='input']:disabled {
    background: var(--subtle-color);
    cursor: not-allowed;
  }
  [part='send'] {
    min-height: 2.5rem;
    font-weight: 600;
  }
  [part='toolbar'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.125rem;
    margin-top: -0.125rem;
  }
  [part='hint'] {
    margin: 0;
    color: var(--muted-color);
    font-size: 0.75rem;
  }
  [part~='error'] {
    margin: 0;
    color: var(--danger-color);
    font-size: 0.8125rem;
  }
  p[part~='error'] {
    display: flex;
    align-items: flex-start;
    gap: 0.25rem;
  }
  p[part~='error'] .icon-button {
    margin-left: auto;
    padding: 0;
  }

  [part~='progress'] {
    flex: 0 1 8rem;
    height: 0.5rem;
    accent-color: var(--accent-color);
  }
  /* Panels */
  [part~='panel'] {
    position: absolute;
    z-index: 2;
    bottom: calc(100% - 0.25rem);
    left: 0.5rem;
    max-width: calc(100% - 1rem);
    border: 1px solid var(--border-color);
    border-radius: calc(var(--radius) * 1.5);
    background: var(--surface-color);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.15);
  }
  [part~='emoji-panel'] {
    overflow: hidden;
  }
  emoji-picker {
    --border-size: 0;
    --emoji-font-family: var(--desk-font-emoji, 'Apple Color Emoji', 'Segoe UI Emoji', 'Noto Color Emoji', 'Twemoji Mozilla', 'Deskkit Emoji', sans-serif);
    --indicator-color: var(--accent-color);
    --outline-color: var(--accent-color);
    max-width: 100%;
    height: 20rem;
  }

  /* Dropping files */
  [part='drop-zone'] {
    position: absolute;
    inset: 0.25rem;
    z-index: 3;
    display: grid;
    place-items: center;
    border: 2px dashed var(--accent-color);
    border-radius: var(--radius);
    background: color-mix(in srgb, var(--surface-color) 88%, transparent);
    color: var(--accent-color);
    font-weight: 600;
  }
`;
