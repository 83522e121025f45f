import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../desk-provider/desk-provider.js';
import type { DeskProvider } from '../desk-provider/desk-provider.js';
import { deskEnv, cleanupsAfterEach, makeAvailable, startSupportChat } from '../../internal/test-env.js';
import './chat-window.js';
import type { ChatWindow } from './chat-window.js';

/** Run after each test, newest first: frees chat slots and statuses for the other tests. */
const cleanups = cleanupsAfterEach();

const $ = <T extends Element = HTMLElement>(win: ChatWindow, selector: string) => win.shadowRoot!.querySelector<T>(selector);
const action = (win: ChatWindow, name: string) => $<HTMLButtonElement>(win, `[part=actions] [data-action=${name}]`);
const replyBox = (win: ChatWindow) => $(win, 'message-composer')!.shadowRoot!.querySelector<HTMLTextAreaElement>('[part=input]')!;

/** A provider signed in as `email`, with a window on `conversationId` that has loaded. */
async function mount(email: string, conversationId: string) {
  const env = await deskEnv();
  const provider = await fixture<DeskProvider>(
    html`<desk-provider server=${env.url}><chat-window style="height: 480px"></chat-window></desk-provider>`,
  );
  const win = provider.querySelector<ChatWindow>('chat-window')!;
  const session = await provider.signIn({ tenant: env.tenant, email, password: env.password });
  cleanups.push(() => provider.signOut());
  cleanups.push(() => provider.client!.presence.setStatus.mutate({ status: 'unavailable' }));
  win.conversationId = conversationId;
  await waitUntil(() => win.conversation?.id === conversationId, 'conversation loaded', { timeout: 5_000 });
  return { env, provider, win, client: provider.client!, agentId: session.agent.id };
}

describe('<chat-window> and what "pending" means', () => {
  it('a ticket pending on the customer stays workable by its assignee: composer on, Transfer, no Accept', async () => {
    const env = await deskEnv();
    const { conversationId } = await startSupportChat(env, 'Pending Ticket Customer');
    const { win, client, agentId } = await mount('alice@demo.deskkit.dev', conversationId);
    cleanups.push(() => client.conversations.close.mutate({ conversationId }));
    await makeAvailable(client, agentId);
    await client.conversations.accept.mutate({ conversationId });
    await client.conversations.convert.mutate({ conversationId, to: 'ticket' });
    await client.conversations.updateTicket.mutate({ conversationId, status: 'pending' });
    await waitUntil(() => win.conversation?.status === 'pending' && win.conversation.kind === 'ticket', 'pending live', { timeout: 3_000 });
    await win.updateComplete;

    expect(action(win, 'accept'), 'nothing to accept').to.equal(null);
    expect(action(win, 'transfer'), 'its assignee can transfer it').not.to.equal(null);
    expect(replyBox(win).disabled, 'its assignee can reply').to.equal(false);
  });
});
