import { css } from 'lit';

export default css`
  :host {
    display: block;
    --dot-size: 0.625rem;
    --available-color: var(--desk-color-available, #2f9e44);
    --unavailable-color: var(--desk-color-unavailable, #e03131);
    --accent-color: var(--desk-color-accent, #3b5bdb);
    --border-color: var(--desk-color-border, #e4e7eb);
    --muted-color: var(--desk-color-muted, #616e7c);
    --surface-color: var(--desk-color-surface, #ffffff);
    --radius: var(--desk-radius, 6px);
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
    color: var(--muted-color);
  }
  [part='toggle'] {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.25rem 0.625rem 0.25rem 0.25rem;
    border: 1px solid var(--border-color);
    border-radius: 999px;
    background: var(--surface-color);
    color: inherit;
    font: inherit;
    cursor: pointer;
  }
  [part='toggle']:focus-visible {
    outline: var(--desk-focus-ring, 2px solid var(--accent-color));
    outline-offset: 2px;
  }
  [part='toggle'][aria-disabled='true'] {
    cursor: progress;
    opacity: 0.7;
  }
  .track {
    position: relative;
    width: 2rem;
    height: 1.125rem;
    border-radius: 999px;
    background: var(--unavailable-color);
    transition: background 120ms;
  }
  .track::after {
    content: '';
    position: absolute;
    top: 2px;
    left: 2px;
    width: calc(1.125rem - 4px);
    height: calc(1.125rem - 4px);
    border-radius: 50%;
    background: #fff;
    transition: transform 120ms;
  }
  [aria-checked='true'] .track {
    background: var(--available-color);
  }
  [aria-checked='true'] .track::after {
    transform: translateX(0.875rem);
  }
  [part='list'] {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  [part~='item'] {
    display: flex;
    align-items: center;
    gap: 0.625rem;
    padding: 0.375rem 0;
    border-top: 1px solid var(--border-color);
  }
  [part~='item']:first-child {
    border-top: 0;
  }
  [part='avatar'] {
    position: relative;
    flex: none;
    width: 2rem;
    height: 2rem;
    border-radius: 50%;
    background: var(--border-color);
    display: grid;
    place-items: center;
    font-weight: 600;
    font-size: 0.75rem;
    color: var(--muted-color);
    overflow: visible;
  }
  [part='avatar'] img {
    width: 100%;
    height: 100%;
    border-radius: 50%;
    object-fit: cover;
  }
  [part~='dot'] {
    position: absolute;
    right: -1px;
    bottom: -1px;
    width: var(--dot-size);
    height: var(--dot-size);
    border-radius: 50%;
    border: 2px solid var(--surface-color);
    background: var(--unavailable-color);
  }
  [part~='dot-available'] {
    background: var(--available-color);
  }
  [part='name'] {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  [part='status'] {
    color: var(--muted-color);
    font-size: 0.75rem;
  }
  [part='empty'],
  [part='loading'] {
    color: var(--muted-color);
    margin: 0.5rem 0;
  }
  [part='error'] {
    color: var(--desk-color-danger, #b42318);
    margin: 0;
  }
`;
