/**
 * @license MIT
 * Emoji: the picker and `:shortcode:` conversion (`message-composer.shortcodes.ts`), both
 * loaded on first use, from the emoji data the desk serves (`/assets/emoji/data.json`),
 * never from a CDN.
 */

/** Loads and defines `<emoji-picker>` (a separate chunk: most messages never need it). */
export const loadEmojiPicker = () => import('emoji-picker-element/picker.js');

/** The picker's data on a desk server. */
export const emojiDataSource = (server: string) => `${server.replace(/\/+$/, '')}/assets/emoji/data.json`;

/** Whether `text` may hold a `:shortcode:` (a cheap test before the conversion's code loads). */
export const mayHaveShortcode = (text: string) => /:[a-z0-9_+-]{2,40}:/i.test(text);

/** The `:shortcode:` conversion (a separate chunk, loaded with the first shortcode). */
export const loadShortcodes = async () => (await import('./message-composer.shortcodes.js')).Shortcodes;
