/**
 * Rich messages end to end in real Chromium, across the customer portal and the
 * intranet: an image with a caption, a shared location, a voice recording (Chromium's
 * fake microphone), emoji shortcodes and a canned reply; then a WhatsApp template
 * outside the 24-hour window whose delivery receipts (from the desk's demo provider)
 * arrive live.
 */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { png, signedInClient, type TestDesk } from '@deskkit/server/testing';
import { find, startDemoPages, waitFor } from './demo-page.ts';

async function signIn(page: Page, url: string, email: string, hash = '') {
  await page.goto(`${url}/${hash}`);
  await page.waitForSelector('#sign-in:not([hidden])');
  await page.select('#sign-in select[name=email]', email);
  await page.click('#sign-in button[type=submit]');
  await page.waitForSelector('#sign-in[hidden]');
}

/** Switches the signed-in agent to Available with their own presence toggle. */
async function goAvailable(page: Page) {
  await find(page, ['presence-list'], '[part~=item-self]');
  await (await find(page, ['presence-list'], '[part=toggle]')).click();
  await find(page, ['presence-list'], '[part=toggle][aria-checked=true]');
}

const AGENT_COMPOSER = ['chat-window', 'message-composer'];
const CUSTOMER_COMPOSER = ['customer-chat', 'message-composer'];

async function typeInto(page: Page, composer: string[], text: string, enter = true) {
  const input = await find(page, composer, '#input');
  await input.evaluate((element) => (element as HTMLElement).focus());
  await page.keyboard.type(text);
  if (enter) await page.keyboard.press('Enter');
}

