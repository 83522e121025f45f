/**
 * A desk server as its own OS process for the benchmarks: configured from the environment,
 * answering `{ type: 'memory' }` over IPC with its memory once garbage is gone (`settledMemory`),
 * and `{ type: 'cpu' }` with the CPU time it has used.
 */
import { configFromEnv, startDesk } from '@deskkit/server';
import { settledMemory } from './heap.js';

const desk = await startDesk({ config: configFromEnv() });
process.send!({ type: 'ready', url: desk.url });
process.on('message', async (message: { type: string }) => {
  if (message.type === 'cpu') return void process.send!({ type: 'cpu', ...process.cpuUsage() });
  if (message.type !== 'memory') return;
  process.send!({ type: 'memory', ...(await settledMemory()) });
});
process.on('disconnect', () => void desk.close().finally(() => process.exit(0)));
