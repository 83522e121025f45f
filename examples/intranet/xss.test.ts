/**
 * The example pages' own scripts with hostile text, in real Chromium: an agent whose name is
 * an XSS payload signs in to the intranet (intranet.js writes the name into the page), a
 * visitor with a payload name writes from the portal (portal.js and <customer-chat>), the
 * agent answers with a payload. The tripwire every payload sets never fires, and the texts
 * show as text in both pages.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { signedInClient, type TestDesk } from '@deskkit/server/testing';
import { find, startDemoPages, signIn } from './demo-page.ts';
import { payload, TRIPWIRE } from '../../packages/components/src/security/xss-payloads.ts';

const AGENT = payload('#agent', 120);
const VISITOR = payload('#visitor', 120);
const MESSAGE = payload('#message', 300);
const REPLY = payload('#reply', 300);

/**
 * Arms the tripwire before the page's scripts run: a payload that ever runs is recorded in
 * `__xssRan`. A string, not a function: tsx would name the accessors with a helper the page lacks.
 */
async function armTripwire(page: Page) {
  await page.evaluateOnNewDocument(`{
    const ran = [];
    Object.defineProperty(window, '__xssRan', { value: ran });
    Object.defineProperty(window, ${JSON.stringify(TRIPWIRE)}, { configurable: true, get() { return undefined; }, set(value) { ran.push(value); } });
  }`);
}

/** The tripwire records what sets it (a control run in the page, then forgotten). */
async function expectArmed(page: Page) {
  const ran = await page.evaluate(`(() => { window[${JSON.stringify(TRIPWIRE)}] = 'control'; return window.__xssRan.splice(0); })()`);
  assert.deepEqual(ran, ['control'], 'the tripwire is armed');
}

/**
 * The page as a person sees it (text and form values, in document order through every shadow
 * root), what parsed markup would leave behind there, and the payloads that ran. One loop, no
 * inner functions: tsx would name them with a helper the page does not have.
 */
const inspect = (page: Page) =>
  page.evaluate(() => {
    const text: string[] = [];
    const holes: string[] = [];
    const stack: Node[] = [document.documentElement];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.nodeType === Node.TEXT_NODE && !['script', 'style'].includes(node.parentElement?.localName ?? '')) text.push((node as Text).data);
      if (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement) text.push(`\n${node.value}\n`);
      if (node instanceof Element) {
        // The page's own module scripts are in <head>; no script may appear anywhere else.
        if (['iframe', 'object', 'embed', 'math'].includes(node.localName) || (node.localName === 'script' && node.parentElement !== document.head)) {
          holes.push(`<${node.localName}>`);
        }
        for (const { name, value } of node.attributes) {
          if (name.startsWith('on') || name === 'srcdoc') holes.push(`<${node.localName} ${name}>`);
          if (['href', 'src', 'action', 'formaction'].includes(name) && !['http:', 'https:', 'blob:', 'mailto:', 'tel:'].includes(new URL(value, document.baseURI).protocol)) {
            holes.push(`<${node.localName} ${name}="${value}">`);
          }
        }
      }
      for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
      if (node instanceof Element && node.shadowRoot) stack.push(node.shadowRoot);
    }
    return { text: text.join(''), holes, ran: (window as unknown as { __xssRan: unknown[] }).__xssRan };
  });

/** Waits until the page shows every text in `shown`, then checks that it is inert. */
async function expectInert(page: Page, shown: string[], what: string) {
  const deadline = Date.now() + 10_000;
  let seen = await inspect(page);
  while (shown.some((s) => !seen.text.includes(s)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    seen = await inspect(page);
  }
  // Whatever could still fire (an image's error, a frame's load) has had its moment.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const { text, holes, ran } = await inspect(page);
  assert.deepEqual({ missing: shown.filter((s) => !text.includes(s)), holes, ran }, { missing: [], holes: [], ran: [] }, what);
}

describe('the example pages with hostile names and messages', () => {
  let t: TestDesk;
  let browser: Browser;

  before(async () => {
    ({ t, browser } = await startDemoPages());
    // Alice renames herself, as any agent may.
    const alice = await signedInClient(t.url, { email: 'alice@demo.deskkit.dev', password: t.seed.password });
    await alice.client.auth.updateProfile.mutate({ name: AGENT });
    await alice.client.auth.signOut.mutate();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test('the intranet and the portal show them as text; no payload runs', async () => {
    const [intranet, portal] = await Promise.all([0, 1].map(async () => (await browser.createBrowserContext()).newPage()));
    const errors: string[] = [];
    for (const page of [intranet!, portal!]) {
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (err) => errors.push(String(err)));
      page.on('dialog', (dialog) => {
        errors.push(`a ${dialog.type()} opened: ${dialog.message()}`);
        void dialog.dismiss();
      });
      await armTripwire(page);
    }

    // intranet.js writes the signed-in agent's name into the bar.
    await signIn(intranet!, t.url, 'alice@demo.deskkit.dev');
    await expectArmed(intranet!);
    assert.equal(await intranet!.$eval('#who', (el) => el.textContent), `${AGENT} · agent`);
    assert.equal(await intranet!.$eval('#who', (el) => el.childElementCount), 0);
    await expectInert(intranet!, [AGENT], 'intranet signed in');

    // A visitor with a payload for a name writes from the portal.
    await portal!.goto(`${t.url}/portal/`);
    await expectArmed(portal!);
    await portal!.click('#launcher');
    await (await find(portal!, ['customer-chat'], '#name')).type(VISITOR);
    await (await find(portal!, ['customer-chat'], '#message')).type(MESSAGE);
    await (await find(portal!, ['customer-chat'], '[part=start]')).click();
    await expectInert(portal!, [MESSAGE], 'portal chat started');

    // Alice goes Available, opens the chat from her queue, accepts and answers; the profile panel shows the visitor.
    await find(intranet!, ['presence-list'], '[part~=item-self]');
    await (await find(intranet!, ['presence-list'], '[part=toggle]')).click();
    await intranet!.waitForFunction(
      () => document.querySelector('presence-list')!.shadowRoot!.querySelector('[part=toggle]')!.getAttribute('aria-checked') === 'true',
      { polling: 20 },
    );
    await expectInert(intranet!, [VISITOR], 'intranet queue');
    const conversationId = await intranet!.evaluate((name) => {
      const rows = [...document.querySelector('agent-queue')!.shadowRoot!.querySelectorAll<HTMLElement>('[part~=row]')];
      return rows.find((row) => row.querySelector('[part=customer]')!.textContent === name)!.dataset.id!;
    }, VISITOR);
    await (await find(intranet!, ['agent-queue'], `[data-accept="${conversationId}"]`)).click();
    const composer = await find(intranet!, ['chat-window'], 'message-composer');
    await composer.evaluate((element) => (element as HTMLElement).focus());
    await intranet!.keyboard.type(REPLY);
    await intranet!.keyboard.press('Enter');
    await intranet!.click('#profile-toggle');
    await expectInert(intranet!, [AGENT, VISITOR, MESSAGE, REPLY], 'intranet chat and profile');

    // The portal shows the agent's name and reply as text.
    await expectInert(portal!, [AGENT, MESSAGE, REPLY], 'portal chat answered');

    // After a reload the intranet restores the session (intranet.js again) from the tab's storage.
    await intranet!.reload();
    await expectArmed(intranet!);
    await intranet!.waitForFunction((name) => document.getElementById('who')!.textContent!.startsWith(name), { polling: 20 }, AGENT);
    await expectInert(intranet!, [AGENT, VISITOR, REPLY], 'intranet after a reload');
    assert.deepEqual(errors, []);
  });
});
