/**
 * The demo, end to end in real Chromium: the intranet page served by a real desk,
 * two tabs signed in as two agents, a status toggle in one reaching the other.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import type { TestDesk } from '@deskkit/server/testing';
import { startDemoPages, signIn, signOut } from './demo-page.ts';

/** The status of an agent as shown in the page's <presence-list>, or null when not listed. */
const statusOf = (page: Page, name: string) =>
  page.evaluate((name) => {
    const list = document.querySelector('presence-list')!.shadowRoot!;
    const item = [...list.querySelectorAll('[part~=item]')].find((li) => li.textContent!.includes(name));
    return item ? (item as HTMLElement).dataset.status ?? null : null;
  }, name);

describe('intranet example', () => {
  let t: TestDesk;
  let browser: Browser;

  before(async () => {
    ({ t, browser } = await startDemoPages());
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test('toggling status in one tab updates the other tab within a second', async () => {
    const alice = await browser.newPage();
    const bob = await (await browser.createBrowserContext()).newPage();
    const errors: string[] = [];
    for (const page of [alice, bob]) page.on('pageerror', (err) => errors.push(String(err)));

    await signIn(alice, t.url, 'alice@demo.deskkit.dev');
    await signIn(bob, t.url, 'bob@demo.deskkit.dev');
    assert.match(await alice.$eval('#who', (el) => el.textContent!), /Alice Moreau/);

    // Each tab lists both agents once both are connected.
    for (const page of [alice, bob]) {
      await page.waitForFunction(
        () => {
          const root = document.querySelector('presence-list')?.shadowRoot;
          const text = root?.querySelector('[part=list]')?.textContent ?? '';
          return text.includes('Alice Moreau') && text.includes('Bob Okafor');
        },
        { timeout: 5_000, polling: 20 },
      );
    }
    assert.equal(await statusOf(bob, 'Alice Moreau'), 'unavailable');

    // Alice switches herself to Available with the keyboard.
    const toggle = await alice.waitForSelector('presence-list >>> [part=toggle]');
    await toggle!.focus();
    const started = Date.now();
    await alice.keyboard.press('Space');
    await bob.waitForFunction(
      () => {
        const root = document.querySelector('presence-list')!.shadowRoot!;
        const item = [...root.querySelectorAll('[part~=item]')].find((li) => li.textContent!.includes('Alice Moreau'));
        return (item as HTMLElement | undefined)?.dataset.status === 'available';
      },
      { timeout: 1_000, polling: 20 },
    );
    assert.ok(Date.now() - started < 1_000);
    assert.equal(await toggle!.evaluate((el) => el.getAttribute('aria-checked')), 'true');

    // Signing out in Bob's tab takes him off Alice's list.
    await bob.click('#sign-out');
    await alice.waitForFunction(
      () => !document.querySelector('presence-list')!.shadowRoot!.textContent!.includes('Bob Okafor'),
      { timeout: 5_000, polling: 20 },
    );
    assert.deepEqual(errors, []);
  });

  test("a supervisor's desk in four tabs of one browser: every tab loads and stays live (one stream each, within the browser's six connections to a host)", async () => {
    const context = await browser.createBrowserContext();
    const tabs: Page[] = [];
    for (let i = 0; i < 4; i++) {
      const tab = await context.newPage();
      await signIn(tab, t.url, 'sam@demo.deskkit.dev');
      await tab.waitForFunction(
        () => document.querySelector('presence-list')?.shadowRoot?.querySelector('[part~=item-self]') && document.querySelector('agent-queue')?.shadowRoot?.querySelector('[part=list]'),
        { timeout: 10_000, polling: 50 },
      );
      tabs.push(tab);
    }
    // The last tab toggles (a request of its own besides the streams); the first sees it.
    const toggle = await tabs[3]!.waitForSelector('presence-list >>> [part=toggle]');
    await toggle!.click();
    await tabs[0]!.waitForFunction(
      () => {
        const root = document.querySelector('presence-list')!.shadowRoot!;
        return (root.querySelector('[part~=item-self]') as HTMLElement | null)?.dataset.status === 'available';
      },
      { timeout: 2_000, polling: 20 },
    );
    await toggle!.click();
    await context.close();
  });

  test('supervisors open Reports: tiles, charts and transcript exports; agents have no Reports', async () => {
    const page = await (await browser.createBrowserContext()).newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    await signIn(page, t.url, 'sam@demo.deskkit.dev');
    await page.click('#reports-toggle');
    await page.waitForSelector('#reports-panel:not([hidden])');
    await page.waitForFunction(
      () => {
        const root = document.querySelector('desk-metrics')!.shadowRoot!;
        return Number(root.querySelector('[data-tile=conversations] .value')?.textContent) > 0 && root.querySelector('[data-chart=volume] rect');
      },
      { timeout: 5_000, polling: 50 },
    );
    // Headless Chromium cannot show the save dialog: pick a file in the origin's private file system, as a user would pick one on disk.
    await page.evaluate(() => {
      (window as unknown as { showSaveFilePicker: unknown }).showSaveFilePicker = async ({ suggestedName }: { suggestedName: string }) =>
        (await navigator.storage.getDirectory()).getFileHandle(suggestedName, { create: true });
    });
    const exported = page.evaluate(
      () =>
        new Promise<{ format: string; conversations: number; fileName: string; savedBy: string }>((resolve) =>
          document.querySelector('desk-metrics')!.addEventListener('desk-transcript-export', (e) => resolve((e as CustomEvent).detail), { once: true }),
        ),
    );
    await page.click('desk-metrics >>> button[data-format=txt]');
    const detail = await exported;
    assert.deepEqual(detail, { ...detail, format: 'txt', savedBy: 'file' });
    // Streamed to the file: every conversation the export counted is in it.
    const saved = await page.evaluate(async (name) => (await (await (await navigator.storage.getDirectory()).getFileHandle(name)).getFile()).text(), detail.fileName);
    assert.ok(detail.conversations > 0);
    assert.equal(saved.split('\n=== Conversation ').length - 1, detail.conversations);
    await signOut(page);

    await signIn(page, t.url, 'alice@demo.deskkit.dev');
    assert.equal(await page.$eval('#reports-toggle', (el) => (el as HTMLElement).hidden), true);
    assert.equal(await page.$eval('#reports-panel', (el) => (el as HTMLElement).hidden), true);
    assert.deepEqual(errors, []);
  });

  test('supervisors open the Supervisor view: agent load beside the All tab; picking an agent filters the queue', async () => {
    const page = await (await browser.createBrowserContext()).newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    await signIn(page, t.url, 'sam@demo.deskkit.dev');
    await page.click('#supervisor-toggle');
    await page.waitForSelector('#supervisor-panel:not([hidden])');
    await page.waitForSelector('agent-load >>> [part~=row]', { timeout: 5_000 });
    assert.equal(await page.$eval('agent-queue', (el) => el.getAttribute('view')), 'all');
    const bob = t.seed.agents.find((a) => a.email === 'bob@demo.deskkit.dev')!;
    await page.$$eval(
      'agent-load',
      (els, id) => (els[0]!.shadowRoot!.querySelector(`[part~=row][data-agent-id="${id}"] [part=agent]`) as HTMLElement).click(),
      bob.id,
    );
    await page.waitForFunction(
      (id) => (document.querySelector('agent-queue')!.shadowRoot!.querySelector('select[name=assignee]') as HTMLSelectElement | null)?.value === id,
      { timeout: 5_000, polling: 50 },
      bob.id,
    );
    await signOut(page);

    await signIn(page, t.url, 'alice@demo.deskkit.dev');
    assert.equal(await page.$eval('#supervisor-toggle', (el) => (el as HTMLElement).hidden), true);
    assert.equal(await page.$eval('#supervisor-panel', (el) => (el as HTMLElement).hidden), true);
    assert.deepEqual(errors, []);
  });

  test('the built elements draw every shape of their icons and keep the spaces in their text', async () => {
    const page = await (await browser.createBrowserContext()).newPage();
    await page.setViewport({ width: 1400, height: 900 });
    await signIn(page, t.url, 'alice@demo.deskkit.dev');
    await page.waitForSelector('agent-queue >>> [part~=row]');
    await page.$$eval('agent-queue', (els) => (els[0]!.shadowRoot!.querySelector('[part~=row]') as HTMLElement).click());
    await page.waitForFunction(
      () => document.querySelector('chat-window')?.shadowRoot?.querySelector('message-composer')?.shadowRoot?.querySelector('[part~=tool-voice] svg'),
      { timeout: 10_000, polling: 50 },
    );
    // Minified markup once lost `<rect/>`'s closing slash, nesting an icon's other shapes inside its first, unseen.
    const icons = await page.evaluate(() => {
      const shapes = 'rect, circle, ellipse, line, path, polygon, polyline';
      const found: Array<{ host: string; shapes: number; nested: number }> = [];
      const roots: Array<Document | ShadowRoot> = [document];
      for (let root = roots.pop(); root; root = roots.pop()) {
        for (const svg of root.querySelectorAll('svg')) {
          const inside = [...svg.querySelectorAll(shapes)];
          found.push({ host: (root as ShadowRoot).host?.localName ?? 'document', shapes: inside.length, nested: inside.filter((shape) => shape.querySelector(shapes)).length });
        }
        for (const el of root.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
      }
      return found;
    });
    assert.ok(icons.filter((icon) => icon.host === 'message-composer').length >= 4, JSON.stringify(icons));
    assert.deepEqual(icons.filter((icon) => icon.nested > 0), []);
    const micShapes = await page.evaluate(
      () => document.querySelector('chat-window')!.shadowRoot!.querySelector('message-composer')!.shadowRoot!.querySelector('[part~=tool-voice] svg')!.children.length,
    );
    assert.equal(micShapes, 2, 'the microphone: its body and its stand');
    // Minified markup drops a template's leading space: "Alice Moreau(you)".
    assert.equal(await page.$eval('presence-list >>> [part~=item-self] [part=name]', (el) => el.textContent), 'Alice Moreau (you)');
  });

  test('the conversation keeps its height as messages come; a narrow screen fits the page, the window beside the profile', async () => {
    const page = await (await browser.createBrowserContext()).newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(String(err)));
    page.on('console', (msg) => msg.type() === 'error' && problems.push(`${msg.text()} ${msg.location().url ?? ''}`));
    await page.setViewport({ width: 1400, height: 900 });
    await signIn(page, t.url, 'alice@demo.deskkit.dev');
    // Her own chat (Mine), where she may write.
    await page.waitForSelector('agent-queue >>> [part~=row]');
    await page.$$eval('agent-queue', (els) => ([...els[0]!.shadowRoot!.querySelectorAll('[part~=tab]')].find((tab) => tab.textContent!.includes('Mine')) as HTMLElement).click());
    await page.waitForFunction(() => document.querySelector('agent-queue')!.shadowRoot!.querySelector('[part~=tab-selected]')?.textContent!.includes('Mine'), { polling: 50 });
    await page.waitForSelector('agent-queue >>> [part~=row]');
    await page.$$eval('agent-queue', (els) => (els[0]!.shadowRoot!.querySelector('[part~=row]') as HTMLElement).click());
    await page.waitForFunction(() => document.querySelector('chat-window')?.shadowRoot?.querySelector('[part~=message]'), { timeout: 10_000, polling: 50 });
    const height = () => page.$eval('chat-window', (el) => el.getBoundingClientRect().height);
    const before = await height();
    const sent = await page.$eval('chat-window', async (el) => {
      const win = el as HTMLElement & { send(text: string): Promise<boolean> };
      for (let i = 1; i <= 12; i++) if (!(await win.send(`Line ${i} of a long answer`))) return false;
      return true;
    });
    assert.equal(sent, true);
    await page.waitForFunction(
      () => [...document.querySelector('chat-window')!.shadowRoot!.querySelectorAll('[part~=message]')].some((m) => m.textContent!.includes('Line 12 of')),
      { timeout: 10_000, polling: 50 },
    );
    // As a flex: 1 item of its card the window once grew with every message, and the page scrolled instead of the timeline.
    assert.equal(await height(), before);
    assert.ok(
      await page.$eval('chat-window', (el) => {
        const timeline = el.shadowRoot!.querySelector('[part~=timeline]')!;
        return timeline.scrollHeight > timeline.clientHeight;
      }),
      'the timeline scrolls',
    );

    // A phone: the bar wraps, and with the profile open the window still gets the screen's width.
    await page.setViewport({ width: 420, height: 800 });
    await page.click('#profile-toggle');
    await page.waitForSelector('#profile-panel:not([hidden])');
    const layout = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      window: document.querySelector('chat-window')!.getBoundingClientRect().width,
      profile: document.querySelector('#profile-panel')!.getBoundingClientRect().width,
    }));
    assert.ok(layout.page <= 420, JSON.stringify(layout));
    assert.ok(layout.window >= 300 && layout.profile >= 300, JSON.stringify(layout));
    // Nothing logged an error: no refused request before sign-in, no missing favicon.
    assert.deepEqual(problems, []);
  });

  test("on a phone an admin's Supervisor, Reports and Settings panels fit the page", async () => {
    const page = await (await browser.createBrowserContext()).newPage();
    await page.setViewport({ width: 420, height: 800 });
    await signIn(page, t.url, 'ada@demo.deskkit.dev');
    for (const toggle of ['#supervisor-toggle', '#reports-toggle', '#settings-toggle']) await page.click(toggle);
    await page.waitForSelector('agent-load >>> [part~=row]');
    await page.waitForSelector('desk-metrics >>> [data-chart=volume] rect');
    await page.waitForSelector('desk-metrics >>> [part=agents] tbody tr');
    await page.waitForSelector('desk-settings >>> [part=day]');
    // The load table, the report's tables and the opening hours once widened the page past the screen.
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 420);
  });

  test('a reload keeps the tab signed in; a bad password shows an error', async () => {
    const page = await (await browser.createBrowserContext()).newPage();
    await signIn(page, t.url, 'chen@demo.deskkit.dev');
    await page.reload();
    await page.waitForFunction(() => document.querySelector('#who')!.textContent!.includes('Chen Wei'), { timeout: 10_000, polling: 20 });

    await signOut(page);
    await page.$eval('#sign-in input[name=password]', (el) => ((el as HTMLInputElement).value = 'wrong-password'));
    await page.click('#sign-in button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#sign-in-error')!.textContent!.includes('invalid email or password'), { polling: 20 });
  });
});
