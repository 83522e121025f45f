import type { ServerResponse } from 'node:http';

/** Resolves once the response can take more, or is gone. */
export function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      res.off('drain', done);
      res.off('close', done);
      res.off('error', done);
      if (err instanceof Error) reject(err);
      else resolve();
    };
    res.once('drain', done);
    res.once('close', done);
    res.once('error', done);
  });
}
