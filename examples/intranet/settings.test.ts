/**
 * Dashboard settings on the intranet page, in real Chromium: an admin opens Settings and
 * changes things that show up elsewhere on the page — a new chat tag offered in the chat
 * window, an edited canned reply offered by `/shortcut` — while agents and supervisors
 * have no Settings at all.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { signedInClient, startChat, type TestDesk } from '@deskkit/server/testing';
import { startDemoPages, signIn, signOut } from './demo-page.ts';

/**
 * The element at the end of `path`, each step inside the previous one's shadow root, once
 * there (and, if given, once its text includes `text`). Polls on a timer, not animation frames.
 */
async function find(page: Page, path: string[], text = ''): Promise<ElementHandle<Element>> {
  const handle = await page
    .waitForFunction(
    (path, text) => {
      let scope: ParentNode | null | undefined = document;
      let found: Element | null = null;
      for (const selector of path) {
        found = scope?.querySelector(selector) ?? null;
        scope = found?.shadowRoot ?? found;
      }
      return found && found.textContent!.includes(text) ? found : null;
    },
      { timeout: 10_000, polling: 20 },
      path,
      text,
    )
    .catch((err: Error) => {
      throw new Error(`${path.join(' >>> ')}${text ? ` with "${text}"` : ''}: ${err.message}`);
    });
  return handle.asElement() as ElementHandle<Element>;
}

/** Types into a field as a user does (focus, then keys). */
async function typeInto(page: Page, path: string[], text: string, replace = false) {
  const field = await find(page, path);
  await field.evaluate((el) => (el as HTMLElement).focus());
  if (replace) await field.evaluate((el) => (el as HTMLInputElement).select());
  await page.keyboard.type(text);
}

const settings = (...path: string[]) => ['desk-settings', ...path];

describe('intranet example: dashboard settings', () => {
  let t: TestDesk;
  let browser: Browser;

  before(async () => {
    ({ t, browser } = await startDemoPages());
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test('an admin adds a tag and edits a canned reply; the chat window offers both', async () => {
    const page = await (await browser.createBrowserContext()).newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    await signIn(page, t.url, 'ada@demo.deskkit.dev');

    await page.waitForSelector('#settings-toggle:not([hidden])');
    assert.equal(await page.$eval('#settings-toggle', (el) => el.getAttribute('aria-expanded')), 'false');
    assert.equal(await page.$eval('#settings-panel', (el) => (el as HTMLElement).hidden), true);
    await page.click('#settings-toggle');
    await page.waitForSelector('#settings-panel:not([hidden])');
    assert.equal(await page.$eval('#settings-toggle', (el) => el.getAttribute('aria-expanded')), 'true');

    // Tags: a new one, through the keyboard.
    await (await find(page, settings('#tab-tags'))).click();
    await typeInto(page, settings('[part~=tag-add] input[name=tag]'), 'escalated-vip');
    await page.keyboard.press('Enter');
    await find(page, settings('[part=tag][data-tag="escalated-vip"]'));

    // Canned replies: /hello gets a new text.
    await (await find(page, settings('#tab-canned'))).click();
    await (await find(page, settings('[part=canned-reply][data-shortcut=hello] [data-action=edit]'))).click();
    await typeInto(page, settings('[part~=canned-form] textarea[name=body]'), 'Hello {{customer.firstName}}, thanks for waiting: Acme support here.', true);
    await (await find(page, settings('[part~=canned-form] button[type=submit]'))).click();
    await find(page, settings('[part=canned-reply][data-shortcut=hello]'), 'thanks for waiting');
    assert.match((await t.desk.services.models.CannedReply.findOne({ tenantId: t.seed.tenantId, shortcut: 'hello' }).lean())!.body, /thanks for waiting/);

    // The channels tab loads its code from the bundle's own chunk when opened: the demo's accounts and templates.
    await (await find(page, settings('#tab-channels'))).click();
    await find(page, settings('[part~=channel][data-channel=whatsapp] [part=webhook-url]'), `/channels/${t.seed.tenant}/whatsapp/webhook`);
    await find(page, settings('[part=template][data-name=order_update]'), 'en_US');

    // A chat Ada handles, opened in the chat window.
    const support = t.seed.departments.find((d) => d.name === 'Support')!.id;
    const chat = await startChat(t.url, { departmentId: support, name: 'Paula Pérez' });
    const ada = (await signedInClient(t.url, { email: 'ada@demo.deskkit.dev', password: t.seed.password })).client;
    await ada.presence.setStatus.mutate({ status: 'available' });
    await ada.conversations.accept.mutate({ conversationId: chat.id });
    // The page opens the conversation in its URL when it loads.
    await page.evaluate((id) => history.replaceState(null, '', `#conversation/${id}`), chat.id);
    await page.reload();
    await find(page, ['chat-window', '[part=header]'], 'Paula');

    // The tag input offers the new tag.
    const tagInput = await find(page, ['chat-window', '.tag-input']);
    await tagInput.evaluate((el) => (el as HTMLElement).focus());
    await page.waitForFunction(
      () => [...(document.querySelector('chat-window')!.shadowRoot!.querySelector<HTMLDataListElement>('#tag-suggestions')?.options ?? [])].some((o) => o.value === 'escalated-vip'),
      { timeout: 5_000, polling: 20 },
    );
    assert.equal(await tagInput.evaluate((el) => el.getAttribute('list')), 'tag-suggestions');

    // The composer offers the edited /hello.
    await typeInto(page, ['chat-window', 'message-composer', '[part~=input]'], '/hel');
    const suggestion = await find(page, ['chat-window', 'message-composer', '[part~=suggestion]'], '/hello');
    assert.match(await suggestion.evaluate((el) => el.textContent!), /thanks for waiting/);

    // The panel stays open across a reload; Settings is still there.
    assert.equal(await page.$eval('#settings-panel', (el) => (el as HTMLElement).hidden), false);
    await ada.presence.setStatus.mutate({ status: 'unavailable' });
    assert.deepEqual(errors, []);
  });

  test('agents and supervisors have no Settings button', async () => {
    const page = await (await browser.createBrowserContext()).newPage();
    for (const email of ['alice@demo.deskkit.dev', 'sam@demo.deskkit.dev']) {
      await signIn(page, t.url, email);
      await page.waitForSelector('#who:not(:empty)');
      assert.equal(await page.$eval('#settings-toggle', (el) => (el as HTMLElement).hidden), true, email);
      assert.equal(await page.$eval('#settings-panel', (el) => (el as HTMLElement).hidden), true, email);
      await signOut(page);
    }
    // An admin who opened Settings, then a supervisor in the same tab: still hidden for them.
    await signIn(page, t.url, 'ada@demo.deskkit.dev');
    await page.click('#settings-toggle');
    await page.waitForSelector('#settings-panel:not([hidden])');
    await signOut(page);
    await signIn(page, t.url, 'sam@demo.deskkit.dev');
    await page.waitForSelector('#who:not(:empty)');
    assert.equal(await page.$eval('#settings-panel', (el) => (el as HTMLElement).hidden), true);
  });
});
