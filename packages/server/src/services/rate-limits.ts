import { TRPCError } from '@trpc/server';
import type { Connection } from 'mongoose';
import { BurstyRateLimiter, RateLimiterMongo, RateLimiterRes } from 'rate-limiter-flexible';
import type { DeskConfig } from '../config.js';

/** The collection every counter lives in, one document per key and window. */
export const RATE_LIMITS_COLLECTION = 'ratelimits';

/** Why a call was refused for going too fast, and when to try again. */
export class RateLimited extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}

const tooMany = (what: string, retryAfterMs: number) => {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const wait = seconds >= 120 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} s`;
  const cause = new RateLimited(`${what}; try again in ${wait}`, seconds * 1000);
  return new TRPCError({ code: 'TOO_MANY_REQUESTS', message: cause.message, cause });
};

type Limiter = Pick<RateLimiterMongo, 'consume'>;
/** The driver's database under mongoose's connection. */
type Db = NonNullable<Connection['db']>;

/**
 * Sign-in and send limits, counted in MongoDB so that every process sharing the
 * database counts together.
 *
 * Counters are rate-limiter-flexible's `RateLimiterMongo`: one single-document atomic
 * upsert (`findOneAndUpdate` with `$inc`) per hit, which the embedded database does
 * atomically too. Where it differs from MongoDB: a unique index is not enforced
 * there, so when a window ends a new counter document is inserted beside the
 * expired one instead of replacing it, and TTL indexes never delete anything. The
 * library's reads already ignore expired documents; `purgeExpired` (run on a timer)
 * deletes them, and resets delete every document of a key.
 */
export class RateLimitService {
  private readonly signInAccount: RateLimiterMongo | null;
  private readonly signInIp: RateLimiterMongo | null;
  private readonly sends: Limiter | null;

  constructor(
    private readonly db: Db,
    config: Pick<DeskConfig, 'signInLimitAccount' | 'signInLimitIp' | 'signInWindowSec' | 'sendRatePerSec' | 'sendBurst' | 'sendBurstWindowSec'>,
  ) {
    const limiter = (keyPrefix: string, points: number, duration: number) =>
      points > 0
        ? new RateLimiterMongo({ storeClient: db, tableName: RATE_LIMITS_COLLECTION, keyPrefix, points, duration, disableIndexesCreation: true })
        : null;
    this.signInAccount = limiter('signin-account', config.signInLimitAccount, config.signInWindowSec);
    this.signInIp = limiter('signin-ip', config.signInLimitIp, config.signInWindowSec);
    const steady = limiter('send', config.sendRatePerSec, 1);
    const burst = limiter('send-burst', config.sendBurst, config.sendBurstWindowSec);
    this.sends = steady && burst ? new BurstyRateLimiter(steady, burst) : (steady ?? burst);
  }

  /** The indexes MongoDB uses to find counters and expire old ones (accepted, unused, by the embedded database). */
  async init(): Promise<void> {
    const collection = this.db.collection(RATE_LIMITS_COLLECTION);
    await collection.createIndex({ key: 1 }, { unique: true });
    await collection.createIndex({ expire: -1 }, { expireAfterSeconds: 0 });
  }

  /**
   * Counts a sign-in attempt before the password is checked (so parallel guesses
   * cannot all slip under the limit); TOO_MANY_REQUESTS once the account at this
   * address, or the address, has used up its attempts.
   */
  async signInAttempt(account: string, ip: string): Promise<void> {
    const results = await Promise.allSettled([consume(this.signInAccount, `${account}|${ip}`), consume(this.signInIp, ip)]);
    const refused = results.map(refusal).filter((ms): ms is number => ms !== null);
    if (refused.length) throw tooMany('too many sign-in attempts', Math.max(...refused));
  }

  /** A good password: the account's failures at this address are forgotten, and the address's count takes this one back. */
  async signInSucceeded(account: string, ip: string): Promise<void> {
    if (this.signInAccount) await this.forget(this.signInAccount.getKey(`${account}|${ip}`));
    await this.signInIp?.reward(ip, 1);
  }

  /** Counts one message (or new chat) by `sender`; TOO_MANY_REQUESTS, with nothing stored, past the limit. */
  async send(sender: string): Promise<void> {
    const [result] = await Promise.allSettled([consume(this.sends, sender)]);
    const ms = refusal(result);
    if (ms !== null) throw tooMany('too many messages', ms);
  }

  /** Deletes counters whose window has ended; queries already ignore them. */
  async purgeExpired(): Promise<number> {
    const { deletedCount } = await this.db.collection(RATE_LIMITS_COLLECTION).deleteMany({ expire: { $lte: new Date() } });
    return deletedCount;
  }

  private async forget(key: string): Promise<void> {
    await this.db.collection(RATE_LIMITS_COLLECTION).deleteMany({ key });
  }
}

function consume(limiter: Limiter | null, key: string): Promise<unknown> {
  return limiter ? limiter.consume(key) : Promise.resolve();
}

/** How long until a refused key may try again; null if it was not refused. Database errors are thrown. */
function refusal(result: PromiseSettledResult<unknown>): number | null {
  if (result.status === 'fulfilled') return null;
  if (result.reason instanceof RateLimiterRes) return result.reason.msBeforeNext;
  throw result.reason;
}
