import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { createDeskClient } from '@deskkit/client';
import '../desk-provider/desk-provider.js';
import type { DeskProvider } from '../desk-provider/desk-provider.js';
import { deskEnv, signInAs, type DeskEnv } from '../../internal/test-env.js';
import { AgentLoad } from './agent-load.js';

const uid = () => Math.random().toString(36).slice(2, 10);

async function mount(email: string) {
  const env = await deskEnv();
  const provider = await fixture<DeskProvider>(
    html`<desk-provider server=${env.url}><agent-load debounce="50"></agent-load></desk-provider>`,
  );
  const load = provider.querySelector<AgentLoad>('agent-load')!;
  await provider.signIn({ tenant: env.tenant, email, password: env.password });
  return { env, provider, load };
}

const rowOf = (load: AgentLoad, name: string) =>
  [...load.shadowRoot!.querySelectorAll<HTMLElement>('[part~=row]')].find((tr) => tr.textContent!.includes(name));
const chatsOf = (load: AgentLoad, name: string) => rowOf(load, name)?.querySelector('[part=chats]')?.textContent?.trim();

async function startChat(env: DeskEnv, department: string) {
  const departmentId = env.departments.find((d) => d.name === department)!.id;
  const started = await createDeskClient({ url: env.url }).webchat.start.mutate({
    tenant: env.tenant,
    name: `Load ${uid()}`,
    departmentId,
    message: { body: 'Hello?', clientMessageId: `m-${uid()}` },
  });
  return started.conversation.id;
}

