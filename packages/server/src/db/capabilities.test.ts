import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

describe('database capabilities', () => {
  let t: TestDesk;
  before(async () => {
    t = await startTestDesk();
  });
  after(() => t.close());

  test('are probed by behaviour: the embedded database has none of them', () => {
    const { db } = t.desk.services;
    assert.equal(db.kind, 'embedded');
    assert.deepEqual(db.capabilities, { transactions: false, changeStreams: false, uniqueIndexes: false, textSearch: false });
  });

  test('the probe leaves no collection behind', async () => {
    const names = (await t.desk.services.db.connection.db!.listCollections().toArray()).map((c) => c.name);
    assert.ok(!names.includes('_deskkit_capability_probe'));
  });
});
