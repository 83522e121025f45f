import net from 'node:net';
import { CongoServer } from '@push.rocks/smartmongo/dist_ts/congodb/index.js';
import { installEmbeddedIndexes } from './embedded-indexes.js';

/** Finds a free loopback port (CongoServer reports 0 when given port 0). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface EmbeddedDatabase {
  uri: string;
  stop(): Promise<void>;
}

/**
 * Starts CongoDB, a MongoDB-wire-compatible server, in this process on a free loopback port.
 * Data lives in memory (optionally snapshotted to `persistPath`) and is not durable.
 */
export async function startEmbeddedDatabase(options: { persistPath?: string } = {}): Promise<EmbeddedDatabase> {
  installEmbeddedIndexes();
  const host = '127.0.0.1';
  const port = await freePort(host);
  const server = new CongoServer({
    host,
    port,
    storage: 'memory',
    ...(options.persistPath ? { persistPath: options.persistPath, persistIntervalMs: 5_000 } : {}),
  });
  await server.start();
  return {
    // The driver's streaming heartbeat fails against CongoDB under load; poll instead.
    uri: `mongodb://${host}:${port}/deskkit?directConnection=true&serverMonitoringMode=poll`,
    stop: () => server.stop(),
  };
}
