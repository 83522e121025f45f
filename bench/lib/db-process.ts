/** The embedded database as its own OS process, so it is measured apart from the desk. */
import { startEmbeddedDatabase } from '../../packages/server/src/db/embedded.js';

const db = await startEmbeddedDatabase();
process.send!({ uri: db.uri });
process.on('message', (message: { type: string }) => {
  if (message.type === 'cpu') process.send!({ type: 'cpu', ...process.cpuUsage() });
});
process.on('disconnect', () => void db.stop().finally(() => process.exit(0)));
