/**
 * The `deskkit` command as the README runs it: `start --demo` (what `npm start` runs after the
 * build) and `seed`, each a real OS process.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { createDeskClient } from '@deskkit/client';
import { freePort, startEmbeddedDatabase } from './db/embedded.js';

const bin = fileURLToPath(new URL('../bin/deskkit.mjs', import.meta.url));

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** Runs `deskkit <args>`, collecting its JSON log lines. */
function deskkit(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, CI: 'true', LOG_LEVEL: 'info', MONGODB_URI: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
  const waiters: Array<() => void> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      lines.push(JSON.parse(line) as LogLine);
    } catch {
      lines.push({ level: 30, msg: line });
    }
    for (const wake of waiters.splice(0)) wake();
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return {
    child,
    lines,
    get stderr() {
      return stderr;
    },
    exited,
    /** Resolves with the first log line matching `msg`, or fails when the process exits first. */
    async waitForLog(msg: RegExp, timeoutMs = 60_000): Promise<LogLine> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const line = lines.find((l) => msg.test(l.msg));
        if (line) return line;
        if (child.exitCode !== null) throw new Error(`deskkit exited (${child.exitCode}) before logging ${msg}: ${stderr}`);
        if (Date.now() > deadline) throw new Error(`no log line ${msg} within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
  };
}

describe('the deskkit command', () => {
  const children: ChildProcess[] = [];
  after(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  });

  test('start --demo serves the desk, the intranet page and the portal on the embedded database, and stops on SIGTERM', async () => {
    const port = await freePort();
    const run = deskkit(['start', '--demo', '--port', String(port)]);
    children.push(run.child);
    const ready = await run.waitForLog(/^demo ready/);
    assert.ok(ready.demoPassword, 'the demo password is shown at start');
    const database = run.lines.find((l) => l.db === 'embedded');
    assert.match(database?.msg ?? '', /NOT durable/);

    const url = `http://127.0.0.1:${port}`;
    assert.deepEqual(await (await fetch(`${url}/healthz`)).json(), { ok: true, db: 'embedded' });
    for (const [path, marker] of [
      ['/', '<agent-queue'],
      ['/portal/', '<customer-chat'],
    ] as const) {
      const page = await fetch(`${url}${path}`);
      assert.equal(page.status, 200, path);
      assert.ok((await page.text()).includes(marker), `${path} embeds ${marker}`);
    }
    const bundle = await fetch(`${url}/dist/components/deskkit-components.js`);
    assert.equal(bundle.status, 200, 'the element bundle is served (npm start builds it first)');
    await bundle.body?.cancel();

    const session = await createDeskClient({ url }).auth.signIn.mutate({
      tenant: 'demo',
      email: 'alice@demo.deskkit.dev',
      password: String(ready.demoPassword),
    });
    const alice = createDeskClient({ url, token: session.token });
    const pending = await alice.conversations.list.query({ view: 'pending' });
    assert.ok(pending.items.length > 0, 'the demo is seeded with waiting chats');

    run.child.kill('SIGTERM');
    const [code] = await run.exited;
    assert.equal(code, 0);
    assert.ok(run.lines.some((l) => l.msg === 'stopped'));
  });

  test('seed refuses the in-memory database, and seeds a database given by MONGODB_URI', async () => {
    const refused = deskkit(['seed']);
    children.push(refused.child);
    const [code] = await refused.exited;
    assert.equal(code, 1);
    assert.ok(refused.lines.some((l) => /needs MONGODB_URI/.test(l.msg)));

    const db = await startEmbeddedDatabase();
    try {
      const seeding = deskkit(['seed'], { MONGODB_URI: db.uri });
      children.push(seeding.child);
      const [seeded] = await seeding.exited;
      assert.equal(seeded, 0, seeding.stderr);
      const line = seeding.lines.find((l) => l.msg === 'seeded');
      assert.equal(line?.tenant, 'demo');
      assert.ok(Number(line?.agents) > 0);

      // A desk started on that database serves the seeded tenant.
      const port = await freePort();
      const run = deskkit(['start', '--port', String(port)], { MONGODB_URI: db.uri });
      children.push(run.child);
      await run.waitForLog(/^deskkit listening/);
      const signIn = createDeskClient({ url: `http://127.0.0.1:${port}` }).auth.signIn.mutate({
        tenant: 'demo',
        email: 'sam@demo.deskkit.dev',
        password: 'deskkit-demo',
      });
      assert.match((await signIn).token, /^dks_/);
      run.child.kill('SIGTERM');
      assert.equal((await run.exited)[0], 0);
    } finally {
      await db.stop();
    }
  });
});
