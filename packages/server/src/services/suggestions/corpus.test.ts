import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Types } from 'mongoose';
import { startTestDesk, type TestDesk } from '../../testing/harness.js';
import { SuggestionCorpus, type CorpusDoc } from './corpus.js';

describe('suggestion corpus', () => {
  let t: TestDesk;
  let tenantId: string;
  const everything = (_doc: CorpusDoc) => true;

  /** A conversation of `status` where the customer asked `question` and an agent answered `answer`. */
  const past = async (question: string, answer: string, status: 'open' | 'closed' = 'closed', customerName = 'Pat Doe') => {
    const { models, messages } = t.desk.services;
    const row = await models.Conversation.create({ tenantId, customerId: new Types.ObjectId(), customerName, status, kind: 'chat' });
    const id = String(row._id);
    await messages.append(tenantId, id, { authorKind: 'customer', body: question });
    await messages.append(tenantId, id, { authorKind: 'agent', authorId: String(new Types.ObjectId()), authorName: 'Kim Lee', body: answer });
    return id;
  };
  const texts = async (corpus: SuggestionCorpus, query: string) => (await corpus.search(tenantId, query, 20, everything)).map((hit) => hit.doc.text);

  before(async () => {
    t = await startTestDesk();
    ({ id: tenantId } = await t.desk.services.tenants.ensure('corpus-test', 'Corpus test'));
  });
  after(() => t.close());

  test('pairs answers with the questions before them; leaves out answers about one customer', async () => {
    await past('Where can I download the mobile app?', 'The mobile app is on the App Store and Google Play, search for Acme.');
    await past('Please download my mobile invoice', 'Sent it to pat@example.com, download it from there.');
    await past('Can you call me about the mobile download?', 'Sure, we will call you on +44 20 7946 0958 tomorrow about the download.');
    await past('Mobile download of order?', 'Your download order 12345678 is ready in the mobile app.');
    await past('mobile download?', 'Ok.');
    const corpus = new SuggestionCorpus(t.desk.services.models);
    assert.deepEqual(await texts(corpus, 'how to download the mobile app'), ['The mobile app is on the App Store and Google Play, search for Acme.']);
    const [hit] = await corpus.search(tenantId, 'download mobile', 1, everything);
    assert.equal(hit!.doc.source, 'history');
    assert.equal(hit!.doc.customerFirstName, 'Pat');
    assert.equal(hit!.doc.agentFirstName, 'Kim');
    assert.deepEqual(await texts(corpus, 'zebra'), [], 'no shared term, no hit');
  });

  test('keeps up with closed, reopened and open conversations and with canned replies', async () => {
    const { models } = t.desk.services;
    const corpus = new SuggestionCorpus(models, { refreshMs: 0 });
    const answer = 'Dark mode is under Settings → Appearance → Theme.';
    await texts(corpus, 'dark mode');
    const id = await past('How do I turn on dark mode?', answer);
    await past('Is there a dark mode?', 'Not yet, sorry.', 'open');
    assert.deepEqual(await texts(corpus, 'dark mode'), [answer], 'closed only; picked up without a rebuild');

    await models.Conversation.updateOne({ tenantId, _id: id }, { $set: { status: 'open' } });
    assert.deepEqual(await texts(corpus, 'dark mode'), [], 'reopened: no longer offered');

    const admin = new Types.ObjectId();
    const reply = await models.CannedReply.create({ tenantId, shortcut: 'dark', title: 'Dark mode', body: 'Try the dark theme, {{customer.firstName}}!', createdBy: admin });
    assert.deepEqual(await texts(corpus, 'dark mode'), ['Try the dark theme, {{customer.firstName}}!']);
    await models.CannedReply.updateOne({ tenantId, _id: reply._id }, { $set: { body: 'Dark theme: Settings → Appearance.' } });
    assert.deepEqual(await texts(corpus, 'dark mode'), ['Dark theme: Settings → Appearance.']);
    await models.CannedReply.deleteOne({ tenantId, _id: reply._id });
    assert.deepEqual(await texts(corpus, 'dark mode'), []);
  });

  test('memory stays bounded: documents per tenant and tenants held', async () => {
    for (let i = 0; i < 6; i++) await past(`Question ${i} about exports`, `Answer number ${'abcdef'[i]} about exports and reports.`);
    const corpus = new SuggestionCorpus(t.desk.services.models, { maxDocs: 4, maxTenants: 1 });
    assert.equal((await texts(corpus, 'exports')).length, 4);
    assert.deepEqual(corpus.stats(tenantId), { tenants: 1, docs: 4 });
    const { id: other } = await t.desk.services.tenants.ensure('corpus-other', 'Other');
    await corpus.search(other, 'exports', 5, everything);
    assert.deepEqual(corpus.stats(tenantId), { tenants: 1, docs: null }, 'the least recently used tenant was dropped');
  });
});
