import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const script = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));

/** A child process speaking IPC, started with tsx and `--expose-gc`. */
export interface Child {
  process: ChildProcess;
  /** Sends `message` and resolves with the first answer of `type`. */
  ask<T>(message: { type: string }, type?: string): Promise<T>;
  /** The child's memory once its garbage is collected (`settledMemory`). */
  memory(): Promise<NodeJS.MemoryUsage>;
  /** CPU time the child has used so far (user + system), in ms; for children that answer `{ type: 'cpu' }`. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

export async function startChild<T extends object>(name: string, env: Record<string, string> = {}): Promise<Child & { ready: T }> {
  const child = fork(script(name), [], {
    // BENCH_PROFILE_DIR=dir writes a CPU profile of every child process there.
    execArgv: ['--import', 'tsx', '--expose-gc', ...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [])],
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [ready] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`${name} exited with ${code} before it was ready`);
    }),
  ])) as [T];
  const ask = <R>(message: { type: string }, type = message.type) =>
    new Promise<R>((resolve) => {
      const onMessage = (answer: { type?: string }) => {
        if (answer.type !== type) return;
        child.off('message', onMessage);
        resolve(answer as R);
      };
      child.on('message', onMessage);
      child.send(message);
    });
  return {
    process: child,
    ready,
    ask,
    memory: () => ask<NodeJS.MemoryUsage>({ type: 'memory' }),
    cpuMs: async () => {
      const { user, system } = await ask<NodeJS.CpuUsage>({ type: 'cpu' });
      return (user + system) / 1000;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** `MONGODB_URI` when set (a fresh database per run), else the embedded database in its own process. */
export async function startDatabase(): Promise<{ uri: string; kind: 'mongodb' | 'embedded'; cpuMs?: () => Promise<number>; stop(): Promise<void> }> {
  const given = process.env.MONGODB_URI;
  if (given) {
    const url = new URL(given);
    url.pathname = `/deskkit_bench_${Date.now()}`;
    return { uri: url.toString(), kind: 'mongodb', stop: async () => undefined };
  }
  const child = await startChild<{ uri: string }>('db-process.ts');
  return { uri: child.ready.uri, kind: 'embedded', cpuMs: child.cpuMs, stop: child.stop };
}

/** A desk process on `uri`, with server settings from `env` (the names `configFromEnv` reads). */
export async function startDeskProcess(uri: string, env: Record<string, string> = {}) {
  // The benchmarks measure capacity, so the per-sender rate limits (0 = off) stay out of the way.
  const unlimited = { DESKKIT_SEND_RATE: '0', DESKKIT_SEND_BURST: '0', DESKKIT_SIGNIN_LIMIT_ACCOUNT: '0', DESKKIT_SIGNIN_LIMIT_IP: '0' };
  const child = await startChild<{ url: string }>('desk-process.ts', { MONGODB_URI: uri, PORT: '0', ...unlimited, ...env });
  return { ...child, url: child.ready.url };
}
