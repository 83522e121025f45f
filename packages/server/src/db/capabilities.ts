import type { Connection } from 'mongoose';

/** What the connected database really does; probed once at start-up. */
export interface Capabilities {
  /** Multi-document transactions that isolate and roll back. */
  transactions: boolean;
  /** `watch()` change streams (replica sets and sharded clusters). */
  changeStreams: boolean;
  /** Unique indexes reject duplicates. */
  uniqueIndexes: boolean;
  /** `$text` queries over a text index. */
  textSearch: boolean;
}

const PROBE = '_deskkit_capability_probe';

async function attempt(fn: () => Promise<boolean>): Promise<boolean> {
  try {
    return await fn();
  } catch {
    return false;
  }
}

/**
 * Probes the database by behaviour rather than by version string: the embedded
 * database accepts several commands it silently ignores.
 */
export async function detectCapabilities(connection: Connection): Promise<Capabilities> {
  const db = connection.db!;
  const hello = await db.admin().command({ hello: 1 });
  const replicated = Boolean(hello.setName) || hello.msg === 'isdbgrid';
  const probe = db.collection(PROBE);
  await probe.drop().catch(() => undefined);

  const uniqueIndexes = await attempt(async () => {
    await probe.createIndex({ key: 1 }, { unique: true, name: 'key_unique' });
    await probe.insertOne({ key: 'u' });
    const duplicate = await probe.insertOne({ key: 'u' }).then(
      () => true,
      () => false,
    );
    return !duplicate;
  });

  const textSearch = await attempt(async () => {
    await probe.createIndex({ body: 'text' }, { name: 'body_text' });
    await probe.insertOne({ body: 'capability probe' });
    const found = await probe.countDocuments({ $text: { $search: 'probe' } });
    return found === 1;
  });

  const transactions =
    replicated &&
    (await attempt(async () => {
      const session = connection.getClient().startSession();
      try {
        session.startTransaction();
        await probe.insertOne({ key: 'tx' }, { session });
        await session.abortTransaction();
      } finally {
        await session.endSession();
      }
      return (await probe.countDocuments({ key: 'tx' })) === 0;
    }));

  const changeStreams =
    replicated &&
    (await attempt(async () => {
      const stream = probe.watch();
      await stream.tryNext();
      await stream.close();
      return true;
    }));

  await probe.drop().catch(() => undefined);
  return { transactions, changeStreams, uniqueIndexes, textSearch };
}
