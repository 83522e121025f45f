/**
 * Security suite: XSS payloads in every user-supplied text render inert in the elements.
 *
 * The `xss` tenant (web-test-runner.xss.mjs) stores the payloads of `xss-payloads.ts` in
 * every text a person can type, through the real server. Each test renders elements inside a
 * real `<desk-provider>`, signed in as the role that sees them, and checks that:
 * - the payloads ARE shown, as text (so rendering nothing cannot pass);
 * - no payload ran: the `__xss` tripwire every payload sets stays untouched;
 * - no shadow root (walked recursively) holds what a parsed payload leaves behind: scripts,
 *   frames, inline handlers, `srcdoc`, or an `href`/`src` with a scheme other than
 *   http(s), mailto, tel or blob (so never `javascript:`, `data:` or `vbscript:`).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import { createDeskClient, isTRPCClientError, type DeskClient } from '@deskkit/client';
import '../index.js';
import type { AgentQueue, ChatWindow, CustomerChat, DeskAlerts, DeskProvider } from '../index.js';
import { visitorStorageKey } from '../components/customer-chat/customer-chat.session.js';
import { deskEnv } from '../internal/test-env.js';
import { armTripwire, deepNodes, deepText, findHoles, missingText, tripped } from './xss-dom.js';
import { CRM_LINK, FIELDS, HOSTILE_URLS, TEMPLATE_URL, TRIPWIRE, type Field } from './xss-payloads.js';

type Role = 'admin' | 'supervisor' | 'agent' | 'second';

/** What the plugin seeded (GET /__desk-xss). */
interface XssDesk {
  tenant: string;
  password: string;
  emails: Record<Role, string>;
  agentIds: Record<Role, string>;
  departmentId: string;
  customerId: string;
  conversations: Record<'main' | 'past' | 'whatsapp' | 'duplicate' | 'queued' | 'surveyed', string>;
  visitorTokens: Record<'main' | 'surveyed', string>;
  error?: string;
}

let seeded: Promise<XssDesk> | undefined;
const xssDesk = () =>
  (seeded ??= fetch('/__desk-xss', { cache: 'no-store' })
    .then((res) => res.json() as Promise<XssDesk>)
    .then((desk) => {
      if (desk.error) throw new Error(`seeding the xss tenant failed: ${desk.error}`);
      return desk;
    }));

// Armed before anything renders: a payload that ever runs is recorded, with the test it ran in.
let running = 'loading';
armTripwire(() => running);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Fields some test saw shown as text (every field must be, by the end). */
const seen = new Set<Field>();

const cleanups: Array<() => unknown> = [];
let failures = 0;
beforeEach(function () {
  running = this.currentTest?.title ?? '?';
});
afterEach(async function () {
  if (this.currentTest?.state === 'failed') failures++;
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch {
      // Already signed out, …
    }
  }
});

/**
 * Waits until `root` shows every field as text, then checks that nothing ran and nothing
 * a parsed payload would leave behind is there.
 */
async function expectInert(root: Element, fields: readonly Field[], what: string): Promise<void> {
  const expected = Object.fromEntries(fields.map((field) => [field, FIELDS[field]]));
  // Shown, and still shown a moment later (an element may still be swapping what it shows);
  // meanwhile whatever could fire (an image's error, a frame's load) has had its moment.
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (!missingText(root, expected).length) {
      await sleep(150);
      if (!missingText(root, expected).length) break;
    }
    await sleep(50);
  }
  // On a failure, what was shown instead helps more than the list of what was not.
  if (missingText(root, expected).length) console.log(`${what} shows:`, deepText(root).replace(/\s+/g, ' ').slice(0, 2_000));
  expect({ notShownAsText: missingText(root, expected), leftBehind: findHoles(root), ran: tripped }, what).to.deep.equal({
    notShownAsText: [],
    leftBehind: [],
    ran: [],
  });
  for (const field of fields) seen.add(field);
}

/** `<desk-provider>` around `content`, signed in as `role`; the element matching `selector`. */
async function mount<T extends Element>(role: Role, content: TemplateResult, selector: string) {
  const desk = await xssDesk();
  const env = await deskEnv();
  const provider = await fixture<DeskProvider>(html`<desk-provider server=${env.url}>${content}</desk-provider>`);
  await provider.signIn({ tenant: desk.tenant, email: desk.emails[role], password: desk.password });
  cleanups.push(() => provider.signOut());
  return { desk, provider, el: provider.querySelector<T>(selector)!, client: provider.client! };
}

