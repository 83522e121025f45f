/** What the example-page tests share: the demo desk with its pages, a headless Chromium, and signing in. */
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
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

/** `hosts` is a path of elements whose shadow roots nest; `selector` is looked up in the innermost. */
export async function find(page: Page, hosts: string[], selector: string, timeout = 10_000) {
  const handle = await page.waitForFunction(
    (hosts, selector) => {
      let root: Document | ShadowRoot | null | undefined = document;
      for (const host of hosts) root = root?.querySelector(host)?.shadowRoot;
      return root?.querySelector(selector) ?? null;
    },
    { polling: 20, timeout },
    hosts,
    selector,
  );
  return handle.asElement() as ElementHandle<Element>;
}

/**
 * Waits until some element matching `selector` (inside `hosts`) has all of `want`:
 * `text` in its text content, and each other key as a property value containing it.
 * (Page CSP forbids eval, so checks are data, not code.)
 */
export const waitFor = (page: Page, hosts: string[], selector: string, want: Record<string, string | number | boolean>, timeout = 10_000) =>
  page.waitForFunction(
    (hosts, selector, want) => {
      let root: Document | ShadowRoot | null | undefined = document;
      for (const host of hosts) root = root?.querySelector(host)?.shadowRoot;
      return [...(root?.querySelectorAll(selector) ?? [])].some((el) =>
        Object.entries(want).every(([key, value]) => {
          const actual = key === 'text' ? el.textContent : key.startsWith('data-') ? el.getAttribute(key) : (el as unknown as Record<string, unknown>)[key];
          return typeof value === 'string' ? String(actual ?? '').includes(value) : actual === value;
        }),
      );
    },
    { polling: 20, timeout },
    hosts,
    selector,
    want,
  );
