import { createContext } from '@lit/context';
import type { DeskClient } from '@deskkit/client';

/**
 * The typed deskkit client, provided by `<desk-provider>`. The key is a
 * `Symbol.for`, so two copies of the bundle on one page still find each other.
 *
 * @example
 * ```ts
 * @consume({ context: clientContext, subscribe: true })
 * client?: DeskClient;
 * ```
 */
export const clientContext = createContext<DeskClient | undefined>(Symbol.for('deskkit.client'));
