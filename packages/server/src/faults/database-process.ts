/**
 * The embedded database as its own OS process, so fault tests can kill or cut off
 * a desk without touching its data. Prints `{"uri": …}` once listening; exits on SIGTERM.
 */
import { startEmbeddedDatabase } from '../db/embedded.js';

const db = await startEmbeddedDatabase();
process.stdout.write(`${JSON.stringify({ uri: db.uri, pid: process.pid })}\n`);
process.once('SIGTERM', async () => {
  await db.stop();
  process.exit(0);
});