/** A typed client signed in as `role` (signed out after the test). */
async function signedIn(role: Role): Promise<{ client: DeskClient; agentId: string }> {
  const desk = await xssDesk();
  const env = await deskEnv();
  const session = await createDeskClient({ url: env.url }).auth.signIn.mutate({ tenant: desk.tenant, email: desk.emails[role], password: desk.password });
  const client = createDeskClient({ url: env.url, token: session.token });
  cleanups.push(() => client.auth.signOut.mutate());
  return { client, agentId: session.agent.id };
}

/** Another agent signed in elsewhere, online (a live stream), optionally Available. */
async function online(role: Role, available = false): Promise<DeskClient> {
  const { client, agentId } = await signedIn(role);
  const stream = client.presence.onChange.subscribe(undefined, { onData() {} });
  cleanups.push(() => stream.unsubscribe());
  await waitUntil(async () => (await client.presence.list.query()).agents.some((a) => a.agentId === agentId && a.online), `${role} online`, {
    timeout: 5_000,
    interval: 100,
  });
  if (available) {
    await client.presence.setStatus.mutate({ status: 'available' });
    cleanups.push(() => client.presence.setStatus.mutate({ status: 'unavailable' }));
  }
  return client;
}

const shadow = (el: Element) => el.shadowRoot!;
/** Every element under `root` (through shadow roots) matching `selector`. */
const deepAll = <T extends Element>(root: Node, selector: string) =>
  [...deepNodes(root)].filter((node): node is T => node instanceof Element && node.matches(selector));

/** A window on `conversationId` that has loaded, signed in as `role`. */
async function chatWindow(role: Role, conversation: keyof XssDesk['conversations']) {
  const mounted = await mount<ChatWindow>(role, html`<chat-window style="height: 640px"></chat-window>`, 'chat-window');
  mounted.el.conversationId = mounted.desk.conversations[conversation];
  await waitUntil(() => mounted.el.conversation?.id === mounted.desk.conversations[conversation], 'conversation loaded', { timeout: 5_000 });
  return mounted;
}

/** Clicks one of the window's header actions once it is ready. */
async function act(win: ChatWindow, name: string) {
  const button = () => shadow(win).querySelector<HTMLButtonElement>(`[part=actions] [data-action=${name}]`);
  await waitUntil(() => button()?.getAttribute('aria-disabled') === 'false', `${name} ready`, { timeout: 5_000 });
  button()!.click();
  await win.updateComplete;
  // A dialog loads on first use: it opens once its code is in.
  if (button()?.getAttribute('aria-haspopup') === 'dialog') await waitUntil(() => openDialog(win), `${name} dialog open`, { timeout: 3_000 });
}

/** Switches a queue's view and waits until the new view has loaded. */
async function switchView(queue: AgentQueue, view: AgentQueue['view']) {
  queue.view = view;
  await queue.updateComplete;
  await waitUntil(() => !shadow(queue).querySelector('[part~=loading]'), `${view} loaded`, { timeout: 10_000 });
}

const openDialog = (win: ChatWindow) => shadow(win).querySelector<HTMLDialogElement>('dialog[open]');

