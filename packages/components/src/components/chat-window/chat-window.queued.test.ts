import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../desk-provider/desk-provider.js';
import type { DeskProvider } from '../desk-provider/desk-provider.js';
import { deskEnv, cleanupsAfterEach, makeAvailable, signInAs, startSupportChat } from '../../internal/test-env.js';
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

describe('<chat-window>: pending tickets, queued chats and whom a transfer offers', () => {
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

  it('an agent moves a queued chat to another queue; no agents are offered to them', async () => {
    const env = await deskEnv();
    const { conversationId } = await startSupportChat(env, 'Queue Mover Customer');
    const { win, client } = await mount('alice@demo.deskkit.dev', conversationId);
    cleanups.push(() => client.conversations.close.mutate({ conversationId }).catch(() => undefined));
    await win.updateComplete;
    expect(action(win, 'accept')).not.to.equal(null);
    action(win, 'transfer')!.click();
    await waitUntil(() => $<HTMLDialogElement>(win, 'dialog.transfer')?.open, 'transfer dialog open', { timeout: 3_000 });
    const dialog = $<HTMLDialogElement>(win, 'dialog.transfer')!;
    expect(dialog.querySelectorAll('[data-agent-id]').length, 'no agents to choose').to.equal(0);
    expect(dialog.querySelectorAll('fieldset').length, 'departments only').to.equal(1);
    const billing = env.departments.find((d) => d.name === 'Billing')!.id;
    dialog.querySelector<HTMLInputElement>(`[data-department-id="${billing}"]`)!.click();
    await win.updateComplete;
    const transferred = oneEvent(win, 'desk-conversation-transfer');
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    expect((await transferred).detail).to.deep.equal({ conversationId, to: { departmentId: billing } });
    const sam = await signInAs('sam@demo.deskkit.dev');
    cleanups.push(() => sam.client.auth.signOut.mutate());
    cleanups.push(() => sam.client.conversations.close.mutate({ conversationId }));
    const moved = await sam.client.conversations.get.query({ conversationId });
    expect({ departmentId: moved.departmentId, status: moved.status, assigneeId: moved.assigneeId }).to.deep.equal({ departmentId: billing, status: 'pending', assigneeId: null });
  });

  it('a supervisor hands a queued chat to an Available agent', async () => {
    const env = await deskEnv();
    const { conversationId } = await startSupportChat(env, 'Dispatched Customer');
    const bob = await signInAs('bob@demo.deskkit.dev');
    const bobOnline = bob.client.presence.onChange.subscribe(undefined, { onData: () => undefined });
    cleanups.push(() => bob.client.auth.signOut.mutate(), () => bobOnline.unsubscribe());
    cleanups.push(() => bob.client.presence.setStatus.mutate({ status: 'unavailable' }));
    cleanups.push(() => bob.client.conversations.close.mutate({ conversationId }).catch(() => undefined));
    await makeAvailable(bob.client, bob.agentId);
    const { win } = await mount('sam@demo.deskkit.dev', conversationId);
    await win.updateComplete;
    action(win, 'transfer')!.click();
    await waitUntil(() => $<HTMLDialogElement>(win, 'dialog.transfer')?.open, 'transfer dialog open', { timeout: 3_000 });
    const dialog = $<HTMLDialogElement>(win, 'dialog.transfer')!;
    await waitUntil(() => dialog.querySelector(`[data-agent-id="${bob.agentId}"]`), 'bob offered', { timeout: 3_000 });
    dialog.querySelector<HTMLInputElement>(`[data-agent-id="${bob.agentId}"]`)!.click();
    await win.updateComplete;
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await waitUntil(() => win.conversation?.assigneeId === bob.agentId && win.conversation.status === 'open', 'assigned to bob', { timeout: 3_000 });
    expect(action(win, 'accept')).to.equal(null);
  });

  it('offers a ticket to any active agent, online or not; a chat only to Available ones', async () => {
    const env = await deskEnv();
    const { conversationId } = await startSupportChat(env, 'Ticket Transfer Customer');
    const { win, client, agentId } = await mount('alice@demo.deskkit.dev', conversationId);
    cleanups.push(() => client.conversations.close.mutate({ conversationId }).catch(() => undefined));
    await makeAvailable(client, agentId);
    await client.conversations.accept.mutate({ conversationId });
    await waitUntil(() => win.conversation?.status === 'open', 'accepted', { timeout: 3_000 });
    const chen = env.agents.find((a) => a.email === 'chen@demo.deskkit.dev')!;
    const offered = async () => {
      action(win, 'transfer')!.click();
      await waitUntil(() => $<HTMLDialogElement>(win, 'dialog.transfer')?.open, 'transfer dialog open', { timeout: 3_000 });
      const dialog = $<HTMLDialogElement>(win, 'dialog.transfer')!;
      await win.updateComplete;
      const ids = [...dialog.querySelectorAll<HTMLInputElement>('[data-agent-id]')].map((el) => el.dataset.agentId);
      return { dialog, ids };
    };
    // Chen is signed out: no chat for him.
    const asChat = await offered();
    expect(asChat.ids).not.to.include(chen.id);
    asChat.dialog.close();

    await client.conversations.convert.mutate({ conversationId, to: 'ticket' });
    await waitUntil(() => win.conversation?.kind === 'ticket', 'a ticket', { timeout: 3_000 });
    const asTicket = await offered();
    expect(asTicket.ids).to.include(chen.id);
    expect(asTicket.ids, 'not its assignee').not.to.include(agentId);
    asTicket.dialog.querySelector<HTMLInputElement>(`[data-agent-id="${chen.id}"]`)!.click();
    await win.updateComplete;
    asTicket.dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await waitUntil(() => $(win, '[part=notice]')?.textContent?.includes('Chen Wei'), 'handed to chen', { timeout: 3_000 });
    const sam = await signInAs('sam@demo.deskkit.dev');
    cleanups.push(() => sam.client.auth.signOut.mutate());
    cleanups.push(() => sam.client.conversations.close.mutate({ conversationId }));
  });
});
