import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../desk-provider/desk-provider.js';
import type { DeskProvider } from '../desk-provider/desk-provider.js';
import { deskEnv, signInAs, cleanupsAfterEach, cid, startSupportChat } from '../../internal/test-env.js';
import { ChatWindow } from './chat-window.js';

const $ = <T extends Element = HTMLElement>(win: ChatWindow, selector: string) => win.shadowRoot!.querySelector<T>(selector);
const withBody = (win: ChatWindow, body: string) =>
  [...win.shadowRoot!.querySelectorAll('[part~=message]')].filter((el) => el.querySelector('[part=body]')?.textContent === body);

const cleanups = cleanupsAfterEach();

/** An agent online (a live stream open) and Available. */
async function onlineAndAvailable(email: string) {
  const agent = await signInAs(email);
  const stream = agent.client.presence.onChange.subscribe(undefined, { onData: () => undefined });
  cleanups.push(() => agent.client.auth.signOut.mutate(), () => stream.unsubscribe());
  cleanups.push(() => agent.client.presence.setStatus.mutate({ status: 'unavailable' }));
  await waitUntil(async () => (await agent.client.presence.list.query()).agents.some((a) => a.agentId === agent.agentId), 'online', {
    timeout: 5_000,
    interval: 100,
  });
  await agent.client.presence.setStatus.mutate({ status: 'available' });
  return agent;
}

describe('<chat-window> for a supervisor monitoring a chat', () => {
  it('shows it live with a monitoring notice, leaves read state to the assignee, and reassigns', async function () {
    this.timeout(20_000);
    const env = await deskEnv();
    const alice = await onlineAndAvailable('alice@demo.deskkit.dev');
    const { conversationId, visitor } = await startSupportChat(env, 'Monitored Customer', 'Is anyone watching?');
    cleanups.push(() => alice.client.conversations.close.mutate({ conversationId }));
    const current = await alice.client.conversations.get.query({ conversationId });
    if (current.assigneeId !== alice.agentId) await alice.client.conversations.accept.mutate({ conversationId });

    const provider = await fixture<DeskProvider>(
      html`<desk-provider server=${env.url}><chat-window style="height: 480px"></chat-window></desk-provider>`,
    );
    const win = provider.querySelector<ChatWindow>('chat-window')!;
    await provider.signIn({ tenant: env.tenant, email: 'sam@demo.deskkit.dev', password: env.password });
    cleanups.push(() => provider.signOut());
    win.conversationId = conversationId;
    expect(win).to.be.instanceOf(ChatWindow);
    await waitUntil(() => win.conversation?.id === conversationId, 'loaded', { timeout: 5_000 });

    await waitUntil(() => $(win, '[part~=monitoring]')?.textContent?.includes('Monitoring — assigned to Alice Moreau'), 'monitoring notice', {
      timeout: 3_000,
    });
    expect($(win, '[part~=monitoring]')!.getAttribute('role')).to.equal('status');

    // Both sides' messages arrive live in the supervisor's window.
    await waitUntil(() => provider.feed?.status === 'live', 'feed live', { timeout: 5_000 });
    await alice.client.conversations.reply.mutate({ conversationId, body: 'Yes, one moment.', clientMessageId: cid() });
    await visitor.webchat.send.mutate({ conversationId, body: 'Still there?', clientMessageId: cid() });
    await waitUntil(() => withBody(win, 'Still there?').length === 1 && withBody(win, 'Yes, one moment.').length === 1, 'live', {
      timeout: 3_000,
    });

    // The supervisor reading it does not mark it read for Alice.
    await new Promise((resolve) => setTimeout(resolve, 800));
    const seen = await alice.client.conversations.get.query({ conversationId });
    expect(seen.read.agent).to.be.below(seen.lastSeq);
    expect(seen.unread.agent).to.be.above(0);

    // Reassign… offers Available agents and moves the chat; the window keeps monitoring it.
    const bob = await onlineAndAvailable('bob@demo.deskkit.dev');
    cleanups.push(() => bob.client.conversations.close.mutate({ conversationId }));
    const reassign = $<HTMLButtonElement>(win, '[part=actions] [data-action=transfer]')!;
    expect(reassign.textContent!.trim()).to.equal('Reassign…');
    reassign.click();
    // The dialog loads on first use: it opens once its code is in.
    await waitUntil(() => $<HTMLDialogElement>(win, 'dialog.transfer')?.open, 'transfer dialog open', { timeout: 3_000 });
    const dialog = $<HTMLDialogElement>(win, 'dialog.transfer')!;
    await waitUntil(() => dialog.querySelector(`[data-agent-id="${bob.agentId}"]`), 'bob offered', { timeout: 3_000 });
    dialog.querySelector<HTMLInputElement>(`[data-agent-id="${bob.agentId}"]`)!.click();
    await waitUntil(() => !dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.disabled, 'confirm enabled');
    const transferred = oneEvent(win, 'desk-conversation-transfer');
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    const outcome = await Promise.race([transferred, new Promise((resolve) => setTimeout(resolve, 3_000))]);
    expect(outcome, dialog.querySelector('[part=error]')?.textContent ?? 'no transfer event').to.be.instanceOf(CustomEvent);
    expect((outcome as CustomEvent).detail).to.deep.equal({ conversationId, to: { agentId: bob.agentId } });
    expect((await bob.client.conversations.get.query({ conversationId })).assigneeId).to.equal(bob.agentId);
    await waitUntil(() => $(win, '[part~=monitoring]')?.textContent?.includes('assigned to Bob Okafor'), 'now Bob', { timeout: 3_000 });
  });
});
