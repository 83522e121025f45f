import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import mongoose, { Schema, type Connection } from 'mongoose';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../db/embedded.js';
import { BatchedUpdates } from './batched-updates.js';

/** Group-committed updates against the embedded database, counting the commands sent. */
describe('BatchedUpdates', () => {
  let db: EmbeddedDatabase;
  let connection: Connection;
  const commands: string[] = [];
  let model: ReturnType<typeof rowModel>;
  const rowModel = (c: Connection) => c.model('Row', new Schema({ key: { type: String, required: true }, data: Schema.Types.Mixed }));

  before(async () => {
    db = await startEmbeddedDatabase();
    connection = await mongoose.createConnection(db.uri).asPromise();
    model = rowModel(connection);
    connection.set('debug', (collection: string, method: string) => void commands.push(`${collection}.${method}`));
  });
  after(async () => {
    await connection?.close();
    await db?.stop();
  });

  test('updates made while a bulk write is on its way go out together in the next, each with its own outcome', async () => {
    await model.create({ key: 'k0', data: 0 });
    const updates = new BatchedUpdates(model);
    commands.length = 0;
    const first = updates.updateOne({ key: 'k0' }, { $inc: { data: 1 } });
    // Let the first bulk write go out; these wait for it.
    await new Promise((resolve) => setImmediate(resolve));
    const rest = Array.from({ length: 10 }, (_, i) => updates.updateOne({ key: `k${i % 5}` }, { $inc: { data: 1 } }, { upsert: true }));
    const outcomes = await Promise.all([first, ...rest]);
    assert.deepEqual(commands, ['rows.bulkWrite', 'rows.bulkWrite'], 'two round trips for eleven updates');
    assert.deepEqual(
      outcomes.map((o) => o.upsertedCount),
      [0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0],
      'inserted where the key was new (k1..k4 once each, in call order)',
    );
    const rows = await model.find({ key: /^k/ }).sort({ key: 1 }).lean();
    assert.deepEqual(
      rows.map((r) => [r.key, r.data]),
      [['k0', 3], ['k1', 2], ['k2', 2], ['k3', 2], ['k4', 2]],
    );
  });

  test('an update the database refuses fails its own call only', async () => {
    await model.create([{ key: 'text', data: 'not a number' }, { key: 'number', data: 1 }]);
    const updates = new BatchedUpdates(model);
    const hold = updates.updateOne({ key: 'number' }, { $inc: { data: 1 } });
    await new Promise((resolve) => setImmediate(resolve));
    const [refused, fine, inserted] = await Promise.allSettled([
      updates.updateOne({ key: 'text' }, { $inc: { data: 1 } }),
      updates.updateOne({ key: 'number' }, { $inc: { data: 10 } }),
      updates.updateOne({ key: 'new' }, { $set: { data: 'x' } }, { upsert: true }),
      hold,
    ]);
    assert.equal(refused.status, 'rejected');
    assert.match((refused as PromiseRejectedResult).reason.message, /non-numeric/);
    assert.deepEqual(fine, { status: 'fulfilled', value: { upsertedCount: 0 } });
    assert.deepEqual(inserted, { status: 'fulfilled', value: { upsertedCount: 1 } });
    assert.equal((await model.findOne({ key: 'number' }).lean())!.data, 12);
    assert.equal((await model.findOne({ key: 'text' }).lean())!.data, 'not a number');
  });
});
