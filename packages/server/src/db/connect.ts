import mongoose, { type Connection } from 'mongoose';
import type { Logger } from '../logger.js';
import { detectCapabilities, type Capabilities } from './capabilities.js';
import { startEmbeddedDatabase } from './embedded.js';

export interface Database {
  connection: Connection;
  kind: 'mongodb' | 'embedded';
  /** The connection string in use (the embedded one when no `MONGODB_URI` was given). */
  uri: string;
  capabilities: Capabilities;
  close(): Promise<void>;
}

/**
 * Connects mongoose to `MONGODB_URI` when given, otherwise to an embedded
 * wire-compatible database started in this process.
 */
export async function connectDatabase(options: {
  uri?: string;
  persistPath?: string;
  log: Logger;
}): Promise<Database> {
  const { log } = options;
  const embedded = options.uri ? undefined : await startEmbeddedDatabase({ persistPath: options.persistPath });
  const uri = options.uri ?? embedded!.uri;
  const connection = mongoose.createConnection(uri, {
    // With the database unreachable, a call fails after 5 s ("database unavailable; try
    // again", SERVICE_UNAVAILABLE) rather than the driver's 30 s; a replica-set election
    // normally completes within that, and clients retry sends safely (clientMessageId).
    serverSelectionTimeoutMS: 5_000,
    // Also how long a server check may take. The embedded database answers checks in
    // turn with everything else, so under a burst of work a check can wait seconds; it
    // is busy, not gone (and a refused connection still fails at once).
    connectTimeoutMS: embedded ? 60_000 : 10_000,
    // A connection that goes silent mid-operation (a black-holed network) errors out
    // instead of hanging forever; no single operation of ours takes this long.
    socketTimeoutMS: 30_000,
    // (Mongoose queues calls only until the first connection, which start-up awaits; later
    // calls go straight to the driver and its server selection above.)
    autoIndex: true,
  });
  await connection.asPromise();
  const capabilities = await detectCapabilities(connection);
  if (embedded) {
    log.warn(
      { db: 'embedded', uri: embedded.uri, capabilities },
      'using the embedded database (CongoDB, in memory): data is NOT durable; set MONGODB_URI for production',
    );
  } else {
    log.info({ db: 'mongodb', host: connection.host, capabilities }, 'using MongoDB from MONGODB_URI');
  }
  return {
    connection,
    kind: embedded ? 'embedded' : 'mongodb',
    uri,
    capabilities,
    async close() {
      await connection.close();
      await embedded?.stop();
    },
  };
}
