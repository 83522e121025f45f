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
    font-family: var(--desk-font-family, system-ui, sans-serif), var(--desk-font-emoji, sans-serif);
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

  /* Attachments */
  [part='uploads'] {
    display: grid;
    gap: 0.25rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [part='upload'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
    padding: 0.25rem 0.25rem 0.25rem 0.375rem;
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
    font-size: 0.8125rem;
  }
  [part='upload'][data-state='failed'] {
    border-color: var(--danger-color);
  }
  .thumb {
    flex: none;
    display: inline-grid;
    place-items: center;
    width: 2.25rem;
    height: 2.25rem;
    border-radius: calc(var(--radius) / 2);
    background: var(--subtle-color);
    color: var(--muted-color);
    object-fit: cover;
  }
  .file {
    flex: 1 1 8rem;
    min-width: 0;
    display: grid;
  }
  .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .size,
  .note {
    color: var(--muted-color);
    font-size: 0.75rem;
  }
  [part~='progress'] {
    flex: 0 1 8rem;
    height: 0.5rem;
    accent-color: var(--accent-color);
  }
  [part='upload'] [part~='error'] {
    flex-basis: 100%;
    order: 5;
  }
  .remove {
    margin-left: auto;
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
    --emoji-font-family: var(--desk-font-emoji, 'Apple Color Emoji', 'Segoe UI Emoji', 'Noto Color Emoji', sans-serif);
    --indicator-color: var(--accent-color);
    --outline-color: var(--accent-color);
    max-width: 100%;
    height: 20rem;
  }
  [part~='location-panel'] {
    display: grid;
    gap: 0.625rem;
    width: min(22rem, calc(100% - 1rem));
    padding: 0.75rem;
  }
  [part~='location-panel'] button.primary {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.375rem;
  }
  .address {
    display: grid;
    gap: 0.25rem;
    font-size: 0.8125rem;
  }
  .address .row {
    display: flex;
    gap: 0.375rem;
  }
  .address input {
    flex: 1;
    min-width: 0;
    padding: 0.3rem 0.5rem;
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
    background: var(--surface-color);
  }

  /* Slash suggestions */
  [part='suggestions'] {
    position: absolute;
    z-index: 2;
    bottom: calc(100% + 0.25rem);
    left: 0;
    right: 0;
    max-height: 14rem;
    overflow-y: auto;
    margin: 0;
    padding: 0.25rem;
    list-style: none;
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
    background: var(--surface-color);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.15);
  }
  [part='suggestion'] {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0 0.5rem;
    padding: 0.3rem 0.5rem;
    border-radius: calc(var(--radius) / 1.5);
    cursor: pointer;
  }
  [part='suggestion'][aria-selected='true'] {
    background: var(--desk-color-selected, #edf2ff);
  }
  .shortcut {
    font-weight: 600;
  }
  .title {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .preview {
    grid-column: 1 / -1;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    color: var(--muted-color);
    font-size: 0.75rem;
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
