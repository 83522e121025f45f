import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { testRateLimits } from './harness.js';

const processScript = fileURLToPath(new URL('./desk-process.ts', import.meta.url));

/**
 * Runs a TypeScript script as its own OS process and resolves with the first
 * JSON line it prints that has `key`; stdout lines are kept in `lines`, stderr
 * lines (also passed through) in `errors`.
 */
export async function spawnScript<T>(
  script: string,
  key: keyof T & string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 60_000,
): Promise<{ child: ChildProcess; ready: T; lines: string[]; errors: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const errors: string[] = [];
  const reader = createInterface({ input: child.stdout! });
  reader.on('line', (line) => lines.push(line));
  // Passed through, and kept for tests that check nothing went unhandled.
  createInterface({ input: child.stderr! }).on('line', (line) => {
    errors.push(line);
    process.stderr.write(`${line}\n`);
  });
  const ready = new Promise<T>((resolve) => {
    const onLine = (line: string) => {
      const parsed = parseJson(line);
      if (parsed && key in parsed && !('msg' in parsed)) {
        reader.off('line', onLine);
        resolve(parsed as T);
      }
    };
    reader.on('line', onLine);
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    const value = await Promise.race([
      ready,
      once(child, 'exit').then(([code, signal]) => {
        throw new Error(`${script} exited with ${code ?? signal}`);
      }),
    ]);
    return { child, ready: value, lines, errors };
  } finally {
    clearTimeout(timer);
  }
}

function parseJson(line: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Starts a desk server as a separate OS process on a shared database; resolves once it listens.
 * `port` pins its port (a restarted desk answers at the same URL); `env` adds settings;
 * `lines` collects its stdout (the JSON log when `LOG_LEVEL` is set in `env`), `errors` its stderr.
 */
export async function spawnDesk(
  mongodbUri: string,
  options: { port?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<{ url: string; child: ChildProcess; lines: string[]; errors: string[] }> {
  const { child, ready, lines, errors } = await spawnScript<{ url: string }>(processScript, 'url', {
    ...process.env,
    MONGODB_URI: mongodbUri,
    PORT: String(options.port ?? 0),
    LOG_LEVEL: 'silent',
    DESKKIT_HEARTBEAT_MS: '500',
    DESKKIT_PRESENCE_TTL_MS: '1500',
    DESKKIT_EVENT_POLL_MS: '50',
    DESKKIT_SIGNIN_LIMIT_ACCOUNT: String(testRateLimits.signInLimitAccount),
    DESKKIT_SIGNIN_LIMIT_IP: String(testRateLimits.signInLimitIp),
    DESKKIT_SEND_RATE: String(testRateLimits.sendRatePerSec),
    DESKKIT_SEND_BURST: String(testRateLimits.sendBurst),
    ...options.env,
  });
  return { url: ready.url, child, lines, errors };
}

/** Stops the processes that are still running (SIGTERM, SIGKILL after 10 s) and waits for them to exit. */
export async function stopDesks(children: ChildProcess[]): Promise<void> {
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  await Promise.all(
    running.map(async (child) => {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }),
  );
}
