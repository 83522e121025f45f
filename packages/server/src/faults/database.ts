import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { spawnScript, stopDesks } from '../testing/processes.js';

const script = fileURLToPath(new URL('./database-process.ts', import.meta.url));

export interface DatabaseProcess {
  /** The connection string, straight to the database. */
  uri: string;
  host: string;
  port: number;
  child: ChildProcess;
  /** The same connection string through a proxy on `port`. */
  via(port: number): string;
  stop(): Promise<void>;
}

/** Starts the embedded database in its own OS process. */
export async function spawnDatabase(): Promise<DatabaseProcess> {
  const { child, ready } = await spawnScript<{ uri: string }>(script, 'uri', process.env);
  const url = new URL(ready.uri);
  return {
    uri: ready.uri,
    host: url.hostname,
    port: Number(url.port),
    child,
    via: (port) => Object.assign(new URL(ready.uri), { port: String(port) }).toString(),
    stop: () => stopDesks([child]),
  };
}
