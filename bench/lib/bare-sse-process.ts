/**
 * Baseline: a bare Node HTTP server holding Server-Sent Events connections and pushing
 * timestamped events to them — the transport with nothing of the desk behind it.
 * IPC: `{ type: 'run', rate, seconds }` pushes `rate` events a second, each to one
 * connection in turn, then answers `{ type: 'done', sent }`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { settledMemory } from './heap.js';

const connections: http.ServerResponse[] = [];
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
  res.write(': connected\n\n');
  connections.push(res);
  req.on('close', () => connections.splice(connections.indexOf(res), 1));
});
server.listen(0, '127.0.0.1', () => {
  process.send!({ type: 'ready', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` });
});

process.on('message', async (message: { type: string; rate: number; seconds: number }) => {
  if (message.type === 'memory') {
    process.send!({ type: 'memory', ...(await settledMemory()) });
    return;
  }
  if (message.type !== 'run') return;
  let sent = 0;
  const total = message.rate * message.seconds;
  const started = performance.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      // Open loop: catch up with the schedule, whatever the last tick cost.
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * message.rate));
      for (; sent < due; sent++) {
        const target = connections[sent % connections.length];
        target?.write(`id: ${sent}\ndata: ${JSON.stringify({ at: performance.timeOrigin + performance.now(), n: sent })}\n\n`);
      }
      if (sent >= total) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  process.send!({ type: 'done', sent });
});
process.on('disconnect', () => process.exit(0));
