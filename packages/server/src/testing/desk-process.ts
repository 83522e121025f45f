/**
 * A desk server as its own OS process, for tests with several processes sharing
 * one database. Prints `{"url": …}` once listening; exits on SIGTERM.
 */
import { startDesk } from '../app.js';
import { configFromEnv } from '../config.js';

const desk = await startDesk({ config: configFromEnv() });
process.stdout.write(`${JSON.stringify({ url: desk.url, pid: process.pid })}\n`);
process.once('SIGTERM', async () => {
  await desk.close();
  process.exit(0);
});
