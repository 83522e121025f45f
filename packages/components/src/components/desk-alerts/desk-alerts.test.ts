import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { createDeskClient, type DeskClient } from '@deskkit/client';
import '../desk-provider/desk-provider.js';
import type { DeskProvider } from '../desk-provider/desk-provider.js';
import type { DeskAlertEvent } from '../../events/desk-alert.js';
import { cid, deskEnv, makeAvailable, signInAs, startSupportChat, type DeskEnv } from '../../internal/test-env.js';
import { DeskAlerts } from './desk-alerts.js';

const uid = () => Math.random().toString(36).slice(2, 8);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Providers signed in by a test: set Unavailable and signed out after it, as later tests expect the agents. */
const mounted: DeskProvider[] = [];

async function mount(email: string, settle = 150) {
  const env = await deskEnv();
  const provider = await fixture<DeskProvider>(html`<desk-provider server=${env.url}><desk-alerts settle=${settle} title-badge></desk-alerts></desk-provider>`);
  const alerts = provider.querySelector<DeskAlerts>('desk-alerts')!;
  const raised: DeskAlertEvent['detail'][] = [];
  provider.addEventListener('desk-alert', (event) => raised.push(event.detail));
  await provider.signIn({ tenant: env.tenant, email, password: env.password });
  mounted.push(provider);
  await waitUntil(() => provider.feed?.status === 'live', 'feed live', { timeout: 5_000 });
  const agentId = provider.session!.agent.id;
  return { env, provider, alerts, raised, client: provider.client!, agentId };
}

const $ = <T extends Element = HTMLElement>(alerts: DeskAlerts, selector: string) => alerts.shadowRoot!.querySelector<T>(selector);
const alertFor = (raised: DeskAlertEvent['detail'][], conversationId: string, kind: string) =>
  raised.find((a) => a.conversationId === conversationId && a.kind === kind);

/** The page as it is while the agent works in another window (no focus), until `restore()`. */
function inBackground() {
  Object.defineProperty(document, 'hasFocus', { configurable: true, value: () => false });
  return () => {
    delete (document as { hasFocus?: unknown }).hasFocus;
    window.dispatchEvent(new Event('focus'));
  };
}

/** Records the desktop notifications the page shows (the browser's own, with permission granted). */
function recordNotifications() {
  const Real = window.Notification;
  const shown: Array<{ title: string; body?: string; tag?: string; notification: Notification }> = [];
  class Recording extends Real {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      shown.push({ title, body: options?.body, tag: options?.tag, notification: this });
    }
  }
  window.Notification = Recording;
  return { shown, restore: () => (window.Notification = Real) };
}

/** Closes the chats a test left with an agent, so later tests find them with room. */
async function closeAll(client: DeskClient, ids: string[]) {
  for (const conversationId of ids) await client.conversations.close.mutate({ conversationId }).catch(() => undefined);
}

