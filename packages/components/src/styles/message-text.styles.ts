import { css } from 'lit';

/** A message's text (see internal/message-text.ts), for both timelines: its emoji in the emoji font. */
export default css`
  .emoji {
    font-family: var(--desk-font-emoji, 'Apple Color Emoji', 'Segoe UI Emoji', 'Noto Color Emoji', 'Twemoji Mozilla', 'Deskkit Emoji', sans-serif);
    font-style: normal;
    font-weight: normal;
  }
  .emoji.jumbo {
    font-size: 2em;
    line-height: 1.2;
  }
`;
