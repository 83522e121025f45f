/**
 * The elements on a partner's page on another origin that sends a strict
 * Content-Security-Policy: only the desk's origin may serve scripts, styles, fonts and
 * media and take connections (README, "Embedding the elements"). A customer chats from
 * `<customer-chat>`, an agent answers from `<agent-queue>` and `<chat-window>` (beside
 * `<presence-list>` and `<desk-metrics>`) on the same kind of page; live updates, the emoji
 * font, a picture's preview and thumbnail and the charts all work, and the browser reports
 * no violation.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { bundleMounts, chromiumArgs, chromiumPath, png, signedInClient, startTestDesk, type TestDesk } from '@deskkit/server/testing';
import { find, waitFor } from './demo-page.ts';

/**
 * The policy the README gives partners, for a desk at `desk`, with Trusted Types enforced;
 * `picker`: as the emoji picker needs it (inline styles, no Trusted Types).
 */
function embeddingPolicy(desk: string, picker = false): string {
  const ws = desk.replace(/^http/, 'ws');
  return [
    "default-src 'none'",
    `script-src ${desk}`,
    `connect-src ${desk} ${ws}`,
    `style-src ${desk}${picker ? " 'unsafe-inline'" : ''}`,
    `font-src ${desk}`,
    `img-src ${desk} blob:`,
    `media-src ${desk} blob:`,
    ...(picker ? [] : ["require-trusted-types-for 'script'", 'trusted-types lit-html']),
  ].join('; ');
}

const escape = (text: string) => text.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The partner's pages, each under the policy (`?picker`: the emoji picker's):
 * `/customer`, `/agent?token=…` (a session its backend got) and `/composer` (a bare composer with its emoji picker).
 */