describe('<desk-alerts>', () => {
  const opened: string[] = [];
  let admin: DeskClient;
  before(async () => {
    admin = (await signInAs('ada@demo.deskkit.dev')).client;
  });
  afterEach(async () => {
    for (const provider of mounted.splice(0)) {
      await provider.client?.presence.setStatus.mutate({ status: 'unavailable' });
      await provider.signOut();
    }
    await executeServerCommand('desk-browser', { permissions: null });
    localStorage.removeItem('deskkit-alerts');
    await closeAll(admin, opened.splice(0));
  });

  it('shows nothing without a session, and a bell with its choices once signed in', async () => {
    const env = await deskEnv();
    const provider = await fixture<DeskProvider>(html`<desk-provider server=${env.url}><desk-alerts></desk-alerts></desk-provider>`);
    const alerts = provider.querySelector<DeskAlerts>('desk-alerts')!;
    await alerts.updateComplete;
    expect($(alerts, '[part=toggle]')).to.equal(null);
    await provider.signIn({ tenant: env.tenant, email: 'bob@demo.deskkit.dev', password: env.password });
    await waitUntil(() => $(alerts, '[part=toggle]'), 'bell shown');
    const toggle = $<HTMLButtonElement>(alerts, '[part=toggle]')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect($(alerts, '[part=panel]')!.hidden).to.equal(true);
    toggle.click();
    await alerts.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect($(alerts, '[part=panel]')!.hidden).to.equal(false);
    // Sound is on until turned off; desktop notifications are off until the agent asks for them.
    expect($<HTMLInputElement>(alerts, 'input[name=sound]')!.checked).to.equal(true);
    expect($<HTMLInputElement>(alerts, 'input[name=desktop]')!.checked).to.equal(false);
    // Escape closes the panel and gives the bell its focus back; so does a click elsewhere.
    $<HTMLInputElement>(alerts, 'input[name=sound]')!.focus();
    $(alerts, 'input[name=sound]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await alerts.updateComplete;
    expect($(alerts, '[part=panel]')!.hidden).to.equal(true);
    expect(alerts.shadowRoot!.activeElement).to.equal(toggle);
    toggle.click();
    await alerts.updateComplete;
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await alerts.updateComplete;
    expect($(alerts, '[part=panel]')!.hidden).to.equal(true);
  });

  it('alerts an Available agent to a chat waiting in the queue once, announces it, and not to chats that were waiting before', async () => {
    const env = await deskEnv();
    const before = await startSupportChat(env, `Early ${uid()}`);
    opened.push(before.conversationId);
    const { alerts, raised, client, agentId } = await mount('alice@demo.deskkit.dev');
    // Unavailable (on a break), the agent is not called to the queue.
    const unseen = await startSupportChat(env, `Unseen ${uid()}`);
    opened.push(unseen.conversationId);
    await sleep(600);
    expect(raised).to.have.length(0);
    await makeAvailable(client, agentId);
    const name = `Wanda ${uid()}`;
    const chat = await startSupportChat(env, name, 'Where is my parcel?');
    opened.push(chat.conversationId);
    await waitUntil(() => alertFor(raised, chat.conversationId, 'queued'), 'queued alert', { timeout: 5_000 });
    const alert = alertFor(raised, chat.conversationId, 'queued')!;
    expect(alert).to.include({ title: 'New chat waiting', body: name, sound: true, notify: false });
    expect($(alerts, '[role=status]')!.textContent).to.equal(`New chat waiting: ${name}`);
    // The customer writes again while it waits: the chat is not new, and it is not the agent's.
    await chat.visitor.webchat.send.mutate({ conversationId: chat.conversationId, body: 'Hello?', clientMessageId: cid() });
    await before.visitor.webchat.send.mutate({ conversationId: before.conversationId, body: 'Still here', clientMessageId: cid() });
    await sleep(600);
    expect(raised.filter((a) => a.conversationId === chat.conversationId)).to.have.length(1);
    expect(raised.filter((a) => a.conversationId === before.conversationId)).to.have.length(0);
    // The page has focus: no title badge.
    expect(document.title).not.to.match(/^\(\d+\) /);
  });

  it('alerts when a chat is transferred to the agent (who, and the note), not when they accept one themselves', async () => {
    const env = await deskEnv();
    const { raised, client, agentId } = await mount('alice@demo.deskkit.dev');
    await makeAvailable(client, agentId);
    const name = `Tomas ${uid()}`;
    const given = await startSupportChat(env, name);
    opened.push(given.conversationId);
    await waitUntil(() => alertFor(raised, given.conversationId, 'queued'), 'queued first', { timeout: 5_000 });
    // Ada (online and Available for as long as it takes) takes the chat and hands it to Alice.
    const adaId = env.agents.find((a) => a.email === 'ada@demo.deskkit.dev')!.id;
    const adaOnline = admin.presence.onChange.subscribe(undefined, { onData: () => undefined });
    try {
      await makeAvailable(admin, adaId);
      await admin.conversations.accept.mutate({ conversationId: given.conversationId });
      await admin.conversations.transfer.mutate({ conversationId: given.conversationId, to: { agentId }, note: 'VIP, be quick' });
    } finally {
      await admin.presence.setStatus.mutate({ status: 'unavailable' });
      adaOnline.unsubscribe();
    }
    await waitUntil(() => alertFor(raised, given.conversationId, 'assigned'), 'transfer alert', { timeout: 5_000 });
    expect(alertFor(raised, given.conversationId, 'assigned')).to.include({ title: 'Ada Lovelace transferred a chat to you', body: `${name}: VIP, be quick` });

    const taken = await startSupportChat(env, `Self ${uid()}`);
    opened.push(taken.conversationId);
    await waitUntil(() => alertFor(raised, taken.conversationId, 'queued'), 'queued', { timeout: 5_000 });
    await client.conversations.accept.mutate({ conversationId: taken.conversationId });
    await sleep(600);
    expect(raised.filter((a) => a.conversationId === taken.conversationId).map((a) => a.kind)).to.deep.equal(['queued']);
  });

  it('alerts to a chat routed to the agent; a chat routed to them at once never alerts as waiting', async () => {
    const env = await deskEnv();
    // Routing takes a moment after the chat is queued: the alert waits as long as a desk's would.
    const { raised, client, agentId } = await mount('bob@demo.deskkit.dev', 800);
    const department = await admin.departments.create.mutate({ name: `Alerts ${uid()}`, memberIds: [agentId], routingMode: 'auto' });
    try {
      await makeAvailable(client, agentId);
      const name = `Rita ${uid()}`;
      const started = await createChat(env, department.id, name);
      opened.push(started);
      await waitUntil(() => alertFor(raised, started, 'assigned'), 'routed alert', { timeout: 5_000 });
      expect(alertFor(raised, started, 'assigned')).to.include({ title: 'Chat assigned to you', body: name });
      await sleep(400);
      expect(raised.filter((a) => a.conversationId === started).map((a) => a.kind)).to.deep.equal(['assigned']);
    } finally {
      await closeAll(admin, opened.splice(0));
      await admin.departments.remove.mutate({ departmentId: department.id });
    }
  });

  it("in the background: the customer's messages alert, with a desktop notification that opens the chat and a count in the title", async () => {
    await executeServerCommand('desk-browser', { permissions: ['notifications'] });
    const env = await deskEnv();
    const { alerts, raised, client, agentId, provider } = await mount('alice@demo.deskkit.dev');
    await makeAvailable(client, agentId);
    const name = `Nadia ${uid()}`;
    const chat = await startSupportChat(env, name);
    opened.push(chat.conversationId);
    await client.conversations.accept.mutate({ conversationId: chat.conversationId });
    // Turned on from the panel (the browser has allowed it).
    $<HTMLButtonElement>(alerts, '[part=toggle]')!.click();
    await alerts.updateComplete;
    $<HTMLInputElement>(alerts, 'input[name=desktop]')!.click();
    await waitUntil(() => JSON.parse(localStorage.getItem('deskkit-alerts') ?? '{}').desktop === true, 'choice kept');

    // While the page has focus, a message in the open chat alerts nobody.
    await chat.visitor.webchat.send.mutate({ conversationId: chat.conversationId, body: 'Seen at once', clientMessageId: cid() });
    await sleep(600);
    expect(alertFor(raised, chat.conversationId, 'message')).to.equal(undefined);

    const notifications = recordNotifications();
    const restoreFocus = inBackground();
    const title = (document.title = 'Support desk');
    try {
      await chat.visitor.webchat.send.mutate({ conversationId: chat.conversationId, body: 'Are you still there?', clientMessageId: cid() });
      await waitUntil(() => notifications.shown.length === 1, 'desktop notification', { timeout: 5_000 });
      expect(alertFor(raised, chat.conversationId, 'message')).to.include({ title: name, body: 'Are you still there?', notify: true });
      expect(notifications.shown[0]).to.include({ title: name, body: 'Are you still there?', tag: `deskkit-${chat.conversationId}` });
      expect(document.title).to.equal(`(1) ${title}`);
      await chat.visitor.webchat.send.mutate({ conversationId: chat.conversationId, body: 'Hello?', clientMessageId: cid() });
      await waitUntil(() => notifications.shown.length === 2, 'second notification', { timeout: 5_000 });
      expect(document.title).to.equal(`(2) ${title}`);
      // Clicking the notification asks the page to open the chat.
      const selected = oneEvent(provider, 'desk-conversation-select');
      notifications.shown[1]!.notification.dispatchEvent(new Event('click'));
      expect((await selected).detail).to.deep.equal({ conversationId: chat.conversationId });
    } finally {
      notifications.restore();
      restoreFocus();
    }
    // Back in the page: the count leaves the title.
    expect(document.title).to.equal(title);
  });

  it('a page that cancels the alert does its own: no notification, no announcement; blocked notifications say so', async () => {
    await executeServerCommand('desk-browser', { permissions: ['notifications'] });
    localStorage.setItem('deskkit-alerts', JSON.stringify({ sound: false, desktop: true }));
    const env = await deskEnv();
    const { alerts, raised, provider, client, agentId } = await mount('alice@demo.deskkit.dev');
    await makeAvailable(client, agentId);
    provider.addEventListener('desk-alert', (event) => event.preventDefault());
    const notifications = recordNotifications();
    const restoreFocus = inBackground();
    const title = document.title;
    try {
      const chat = await startSupportChat(env, `Quiet ${uid()}`);
      opened.push(chat.conversationId);
      await waitUntil(() => alertFor(raised, chat.conversationId, 'queued'), 'alert raised', { timeout: 5_000 });
      expect(alertFor(raised, chat.conversationId, 'queued')).to.include({ sound: false, notify: true });
      await sleep(200);
      expect(notifications.shown).to.have.length(0);
      expect($(alerts, '[role=status]')!.textContent).to.equal('');
      expect(document.title).to.equal(title);
    } finally {
      notifications.restore();
      restoreFocus();
    }

    await executeServerCommand('desk-browser', { set: { notifications: 'denied' } });
    $<HTMLButtonElement>(alerts, '[part=toggle]')!.click();
    await alerts.updateComplete;
    const desktop = $<HTMLInputElement>(alerts, 'input[name=desktop]')!;
    expect(desktop.disabled).to.equal(true);
    expect(desktop.checked).to.equal(false);
    expect($(alerts, '[part=hint]')!.textContent).to.contain('blocked');
    expect(desktop.getAttribute('aria-describedby')).to.equal('hint');
    expect($<HTMLInputElement>(alerts, 'input[name=sound]')!.checked).to.equal(false);
  });
});

/** A customer starts a web chat in the given department. */
async function createChat(env: DeskEnv, departmentId: string, name: string): Promise<string> {
  const started = await createDeskClient({ url: env.url }).webchat.start.mutate({
    tenant: env.tenant,
    name,
    departmentId,
    message: { body: 'Hi', clientMessageId: cid() },
  });
  return started.conversation.id;
}
