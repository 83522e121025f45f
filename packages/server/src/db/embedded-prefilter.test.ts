import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { MongoClient, ObjectId } from 'mongodb';
import { bson } from '@push.rocks/smartmongo/dist_ts/congodb/congodb.plugins.js';
import { QueryEngine } from '@push.rocks/smartmongo/dist_ts/congodb/engine/QueryEngine.js';
import { installEmbeddedIndexes } from './embedded-indexes.js';
import { prefilterOf } from './embedded-prefilter.js';
import { startEmbeddedDatabase } from './embedded.js';

type Doc = Record<string, unknown>;
const ids = Array.from({ length: 3 }, () => new bson.ObjectId());
const strings = ['a', 'b', ids[0]!.toHexString()];

// Field values of every kind a stored document can hold, including ones that look alike.
const value = fc.oneof(
  fc.constantFrom<unknown>(...ids, ...strings, true, false, null, 0, 1, 2, -1.5, new Date(0)),
  fc.constantFrom<unknown>(undefined),
  fc.array(fc.constantFrom<unknown>(...ids, ...strings, true, 1, 2), { maxLength: 3 }),
  fc.constant({ nested: 'a' }),
);
const doc = fc.record({ _id: fc.constantFrom(...ids), x: value, y: value }, { requiredKeys: ['_id'] });
const condition = fc.oneof(
  fc.constantFrom<unknown>(...ids, ...strings, true, false, null, 0, 1, 2, -1.5, new Date(0)),
  fc.array(fc.constantFrom<unknown>(...ids, ...strings, true, 1), { minLength: 1, maxLength: 3 }).map(($in) => ({ $in })),
  // Long lists go through a set: padded with values no document holds.
  fc.array(fc.constantFrom<unknown>(...ids, ...strings, true, false, 1, 2), { minLength: 1, maxLength: 4 }).map(($in) => ({
    $in: [...$in, ...Array.from({ length: 10 }, (_, i) => `pad${i}`)],
  })),
  fc.constantFrom<unknown>({ $ne: 'a' }, { $exists: false }, ['a'], { nested: 'a' }),
  fc.constantFrom<unknown>({ $gt: 0 }, { $gte: 1 }, { $lt: 2 }, { $lte: -1.5 }, { $gt: 0, $lte: 2 }, { $gt: 'a' }, { $gt: 0, $ne: 1 }),
);
const filter = fc.record({ _id: condition, x: condition, y: condition, 'x.nested': condition }, { requiredKeys: [] });

/** What CongoDB's own matching (mingo) keeps. */
const mingo = (docs: Doc[], query: Doc) => docs.filter((d) => QueryEngine.matches(d as never, query));

describe('embedded database prefilter', () => {
  test('never changes what a filter matches (against mingo alone, on generated documents and filters)', () => {
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 12 }), filter, (docs, query) => {
        const check = prefilterOf(query as Doc);
        const expected = mingo(docs as Doc[], query as Doc);
        const actual = check ? mingo((docs as Doc[]).filter(check), query as Doc) : expected;
        assert.deepEqual(actual, expected);
      }),
      { numRuns: 3_000 },
    );
  });

  test('drops documents that certainly fail an equality before mingo sees them', () => {
    const [a, b] = ids;
    const check = prefilterOf({ tenantId: a, status: 'pending', key: { $in: ['k1', 'k2'] } })!;
    assert.equal(check({ tenantId: a, status: 'pending', key: 'k2' }), true);
    assert.equal(check({ tenantId: b, status: 'pending', key: 'k2' }), false);
    assert.equal(check({ tenantId: a, status: 'open', key: 'k1' }), false);
    assert.equal(check({ tenantId: a, status: 'pending', key: 'k3' }), false);
    assert.equal(check({ tenantId: a, status: ['open', 'pending'], key: 'k1' }), true, 'arrays are left to mingo');
    assert.equal(prefilterOf({ seq: { $gt: 3, $ne: 5 }, 'a.b': 'x', $or: [] }), null, 'nothing to check');
    const range = prefilterOf({ tenantId: a, seq: { $gt: 3, $lte: 5 } })!;
    assert.equal(range({ tenantId: a, seq: 4 }), true);
    assert.equal(range({ tenantId: a, seq: 3 }), false);
    assert.equal(range({ tenantId: a, seq: 6 }), false);
    assert.equal(range({ tenantId: a, seq: [1, 4] }), true, 'arrays are left to mingo');
    assert.equal(prefilterOf({ seq: 4 })!({ seq: 5 }), false, 'numbers are compared');
  });

  test('queries through the driver find the right documents with it installed', async () => {
    installEmbeddedIndexes();
    const db = await startEmbeddedDatabase();
    const client = await MongoClient.connect(db.uri);
    try {
      const rows = client.db().collection('rows');
      const tenant = new ObjectId();
      await rows.insertMany(Array.from({ length: 50 }, (_, i) => ({ tenantId: i % 2 ? tenant : new ObjectId(), n: i, tags: [`t${i % 3}`] })));
      assert.equal(await rows.countDocuments({ tenantId: tenant }), 25);
      assert.equal((await rows.find({ tenantId: tenant, tags: 't0' }).toArray()).length, 8);
      assert.equal((await rows.find({ tenantId: tenant, n: { $gte: 40 } }).toArray()).length, 5);
      const { modifiedCount } = await rows.updateMany({ tenantId: tenant, tags: { $in: ['t1'] } }, { $set: { hit: true } });
      assert.equal(modifiedCount, 9);
      assert.equal((await rows.deleteMany({ tenantId: tenant, hit: true })).deletedCount, 9);
      assert.equal(await rows.countDocuments({ tenantId: tenant }), 16);
    } finally {
      await client.close();
      await db.stop();
    }
  });
});
