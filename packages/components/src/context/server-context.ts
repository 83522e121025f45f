import { createContext } from '@lit/context';

/**
 * The deskkit server's base URL, provided by `<desk-provider>` (its `server`), for what
 * goes around tRPC: file uploads and the emoji picker's data.
 *
 * @example
 * ```ts
 * @consume({ context: serverContext, subscribe: true })
 * server?: string;
 * ```
 */
export const serverContext = createContext<string | undefined>(Symbol.for('deskkit.server'));
