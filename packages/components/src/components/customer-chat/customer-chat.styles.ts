import { css } from 'lit';

export default css`
  :host {
    display: block;
    height: 32rem;
    --accent-color: var(--desk-color-accent, #3b5bdb);
    --accent-text-color: var(--desk-color-on-accent, #ffffff);
    --surface-color: var(--desk-color-surface, #ffffff);
    --agent-bubble-color: var(--desk-color-subtle, #f1f3f5);
    --border-color: var(--desk-color-border, #e4e7eb);
    --muted-color: var(--desk-color-muted, #616e7c);
    --danger-color: var(--desk-color-danger, #b42318);
    --radius: var(--desk-radius, 6px);
  }
  [part='base'] {
    display: flex;
    flex-direction: column;
    height: 100%;
    min-height: 0;
    background: var(--surface-color);
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
    overflow: hidden;
  }
  [part='header'] {
    flex: none;
    padding: 0.75rem 1rem;
    background: var(--accent-color);
    color: var(--accent-text-color);
    font-weight: 600;
  }
  button,
  input,
  textarea {
    font: inherit;
    color: inherit;
  }
  button:focus-visible,
  input:focus-visible,
  textarea:focus-visible,
  [part='timeline']:focus-visible {
    outline: var(--desk-focus-ring, 2px solid var(--accent-color));
    outline-offset: 2px;
  }

  /* Start form */
  [part='form'] {
    display: grid;
    gap: 0.75rem;
    padding: 1rem;
    overflow-y: auto;
  }
  .intro {
    margin: 0;
    color: var(--muted-color);
  }
  [part='field'] {
    display: grid;
    gap: 0.25rem;
  }
  [part='field'] label {
    font-weight: 500;
  }
  [part~='input'] {
    width: 100%;
    padding: 0.5rem 0.625rem;
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
    background: var(--surface-color);
    resize: vertical;
  }
  [part~='input'][aria-invalid='true'] {
    border-color: var(--danger-color);
  }
  [part='start'],
  [part='send'],
  [part='new-chat'],
  [part='survey-submit'],
  [part='verify-submit'] {
    padding: 0.5rem 1rem;
    border: 0;
    border-radius: var(--radius);
    background: var(--accent-color);
    color: var(--accent-text-color);
    font-weight: 600;
    cursor: pointer;
  }
  [part='start'][aria-disabled='true'] {
    cursor: progress;
    opacity: 0.7;
  }
  [part='send']:disabled,
  [part='survey-submit']:disabled,
  [part='verify-submit']:disabled {
    cursor: not-allowed;
    opacity: 0.5;
  }
  .link {
    padding: 0;
    border: 0;
    background: none;
    color: var(--accent-color);
    text-decoration: underline;
    cursor: pointer;
  }
  [part~='error'] {
    margin: 0;
    color: var(--danger-color);
  }
  [part='error'][role='alert'] {
    padding: 0.5rem 1rem;
  }
  [part='notice'] {
    flex: none;
    margin: 0;
    padding: 0.5rem 1rem;
    color: var(--muted-color);
    border-bottom: 1px solid var(--border-color);
  }
  .ended {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    border-top: 1px solid var(--border-color);
    border-bottom: 0;
  }

  /* Timeline */
  [part='timeline'] {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    padding: 0.75rem 1rem;
  }
  .older {
    align-self: center;
  }
  [part~='message'] {
    max-width: 80%;
    display: grid;
    gap: 0.125rem;
  }
  [part~='message'] .body {
    margin: 0;
    padding: 0.5rem 0.75rem;
    border-radius: calc(var(--radius) * 2);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  [part~='message-customer'] {
    align-self: flex-end;
    justify-items: end;
  }
  [part~='message-customer'] .body {
    background: var(--accent-color);
    color: var(--accent-text-color);
  }
  [part~='message-customer'].pending .body {
    opacity: 0.7;
  }
  [part~='message-agent'] {
    align-self: flex-start;
  }
  [part~='message-agent'] .body {
    background: var(--agent-bubble-color);
  }
  .author {
    font-size: 0.75rem;
    color: var(--muted-color);
  }
  .meta {
    display: flex;
    gap: 0.5rem;
    font-size: 0.75rem;
    color: var(--muted-color);
  }
  [part='event'] {
    align-self: center;
    margin: 0.25rem 0;
    font-size: 0.75rem;
    color: var(--muted-color);
    text-align: center;
  }
  [part='typing'] {
    flex: none;
    min-height: 1.25rem;
    margin: 0;
    padding: 0 1rem;
    font-size: 0.75rem;
    font-style: italic;
    color: var(--muted-color);
  }

  /* What messages carry besides text: files, voice, locations, templates, in the bubble's colours. */
  [part~='message'] :is(.image, .file-card, .media, .voice, .location, .template) {
    max-width: 100%;
    border-radius: calc(var(--radius) * 2);
  }
  [part~='message'] :is(.file-card, .media, .voice, .location, .template) {
    padding: 0.5rem 0.75rem;
  }
  [part~='message-customer'] :is(.file-card, .media, .voice, .location, .template, .image.placeholder) {
    background: var(--accent-color);
    color: var(--accent-text-color);
  }
  [part~='message-agent'] :is(.file-card, .media, .voice, .location, .template, .image.placeholder) {
    background: var(--agent-bubble-color);
  }
  [part~='message'].pending :is(.image, .file-card, .media, .voice, .location) {
    opacity: 0.7;
  }
  [part~='message'] .template .body {
    padding: 0;
    background: none;
    color: inherit;
  }

  /* The composer follows the chat's colours (set on the chat, they reach it too). */
  [part='composer'] {
    flex: none;
    --accent-color: inherit;
    --on-accent-color: var(--accent-text-color);
    --border-color: inherit;
    --surface-color: inherit;
    --muted-color: inherit;
    --danger-color: inherit;
    --radius: inherit;
  }
`;
