/**
 * The built client under plain Node 20, as a partner's script runs it: no TypeScript loader,
 * so `@deskkit/client` resolves to dist/node (run `npm run build` first). Against a real desk
 * (the `deskkit start --demo` CLI in its own process) it signs in as a demo agent, runs a
 * query and receives a live event over SSE and over WebSocket.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { closeDeskClient, createDeskClient } from '@deskkit/client';

const cli = fileURLToPath(new URL('../../server/bin/deskkit.mjs', import.meta.url));
const password = process.env.DESKKIT_DEMO_PASSWORD || 'deskkit-demo';
const email = 'alice@demo.deskkit.dev';

/** A port nothing listens on (the CLI takes a fixed one). */
async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

/** Starts `deskkit start --demo`; resolves once its demo tenant is seeded. */
async function startDesk() {
  const port = await freePort();
  const child = spawn(process.execPath, [cli, 'start', '--demo', '--port', String(port)], {
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the desk did not start in 120 s\n${stderr}`)), 120_000);
    child.once('exit', (code) => reject(new Error(`the desk exited (${code})\n${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.includes('demo ready')) return;
      clearTimeout(timer);
      resolve();
    });
  });
  await ready;
  return { url: `http://127.0.0.1:${port}`, child };
}

/** The first presence change for `agentId` with `status`, over a fresh subscription; `change` runs once it has started. */
function presenceChange(desk, agentId, status, change) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(reject, new Error(`no ${status} presence change within 10 s`)), 10_000);
    const subscription = desk.presence.onChange.subscribe(undefined, {
      onStarted: () => change().catch((err) => done(reject, err)),
      onData: ({ id, data }) => {
        if (data.agentId === agentId && data.status === status) done(resolve, { id, data });
      },
      onError: (err) => done(reject, err),
    });
    function done(settle, value) {
      clearTimeout(timer);
      subscription.unsubscribe();
      settle(value);
    }
  });
}

let desk;
let token;
before(async () => {
  desk = await startDesk();
  const anonymous = createDeskClient({ url: desk.url });
  ({ token } = await anonymous.auth.signIn.mutate({ tenant: 'demo', email, password }));
});

after(async () => {
  if (!desk) return;
  desk.child.kill('SIGTERM');
  if (desk.child.exitCode === null) await once(desk.child, 'exit');
});

test('@deskkit/client resolves to the Node build under plain node', () => {
  assert.match(import.meta.resolve('@deskkit/client'), /\/packages\/client\/dist\/node\/deskkit-client\.js$/);
});

for (const transport of ['sse', 'ws']) {
  test(`signs in, queries and receives a live event over ${transport}`, async () => {
    const client = createDeskClient({ url: desk.url, token, transport });
    try {
      const { agent } = await client.auth.me.query();
      assert.equal(agent.email, email);
      // SSE turns Alice Available and WebSocket turns her back, so she ends Unavailable.
      const status = transport === 'sse' ? 'available' : 'unavailable';
      const { id, data } = await presenceChange(client, agent.id, status, () => client.presence.setStatus.mutate({ status }));
      assert.equal(data.name, agent.name);
      assert.ok(id, 'events carry an id to resume from');
    } finally {
      await closeDeskClient(client);
    }
  });
}
