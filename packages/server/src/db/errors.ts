/**
 * Errors that mean "the database cannot be reached right now" rather than "this
 * request is wrong": no server to select, a dropped or timed-out connection, a
 * cleared pool, a primary stepping down. Matched by name, as mongoose bundles its
 * own copy of the driver.
 */
const unavailableNames = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'MongoPoolClosedError',
  'MongoServerClosedError',
  'MongoWaitQueueTimeoutError',
  'MongoOperationTimeoutError',
  // This process is shutting down: its connection was closed under a call still running.
  'MongoClientClosedError',
]);

/** Server error codes for a node that is shutting down, recovering or no longer primary. */
const unavailableCodes = new Set([6, 7, 89, 91, 189, 9001, 10107, 11600, 11602, 13435, 13436]);

/**
 * Socket errors the driver (7.x) rethrows unwrapped when a connection dies while a
 * write waits for 'drain'. Only trusted as the error itself or its direct cause:
 * an HTTP call's failure (fetch) wraps them one level deeper, in a TypeError.
 */
const socketCodes = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ETIMEDOUT']);

/** Whether `err` (or anything in its `cause` chain) says the database is unreachable. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { name, code, message, syscall } = e as { name?: string; code?: unknown; message?: string; syscall?: unknown };
    if (name && unavailableNames.has(name)) return true;
    if (depth <= 1 && name === 'Error' && typeof code === 'string' && socketCodes.has(code) && typeof syscall === 'string') return true;
    if (name === 'MongoServerError' && typeof code === 'number' && unavailableCodes.has(code)) return true;
    // Mongoose queues calls made before the first connection, and gives up on them after a while.
    if (name === 'MongooseError' && message?.includes('buffering timed out')) return true;
  }
  return false;
}
