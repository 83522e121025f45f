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
    --success-color: var(--desk-color-available, #2f9e44);
    --radius: var(--desk-radius, 6px);
  }
  [part='base'] {
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
    padding: 0.75rem;
    background: var(--surface-color);
  }
  .empty {
    color: var(--muted-color);
  }
  button {
    padding: 0.25rem 0.6rem;
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  button.icon {
    padding: 0.1rem 0.5rem;
  }
  :focus-visible {
    outline: var(--desk-focus-ring, 2px solid var(--accent-color));
    outline-offset: 1px;
  }
  input,
  select,
  textarea {
    width: 100%;
    padding: 0.3rem 0.5rem;
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
    background: var(--surface-color);
  }
  [aria-invalid='true'] {
    border-color: var(--danger-color);
  }
  [part='header'] {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    flex-wrap: wrap;
  }
  h2 {
    margin: 0;
    font-size: 1.1em;
  }
  /* The actions keep together at the end of the header (on a line of their own when narrow). */
  .header-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-left: auto;
  }
  h3 {
    margin: 0 0 0.4rem;
    font-size: 0.95em;
  }
  h4 {
    margin: 0 0 0.25rem;
    font-size: 0.9em;
  }
  .badge {
    padding: 0.05rem 0.5rem;
    border-radius: 999px;
    background: var(--subtle-color);
    color: var(--muted-color);
    font-size: 0.85em;
  }
  .badge.verified {
    background: var(--success-color);
    color: var(--on-accent-color);
  }
  dl {
    margin: 0;
    display: grid;
    gap: 0.35rem;
  }
  .pair {
    display: grid;
    grid-template-columns: minmax(6rem, 30%) 1fr;
    gap: 0.5rem;
  }
  dt {
    color: var(--muted-color);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .notes {
    white-space: pre-wrap;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.3rem;
  }
  .chip {
    display: inline-block;
    padding: 0 0.4rem;
    border-radius: var(--radius);
    background: var(--subtle-color);
    font-size: 0.85em;
  }
  .muted {
    color: var(--muted-color);
  }
  .small {
    font-size: 0.8em;
    margin: 0.25rem 0 0;
  }
  .error,
  .field-error {
    color: var(--danger-color);
  }
  .error {
    margin: 0;
  }
  .notice {
    padding: 0.3rem 0.5rem;
    border-radius: var(--radius);
    background: var(--subtle-color);
  }
  form {
    display: grid;
    gap: 0.5rem;
  }
  .field {
    display: grid;
    gap: 0.15rem;
  }
  .hint {
    color: var(--muted-color);
    font-size: 0.8em;
  }
  .field-error {
    font-size: 0.85em;
  }
  fieldset {
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
    display: grid;
    gap: 0.35rem;
  }
  /* Its own size, like the other buttons (the fieldset's grid would stretch it). */
  [data-action='add-attribute'] {
    justify-self: start;
  }
  .attribute-row {
    display: grid;
    grid-template-columns: 2fr 3fr auto;
    gap: 0.35rem;
  }
  .form-actions {
    display: flex;
    gap: 0.5rem;
  }
  section[part='history'],
  section[part='duplicates'],
  section[part='integrations'] {
    border-top: 1px solid var(--border-color);
    padding-top: 0.5rem;
  }
  [part='history-item'] {
    width: 100%;
    text-align: start;
    display: grid;
    gap: 0.15rem;
  }
  .subject {
    font-weight: 600;
  }
  .meta {
    color: var(--muted-color);
    font-size: 0.85em;
  }
  [part='duplicate'] {
    display: grid;
    gap: 0.15rem;
    padding: 0.4rem;
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
  }
  /* A button the width of its label, not of the card. */
  [part='duplicate'] button {
    justify-self: start;
  }
  /* A heading with its action at the end of the line (floated, the button lay over the first answer). */
  .section-head {
    display: flex;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.5rem;
  }
  article {
    margin-top: 0.5rem;
    padding: 0.4rem 0.5rem;
    border-radius: var(--radius);
    background: var(--subtle-color);
  }
  a {
    color: var(--accent-color);
  }
  dialog {
    max-width: min(28rem, 90vw);
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
    background: var(--surface-color);
    color: inherit;
  }
  form[part='sms'] {
    padding: 0.5rem;
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
  }
  form[part='sms'] h3,
  form[part='sms'] p {
    margin: 0;
  }
  [part='sms-status'] {
    margin: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  [part='sms-status'][data-status='failed'] {
    color: var(--danger-color);
  }
`;
