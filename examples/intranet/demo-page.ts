/** What the example-page tests share: the demo desk with its pages, a headless Chromium, and signing in. */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { chromiumArgs, chromiumPath, demoMounts, startTestDesk, type TestDesk } from '@deskkit/server/testing';

/** A test desk serving the example pages (`demo`: also the demo provider routes), and a browser to open them. */
export async function startDemoPages(options: { demo?: boolean } = {}): Promise<{ t: TestDesk; browser: Browser }> {
  const t = await startTestDesk({ staticMounts: demoMounts(), ...(options.demo ? { demo: true } : {}) });
  const browser = await puppeteer.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  return { t, browser };
}

/** Signs in on the intranet page as one of the demo agents. */
export async function signIn(page: Page, url: string, email: string) {
  await page.goto(url);
  await page.waitForSelector('#sign-in:not([hidden])');
  await page.select('#sign-in select[name=email]', email);
  await page.click('#sign-in button[type=submit]');
  await page.waitForSelector('#sign-in[hidden]');
}

export async function signOut(page: Page) {
  await page.click('#sign-out');
  await page.waitForSelector('#sign-in:not([hidden])');
}