describe('XSS payloads render inert', function () {
  // Seeding the tenant takes a few seconds the first time.
  this.timeout(60_000);

  before(async () => {
    // The tripwire records what sets it (a control, then forgotten).
    (window as unknown as Record<string, unknown>)[TRIPWIRE] = 'control';
    expect(tripped.splice(0), 'the tripwire is armed').to.deep.equal(['control during "loading"']);
    await xssDesk();
  });

  after(() => {
    expect(tripped, 'payloads that ran after their test').to.deep.equal([]);
    // A failed test saw less than it should have: its own failure says what.
    if (failures) return;
    expect(
      Object.keys(FIELDS).filter((field) => !seen.has(field as Field)),
      'fields no test saw shown (add them to a test, or drop them from FIELDS)',
    ).to.deep.equal([]);
  });

  it('the server refuses hostile URLs and markup where its schemas allow plain values only', async () => {
    const desk = await xssDesk();
    const { client: admin } = await signedIn('admin');
    const refused = async (what: string, call: () => Promise<unknown>) => {
      const err = await call().then(
        () => null,
        (e: unknown) => e,
      );
      expect(isTRPCClientError(err) && err.data?.code, `${what} is refused`).to.equal('BAD_REQUEST');
    };
    for (const url of HOSTILE_URLS) {
      await refused(`avatar ${url}`, () => admin.auth.updateProfile.mutate({ avatarUrl: url }));
      await refused(`logo ${url}`, () => admin.settings.updateProfile.mutate({ logoUrl: url }));
      await refused(`template button ${url}`, () =>
        admin.templates.create.mutate({ name: 'xss_refused', language: 'en', category: 'utility', body: 'Hi', buttons: [{ type: 'url', text: 'Go', url }] }),
      );
      await refused(`integration endpoint ${url}`, () => admin.integrations.create.mutate({ name: 'Refused', endpoint: url }));
    }
    await refused('a tag with markup', () => admin.conversations.tag.mutate({ conversationId: desk.conversations.main, add: [FIELDS.tag] }));
    await refused('an attribute key with markup', () =>
      admin.customers.update.mutate({ customerId: desk.customerId, attributes: { [FIELDS.attributeKey]: 'x' } }),
    );
    await refused('a language with markup', () => admin.customers.update.mutate({ customerId: desk.customerId, language: FIELDS.language }));
  });

  it('<presence-list>: names as text; hostile avatars never reach src', async () => {
    const { el } = await mount('agent', html`<presence-list></presence-list>`, 'presence-list');
    await Promise.all([online('admin'), online('supervisor'), online('second')]);
    await expectInert(el, ['agentName', 'adminName', 'supervisorName', 'secondAgentName'], '<presence-list>');
    // Only the admin's web avatar is an image; the javascript:/data: ones show initials.
    const images = deepAll<HTMLImageElement>(el, '[part=avatar] img');
    expect(images.map((img) => new URL(img.src).origin)).to.deep.equal(['http://127.0.0.1:1']);
  });

  it('<agent-load> (supervisor): agent and department names as text', async () => {
    const { el } = await mount('supervisor', html`<agent-load></agent-load>`, 'agent-load');
    await expectInert(el, ['adminName', 'supervisorName', 'agentName', 'secondAgentName', 'departmentName'], '<agent-load>');
  });

  it('<agent-queue>: customer names, subjects and tags in the pending and own views', async () => {
    const { el: queue } = await mount<AgentQueue>('agent', html`<agent-queue style="height: 640px"></agent-queue>`, 'agent-queue');
    await expectInert(queue, ['duplicateName', 'queuedName'], '<agent-queue> pending');
    await switchView(queue, 'mine');
    await expectInert(queue, ['customerName', 'subject', 'tag', 'whatsappName'], '<agent-queue> mine');
  });

  it('<agent-queue> (supervisor): every conversation with its assignee, and the closed ones', async () => {
    const { el: queue } = await mount<AgentQueue>('supervisor', html`<agent-queue view="all" style="height: 640px"></agent-queue>`, 'agent-queue');
    await expectInert(queue, ['customerName', 'subject', 'whatsappName', 'agentName'], '<agent-queue> all');
    // The All view lists closed chats too: look once the Closed view has loaded.
    await switchView(queue, 'closed');
    await expectInert(queue, ['customerName', 'visitorName'], '<agent-queue> closed');
  });

  it('<chat-window>: the timeline, typing, suggestions, tags, the dialogs and the canned-reply menu', async () => {
    const { el: win, desk } = await chatWindow('agent', 'main');
    await expectInert(
      win,
      [
        'customerName',
        'departmentName',
        'agentName',
        'adminName',
        'firstMessage',
        'greeting',
        'everyPayload',
        'address',
        'imageName',
        'fileName',
        'transferNote',
        'agentReply',
        'tag',
        'subject',
        'paymentDescription',
        'lastMessage',
        'cannedBody',
        'pastAnswer',
      ],
      '<chat-window> timeline',
    );

    // The customer types: their name in the typing line.
    const env = await deskEnv();
    const visitor = createDeskClient({ url: env.url, token: desk.visitorTokens.main });
    await visitor.webchat.typing.mutate({ conversationId: desk.conversations.main, typing: true });
    cleanups.push(() => visitor.webchat.typing.mutate({ conversationId: desk.conversations.main, typing: false }));
    const typingLine = shadow(win).querySelector('[part=typing]')!;
    await waitUntil(() => deepText(typingLine).includes(FIELDS.customerName), 'customer typing shown', { timeout: 5_000 });
    await expectInert(win, ['customerName'], '<chat-window> typing');

    // Transfer: Available agents and departments by name.
    await online('second', true);
    await act(win, 'transfer');
    await expectInert(openDialog(win)!, ['secondAgentName', 'departmentName'], '<chat-window> transfer dialog');
    openDialog(win)!.close();

    // A payment request: the description the agent types is echoed in the preview.
    await act(win, 'payment');
    const dialog = openDialog(win)!;
    for (const [name, value] of [['amount', '5'], ['description', FIELDS.paymentDescription]] as const) {
      const input = dialog.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name=${name}]`)!;
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
    await waitUntil(() => dialog.querySelector('[part=payment-preview]'), 'payment preview', { timeout: 3_000 });
    await expectInert(dialog.querySelector('[part=payment-preview]')!, ['paymentDescription'], '<chat-window> payment preview');
    dialog.close();

    // `/` in the composer: the canned reply's title and preview, then its text in the box.
    const composer = shadow(win).querySelector<HTMLElement>('message-composer')!;
    shadow(composer).querySelector<HTMLTextAreaElement>('[part~=input]')!.focus();
    await sendKeys({ type: '/xss' });
    await waitUntil(() => shadow(composer).querySelector('[part~=suggestion]'), 'canned replies suggested', { timeout: 5_000 });
    await expectInert(composer, ['cannedTitle', 'cannedBody'], '<message-composer> canned replies');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(composer).querySelector<HTMLTextAreaElement>('[part~=input]')!.value.includes(FIELDS.customerName), 'canned reply inserted', {
      timeout: 5_000,
    });
    await expectInert(composer, ['cannedBody', 'customerName', 'agentName'], '<message-composer> inserted reply');

    // As a ticket: the subject in its field.
    await act(win, 'convert');
    await waitUntil(() => shadow(win).querySelector('[part=ticket-fields]'), 'ticket fields', { timeout: 5_000 });
    await expectInert(shadow(win).querySelector('[part=ticket-fields]')!, ['subject'], '<chat-window> ticket fields');
    await expectInert(win, ['customerName'], '<chat-window> as a ticket');
  });

  it('<chat-window> on WhatsApp: the profile name, a template with payload variables, verification', async () => {
    const { el: win } = await chatWindow('agent', 'whatsapp');
    const fields: Field[] = [
      'whatsappName',
      'whatsappText',
      'address',
      'templateHeader',
      'templateBody',
      'templateFooter',
      'templateQuickReply',
      'templateUrlText',
      'templateVariable1',
      'templateVariable2',
      'agentName',
    ];
    await expectInert(win, fields, '<chat-window> WhatsApp timeline');
    // The template's URL button links to its https URL (markup in the query, encoded).
    const links = deepAll<HTMLAnchorElement>(win, '[part=template-buttons] a');
    expect(links.map((a) => a.href)).to.deep.equal([new URL(TEMPLATE_URL).href]);

    await act(win, 'template');
    await expectInert(openDialog(win)!, ['templateHeader', 'templateBody', 'templateFooter'], '<chat-window> template dialog');
    openDialog(win)!.close();
    await act(win, 'verify');
    await expectInert(win, ['whatsappName'], '<chat-window> verification dialog');
  });

  it('<chat-window> (supervisor) on a closed chat: the close reason and past answers', async () => {
    const { el: win } = await chatWindow('supervisor', 'past');
    await expectInert(win, ['customerName', 'agentName', 'pastAnswer', 'closeReason', 'departmentName'], '<chat-window> closed chat');
  });

  it('<customer-chat>: the visitor side of the chat, the agent typing, the payment link', async () => {
    const desk = await xssDesk();
    const env = await deskEnv();
    localStorage.setItem(visitorStorageKey(env.url, desk.tenant, null), desk.visitorTokens.main);
    cleanups.push(() => localStorage.removeItem(visitorStorageKey(env.url, desk.tenant, null)));
    const chat = await fixture<CustomerChat>(html`<customer-chat server=${env.url} tenant=${desk.tenant} department=${desk.departmentId}></customer-chat>`);
    await expectInert(
      chat,
      ['firstMessage', 'greeting', 'everyPayload', 'address', 'imageName', 'fileName', 'agentReply', 'paymentDescription', 'lastMessage', 'agentName'],
      '<customer-chat>',
    );
    // The Pay link goes to the desk's checkout over http(s).
    const pay = deepAll<HTMLAnchorElement>(chat, '[part=payment-pay]');
    expect(pay.map((a) => a.protocol)).to.deep.equal([new URL(env.url).protocol]);

    const { client: agent } = await signedIn('agent');
    await agent.conversations.typing.mutate({ conversationId: desk.conversations.main, typing: true });
    await waitUntil(() => deepText(shadow(chat).querySelector('[part=typing]')!).includes(FIELDS.agentName), 'agent typing shown', { timeout: 5_000 });
    await expectInert(chat, ['agentName'], '<customer-chat> typing');
    await agent.conversations.typing.mutate({ conversationId: desk.conversations.main, typing: false });
  });

  it('<customer-chat>: the survey after the chat, answered with a payload comment', async () => {
    const desk = await xssDesk();
    const env = await deskEnv();
    localStorage.setItem(visitorStorageKey(env.url, desk.tenant, null), desk.visitorTokens.surveyed);
    cleanups.push(() => localStorage.removeItem(visitorStorageKey(env.url, desk.tenant, null)));
    const chat = await fixture<CustomerChat>(html`<customer-chat server=${env.url} tenant=${desk.tenant} department=${desk.departmentId}></customer-chat>`);
    // Nobody was online when this chat started: the no-agent responder wrote.
    await expectInert(chat, ['greeting', 'noAgentText', 'ratingQuestion', 'textQuestion', 'choiceQuestion', 'choiceOne', 'choiceTwo'], '<customer-chat> survey');

    shadow(chat).querySelector<HTMLInputElement>('[part=survey-rating] input[value="4"]')!.click();
    const comment = shadow(chat).querySelector<HTMLTextAreaElement>('#survey-comment')!;
    comment.value = FIELDS.surveyComment;
    comment.dispatchEvent(new Event('input'));
    await chat.updateComplete;
    await expectInert(chat, ['surveyComment'], '<customer-chat> survey comment');
    shadow(chat).querySelector<HTMLButtonElement>('[part=survey-submit]')!.click();
    await expectInert(chat, ['thankYou'], '<customer-chat> survey thanks');
  });

  it('<customer-profile>: details, history, duplicates and connected apps; then the edit form', async () => {
    const desk = await xssDesk();
    const { el: profile } = await mount<HTMLElement & { customerId: string }>('agent', html`<customer-profile customer-id=${desk.customerId}></customer-profile>`, 'customer-profile');
    await expectInert(
      profile,
      [
        'customerName',
        'customerEmail',
        'customerPhone',
        'externalId',
        'language',
        'notes',
        'attributeKey',
        'attributeValue',
        'subject',
        'duplicateName',
        'integrationName',
        'integrationLabel',
        'integrationValue',
        'integrationLinkText',
        'failingIntegrationName',
        'cachedIntegrationName',
        'cachedLabel',
        'cachedValue',
      ],
      '<customer-profile>',
    );
    // The app's https link is a link; the cached javascript:/data:/vbscript: ones are plain text.
    const links = deepAll<HTMLAnchorElement>(profile, '[part=integration-link]');
    expect(links.map((a) => a.href)).to.deep.equal([CRM_LINK]);

    shadow(profile).querySelector<HTMLButtonElement>('[data-action=edit]')!.click();
    await waitUntil(() => shadow(profile).querySelector('[part=form]'), 'edit form', { timeout: 3_000 });
    await expectInert(
      shadow(profile).querySelector('[part=form]')!,
      ['customerName', 'customerEmail', 'customerPhone', 'language', 'notes', 'attributeKey', 'attributeValue'],
      '<customer-profile> edit form',
    );
  });

  it('<customer-profile> (supervisor): merging the duplicate names both customers as text', async () => {
    const desk = await xssDesk();
    const { el: profile } = await mount<HTMLElement>('supervisor', html`<customer-profile customer-id=${desk.customerId}></customer-profile>`, 'customer-profile');
    await waitUntil(() => shadow(profile).querySelector('[part=duplicate] [data-action=merge]'), 'merge offered', { timeout: 5_000 });
    shadow(profile).querySelector<HTMLButtonElement>('[part=duplicate] [data-action=merge]')!.click();
    await waitUntil(() => shadow(profile).querySelector('dialog[open]'), 'merge dialog', { timeout: 3_000 });
    await expectInert(shadow(profile).querySelector('dialog[open]')!, ['duplicateName', 'customerName'], '<customer-profile> merge dialog');
    shadow(profile).querySelector<HTMLDialogElement>('dialog[open]')!.close();
  });

  it('<desk-metrics> (supervisor): agents, departments and survey comments', async () => {
    const { el } = await mount('supervisor', html`<desk-metrics period="7d"></desk-metrics>`, 'desk-metrics');
    await expectInert(el, ['agentName', 'departmentName', 'surveyComment'], '<desk-metrics>');
  });

  it('the HTML transcript of the chat (what <chat-window> and <desk-metrics> download): payloads escaped, as text', async () => {
    const desk = await xssDesk();
    const env = await deskEnv();
    const { client: agent } = await signedIn('agent');
    const link = await agent.transcripts.link.mutate({ conversationId: desk.conversations.main, format: 'html' });
    const res = await fetch(new URL(link.url, `${env.url}/`));
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/html/);
    // Parsed, never run: nothing in its body may be markup that came from the payloads.
    const body = new DOMParser().parseFromString(await res.text(), 'text/html').body;
    const fields: Field[] = ['customerName', 'agentName', 'adminName', 'firstMessage', 'everyPayload', 'agentReply', 'transferNote', 'subject', 'lastMessage', 'fileName'];
    const container = document.createElement('div');
    container.append(...body.childNodes);
    await expectInert(container, fields, 'HTML transcript');
  });

  it('<desk-settings> (admin): the business profile and the auto responders', async () => {
    const { el } = await mount('admin', html`<desk-settings></desk-settings>`, 'desk-settings');
    await expectInert(el, ['businessName', 'logoUrl'], '<desk-settings> business profile');
    // The auto responders are a tab of their own.
    shadow(el).querySelector<HTMLButtonElement>('[role=tab][data-section=responders]')!.click();
    await expectInert(el, ['greeting', 'noAgentText', 'outsideHoursText', 'inactivityText'], '<desk-settings> auto responders');
  });

  it('<desk-alerts>: a waiting chat, then its transfer to the agent: names and the note announced as text', async () => {
    const { desk, el, client } = await mount<DeskAlerts>('second', html`<desk-alerts></desk-alerts>`, 'desk-alerts');
    await client.presence.setStatus.mutate({ status: 'available' });
    cleanups.push(() => client.presence.setStatus.mutate({ status: 'unavailable' }));
    // The element learns the status from the feed before a chat waits.
    await sleep(500);
    const env = await deskEnv();
    const started = await createDeskClient({ url: env.url }).webchat.start.mutate({
      tenant: desk.tenant,
      departmentId: desk.departmentId,
      name: FIELDS.queuedName,
      message: { body: FIELDS.firstMessage, clientMessageId: crypto.randomUUID().replaceAll('-', '') },
    });
    const conversationId = started.conversation.id;
    cleanups.push(() => client.conversations.close.mutate({ conversationId }));
    await expectInert(el, ['queuedName'], '<desk-alerts> waiting chat');

    const supervisor = await online('supervisor', true);
    await supervisor.conversations.accept.mutate({ conversationId });
    await supervisor.conversations.transfer.mutate({ conversationId, to: { agentId: desk.agentIds.second }, note: FIELDS.transferNote });
    await expectInert(el, ['supervisorName', 'queuedName', 'transferNote'], '<desk-alerts> transfer');
  });
});