describe('rich messages across the portal and the intranet', () => {
  let t: TestDesk;
  let browser: Browser;

  before(async () => {
    ({ t, browser } = await startDemoPages({ demo: true }));
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  async function page(ctx: { after(fn: () => Promise<void>): void }, name: string, errors: string[]) {
    const context = await browser.createBrowserContext();
    const p = await context.newPage();
    p.setDefaultTimeout(10_000);
    p.on('pageerror', (err) => errors.push(`${name}: ${String(err)}`));
    ctx.after(async () => {
      await p.screenshot({ path: join(tmpdir(), `deskkit-rich-${name}.png`), fullPage: true }).catch(() => undefined);
    });
    return p;
  }

  test('image, location, voice, emoji and a canned reply, both ways', async (ctx) => {
    const errors: string[] = [];
    const customer = await page(ctx, 'customer', errors);
    const alice = await page(ctx, 'alice', errors);
    await alice.browserContext().overridePermissions(t.url, ['geolocation', 'microphone']);
    await alice.setGeolocation({ latitude: 48.8584, longitude: 2.2945, accuracy: 25 });

    await signIn(alice, t.url, 'alice@demo.deskkit.dev');
    await goAvailable(alice);
    await customer.goto(`${t.url}/portal/`);
    await customer.click('#launcher');
    await (await find(customer, ['customer-chat'], '#name')).type('Rita Rich');
    await (await find(customer, ['customer-chat'], '#message')).type('Here is a photo of the damage');
    await (await find(customer, ['customer-chat'], '[part=start]')).click();

    // Alice accepts the chat from her queue.
    const row = await find(alice, ['agent-queue'], '[part~=row][data-id]');
    await waitFor(alice, ['agent-queue'], '[part~=row]', { text: 'Rita Rich' });
    const conversationId = await alice.evaluate(
      () =>
        [...document.querySelector('agent-queue')!.shadowRoot!.querySelectorAll<HTMLElement>('[part~=row]')].find((r) =>
          r.textContent!.includes('Rita Rich'),
        )!.dataset.id!,
    );
    assert.ok(row);
    await (await find(alice, ['agent-queue'], `[data-accept="${conversationId}"]`)).click();
    await waitFor(customer, ['customer-chat'], '[part=event]', { text: 'Alice' });

    // The customer attaches a real PNG (picked through the file input), adds a caption and sends.
    const dir = await mkdtemp(join(tmpdir(), 'deskkit-rich-'));
    await writeFile(join(dir, 'damage.png'), png(64, 48));
    const input = (await find(customer, CUSTOMER_COMPOSER, 'input[type=file]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(join(dir, 'damage.png'));
    await waitFor(customer, CUSTOMER_COMPOSER, '[part=upload]', { 'data-state': 'done' });
    await typeInto(customer, CUSTOMER_COMPOSER, 'The box was crushed');
    // Alice sees the image (its thumbnail, through a signed link) with its caption.
    await waitFor(alice, ['chat-window'], '[part~=message-customer]', { text: 'The box was crushed' });
    await waitFor(alice, ['chat-window'], '[part~=message-customer] img', { complete: true, naturalWidth: 64 });
    const src = await (await find(alice, ['chat-window'], '[part~=message-customer] img')).evaluate((img) => (img as HTMLImageElement).src);
    assert.match(src, /\/files\/[0-9a-f]{24}\/thumbnail\?/);

    // Alice shares where she is; the customer gets a location card linking to the map.
    await (await find(alice, AGENT_COMPOSER, '[part~=tool-location]')).click();
    await (await find(alice, AGENT_COMPOSER, '#location-panel button.primary')).click();
    await waitFor(customer, ['customer-chat'], 'a[href*="openstreetmap.org"]', { href: 'mlat=48.8584&mlon=2.2945' });

    // A voice note from Chromium's fake microphone plays on the customer's side, with its length.
    await (await find(alice, AGENT_COMPOSER, '[part~=tool-voice]')).click();
    await find(alice, AGENT_COMPOSER, '[part=recorder][data-state=recording]');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await (await find(alice, AGENT_COMPOSER, '[part=recorder] button.primary:not([disabled])')).click();
    await waitFor(customer, ['customer-chat'], '[part~=message-agent] audio', { src: '/files/' });
    const stored = await t.desk.services.models.Message.findOne({ tenantId: t.seed.tenantId, conversationId, kind: 'voice' }).lean();
    assert.ok(stored!.attachment!.durationMs! >= 1_000, `recorded ${stored!.attachment!.durationMs} ms`);
    assert.match(stored!.attachment!.contentType, /^audio\/webm/);

    // Shortcodes become emoji; a canned reply fills in the customer's name.
    await typeInto(alice, AGENT_COMPOSER, 'We will sort this out :smile:');
    await waitFor(customer, ['customer-chat'], '[part~=message-agent]', { text: 'We will sort this out 😄' });
    await typeInto(alice, AGENT_COMPOSER, '/hello', false);
    await find(alice, AGENT_COMPOSER, '[part~=suggestion]');
    await alice.keyboard.press('Enter');
    await alice.waitForFunction(
      () => {
        const composer = document.querySelector('chat-window')!.shadowRoot!.querySelector('message-composer')!;
        return (composer.shadowRoot!.querySelector('#input') as HTMLTextAreaElement).value.startsWith('Hi Rita');
      },
      { polling: 20 },
    );
    await alice.keyboard.press('Enter');
    await waitFor(customer, ['customer-chat'], '[part~=message-agent]', { text: 'Hi Rita' });

    const kinds = (await t.desk.services.models.Message.find({ tenantId: t.seed.tenantId, conversationId }).lean()).map((m) => m.kind);
    for (const kind of ['attachment', 'location', 'voice', 'text']) assert.ok(kinds.includes(kind as never), `${kind} stored`);
    assert.deepEqual(errors, []);
  });

  test('a WhatsApp template outside the 24 hours, with live delivery receipts', async (ctx) => {
    const errors: string[] = [];
    const alice = await page(ctx, 'whatsapp', errors);
    // The seed points the demo provider at the port the desk was configured with; tests listen on a random one.
    const { client: admin } = await signedInClient(t.url, { tenant: 'demo', email: 'ada@demo.deskkit.dev', password: t.seed.password });
    await admin.channels.configure.mutate({ channel: 'whatsapp', endpoint: `${t.url}/demo/provider`, fromNumber: '+15550100200' });
    const conversation = await t.desk.services.models.Conversation.findOne({ tenantId: t.seed.tenantId, channel: 'whatsapp' }).lean();
    const conversationId = String(conversation!._id);

    await signIn(alice, t.url, 'alice@demo.deskkit.dev', `#conversation/${conversationId}`);
    // Free-form replies are closed: the composer says so, and a template is offered.
    await waitFor(alice, ['chat-window'], '#window-notice', { text: '24' });
    await find(alice, AGENT_COMPOSER, '[part=base]');
    assert.equal(await (await find(alice, ['chat-window'], 'message-composer')).evaluate((c) => c.hasAttribute('disabled')), true);

    await (await find(alice, ['chat-window'], '[data-action=template]')).click();
    const choice = await find(alice, ['chat-window'], 'dialog.template #template-choice option');
    assert.ok(choice);
    const templateId = await alice.evaluate(
      () =>
        [...document.querySelector('chat-window')!.shadowRoot!.querySelectorAll<HTMLOptionElement>('#template-choice option')].find((o) =>
          o.textContent!.startsWith('order_update'),
        )!.value,
    );
    await alice.evaluate((id) => {
      const select = document.querySelector('chat-window')!.shadowRoot!.querySelector<HTMLSelectElement>('#template-choice')!;
      select.value = id;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    }, templateId);
    for (const [n, value] of [[1, 'A-2002'], [2, 'James'], [3, 'Friday']] as const) {
      await (await find(alice, ['chat-window'], `input[data-variable="${n}"]`)).type(value);
    }
    await (await find(alice, ['chat-window'], 'dialog.template button[type=submit]:not([disabled])')).click();

    // The template goes out through the demo provider; its receipts move the status live.
    await waitFor(alice, ['chat-window'], '[part~=message-agent]', { text: 'your order A-2002 is on its way' });
    const sent = await t.desk.services.models.Message.findOne({ tenantId: t.seed.tenantId, conversationId, kind: 'template' }).lean();
    assert.deepEqual(sent!.template!.variables, ['A-2002', 'James', 'Friday']);
    await find(alice, ['chat-window'], `[part~=message-agent][data-seq="${sent!.seq}"] [part=delivery][data-status=read]`, 15_000);
    assert.deepEqual(errors, []);
  });
});
