/**
 * `<agent-queue>` with 10,000 pending conversations, in Chromium: time from inserting it into
 * a signed-in `<desk-provider>` to its first rows, the nodes it holds then and after scrolling
 * to the end (every page loaded), and the page's JS heap. Baseline in the same run: a bare Lit
 * element rendering the same rows with a plain `repeat` (bench/fixtures/bare-queue.ts).
 * Each figure is the median of three runs, each in a fresh browser context.
 *
 * The desk runs as its own process (as in the other suites), so its work answering the
 * queue's pages does not share an event loop with this process, which drives Chromium
 * and serves the page.
 */
import type { Browser, Page } from 'puppeteer-core';
import { seedBulkQueue, type BulkQueue } from '@deskkit/server/testing';
import type { FirstRender, QueuePage } from '../fixtures/queue-page.js';
import { buildBundle } from '../lib/bundle.js';
import { heapUsed, launchChromium } from '../lib/chromium.js';
import { startDeskProcess } from '../lib/processes.js';
import type { Figure } from '../lib/report.js';
import { serveSite } from '../lib/static-site.js';
import { openStore } from '../lib/store.js';
import type { BenchContext } from '../run.js';

const SUITE = 'queue render';
const CONVERSATIONS = 10_000;
/** A plain agent of the Support department, which holds the bulk conversations. */
const AGENT = 'alice@demo.deskkit.dev';
const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>queue render</title>
    <script type="module" src="/deskkit-components.js"></script>
    <script type="module" src="/queue-page.js"></script>
  </head>
  <body></body>
</html>`;

interface QueueRun {
  first: FirstRender & { listRequestMs: number | null };
  end: Awaited<ReturnType<QueuePage['scrollQueueToEnd']>>;
  heapFirst: number;
  heapEnd: number;
}

interface BareRun {
  first: FirstRender;
  heap: number;
}

type Desk = { url: string };

export async function queueRender(ctx: BenchContext): Promise<Figure[]> {
  const store = await openStore(ctx.databaseUri);
  const bulk = await seedBulkQueue(store, { slug: 'queue-render', count: CONVERSATIONS });
  await store.close();
  const bundle = await buildBundle({ 'deskkit-components': 'packages/components/src/index.ts', 'queue-page': 'bench/fixtures/queue-page.ts' });
  const site = await serveSite(bundle.dir, PAGE);
  const desk = await startDeskProcess(ctx.databaseUri, { ...ctx.deskEnv, DESKKIT_CORS_ORIGINS: site.origin });
  const browser = await launchChromium();
  const queues: QueueRun[] = [];
  const bares: BareRun[] = [];
  try {
    for (let run = 0; run < (ctx.quick ? 1 : 3); run++) {
      queues.push(await measureQueue(browser, site.url, desk, bulk));
      bares.push(await measureBare(browser, site.url, desk, bulk));
    }
  } finally {
    await browser.close();
    await desk.stop();
    await site.close();
    await bundle.remove();
  }
  return figures(queues, bares);
}

function figures(queues: QueueRun[], bares: BareRun[]): Figure[] {
  const q = (pick: (run: QueueRun) => number) => median(queues.map(pick));
  const b = (pick: (run: BareRun) => number) => median(bares.map(pick));
  const mb = (bytes: number) => bytes / 1024 / 1024;
  const bare = 'bare Lit list, no virtualisation';
  const runs = `median of ${queues.length}`;
  const requests = queues.map((r) => r.first.listRequestMs).filter((ms): ms is number => ms !== null);
  return [
    {
      suite: SUITE,
      name: '<agent-queue> first rows, 10k pending',
      value: q((r) => r.first.ms),
      unit: 'ms',
      baseline: { name: bare, value: b((r) => r.first.ms) },
      notes:
        `${runs}; the queue fetches its first page (${q((r) => r.first.rows)} rows rendered)` +
        (requests.length ? `, its request taking ${median(requests).toFixed(0)} ms of it` : '') +
        `; the baseline is handed all ${b((r) => r.first.rows)} rows, fetched beforehand`,
    },
    {
      suite: SUITE,
      name: '<agent-queue> DOM nodes after first render',
      value: q((r) => r.first.nodes),
      unit: 'nodes',
      baseline: { name: bare, value: b((r) => r.first.nodes) },
      target: { op: '<', value: 800 },
      notes: 'every node (elements, text, comments) in the element and its shadow roots',
    },
    {
      suite: SUITE,
      name: '<agent-queue> DOM nodes after scrolling to the end',
      value: q((r) => r.end.nodes),
      unit: 'nodes',
      baseline: { name: bare, value: b((r) => r.first.nodes) },
      target: { op: '<', value: 800 },
      notes: `${runs}; all ${q((r) => r.end.total)} rows loaded, ${q((r) => r.end.rows)} rendered; at most ${q((r) => r.end.mostNodes)} nodes while scrolling`,
    },
    {
      suite: SUITE,
      name: '<agent-queue> JS heap after first render',
      value: mb(q((r) => r.heapFirst)),
      unit: 'MB',
      baseline: { name: `${bare}, all rows`, value: mb(b((r) => r.heap)) },
      notes: 'the whole page after a full garbage collection (both load the same bundle)',
    },
    {
      suite: SUITE,
      name: '<agent-queue> JS heap after scrolling to the end',
      value: mb(q((r) => r.heapEnd)),
      unit: 'MB',
      baseline: { name: `${bare}, all rows`, value: mb(b((r) => r.heap)) },
    },
  ];
}

async function openPage(browser: Browser, url: string, desk: Desk, bulk: BulkQueue): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 1000 });
  await page.goto(url);
  await page.waitForFunction(() => window.queuePage !== undefined);
  const credentials = { server: desk.url, tenant: bulk.tenant, email: AGENT, password: bulk.seed.password };
  await page.evaluate((c) => window.queuePage.signIn(c), credentials);
  return page;
}

async function measureQueue(browser: Browser, url: string, desk: Desk, bulk: BulkQueue): Promise<QueueRun> {
  const page = await openPage(browser, url, desk, bulk);
  try {
    const first = await page.evaluate(() => window.queuePage.insertQueue());
    const heapFirst = await heapUsed(page);
    const end = await page.evaluate(() => window.queuePage.scrollQueueToEnd(300_000));
    if (end.total < bulk.count) throw new Error(`the queue listed ${end.total} of ${bulk.count} conversations`);
    return { first, end, heapFirst, heapEnd: await heapUsed(page) };
  } finally {
    await page.browserContext().close();
  }
}

async function measureBare(browser: Browser, url: string, desk: Desk, bulk: BulkQueue): Promise<BareRun> {
  const page = await openPage(browser, url, desk, bulk);
  try {
    const count = await page.evaluate(() => window.queuePage.fetchAll());
    if (count < bulk.count) throw new Error(`fetched ${count} of ${bulk.count} conversations`);
    const first = await page.evaluate(() => window.queuePage.insertBare());
    return { first, heap: await heapUsed(page) };
  } finally {
    await page.browserContext().close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
