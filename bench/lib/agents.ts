import { createDeskClient, type AgentLiveEvent, type DeskClient } from '@deskkit/client';
import type { BenchAgent } from './store.js';

/** Live agent streams (`conversations.onEvent` over SSE), one typed client each. */
export async function subscribeAgents(
  url: string,
  agents: readonly BenchAgent[],
  onEvent: (agent: BenchAgent, event: AgentLiveEvent) => void,
): Promise<{ clients: DeskClient[]; close(): void }> {
  const subscriptions: Array<{ unsubscribe(): void }> = [];
  const clients: DeskClient[] = [];
  for (let i = 0; i < agents.length; i += 100) {
    await Promise.all(
      agents.slice(i, i + 100).map(
        (agent) =>
          new Promise<void>((resolve, reject) => {
            const client = createDeskClient({ url, token: agent.token });
            clients.push(client);
            subscriptions.push(
              client.conversations.onEvent.subscribe(undefined, {
                onStarted: () => resolve(),
                onData: ({ data }) => onEvent(agent, data),
                onError: reject,
              }),
            );
          }),
      ),
    );
  }
  return {
    clients,
    close: () => {
      for (const subscription of subscriptions) subscription.unsubscribe();
    },
  };
}
