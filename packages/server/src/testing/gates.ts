/**
 * Work that ends when a test says so: each `hold()` waits for its own `release()`,
 * in order, and the gates count how many are held at once.
 */
export function gates() {
  const pending: Array<(err?: Error) => void> = [];
  let held = 0;
  let most = 0;
  return {
    /** Waits until released (rejects with the error it is released with). */
    async hold(): Promise<void> {
      most = Math.max(most, ++held);
      try {
        await new Promise<void>((resolve, reject) => pending.push((err) => (err ? reject(err) : resolve())));
      } finally {
        held--;
      }
    },
    /** Ends the oldest hold, once there is one. */
    async release(err?: Error): Promise<void> {
      while (pending.length === 0) await new Promise((resolve) => setImmediate(resolve));
      pending.shift()!(err);
    },
    held: () => held,
    most: () => most,
  };
}
