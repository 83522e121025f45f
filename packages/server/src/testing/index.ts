/** Helpers for tests that need a real desk: the server, signed-in clients, waiting. */
export { startTestDesk, type TestDesk } from './harness.js';
export { seedBulkQueue, type BulkQueue } from './bulk-queue.js';
export { clientMessageId, record, signedInClient, startChat, waitFor } from './clients.js';
export { bundleMounts, demoMounts } from '../http/static-mounts.js';
export { trpcError } from './assertions.js';
export { png } from './fixtures.js';
export { chromiumArgs, chromiumPath } from './chromium.js';
