/** Test-only: where the real desk server runs and the seeded demo credentials. */
import { createDeskClient, type DeskClient } from '@deskkit/client';

export interface DeskEnv {
  url: string;
  tenant: string;
  password: string;
  agents: Array<{ id: string; email: string; name: string; role: string }>;
  departments: Array<{ id: string; name: string }>;
  /** The demo tenant's identity-token secret (test only: a real portal keeps it on its server). */
  identitySecret: string;
}

let env: Promise<DeskEnv> | undefined;
export const deskEnv = () => (env ??= fetch('/__desk-env.json').then((res) => res.json() as Promise<DeskEnv>));

/** Signs an agent in directly through the typed client. */
export async function signInAs(email: string): Promise<{ client: DeskClient; token: string; agentId: string; env: DeskEnv }> {
  const e = await deskEnv();
  const session = await createDeskClient({ url: e.url }).auth.signIn.mutate({ tenant: e.tenant, email, password: e.password });
  return { client: createDeskClient({ url: e.url, token: session.token }), token: session.token, agentId: session.agent.id, env: e };
}
