/**
 * This process's memory once garbage is gone: full collections, then a pause so that
 * FinalizationRegistry callbacks for what they collected run (undici registers one per
 * `Request`, holding its signal until the callback; tRPC's node-http adapter makes a
 * `Request` per call), then collections again. Run with `--expose-gc`.
 */
export async function settledMemory(): Promise<NodeJS.MemoryUsage> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
  await new Promise((resolve) => setTimeout(resolve, 50));
  gc();
  gc();
  return process.memoryUsage();
}
