/**
 * @license MIT
 * `:shortcode:` to emoji, from the emoji data the desk serves; loaded with the first
 * shortcode typed or sent (`loadShortcodes()` in `message-composer.emoji.ts`).
 */
import type Database from 'emoji-picker-element/database.js';

/** `:name:` — letters, digits, `_`, `+` and `-`, as emojibase shortcodes are spelled. */
const SHORTCODE = /:([a-z0-9_+-]{2,40}):/gi;
/** A shortcode just closed at the end of the text, after a space, a bracket or the start. */
const TRAILING = /(^|[\s([{])(:[a-z0-9_+-]{2,40}:)$/i;

/** How long a lookup may take (the first one loads the data) before the text goes as typed. */
const LOOKUP_TIMEOUT_MS = 3_000;

/**
 * Shortcodes to emoji through emoji-picker-element's `Database` (IndexedDB, filled once
 * from `dataSource`). One per data source, shared by every composer on the page; unknown
 * shortcodes, or data that cannot load, leave the text as typed. Emoji inserted this way
 * count as used, like picks in the picker, so they show in the picker's favourites row
 * (the picker and this share the same IndexedDB).
 */
export class Shortcodes {
  private static readonly shared = new Map<string, Shortcodes>();
  private database?: Promise<Database>;
  private readonly known = new Map<string, Promise<string | null>>();

  private constructor(private readonly dataSource: string) {}

  static for(dataSource: string): Shortcodes {
    let shortcodes = this.shared.get(dataSource);
    if (!shortcodes) this.shared.set(dataSource, (shortcodes = new Shortcodes(dataSource)));
    return shortcodes;
  }

  /** The emoji for a shortcode without colons (`smile` → 😄), or `null`. */
  lookup(code: string): Promise<string | null> {
    const key = code.toLowerCase();
    let found = this.known.get(key);
    if (!found) {
      found = this.find(key).catch(() => {
        // The data could not load (yet): ask again next time.
        this.known.delete(key);
        return null;
      });
      this.known.set(key, found);
    }
    return found;
  }

  /** Looks a shortcode up; rejects when the data cannot be had (in time). */
  private async find(code: string): Promise<string | null> {
    this.database ??= import('emoji-picker-element/database.js').then(({ default: Db }) => new Db({ dataSource: this.dataSource }));
    const database = await this.database;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const emoji = await Promise.race([
        database.getEmojiByShortcode(code),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('emoji data timed out')), LOOKUP_TIMEOUT_MS))),
      ]);
      return emoji && 'unicode' in emoji ? emoji.unicode : null;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Every known `:shortcode:` in `text` replaced by its emoji (each one counted as used). */
  async replaceAll(text: string): Promise<string> {
    const codes = [...new Set([...text.matchAll(SHORTCODE)].map((match) => match[1]!))];
    if (!codes.length) return text;
    const found = new Map(await Promise.all(codes.map(async (code) => [code, await this.lookup(code)] as const)));
    return text.replace(SHORTCODE, (whole, code: string) => {
      const emoji = found.get(code);
      if (!emoji) return whole;
      void this.used(emoji);
      return emoji;
    });
  }

  /** Counts an emoji as used (the picker's favourites row); best effort. */
  async used(emoji: string): Promise<void> {
    try {
      await (await this.database)?.incrementFavoriteEmojiCount(emoji);
    } catch {
      // Favourites are a nicety: never in the way of sending.
    }
  }

  /** The shortcode that `before` (the text before the caret) ends with, as `{ start, code }`. */
  static trailing(before: string): { start: number; code: string } | null {
    const match = TRAILING.exec(before);
    if (!match) return null;
    const token = match[2]!;
    return { start: before.length - token.length, code: token.slice(1, -1) };
  }

}
