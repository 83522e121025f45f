import { RateLimiterMongo, BurstyRateLimiter } from 'rate-limiter-flexible';
import { startTestDesk } from './src/testing/harness.js';
const t = await startTestDesk();
const db = t.desk.services.db.connection.db!;
const rl = new RateLimiterMongo({ storeClient: db, tableName: 'ratelimits', keyPrefix: 'signin', points: 3, duration: 1 });
await new Promise((r) => setTimeout(r, 200));
for (let i = 0; i < 5; i++) {
  try { const r = await rl.consume('a'); console.log('ok', r.consumedPoints, r.remainingPoints, r.msBeforeNext); } catch (e: any) { console.log('limited', e.consumedPoints ?? e, e.msBeforeNext); }
}
console.log(await db.collection('ratelimits').find({}).toArray());
await new Promise((r) => setTimeout(r, 1100));
try { const r = await rl.consume('a'); console.log('after expiry ok', r.consumedPoints); } catch (e: any) { console.log('after expiry limited', e); }
console.log(await db.collection('ratelimits').find({}).toArray());
// concurrency
const rl2 = new RateLimiterMongo({ storeClient: db, tableName: 'ratelimits', keyPrefix: 'c', points: 10, duration: 60 });
await new Promise((r) => setTimeout(r, 100));
const res = await Promise.allSettled(Array.from({ length: 30 }, () => rl2.consume('k')));
console.log('concurrent ok', res.filter((r) => r.status === 'fulfilled').length, await db.collection('ratelimits').countDocuments({ key: 'c:k' }));
console.log(await rl2.get('k'));
await rl2.delete('k');
console.log('after delete', await rl2.get('k'));
await t.close();
