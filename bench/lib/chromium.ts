/** Debian's Chromium through puppeteer-core, with the flags the browser tests use. */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from '@deskkit/server/testing';

export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}

/** The page's JS heap in use after a full garbage collection, in bytes. */
export async function heapUsed(page: Page): Promise<number> {
  const cdp = await page.createCDPSession();
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize;
  } finally {
    await cdp.detach();
  }
}
