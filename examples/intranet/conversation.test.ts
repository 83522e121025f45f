/**
 * The whole desk in real Chromium, as the issue puts it: a customer on the portal
 * starts a chat; it shows up pending in an agent's queue within a second; the agent
 * accepts; both talk live; the agent transfers it to another Available agent, who
 * continues and closes it.
 */
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import type { TestDesk } from '@deskkit/server/testing';
import { find, startDemoPages, signIn, waitFor } from './demo-page.ts';

/** Switches the signed-in agent to Available with their own presence toggle. */
async function goAvailable(page: Page) {
  const toggle = await find(page, ['presence-list'], '[part=toggle]');
  await find(page, ['presence-list'], '[part~=item-self]');
  await toggle.click();
  await page.waitForFunction(
    () => document.querySelector('presence-list')!.shadowRoot!.querySelector('[part=toggle]')!.getAttribute('aria-checked') === 'true',
    { polling: 20 },
  );
}

/** Text of every element matching `selector` inside `host`'s shadow root. */
const textsIn = (page: Page, host: string, selector: string) =>
  page.evaluate(
    (host, selector) => [...document.querySelector(host)!.shadowRoot!.querySelectorAll(selector)].map((el) => el.textContent!.trim()),
    host,
    selector,
  );

async function type(page: Page, host: string, selector: string, text: string) {
  const input = await find(page, [host], selector);
  // Focus, not a click: a <message-composer> puts the caret in its own text box.
  await input.evaluate((element) => (element as HTMLElement).focus());
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

describe('a conversation across the portal and the intranet', () => {
  let t: TestDesk;
  let browser: Browser;

  before(async () => {
    ({ t, browser } = await startDemoPages({ demo: true }));
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test('customer → queue → accept → talk → transfer → continue → close', async (ctx) => {
    const pages = await Promise.all([0, 1, 2].map(async () => (await browser.createBrowserContext()).newPage()));
    const [customer, alice, bob] = pages as [Page, Page, Page];
    const errors: string[] = [];
    for (const page of pages) {
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (err) => errors.push(String(err)));
    }
    // On failure, leave a screenshot of each window to look at.
    let finished = false;
    ctx.after(async () => {
      if (!finished) await Promise.all(pages.map((page, i) => page.screenshot({ path: join(tmpdir(), `deskkit-e2e-${i}.png`), fullPage: true })));
    });

    await signIn(alice, t.url, 'alice@demo.deskkit.dev');
    await signIn(bob, t.url, 'bob@demo.deskkit.dev');
    await goAvailable(alice);
    await goAvailable(bob);

    // The customer opens the portal's chat and writes.
    await customer.goto(`${t.url}/portal/`);
    await customer.click('#launcher');
    await (await find(customer, ['customer-chat'], '#name')).type('Erin Example');
    await (await find(customer, ['customer-chat'], '#message')).type('My parcel never arrived');
    const started = Date.now();
    await (await find(customer, ['customer-chat'], '[part=start]')).click();

    // Pending in Alice's queue (Support, her department) within a second.
    await waitFor(alice, ['agent-queue'], '[part~=row]', { text: 'Erin Example' }, 1_500);
    assert.ok(Date.now() - started < 1_500, `queued after ${Date.now() - started} ms`);
    await waitFor(customer, ['customer-chat'], '[part=notice]', { text: 'Waiting' });
    // Both Available agents of Support are alerted (the bell beside the queue says it to screen readers).
    for (const agent of [alice, bob]) await waitFor(agent, ['desk-alerts'], '[role=status]', { text: 'New chat waiting: Erin Example' });

    // Alice accepts from the queue; the window opens on the chat.
    const conversationId = await alice.evaluate(() => {
      const row = [...document.querySelector('agent-queue')!.shadowRoot!.querySelectorAll<HTMLElement>('[part~=row]')].find((r) =>
        r.textContent!.includes('Erin Example'),
      )!;
      return row.dataset.id!;
    });
    await (await find(alice, ['agent-queue'], `[data-accept="${conversationId}"]`)).click();
    await waitFor(alice, ['chat-window'], 'h2', { text: 'Erin Example' });
    assert.equal(await alice.evaluate(() => location.hash), `#conversation/${conversationId}`);
    await waitFor(customer, ['customer-chat'], '[part=event]', { text: 'Alice' });

    // They talk, live, both ways.
    await type(alice, 'chat-window', 'message-composer', 'Hi Erin, let me look that up.');
    await waitFor(customer, ['customer-chat'], '[part~=message-agent]', { text: 'let me look that up' }, 1_500);
    await type(customer, 'customer-chat', '#composer-input', 'Order #10482');
    await waitFor(alice, ['chat-window'], '[part~=message-customer]', { text: 'Order #10482' }, 1_500);
    assert.equal((await textsIn(alice, 'chat-window', '[part~=message-agent]')).filter((m) => m.includes('let me look that up')).length, 1);

    // Alice transfers it to Bob (Available, online) with a note.
    await (await find(alice, ['chat-window'], '[data-action=transfer]')).click();
    const bobId = t.seed.agents.find((a) => a.email === 'bob@demo.deskkit.dev')!.id;
    await (await find(alice, ['chat-window'], `input[data-agent-id="${bobId}"]`)).click();
    await (await find(alice, ['chat-window'], '#transfer-note')).type('Shipping question');
    await (await find(alice, ['chat-window'], 'dialog.transfer button[type=submit]')).click();
    await waitFor(alice, ['chat-window'], '[part=notice]', { text: 'Bob' });
    await waitFor(customer, ['customer-chat'], '[part=event]', { text: 'Bob' });
    assert.ok(!(await customer.evaluate(() => document.querySelector('customer-chat')!.shadowRoot!.textContent!)).includes('Shipping question'));

    // Bob finds it among his conversations and continues.
    await (await find(bob, ['agent-queue'], '[role=tab][data-view=mine]')).click();
    await waitFor(bob, ['agent-queue'], '[part~=row]', { text: 'Erin Example' });
    await (await find(bob, ['agent-queue'], `[part~=row][data-id="${conversationId}"]`)).click();
    await waitFor(bob, ['chat-window'], 'h2', { text: 'Erin Example' });
    await waitFor(bob, ['chat-window'], '[part~=message-customer]', { text: 'Order #10482' });
    await type(bob, 'chat-window', 'message-composer', 'Bob here: a new parcel ships today.');
    await waitFor(customer, ['customer-chat'], '[part~=message-agent]', { text: 'a new parcel ships today' }, 1_500);

    // Bob closes it; the customer sees the end and can start over.
    await (await find(bob, ['chat-window'], '[data-action=close]')).click();
    await (await find(bob, ['chat-window'], '#close-reason')).type('resolved');
    await (await find(bob, ['chat-window'], 'dialog.close button[type=submit]')).click();
    await find(customer, ['customer-chat'], '[part=new-chat]');
    const stored = await t.desk.services.models.Conversation.findOne({ tenantId: t.seed.tenantId, _id: conversationId }).lean();
    assert.equal(stored!.status, 'closed');
    assert.equal(stored!.closeReason, 'resolved');
    assert.equal(String(stored!.assigneeId), bobId);
    assert.deepEqual(errors, []);
    finished = true;
  });
});
