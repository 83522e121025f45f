/**
 * The demo phone (`/demo/phone`) in a real browser: a customer writes from the page's own form
 * (a browser's form post, Origin and all), the desk gets a WhatsApp conversation, and the
 * agent's reply shows on the phone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'puppeteer-core';
import { clientMessageId, signedInClient, waitFor, type TestDesk } from '@deskkit/server/testing';
import { startDemoPages } from './demo-page.ts';

describe('demo phone', () => {
  let t: TestDesk;
  let browser: Browser;

  before(async () => {
    ({ t, browser } = await startDemoPages({ demo: true }));
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test('a customer writes from the phone page; the agent’s reply arrives there', async () => {
    const { client: ada } = await signedInClient(t.url, { tenant: 'demo', email: 'ada@demo.deskkit.dev', password: t.seed.password });
    // The seeded account points at the demo provider on the configured port; this desk listens elsewhere.
    await ada.channels.configure.mutate({ channel: 'whatsapp', endpoint: `${t.url}/demo/provider`, fromNumber: '+15550100200' });

    const page = await (await browser.createBrowserContext()).newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    await page.goto(`${t.url}/demo/phone`);
    await page.select('section:last-of-type select[name=channel]', 'whatsapp');
    await page.type('section:last-of-type input[name=from]', '+34 600 555 777');
    await page.type('section:last-of-type input[name=name]', 'Phone Customer');
    await page.type('section:last-of-type textarea[name=text]', 'Is my <b>order</b> late?');
    await Promise.all([page.waitForNavigation(), page.click('section:last-of-type button')]);
    assert.equal(await page.$('.error'), null, await page.$eval('main', (m) => m.textContent ?? ''));
    assert.match(await page.$eval('main', (m) => m.textContent ?? ''), /Is my <b>order<\/b> late\?/);

    const { models } = t.desk.services;
    const conversation = await waitFor(async () => {
      const customer = await models.Customer.findOne({ tenantId: t.seed.tenantId, phoneDigits: '34600555777' }).lean();
      return customer && models.Conversation.findOne({ tenantId: t.seed.tenantId, customerId: customer._id, channel: 'whatsapp' }).lean();
    }, 5_000, 'the WhatsApp conversation');
    assert.equal(conversation.customerName, 'Phone Customer');

    // An agent takes it (online and Available) and answers.
    const conversationId = String(conversation._id);
    const me = (await ada.auth.me.query()).agent.id;
    const stream = ada.conversations.onEvent.subscribe(undefined, { onData() {}, onError() {} });
    try {
      await waitFor(async () => (await ada.presence.list.query()).agents.some((a) => a.agentId === me), 5_000, 'online');
      await ada.presence.setStatus.mutate({ status: 'available' });
      await ada.conversations.accept.mutate({ conversationId });
      await ada.conversations.reply.mutate({ conversationId, body: 'It ships today.', clientMessageId: clientMessageId() });
      await waitFor(async () => {
        await page.goto(`${t.url}/demo/phone`);
        return /It ships today\./.test(await page.$eval('main', (m) => m.textContent ?? ''));
      }, 5_000, 'the reply on the phone');
      await ada.conversations.close.mutate({ conversationId });
      await ada.presence.setStatus.mutate({ status: 'unavailable' });
    } finally {
      stream.unsubscribe();
    }
    assert.deepEqual(errors, []);
  });
});
