import { createContext } from '@lit/context';
import type { DeskFeed } from '../internal/desk-feed.js';

/**
 * The signed-in agent's one live stream, provided by `<desk-provider>` and shared
 * by every element under it.
 *
 * @example
 * ```ts
 * @consume({ context: feedContext, subscribe: true })
 * feed?: DeskFeed;
 * ```
 */
export const feedContext = createContext<DeskFeed | undefined>(Symbol.for('deskkit.feed'));
