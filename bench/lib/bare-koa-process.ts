/** Baseline: a bare Koa app with one JSON route — the HTTP stack with nothing of the desk behind it. */
import Koa from 'koa';
import type { AddressInfo } from 'node:net';

const app = new Koa();
app.use((ctx) => {
  ctx.body = { ok: true, time: new Date().toISOString() };
});
const server = app.listen(0, '127.0.0.1', () => {
  process.send!({ type: 'ready', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});
process.on('disconnect', () => process.exit(0));
