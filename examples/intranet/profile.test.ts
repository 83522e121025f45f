/**
 * The customer profile beside the open conversation, in real Chromium: the panel opens
 * from the window's toolbar, shows the customer, their history and a connected app's
 * details (from a local endpoint), and saves an edit.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import type { TestDesk } from '@deskkit/server/testing';
import { startDemoPages, signIn } from './demo-page.ts';

/** Waits until `selector` inside <customer-profile>'s shadow root matches, and returns its text. */
async function profileText(page: Page, selector: string, includes = ''): Promise<string> {
  const handle = await page.waitForFunction(
    (selector, includes) => {
      const el = document.querySelector('customer-profile')?.shadowRoot?.querySelector(selector);
      return el && el.textContent!.includes(includes) ? el.textContent : null;
    },
    { timeout: 5_000, polling: 20 },
    selector,
    includes,
  );
  return (await handle.jsonValue()) as string;
}

describe('intranet example: customer profile', () => {
  let t: TestDesk;
  let browser: Browser;
  let crm: Server;

  before(async () => {
    ({ t, browser } = await startDemoPages());
    crm = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ fields: [{ label: 'Lifetime value', value: '€1,240', url: 'https://crm.example/acme-portal-1001' }] }));
      });
    });
    await new Promise<void>((resolve) => crm.listen(0, '127.0.0.1', resolve));
    await t.desk.services.integrations.create(t.seed.tenantId, {
      name: 'Acme CRM',
      endpoint: `http://127.0.0.1:${(crm.address() as AddressInfo).port}/customer`,
      secret: 'intranet-example-secret',
      timeoutMs: 3_000,
      cacheTtlSeconds: 300,
      enabled: true,
    });
  });
  after(async () => {
    await browser?.close();
    crm?.close();
    await t?.close();
  });

  test('the open conversation’s customer, their history and connected apps; edits save', async () => {
    const { models } = t.desk.services;
    const conversation = (await models.Conversation.findOne({ tenantId: t.seed.tenantId, subject: 'Cannot reset my password' }).lean())!;
    const page = await (await browser.createBrowserContext()).newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    await signIn(page, `${t.url}/#conversation/${conversation._id}`, 'sam@demo.deskkit.dev');

    // Closed until asked for; the toggle says so.
    await page.waitForSelector('#profile-toggle:not([hidden])');
    assert.equal(await page.$eval('#profile-toggle', (el) => el.getAttribute('aria-expanded')), 'false');
    assert.equal(await page.$eval('#profile-panel', (el) => (el as HTMLElement).hidden), true);
    await page.click('#profile-toggle');
    assert.equal(await page.$eval('#profile-toggle', (el) => el.getAttribute('aria-expanded')), 'true');

    assert.equal(await profileText(page, '#profile-name', 'Maria Garcia'), 'Maria Garcia');
    assert.match(await profileText(page, '[data-field=email]'), /maria\.garcia@example\.com/);
    assert.match(await profileText(page, '[part=history]', 'Cannot reset my password'), /Cannot reset my password/);
    assert.match(await profileText(page, '[part~=integration]', 'Lifetime value'), /€1,240/);

    // Edit: the phone and a note; saved through the typed client, digits kept in sync.
    await page.evaluate(() => document.querySelector('customer-profile')!.shadowRoot!.querySelector<HTMLButtonElement>('[data-action=edit]')!.click());
    const phone = await page.waitForSelector('customer-profile >>> #field-phone');
    await phone!.click({ count: 3 });
    await phone!.type('+34 600 999 000');
    const notes = await page.waitForSelector('customer-profile >>> #field-notes');
    await notes!.type('Called about the reset link.');
    await page.evaluate(() => document.querySelector('customer-profile')!.shadowRoot!.querySelector<HTMLButtonElement>('[part=save]')!.click());
    assert.match(await profileText(page, '[part=notice]', 'Profile saved'), /Profile saved/);
    const saved = (await models.Customer.findOne({ tenantId: t.seed.tenantId, _id: conversation.customerId }).lean())!;
    assert.equal(saved.phone, '+34 600 999 000');
    assert.equal(saved.phoneDigits, '34600999000');
    assert.equal(saved.notes, 'Called about the reset link.');

    // The panel stays open across a reload of the tab.
    await page.reload();
    assert.equal(await profileText(page, '#profile-name', 'Maria Garcia'), 'Maria Garcia');
    assert.deepEqual(errors, []);
  });
});