function partnerPages(desk: () => string) {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://partner');
    const server = escape(desk());
    const body =
      url.pathname === '/customer'
        ? `<customer-chat server="${server}" tenant="demo"></customer-chat>`
        : url.pathname === '/composer'
          ? `<message-composer tools="emoji" emoji-data-source="${server}/assets/emoji/data.json"></message-composer>`
          : `<desk-provider server="${server}" token="${escape(url.searchParams.get('token') ?? '')}">
             <presence-list></presence-list>
             <agent-queue></agent-queue>
             <chat-window></chat-window>
             <desk-metrics></desk-metrics>
           </desk-provider>`;
    res.writeHead(url.pathname === '/favicon.ico' ? 404 : 200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': embeddingPolicy(desk(), url.searchParams.has('picker')),
    });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title>
      <script type="module" src="${server}/dist/components/deskkit-components.js"></script></head><body>${body}</body></html>`);
  });
}

/** Records every CSP violation the page reports, from before its first script. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluateOnNewDocument(`{
    const seen = [];
    Object.defineProperty(window, '__violations', { value: seen });
    document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
  }`);
  const messages: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) messages.push(message.text());
  });
  return async () => [...((await page.evaluate('window.__violations')) as string[]), ...messages];
}

describe('the elements on a partner page with a strict Content-Security-Policy', () => {
  let t: TestDesk;
  let browser: Browser;
  let partner: http.Server;
  let partnerUrl: string;

  before(async () => {
    partner = partnerPages(() => t.url);
    partner.listen(0, '127.0.0.1');
    await once(partner, 'listening');
    partnerUrl = `http://127.0.0.1:${(partner.address() as AddressInfo).port}`;
    t = await startTestDesk({ staticMounts: bundleMounts(), corsOrigins: [partnerUrl] });
    browser = await puppeteer.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  });
  after(async () => {
    await browser?.close();
    await t?.close();
    partner?.close();
  });

  test('a customer and an agent talk, with emoji and a picked file, and nothing is blocked', async () => {
    const customer = await (await browser.createBrowserContext()).newPage();
    const agentPage = await (await browser.createBrowserContext()).newPage();
    const errors: string[] = [];
    for (const page of [customer, agentPage]) page.on('pageerror', (err) => errors.push(String(err)));
    const customerViolations = await watchViolations(customer);
    const agentViolations = await watchViolations(agentPage);

    // Alice's page: her queue, and a window for the chat she will take.
    const alice = await signedInClient(t.url, { email: 'alice@demo.deskkit.dev', password: t.seed.password });
    await agentPage.goto(`${partnerUrl}/agent?token=${alice.token}`);
    await alice.client.presence.setStatus.mutate({ status: 'available' });

    // The customer starts a chat; it shows up in Alice's queue.
    await customer.goto(`${partnerUrl}/customer`);
    await (await find(customer, ['customer-chat'], '#name')).type('Casey Policy');
    await (await find(customer, ['customer-chat'], '#message')).type('Hello from a strict page');
    await (await find(customer, ['customer-chat'], '[part=start]')).click();
    await waitFor(customer, ['customer-chat'], '[part=notice]', { text: 'Waiting' });
    await waitFor(agentPage, ['agent-queue'], '[part~=row]', { text: 'Casey Policy' });

    // She takes it (through the client) and answers with an emoji.
    const pending = await alice.client.conversations.list.query({ view: 'pending', limit: 50 });
    const chat = pending.items.find((c) => c.customer.name === 'Casey Policy');
    assert.ok(chat, 'the chat waits');
    await alice.client.conversations.accept.mutate({ conversationId: chat.id });
    await agentPage.evaluate((id) => document.querySelector('chat-window')!.setAttribute('conversation-id', id), chat.id);
    await waitFor(agentPage, ['chat-window'], '[part~=message-customer]', { text: 'Hello from a strict page' });
    await alice.client.conversations.reply.mutate({ conversationId: chat.id, body: 'Glad to help 🎉', clientMessageId: crypto.randomUUID() });

    // Live over the desk's connection, in the desk's emoji font.
    await waitFor(customer, ['customer-chat'], '[part~=message-agent]', { text: 'Glad to help 🎉' });
    await customer.waitForFunction(() => [...document.fonts].some((font) => font.family.includes('Deskkit Emoji') && font.status === 'loaded'), { polling: 50, timeout: 10_000 });
    await waitFor(agentPage, ['chat-window'], '[part~=message-agent]', { text: 'Glad to help 🎉' });

    // The customer sends a picture (previewed from a blob: URL while it uploads); the agent sees its thumbnail.
    const dir = await mkdtemp(join(tmpdir(), 'deskkit-csp-'));
    await writeFile(join(dir, 'receipt.png'), png(64, 48));
    const input = (await find(customer, ['customer-chat', 'message-composer'], 'input[type=file]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(join(dir, 'receipt.png'));
    await find(customer, ['customer-chat', 'message-composer'], '[part=upload][data-state=done]');
    await (await find(customer, ['customer-chat', 'message-composer'], '#input')).evaluate((el) => (el as HTMLElement).focus());
    await customer.keyboard.type('My receipt');
    await customer.keyboard.press('Enter');
    await waitFor(agentPage, ['chat-window'], '[part~=message-customer]', { text: 'My receipt' });
    await waitFor(agentPage, ['chat-window'], '[part~=message-customer] img', { complete: true, naturalWidth: 64 });

    // Alice's own figures, charted.
    await agentPage.waitForFunction(() => document.querySelector('desk-metrics')?.shadowRoot?.querySelector('[data-chart=volume] svg [part=chart-series]'), { polling: 50, timeout: 10_000 });

    assert.deepEqual(await customerViolations(), [], 'the customer page blocked nothing');
    assert.deepEqual(await agentViolations(), [], 'the agent page blocked nothing');
    assert.deepEqual(errors, []);
  });
  test("the emoji picker (a third-party element that writes inline styles) works where the policy allows them", async () => {
    /** Opens the picker on `path`, picks an emoji; returns what the composer holds and the violations. */
    const pick = async (path: string) => {
      const page = await (await browser.createBrowserContext()).newPage();
      const violations = await watchViolations(page);
      await page.goto(`${partnerUrl}${path}`);
      await (await find(page, ['message-composer'], '[part~=tool-emoji]')).click();
      const emoji = await find(page, ['message-composer', 'emoji-picker'], 'button[id^="emo-"]');
      const picked = await emoji.evaluate((button) => button.textContent!.trim());
      // Clicked from the page: under the strict policy the unstyled picker has no layout to click into.
      await emoji.evaluate((button) => (button as HTMLElement).click());
      await page.waitForFunction((picked) => (document.querySelector('message-composer') as HTMLElement & { value: string }).value.includes(picked), { polling: 20 }, picked);
      return violations();
    };
    assert.deepEqual(await pick('/composer?picker'), [], 'nothing blocked with inline styles allowed');
  });
});
