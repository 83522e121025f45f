import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { MongoClient, ObjectId } from 'mongodb';
import { bson } from '@push.rocks/smartmongo/dist_ts/congodb/congodb.plugins.js';
import { QueryEngine } from '@push.rocks/smartmongo/dist_ts/congodb/engine/QueryEngine.js';
import { IndexedCollection } from './embedded-indexes.js';
import { startEmbeddedDatabase } from './embedded.js';

type Doc = Record<string, unknown>;
const ids = Array.from({ length: 4 }, () => new bson.ObjectId());
const keys = ids.map((id) => id.toHexString());
const strings = ['a', 'b', keys[0]!];

// Values of every kind a stored document can hold, including ones that look alike.
const value = fc.oneof(
  fc.constantFrom<unknown>(...ids, ...strings, true, false, null, 0, 1, 2, new Date(0)),
  fc.constantFrom<unknown>(undefined),
  fc.array(fc.constantFrom<unknown>(...ids, ...strings, 1), { maxLength: 3 }),
  fc.constant({ nested: 'a' }),
);
const condition = fc.oneof(
  fc.constantFrom<unknown>(...ids, ...strings, true, false, null, 0, 1, 2),
  fc.array(fc.constantFrom<unknown>(...ids, ...strings, true, 1, 1), { minLength: 1, maxLength: 3 }).map(($in) => ({ $in })),
  fc.constantFrom<unknown>({ $ne: 'a' }, { $gt: 0 }, ['a'], { nested: 'a' }),
);
const filter = fc.record({ _id: condition, x: condition, y: condition, 'x.nested': condition }, { requiredKeys: [] });
const step = fc.oneof(
  fc.record({ op: fc.constant('set' as const), at: fc.nat(3), x: value, y: value }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(3) }),
  fc.record({ op: fc.constant('clear' as const) }),
  fc.record({ op: fc.constant('query' as const), filter }),
);

/** What CongoDB's own matching (mingo) keeps. */
const mingo = (docs: Doc[], query: Doc) => docs.filter((d) => QueryEngine.matches(d as never, query));

describe('embedded database indexes', () => {
  test('narrow a filter to exactly what a full scan matches, in order, through sets, deletes and clears', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const collection = new IndexedCollection();
        for (const s of steps) {
          if (s.op === 'set') collection.set(keys[s.at]!, { _id: ids[s.at], x: s.x, y: s.y });
          else if (s.op === 'delete') collection.delete(keys[s.at]!);
          else if (s.op === 'clear') collection.clear();
          else {
            const query = s.filter as Doc;
            const expected = mingo([...collection.values()], query);
            const candidates = collection.candidates(query);
            assert.deepEqual(candidates === null ? expected : mingo(candidates, query), expected);
          }
        }
      }),
      { numRuns: 2_000 },
    );
  });

  test('hand over only the documents filed under the asked values (and the loose ones)', () => {
    const collection = new IndexedCollection([
      ['1', { _id: 1, key: 'k1', tags: ['t'] }],
      ['2', { _id: 2, key: 'k2', tags: 't' }],
      ['3', { _id: 3, key: 'k3', tags: ['u'] }],
      ['4', { _id: 4, key: 'k4', tags: 'v' }],
    ]);
    assert.deepEqual(collection.candidates({ key: 'k2' })?.map((d) => d._id), [2]);
    assert.deepEqual(collection.candidates({ key: { $in: ['k3', 'k1', 'k9'] } })?.map((d) => d._id), [1, 3], 'in collection order');
    assert.deepEqual(collection.candidates({ key: 'k9' }), []);
    assert.deepEqual(collection.candidates({ tags: 't' })?.map((d) => d._id), [1, 2, 3], 'arrays are always handed over');
    assert.equal(collection.candidates({ key: { $ne: 'k1' } }), null, 'nothing to narrow by');
    collection.set('2', { _id: 2, key: 'k9' });
    assert.deepEqual(collection.candidates({ key: 'k9' })?.map((d) => d._id), [2], 'kept current by writes');
    assert.deepEqual(collection.candidates({ key: 'k2' }), []);
  });

  test('queries and writes through the driver see every change', async () => {
    const db = await startEmbeddedDatabase();
    const client = await MongoClient.connect(db.uri);
    try {
      const rows = client.db().collection('indexed_rows');
      const tenant = new ObjectId();
      await rows.insertMany(Array.from({ length: 60 }, (_, i) => ({ tenantId: tenant, key: `k${i}`, group: i % 3 })));
      assert.equal((await rows.findOne({ tenantId: tenant, key: 'k7' }))?.group, 1);
      // The value an index filed it under changes: found under the new one only.
      await rows.updateOne({ key: 'k7' }, { $set: { key: 'moved', group: 9 } });
      assert.equal(await rows.findOne({ key: 'k7' }), null);
      assert.equal((await rows.findOne({ key: 'moved' }))?.group, 9);
      assert.equal(await rows.countDocuments({ group: { $in: [9, 0] } }), 21);
      // Upserts, deletes and a dropped collection.
      await rows.updateOne({ tenantId: tenant, key: 'new' }, { $setOnInsert: { group: 0 } }, { upsert: true });
      assert.equal(await rows.countDocuments({ group: 0 }), 21);
      assert.equal((await rows.deleteMany({ group: 0 })).deletedCount, 21);
      assert.equal(await rows.countDocuments({ group: 0 }), 0);
      const _id = (await rows.findOne({ key: 'moved' }))!._id;
      assert.equal((await rows.find({ _id: { $in: [_id, new ObjectId()] } }).toArray()).length, 1);
      await rows.drop();
      assert.equal(await rows.countDocuments({ tenantId: tenant }), 0);
      await rows.insertOne({ tenantId: tenant, key: 'k7' });
      assert.equal(await rows.countDocuments({ key: 'k7' }), 1);
    } finally {
      await client.close();
      await db.stop();
    }
  });
});
