import { createContext } from '@lit/context';
import type { AgentProfile } from '@deskkit/client';

/** The signed-in agent and their session, or `null` when nobody is signed in. */
export interface DeskSession {
  token: string;
  expiresAt: string;
  agent: AgentProfile;
}

/** The current session, provided by `<desk-provider>`. */
export const sessionContext = createContext<DeskSession | null>(Symbol.for('deskkit.session'));
