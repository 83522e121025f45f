/**
 * @license MIT
 * The browser's position, once, as a promise with reasons people can act on.
 */

export type LocateProblem = 'denied' | 'unavailable' | 'timeout' | 'unsupported';

export class LocateError extends Error {
  constructor(readonly problem: LocateProblem) {
    super(`location ${problem}`);
    this.name = 'LocateError';
  }
}

export interface Position {
  latitude: number;
  longitude: number;
  /** Radius of uncertainty in metres. */
  accuracy: number;
}

/** Six decimals are about 10 cm: plenty, and no false precision in the message. */
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Asks the Geolocation API for the current position (the browser may ask the person first). */
export function currentPosition(timeoutMs = 15_000): Promise<Position> {
  const geolocation = globalThis.navigator?.geolocation;
  if (!geolocation) return Promise.reject(new LocateError('unsupported'));
  return new Promise((resolve, reject) => {
    geolocation.getCurrentPosition(
      ({ coords }) =>
        resolve({
          latitude: round(coords.latitude, 6),
          longitude: round(coords.longitude, 6),
          accuracy: Math.min(1_000_000, Math.round(coords.accuracy)),
        }),
      (error) => {
        const problem: LocateProblem =
          error.code === error.PERMISSION_DENIED ? 'denied' : error.code === error.TIMEOUT ? 'timeout' : 'unavailable';
        reject(new LocateError(problem));
      },
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}
