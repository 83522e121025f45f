/**
 * A desk server as its own OS process for the benchmarks: configured from the environment,
 * answering `{ type: 'memory' }` over IPC with its memory after a full garbage collection,
 * and `{ type: 'cpu' }` with the CPU time it has used.
 */
import { configFromEnv, startDesk } from '@deskkit/server';

const desk = await startDesk({ config: configFromEnv() });
process.send!({ type: 'ready', url: desk.url });
process.on('message', (message: { type: string }) => {
  if (message.type === 'cpu') return void process.send!({ type: 'cpu', ...process.cpuUsage() });
  if (message.type !== 'memory') return;
  collectGarbage();
  process.send!({ type: 'memory', ...process.memoryUsage() });
});
process.on('disconnect', () => void desk.close().finally(() => process.exit(0)));

/** Two full collections, so what is left is what is really held. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
}
