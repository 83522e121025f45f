import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Bm25Index } from './bm25.js';
import { tokenize } from './tokenize.js';

const index = (docs: Record<string, string>, options = {}) => {
  const bm25 = new Bm25Index(options);
  for (const [id, text] of Object.entries(docs)) bm25.add(id, tokenize(text));
  return bm25;
};
const ids = (hits: Array<{ id: string }>) => hits.map((hit) => hit.id);

describe('tokenize', () => {
  test('lowercases, drops English stopwords and stems', () => {
    assert.deepEqual(tokenize('The Refunds were REFUNDED to my card'), ['refund', 'refund', 'card']);
    assert.deepEqual(tokenize('How do I export my contacts to CSV?'), ['export', 'contact', 'csv']);
  });

  test('keeps numbers and words of other scripts', () => {
    assert.deepEqual(tokenize('Version 4.2.1 café 東京'), ['version', '4', '2', '1', 'café', '東京']);
    assert.deepEqual(tokenize('  ,.; '), []);
  });
});

describe('Okapi BM25', () => {
  test('scores exactly by the formula (k1 = 1.2, b = 0.75)', () => {
    const bm25 = new Bm25Index();
    bm25.add('a', ['refund', 'card']);
    bm25.add('b', ['password', 'reset', 'email', 'spam']);
    bm25.add('c', ['refund', 'refund', 'invoice', 'late', 'fee', 'bank']);
    const [n, N, avgdl] = [2, 3, 12 / 3];
    const idf = Math.log(1 + (N - n + 0.5) / (n + 0.5));
    const part = (f: number, len: number) => (f * 2.2) / (f + 1.2 * (1 - 0.75 + (0.75 * len) / avgdl));
    const hits = bm25.search(['refund'], 10);
    assert.deepEqual(ids(hits), ['a', 'c']);
    assert.ok(Math.abs(hits[0]!.score - idf * part(1, 2)) < 1e-12);
    assert.ok(Math.abs(hits[1]!.score - idf * part(2, 6)) < 1e-12);
  });

  test('a rarer term weighs more, and a term in every document still counts a little (never negative)', () => {
    const bm25 = index({
      a: 'reset password email',
      b: 'password change profile',
      c: 'password policy length',
    });
    assert.ok(bm25.idf('email') > bm25.idf('password'));
    assert.ok(bm25.idf('password') > 0);
    assert.equal(bm25.idf('unknown'), Math.log(1 + (3 + 0.5) / 0.5));
    // The rare term decides between documents that share the common one.
    assert.deepEqual(ids(bm25.search(tokenize('password email'), 3)), ['a', 'b', 'c']);
  });

  test('more matching terms rank higher; repeated terms saturate; shorter documents win ties', () => {
    const bm25 = index({
      both: 'export contacts csv file',
      one: 'export invoices pdf file',
      many: 'export export export export export export export export report schedule weekly email',
      short: 'csv',
      long: 'csv import settings page account profile preferences notifications billing',
      filler: 'unrelated words only',
    });
    const top = bm25.search(tokenize('export contacts to CSV'), 10);
    assert.equal(top[0]!.id, 'both', 'the only document with every query term');
    // `export` eight times is not worth eight times once.
    const exportOnly = bm25.search(['export'], 10);
    const score = (id: string) => exportOnly.find((hit) => hit.id === id)!.score;
    assert.ok(score('many') < 3 * score('one'));
    const csv = bm25.search(['csv'], 10);
    assert.ok(ids(csv).indexOf('short') < ids(csv).indexOf('long'), 'length normalisation');
    assert.ok(!ids(top).includes('filler'), 'no shared term: not returned');
  });

  test('b = 0 turns length normalisation off', () => {
    const bm25 = index({ short: 'csv', long: 'csv import settings page account profile' }, { b: 0 });
    const [first, second] = bm25.search(['csv'], 2);
    assert.equal(first!.score, second!.score);
    assert.deepEqual([first!.id, second!.id], ['long', 'short'], 'ties by id');
  });

  test('documents can be replaced and removed, and statistics follow', () => {
    const bm25 = index({ a: 'refund card', b: 'refund bank', c: 'password' });
    const before = bm25.idf('refund');
    assert.equal(bm25.remove('b'), true);
    assert.equal(bm25.remove('b'), false);
    assert.ok(bm25.idf('refund') > before - 1e-9 && bm25.idf('refund') !== before);
    assert.deepEqual(ids(bm25.search(['bank'], 5)), []);
    bm25.add('a', tokenize('bank transfer'));
    assert.deepEqual(ids(bm25.search(['refund'], 5)), []);
    assert.deepEqual(ids(bm25.search(['bank'], 5)), ['a']);
    assert.equal(bm25.size, 2);
    assert.deepEqual(ids(bm25.search(['password', 'bank'], 5, (id) => id !== 'c')), ['a'], 'the filter applies');
  });
});