describe('<agent-load>', () => {
  it('tells agents it is for supervisors', async () => {
    const { load, provider } = await mount('bob@demo.deskkit.dev');
    await waitUntil(() => load.shadowRoot!.querySelector('[part=empty]')?.textContent?.includes('supervisors'), 'refusal shown');
    await provider.signOut();
  });

  it('lists every agent with status, presence, load bar and departments', async () => {
    const { load, provider } = await mount('sam@demo.deskkit.dev');
    await waitUntil(() => rowOf(load, 'Ada Lovelace'), 'rows shown', { timeout: 5_000 });
    const server = await provider.client!.agents.load.query();
    expect(load.shadowRoot!.querySelectorAll('[part~=row]').length).to.equal(server.length);
    const sam = rowOf(load, 'Sam Carter')!;
    // Sam's own provider keeps a live stream open: online.
    await waitUntil(() => rowOf(load, 'Sam Carter')!.dataset.online === 'true', 'sam online', { timeout: 5_000 });
    expect(sam.querySelector('[part~=dot]')!.getAttribute('part')).to.match(/dot-(un)?available/);
    const alice = server.find((r) => r.name.startsWith('Alice'))!;
    const meter = rowOf(load, 'Alice')!.querySelector<HTMLMeterElement>('[part~=bar]')!;
    expect(meter.value).to.equal(alice.openChats);
    expect(meter.max).to.equal(alice.maxChats);
    expect(rowOf(load, 'Alice')!.querySelector('[part=departments]')!.textContent).to.equal(alice.departments.map((d) => d.name).join(', '));
    await provider.signOut();
  });

  it('fits a side column, and scrolls its table inside itself on a phone', async () => {
    const { load, provider } = await mount('sam@demo.deskkit.dev');
    load.style.fontFamily = 'system-ui, sans-serif';
    await waitUntil(() => rowOf(load, 'Ada Lovelace'), 'rows shown', { timeout: 5_000 });
    const box = (selector: string) => load.shadowRoot!.querySelector(selector)!.getBoundingClientRect();
    // The intranet's side column.
    load.style.width = '432px';
    expect(box('[part=table]').right).to.be.at.most(load.getBoundingClientRect().right);
    // A phone: the header stays in, the table scrolls in its frame.
    load.style.width = '324px';
    const host = load.getBoundingClientRect();
    expect(box('[part=sort]').right).to.be.at.most(host.right);
    expect(box('.table-frame').right).to.be.at.most(host.right);
    const frame = load.shadowRoot!.querySelector('.table-frame')!;
    expect(frame.scrollWidth).to.be.greaterThan(frame.clientWidth);
    await provider.signOut();
  });

  it('keeps names and "n of m chats" on one line in a side column, departments wrapping', async () => {
    const { load, provider } = await mount('sam@demo.deskkit.dev');
    load.style.fontFamily = 'system-ui, sans-serif';
    await waitUntil(() => rowOf(load, 'Ada Lovelace'), 'rows shown', { timeout: 5_000 });
    // The intranet's side column (30rem less the card's padding), and a ~360 px side panel.
    for (const width of [432, 360]) {
      load.style.width = `${width}px`;
      const oneLine = (el: Element) => el.getBoundingClientRect().height < 2 * parseFloat(getComputedStyle(el).fontSize);
      for (const el of load.shadowRoot!.querySelectorAll('[part=agent], [part=chats]')) expect(oneLine(el), `${el.textContent!.trim()} at ${width}px`).to.equal(true);
    }
    load.style.width = '432px';
    expect(load.shadowRoot!.querySelector('[part=table]')!.getBoundingClientRect().right, 'no sideways scrolling').to.be.at.most(load.getBoundingClientRect().right);
    await provider.signOut();
  });

  it('sorts by load, busiest first, and by name', async () => {
    const { load, provider } = await mount('ada@demo.deskkit.dev');
    await waitUntil(() => rowOf(load, 'Ada Lovelace'), 'rows shown', { timeout: 5_000 });
    const ratios = () =>
      [...load.shadowRoot!.querySelectorAll<HTMLElement>('[part~=row]')].map((tr) => {
        const m = tr.querySelector<HTMLMeterElement>('meter')!;
        return m.value / m.max;
      });
    const byLoad = ratios();
    expect(byLoad).to.deep.equal([...byLoad].sort((a, b) => b - a));
    load.shadowRoot!.querySelector<HTMLButtonElement>('[part=sort]')!.click();
    await load.updateComplete;
    expect(load.sort).to.equal('name');
    const names = [...load.shadowRoot!.querySelectorAll('[part=agent]')].map((b) => b.textContent!.trim());
    expect(names).to.deep.equal([...names].sort((a, b) => a.localeCompare(b)));
    await provider.signOut();
  });

  it('updates live when an agent accepts a chat, and fires desk-agent-select', async () => {
    const { env, load, provider } = await mount('sam@demo.deskkit.dev');
    await waitUntil(() => rowOf(load, 'Chen Wei'), 'rows shown', { timeout: 5_000 });
    await waitUntil(() => provider.feed?.status === 'live', 'feed live', { timeout: 5_000 });
    // The agent with the most room comes online, goes Available and gets a new chat in one of their departments.
    const pick = (await provider.client!.agents.load.query())
      .filter((r) => r.role === 'agent' && r.departments.length)
      .sort((a, b) => b.maxChats - b.openChats - (a.maxChats - a.openChats))[0]!;
    const agent = await signInAs(env.agents.find((a) => a.id === pick.agentId)!.email);
    const stream = agent.client.presence.onChange.subscribe(undefined, { onData: () => undefined });
    await waitUntil(() => rowOf(load, pick.name)?.dataset.online === 'true', 'online live', { timeout: 3_000 });
    await agent.client.presence.setStatus.mutate({ status: 'available' });
    await waitUntil(() => rowOf(load, pick.name)?.dataset.status === 'available', 'available live', { timeout: 3_000 });
    const id = await startChat(env, pick.departments[0]!.name);
    // Routing may hand it to someone Available; otherwise our agent accepts it.
    let current = await provider.client!.conversations.get.query({ conversationId: id });
    if (current.status === 'pending') current = await agent.client.conversations.accept.mutate({ conversationId: id });
    const before = (await provider.client!.agents.load.query()).find((r) => r.agentId === current.assigneeId)!;
    await waitUntil(() => chatsOf(load, before.name) === `${before.openChats} of ${before.maxChats} chats`, 'load up', { timeout: 3_000 });
    await provider.client!.conversations.close.mutate({ conversationId: id });
    await waitUntil(() => chatsOf(load, before.name) === `${before.openChats - 1} of ${before.maxChats} chats`, 'load down', {
      timeout: 3_000,
    });
    await agent.client.presence.setStatus.mutate({ status: 'unavailable' });
    stream.unsubscribe();

    const selected = oneEvent(load, 'desk-agent-select');
    rowOf(load, before.name)!.querySelector<HTMLButtonElement>('[part=agent]')!.click();
    expect((await selected).detail).to.deep.equal({ agentId: before.agentId, name: before.name });
    await load.updateComplete;
    expect(rowOf(load, before.name)!.getAttribute('part')).to.contain('row-selected');
    await provider.signOut();
  });

  it('says so when its live stream stops (the session ended elsewhere)', async () => {
    const { load, provider } = await mount('sam@demo.deskkit.dev');
    await waitUntil(() => rowOf(load, 'Sam Carter'), 'loaded', { timeout: 5_000 });
    await waitUntil(() => provider.feed?.status === 'live', 'feed live', { timeout: 5_000 });
    await provider.client!.auth.signOut.mutate();
    await waitUntil(() => load.shadowRoot!.querySelector('[part=error]'), 'error shown', { timeout: 5_000 });
    const alert = load.shadowRoot!.querySelector('[part=error]')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.match(/session|sign in/i);
  });

  it('survives being defined twice', () => {
    expect(() => AgentLoad.define('agent-load')).not.to.throw();
  });
});
