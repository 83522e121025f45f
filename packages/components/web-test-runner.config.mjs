// Component tests in Debian's Chromium (never a downloaded browser), against a real desk server.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fileURLToPath } from 'node:url';
// Loaded through tsx (see the package's test script), so the TypeScript harness imports directly.
import { chromiumArgs, chromiumPath, seedBulkQueue, startTestDesk } from '@deskkit/server/testing';
import { deskBrowser } from './web-test-runner.browser.mjs';
import { deskChannels } from './web-test-runner.channels.mjs';
import { deskVerify } from './web-test-runner.verify.mjs';
import { deskLlm } from './web-test-runner.llm.mjs';
import { deskIntegrations } from './web-test-runner.integrations.mjs';
import { deskXss } from './web-test-runner.xss.mjs';
import { deskLazyModules } from './web-test-runner.lazy.mjs';

// WTR_PORT lets several runs (e.g. one element's tests each) go side by side.
const port = Number(process.env.WTR_PORT) || 8765;
// Demo routes on: the payment tests answer the local provider's checkout page.
const desk = await startTestDesk({ demo: true, corsOrigins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`] });

/** Tells the browser where the desk is and whom to sign in as: GET /__desk-env.json. */
const deskEnv = {
  name: 'desk-env',
  serve(context) {
    if (context.path !== '/__desk-env.json') return undefined;
    const { tenant, password, agents, departments, identitySecret } = desk.seed;
    return { body: JSON.stringify({ url: desk.url, tenant, password, agents, departments, identitySecret }), type: 'json' };
  },
  async serverStop() {
    await desk.close();
  },
};

/**
 * Test-only (the <agent-queue> virtualisation test): GET /__desk-bulk seeds, once, a separate
 * tenant `bulk` (the demo agents and departments) with 10,000 pending Support chats.
 */
let bulkSeed;
async function seedBulk() {
  const { tenant, count } = await seedBulkQueue(desk.desk.services, { slug: 'bulk', count: 10_000 });
  return { tenant, count };
}
const deskBulk = {
  name: 'desk-bulk',
  async serve(context) {
    if (context.path !== '/__desk-bulk') return undefined;
    bulkSeed ??= seedBulk();
    return { body: JSON.stringify(await bulkSeed), type: 'json' };
  },
};

/**
 * Test-only (the <desk-settings> channels and auto-responder tests): GET /__desk-empty-tenant
 * creates a new tenant with one admin (the demo admin's email and password) and nothing
 * else: no channel accounts, templates or opening hours. Answers `{ tenant }`.
 */
let emptyTenants = 0;
const deskEmptyTenant = {
  name: 'desk-empty-tenant',
  async serve(context) {
    if (context.path !== '/__desk-empty-tenant') return undefined;
    const { services } = desk.desk;
    const tenant = `empty-${++emptyTenants}`;
    const { id } = await services.tenants.ensure(tenant, 'Empty desk');
    const admin = desk.seed.agents.find((a) => a.role === 'admin');
    await services.agents.create(id, { email: admin.email, name: admin.name, password: desk.seed.password, role: 'admin', departmentIds: [], maxChats: 5 });
    return { body: JSON.stringify({ tenant }), type: 'json', headers: { 'Cache-Control': 'no-store' } };
  },
};

const lazyModules = deskLazyModules();

export default {
  rootDir: fileURLToPath(new URL('../..', import.meta.url)),
  files: [fileURLToPath(new URL('./src/**/*.test.ts', import.meta.url))],
  port,
  // `deskkit-source`: @deskkit/client from its sources, not its build.
  nodeResolve: { exportConditions: ['browser', 'development', 'deskkit-source'] },
  concurrency: 1,
  testsFinishTimeout: 120_000,
  testFramework: { config: { timeout: 10_000 } },
  middleware: [lazyModules.middleware],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: chromiumPath, headless: true, args: chromiumArgs },
    }),
  ],
  plugins: [
    deskEnv,
    deskBulk,
    deskEmptyTenant,
    deskBrowser(),
    deskChannels(desk),
    deskVerify(desk),
    deskLlm(desk),
    deskIntegrations(),
    deskXss(desk),
    lazyModules.plugin,
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)),
    }),
  ],
};
