/** Test-only: Alice working a chat in a `<chat-window>`, as several of the window's suites need her. */
import { waitUntil } from '@open-wc/testing';
import type { DeskProvider } from '../desk-provider/desk-provider.js';
import { makeAvailable, type DeskEnv } from '../../internal/test-env.js';
import type { ChatWindow } from './chat-window.js';

/**
 * Signs Alice in through `provider` and opens `conversationId` in `win`; after the test she
 * closes the chat, goes Unavailable and signs out (through `cleanups`). Unless `accept` is
 * false, she then goes Available and accepts the chat.
 */
export async function openAsAlice(
  env: DeskEnv,
  provider: DeskProvider,
  win: ChatWindow,
  conversationId: string,
  cleanups: Array<() => unknown>,
  options: { accept?: boolean } = {},
) {
  const session = await provider.signIn({ tenant: env.tenant, email: 'alice@demo.deskkit.dev', password: env.password });
  const client = provider.client!;
  cleanups.push(() => provider.signOut());
  cleanups.push(() => client.presence.setStatus.mutate({ status: 'unavailable' }));
  cleanups.push(() => client.conversations.close.mutate({ conversationId }));
  win.conversationId = conversationId;
  await waitUntil(() => win.conversation?.id === conversationId, 'loaded', { timeout: 5_000 });
  if (options.accept ?? true) {
    await makeAvailable(client, session.agent.id);
    await client.conversations.accept.mutate({ conversationId });
    await waitUntil(() => win.conversation?.status === 'open', 'accepted', { timeout: 3_000 });
  }
  return { client, session };
}
