import { css } from 'lit';

/**
 * What messages carry beyond text (see internal/message-content.ts), for both timelines. Hosts
 * set `--border-color`, `--muted-color`, `--accent-color` and `--radius`.
 */
export default css`
  .content-icon {
    flex: none;
  }
  .image {
    display: block;
    width: fit-content;
    max-width: 100%;
    border-radius: var(--radius);
    overflow: hidden;
  }
  .image img {
    display: block;
    max-width: 100%;
    max-height: var(--image-max-height, 16rem);
    width: auto;
    height: auto;
  }
  /* With the stored size known, the box is laid out before the image loads (no shift). */
  .image img.sized {
    width: min(calc(var(--width) * 1px), calc(var(--image-max-height, 16rem) * var(--width) / var(--height)));
    aspect-ratio: var(--width) / var(--height);
  }
  .image.placeholder {
    width: min(100%, 12rem);
    min-height: 4rem;
    max-height: var(--image-max-height, 16rem);
    background: color-mix(in srgb, currentColor 12%, transparent);
  }
  .media {
    display: grid;
    gap: 0.25rem;
    margin: 0;
  }
  .media video {
    max-width: 100%;
    max-height: var(--image-max-height, 16rem);
    height: auto;
    border-radius: var(--radius);
  }
  .media audio,
  .voice audio {
    max-width: 100%;
    height: 2.25rem;
  }
  .file-card {
    min-width: min(14rem, 100%);
  }
  .file-line {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-width: 0;
  }
  .file-text {
    display: grid;
    min-width: 0;
    flex: 1;
  }
  .file-name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-weight: 600;
  }
  .file-meta {
    font-size: 0.75rem;
    opacity: 0.8;
  }
  .download {
    flex: none;
    display: inline-grid;
    place-items: center;
    width: 2rem;
    height: 2rem;
    border: 1px solid currentColor;
    border-radius: 50%;
    color: inherit;
    opacity: 0.85;
  }
  .download:hover {
    opacity: 1;
  }
  .voice {
    display: flex;
    align-items: center;
    gap: 0.375rem;
    min-width: min(16rem, 100%);
  }
  .audio-placeholder {
    flex: 1;
    height: 2.25rem;
    border-radius: 999px;
    background: color-mix(in srgb, currentColor 12%, transparent);
  }
  /* The player gives way in a narrow bubble, never the duration (it broke as "0:" over "03"). */
  .voice audio {
    min-width: 0;
  }
  .voice-duration {
    flex: none;
    font-variant-numeric: tabular-nums;
    font-size: 0.75rem;
  }
  .location {
    display: flex;
    align-items: flex-start;
    gap: 0.5rem;
  }
  .location-text {
    display: grid;
    gap: 0.0625rem;
  }
  .location-title {
    font-weight: 600;
    white-space: pre-wrap;
  }
  .coordinates,
  .accuracy {
    font-size: 0.75rem;
    font-variant-numeric: tabular-nums;
    opacity: 0.85;
  }
  a.maps,
  .template a {
    color: inherit;
    text-decoration: underline;
  }
  .template {
    display: grid;
    gap: 0.25rem;
  }
  .template-footer {
    font-size: 0.75rem;
    opacity: 0.8;
  }
  .template-buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin: 0.125rem 0 0;
    padding: 0;
    list-style: none;
  }
  .template-buttons li {
    padding: 0.125rem 0.625rem;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: 0.8125rem;
    opacity: 0.9;
  }
  .payment {
    display: grid;
    gap: 0.25rem;
    min-width: 12rem;
  }
  .payment-amount {
    font-size: 1.25rem;
    font-variant-numeric: tabular-nums;
  }
  .payment-status {
    justify-self: start;
    padding: 0.0625rem 0.5rem;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: 0.75rem;
    font-weight: 600;
  }
  .payment-status[data-status='paid'] {
    color: var(--desk-color-available, #15803d);
  }
  .payment-status[data-status='failed'] {
    color: var(--desk-color-danger, #b91c1c);
  }
  .payment-status[data-status='expired'] {
    opacity: 0.75;
  }
  a.payment-pay {
    justify-self: start;
    padding: 0.375rem 0.875rem;
    border-radius: 0.375rem;
    background: var(--desk-color-accent, #1d4ed8);
    color: var(--desk-color-on-accent, #fff);
    font-weight: 600;
    text-decoration: none;
  }
  :is(.image, .download, a.maps, .template a, a.payment-pay):focus-visible {
    outline: var(--desk-focus-ring, 2px solid var(--accent-color));
    outline-offset: 2px;
  }
`;
