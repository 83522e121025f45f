import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { testRateLimits } from './harness.js';

const processScript = fileURLToPath(new URL('./desk-process.ts', import.meta.url));

/** Starts a desk server as a separate OS process on a shared database; resolves once it listens. */
export async function spawnDesk(mongodbUri: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', processScript], {
    env: {
      ...process.env,
      MONGODB_URI: mongodbUri,
      PORT: '0',
      LOG_LEVEL: 'silent',
      DESKKIT_HEARTBEAT_MS: '500',
      DESKKIT_PRESENCE_TTL_MS: '1500',
      DESKKIT_EVENT_POLL_MS: '50',
      DESKKIT_SIGNIN_LIMIT_ACCOUNT: String(testRateLimits.signInLimitAccount),
      DESKKIT_SIGNIN_LIMIT_IP: String(testRateLimits.signInLimitIp),
      DESKKIT_SEND_RATE: String(testRateLimits.sendRatePerSec),
      DESKKIT_SEND_BURST: String(testRateLimits.sendBurst),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`desk process exited with ${code}`);
    }),
  ])) as [string];
  return { url: (JSON.parse(line) as { url: string }).url, child };
}

/** Stops the processes that are still running and waits for them to exit. */
export async function stopDesks(children: ChildProcess[]): Promise<void> {
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  await Promise.all(running.map((child) => (child.kill('SIGTERM'), once(child, 'exit'))));
}
