import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import mongoose, { Schema, Types, type Connection } from 'mongoose';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../db/embedded.js';
import { tenantIdField, tenantScope } from '../models/tenant-scope.js';
import { BatchedFinds } from './batched-finds.js';

const rowSchema = new Schema({
  tenantId: tenantIdField,
  ownerId: { type: Schema.Types.ObjectId, default: null },
  kind: { type: String, default: 'a' },
  name: { type: String, required: true },
  expiresAt: { type: Date, default: null },
});
rowSchema.plugin(tenantScope);

interface Row {
  _id: Types.ObjectId;
  tenantId: Types.ObjectId;
  ownerId: Types.ObjectId | null;
  kind: string;
  name: string;
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** Lookups read together against the embedded database, counting the queries sent. */
describe('BatchedFinds', () => {
  let db: EmbeddedDatabase;
  let connection: Connection;
  let model: mongoose.Model<any>;
  const queries: Array<{ method: string; filter: Record<string, unknown> }> = [];
  const tenantA = new Types.ObjectId();
  const tenantB = new Types.ObjectId();

  before(async () => {
    db = await startEmbeddedDatabase();
    connection = await mongoose.createConnection(db.uri).asPromise();
    model = connection.model('Row', rowSchema);
    connection.set('debug', (_collection: string, method: string, filter: Record<string, unknown>) => void queries.push({ method, filter }));
  });
  after(async () => {
    await connection?.close();
    await db?.stop();
  });
  beforeEach(async () => {
    await model.deleteMany({}).setOptions({ crossTenant: true });
    queries.length = 0;
  });

  test('lookups made while a read is on its way go out as one $in query; each gets its own documents', async () => {
    const rows = await model.create(Array.from({ length: 6 }, (_, i) => ({ tenantId: tenantA, name: `row ${i}` })));
    const finds = new BatchedFinds<Row>(model);
    queries.length = 0;
    const first = finds.findOne(String(tenantA), { _id: String(rows[0]._id) });
    await nextTurn();
    const rest = rows.slice(1).map((row: Row) => finds.findOne(String(tenantA), { _id: String(row._id) }));
    const missing = finds.findOne(String(tenantA), { _id: String(new Types.ObjectId()) });
    const found = await Promise.all([first, ...rest, missing]);
    assert.deepEqual(
      found.map((row) => row?.name ?? null),
      ['row 0', 'row 1', 'row 2', 'row 3', 'row 4', 'row 5', null],
    );
    assert.equal(queries.length, 2, 'two reads for seven lookups');
    assert.deepEqual(Object.keys(queries[1]!.filter._id as object), ['$in']);
  });

  test('every read stays within one tenant: the same key in two tenants gets each its own row', async () => {
    const ownerId = new Types.ObjectId();
    await model.create([
      { tenantId: tenantA, ownerId, name: 'in A' },
      { tenantId: tenantB, ownerId, name: 'in B' },
    ]);
    const finds = new BatchedFinds<Row>(model);
    const hold = finds.find(String(tenantA), { name: 'nothing' });
    await nextTurn();
    queries.length = 0;
    const [inA, inB] = await Promise.all([
      finds.find(String(tenantA), { ownerId: String(ownerId) }),
      finds.find(String(tenantB), { ownerId: String(ownerId) }),
      hold,
    ]);
    assert.deepEqual(inA.map((row) => row.name), ['in A']);
    assert.deepEqual(inB.map((row) => row.name), ['in B']);
    assert.deepEqual(
      queries.map((query) => String(query.filter.tenantId)).sort(),
      [String(tenantA), String(tenantB)].sort(),
      'one read per tenant, each scoped to it',
    );
    // A tenant's lookup without a tenant (or the reverse) is refused rather than read across tenants.
    await assert.rejects(finds.find(null, { name: 'in A' }), /without a tenant/);
    await assert.rejects(new BatchedFinds<Row>(model, { crossTenant: true }).find(String(tenantA), { name: 'in A' }), /with a tenant/);
  });

  test('a key of several fields matches exactly, not the cross product of a round', async () => {
    const [one, two] = [new Types.ObjectId(), new Types.ObjectId()];
    await model.create([
      { tenantId: tenantA, ownerId: one, kind: 'a', name: 'one a' },
      { tenantId: tenantA, ownerId: one, kind: 'b', name: 'one b' },
      { tenantId: tenantA, ownerId: two, kind: 'a', name: 'two a' },
      { tenantId: tenantA, ownerId: two, kind: 'b', name: 'two b' },
    ]);
    const finds = new BatchedFinds<Row>(model);
    const hold = finds.find(String(tenantA), { name: 'nothing' });
    await nextTurn();
    queries.length = 0;
    const [oneA, twoB] = await Promise.all([
      finds.find(String(tenantA), { ownerId: String(one), kind: 'a' }),
      // Upper-case hex names the same id.
      finds.find(String(tenantA), { kind: 'b', ownerId: String(two).toUpperCase() }),
      hold,
    ]);
    assert.deepEqual(oneA.map((row) => row.name), ['one a']);
    assert.deepEqual(twoB.map((row) => row.name), ['two b']);
    assert.equal(queries.length, 1, 'one read for both');
  });

  test('an id that is no id finds nothing and fails no other lookup', async () => {
    const row = await model.create({ tenantId: tenantA, name: 'real' });
    const finds = new BatchedFinds<Row>(model);
    const hold = finds.find(String(tenantA), { name: 'nothing' });
    await nextTurn();
    const [bad, good] = await Promise.all([
      finds.findOne(String(tenantA), { _id: 'not-an-id' }),
      finds.findOne(String(tenantA), { _id: String(row._id) }),
      hold,
    ]);
    assert.equal(bad, null);
    assert.equal(good?.name, 'real');
  });

  test('a lookup sees what was written before it was made, though it joins a read already due', async () => {
    const finds = new BatchedFinds<Row>(model, {
      crossTenant: true,
      where: () => ({ $or: [{ expiresAt: null }, { expiresAt: { $gt: new Date() } }] }),
      select: { name: 1 },
    });
    const hold = finds.find(null, { name: 'nothing' });
    await nextTurn();
    await model.create([
      { tenantId: tenantA, name: 'written meanwhile' },
      { tenantId: tenantB, name: 'expired', expiresAt: new Date(Date.now() - 1_000) },
    ]);
    const [written, expired] = await Promise.all([finds.find(null, { name: 'written meanwhile' }), finds.find(null, { name: 'expired' }), hold]);
    assert.deepEqual(written.map((row) => row.name), ['written meanwhile']);
    assert.equal(written[0]!.kind, undefined, 'only the selected fields are read');
    assert.deepEqual(expired, [], 'the shared condition applies to every lookup');
  });
});
