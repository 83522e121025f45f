/**
 * `deskkit start [--demo] [--port N]` runs the desk; `--demo` also seeds the demo
 * tenant and serves the intranet example page. `deskkit seed` seeds a database.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startDesk } from './app.js';
import { configFromEnv } from './config.js';
import { connectDatabase } from './db/connect.js';
import { bundleMounts, componentsBundle, demoMounts } from './http/static-mounts.js';
import { createLogger } from './logger.js';
import { createServices } from './services/index.js';
import { seedDemo } from './services/seed.js';

async function start(demo: boolean, port?: string) {
  const config = configFromEnv({ ...process.env, ...(port ? { PORT: port } : {}) });
  const log = createLogger(config.logLevel);
  // Host pages load the element and client bundles from the desk itself.
  const staticMounts = demo ? demoMounts() : bundleMounts();
  if (!existsSync(componentsBundle)) {
    log.warn('component bundles are missing; run `npm run build` first (npm start does)');
  }
  const desk = await startDesk({ config, log, staticMounts, demo });
  if (demo) {
    const seed = await seedDemo(desk.services);
    log.info(
      { tenant: seed.tenant, agents: seed.agents.map((a) => `${a.email} (${a.role})`), demoPassword: seed.password },
      `demo ready: agents at ${desk.url}/ and the customer portal at ${desk.url}/portal/`,
    );
  }
  const stop = async (signal: string) => {
    log.info({ signal }, 'signal received');
    await desk.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function seed() {
  const config = configFromEnv();
  const log = createLogger(config.logLevel);
  if (!config.mongodbUri && !config.embeddedPersistPath) {
    log.error(
      'deskkit seed needs MONGODB_URI (or DESKKIT_EMBEDDED_PERSIST); the in-memory embedded database is seeded by `deskkit start --demo`',
    );
    process.exit(1);
  }
  const shutdown = new AbortController();
  const db = await connectDatabase({ uri: config.mongodbUri, persistPath: config.embeddedPersistPath, log });
  const services = createServices(config, db, log, shutdown.signal);
  await Promise.all(Object.values(services.models).map((model) => model.init()));
  const result = await seedDemo(services);
  log.info({ tenant: result.tenant, agents: result.agents.length }, 'seeded');
  await db.close();
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { demo: { type: 'boolean', default: false }, port: { type: 'string' } },
});

switch (positionals[0]) {
  case 'start':
    await start(values.demo, values.port);
    break;
  case 'seed':
    await seed();
    break;
  default:
    console.error('usage: deskkit start [--demo] [--port N] | deskkit seed');
    process.exit(2);
}
