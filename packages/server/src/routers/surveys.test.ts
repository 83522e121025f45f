import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DeskClient } from '@deskkit/client';
import { trpcError } from '../testing/assertions.js';
import { record, signedInClient, startChat, waitFor } from '../testing/clients.js';
import { startTestDesk, type TestDesk } from '../testing/harness.js';

describe('post-chat surveys: definition, one answer per closed chat, CSAT', () => {
  let t: TestDesk;
  let ada: DeskClient;
  let sam: DeskClient;
  let alice: DeskClient;
  const stops: Array<() => void> = [];
  const support = () => t.seed.departments.find((d) => d.name === 'Support')!.id;
  const billing = () => t.seed.departments.find((d) => d.name === 'Billing')!.id;
  const period = () => ({ from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString() });
  const client = (email: string) => signedInClient(t.url, { email, password: t.seed.password }).then((c) => c.client);

  /** A web chat accepted by `agent` and closed by them. */
  async function closedChat(agent: DeskClient, departmentId = support()) {
    const chat = await startChat(t.url, { departmentId, name: 'Rater' });
    await agent.conversations.accept.mutate({ conversationId: chat.id });
    await agent.conversations.close.mutate({ conversationId: chat.id });
    return chat;
  }

  before(async () => {
    t = await startTestDesk({ demo: true });
    [ada, sam, alice] = await Promise.all([client('ada@demo.deskkit.dev'), client('sam@demo.deskkit.dev'), client('alice@demo.deskkit.dev')]);
    // Accepting chats needs Available and online (the demo routes manually).
    for (const agent of [ada, sam]) {
      const online = record((h) => agent.presence.onChange.subscribe(undefined, h));
      stops.push(online.unsubscribe);
      await waitFor(() => online.started, 2_000, 'online');
      await agent.presence.setStatus.mutate({ status: 'available' });
    }
  });
  after(async () => {
    for (const stop of stops) stop();
    await t.close();
  });

  test('the demo has the standard survey on; only admins change it, with field errors', async () => {
    const survey = await alice.surveys.get.query();
    assert.equal(survey.enabled, true);
    assert.match(survey.ratingQuestion, /rate/i);
    await assert.rejects(sam.surveys.update.mutate({ ...survey, enabled: false }), trpcError('FORBIDDEN'));
    const question = { id: 'q', kind: 'text' as const, label: 'Q', required: false };
    await assert.rejects(
      ada.surveys.update.mutate({ ...survey, questions: Array.from({ length: 6 }, (_, i) => ({ ...question, id: `q${i}` })) }),
      trpcError('BAD_REQUEST', 'questions'),
    );
    await assert.rejects(ada.surveys.update.mutate({ ...survey, questions: [question, question] }), trpcError('BAD_REQUEST', 'questions.1.id'));
    const updated = await ada.surveys.update.mutate({
      enabled: true,
      ratingQuestion: 'How would you rate our help today?',
      thankYou: 'Thanks a lot!',
      questions: [
        { id: 'solved', kind: 'choice', label: 'Was your problem solved?', required: true, options: ['Yes', 'No'] },
        { id: 'improve', kind: 'text', label: 'What could we do better?', required: false },
      ],
    });
    assert.equal(updated.questions.length, 2);
    assert.deepEqual(await alice.surveys.get.query(), updated);
  });

  test('the customer answers their closed chat once; open chats and other visitors get nothing', async () => {
    const open = await startChat(t.url, { departmentId: support() });
    assert.equal(await open.visitor.webchat.survey.query({ conversationId: open.id }), null);
    await assert.rejects(
      open.visitor.webchat.answerSurvey.mutate({ conversationId: open.id, rating: 5, answers: { solved: 'Yes' } }),
      trpcError('CONFLICT'),
    );

    const chat = await closedChat(sam);
    const survey = (await chat.visitor.webchat.survey.query({ conversationId: chat.id }))!;
    assert.equal(survey.ratingQuestion, 'How would you rate our help today?');
    assert.equal(survey.answered, false);
    // Someone else's chat looks like no chat at all.
    await assert.rejects(open.visitor.webchat.survey.query({ conversationId: chat.id }), trpcError('NOT_FOUND'));
    await assert.rejects(open.visitor.webchat.answerSurvey.mutate({ conversationId: chat.id, rating: 1, answers: { solved: 'No' } }), trpcError('NOT_FOUND'));
    // Validation names the field.
    await assert.rejects(chat.visitor.webchat.answerSurvey.mutate({ conversationId: chat.id, rating: 6, answers: {} }), trpcError('BAD_REQUEST', 'rating'));
    await assert.rejects(chat.visitor.webchat.answerSurvey.mutate({ conversationId: chat.id, rating: 5, answers: {} }), trpcError('BAD_REQUEST', 'answers.solved'));
    await assert.rejects(
      chat.visitor.webchat.answerSurvey.mutate({ conversationId: chat.id, rating: 5, answers: { solved: 'Maybe' } }),
      trpcError('BAD_REQUEST', 'answers.solved'),
    );
    await assert.rejects(
      chat.visitor.webchat.answerSurvey.mutate({ conversationId: chat.id, rating: 5, answers: { solved: 'Yes', nope: 'x' } }),
      trpcError('BAD_REQUEST', 'answers.nope'),
    );

    const answered = await chat.visitor.webchat.answerSurvey.mutate({ conversationId: chat.id, rating: 4, answers: { solved: 'Yes', improve: '' }, comment: 'Quick <b>help</b>' });
    assert.equal(answered.answered, true);
    assert.equal(answered.thankYou, 'Thanks a lot!');
    await assert.rejects(chat.visitor.webchat.answerSurvey.mutate({ conversationId: chat.id, rating: 1, answers: { solved: 'No' } }), trpcError('CONFLICT'));
    assert.equal((await chat.visitor.webchat.survey.query({ conversationId: chat.id }))!.answered, true);

    const { models } = t.desk.services;
    const stored = await models.SurveyResponse.find({ tenantId: t.seed.tenantId, conversationId: chat.id }).lean();
    assert.equal(stored.length, 1);
    const samId = t.seed.agents.find((a) => a.email.startsWith('sam'))!.id;
    assert.equal(String(stored[0]!.agentId), samId);
    assert.equal(String(stored[0]!.departmentId), support());
    assert.equal(stored[0]!.rating, 4);
    assert.deepEqual(stored[0]!.answers, { solved: 'Yes' });
    assert.ok(stored[0]!.closedAt);
  });

  test('results and metrics CSAT: share of 4–5 ratings, per department and agent; supervisors only', async () => {
    const samId = t.seed.agents.find((a) => a.email.startsWith('sam'))!.id;
    const adaId = t.seed.agents.find((a) => a.email.startsWith('ada'))!.id;
    const rate = async (agent: DeskClient, rating: number, departmentId?: string, comment?: string) => {
      const chat = await closedChat(agent, departmentId);
      await chat.visitor.webchat.answerSurvey.mutate({ conversationId: chat.id, rating, answers: { solved: rating > 2 ? 'Yes' : 'No' }, comment });
    };
    // With the 4 from the previous test: Sam 4, 5, 2 (Support); Ada 1 (Billing).
    await rate(sam, 5);
    await rate(sam, 2, support(), 'Slow');
    await rate(ada, 1, billing(), 'Never again');

    const all = await sam.surveys.results.query(period());
    assert.equal(all.responses, 4);
    assert.equal(all.csat, 50);
    assert.deepEqual(all.distribution, [1, 1, 0, 1, 1]);
    assert.deepEqual(all.comments.map((c) => c.comment), ['Never again', 'Slow', 'Quick <b>help</b>']);
    assert.equal(all.comments[0]!.agentName, 'Ada Lovelace');

    const samOnly = await sam.surveys.results.query({ ...period(), agentId: samId });
    assert.equal(samOnly.responses, 3);
    assert.equal(samOnly.csat, 67);
    const billingOnly = await sam.surveys.results.query({ ...period(), departmentId: billing() });
    assert.deepEqual([billingOnly.responses, billingOnly.csat], [1, 0]);
    const past = await sam.surveys.results.query({ from: '2020-01-01T00:00:00Z', to: '2020-01-02T00:00:00Z' });
    assert.deepEqual([past.responses, past.csat], [0, null]);
    await assert.rejects(alice.surveys.results.query(period()), trpcError('FORBIDDEN'));
    // An empty range (from one reading of the clock: two could be a millisecond apart).
    const empty = period();
    await assert.rejects(sam.surveys.results.query({ ...empty, to: empty.from }), trpcError('BAD_REQUEST', 'to'));

    const metrics = await sam.metrics.summary.query({ ...period(), bucket: 'hour' });
    assert.deepEqual(metrics.csat, { score: 50, responses: 4, good: 2, bad: 2 });
    assert.equal(metrics.csatNote, null);
    // Per agent and per department, as attributed at close.
    assert.deepEqual(metrics.agents.find((a) => a.id === samId)?.csat, { score: 67, responses: 3, good: 2, bad: 1 });
    assert.deepEqual(metrics.departments.find((d) => d.id === billing())?.csat, { score: 0, responses: 1, good: 0, bad: 1 });
    const adaMetrics = await sam.metrics.summary.query({ ...period(), bucket: 'hour', agentId: adaId });
    assert.deepEqual(adaMetrics.csat, { score: 0, responses: 1, good: 0, bad: 1 });
    // An agent sees only their own: Alice rated nothing.
    assert.equal((await alice.metrics.summary.query({ ...period(), bucket: 'hour' })).csat, null);
  });

  test('per-question results: scale distribution and mean, choice counts, text answers a page at a time', async () => {
    const survey = await ada.surveys.get.query();
    await ada.surveys.update.mutate({
      ...survey,
      questions: [
        { id: 'easy', kind: 'scale', label: 'How easy was it to reach us?', required: false },
        { id: 'solved', kind: 'choice', label: 'Was your problem solved?', required: false, options: ['Yes', 'No', 'Partly'] },
        { id: 'improve', kind: 'text', label: 'What could we do better?', required: false },
      ],
    });
    const since = { from: new Date(Date.now() - 1).toISOString(), to: period().to };
    const answer = async (rating: number, answers: Record<string, string>) => {
      const chat = await closedChat(sam);
      await chat.visitor.webchat.answerSurvey.mutate({ conversationId: chat.id, rating, answers });
      return chat;
    };
    const bad = await closedChat(sam);
    for (const easy of ['6', '0', 'abc', '2.5']) {
      await assert.rejects(bad.visitor.webchat.answerSurvey.mutate({ conversationId: bad.id, rating: 5, answers: { easy } }), trpcError('BAD_REQUEST', 'answers.easy'));
    }
    await answer(5, { easy: '5', solved: 'Yes', improve: 'Nothing' });
    await answer(4, { easy: '4', solved: 'Yes', improve: 'Faster replies' });
    await answer(2, { easy: '1', solved: 'No' });
    await answer(3, { solved: 'Partly', improve: 'Weekend hours' });

    const results = await sam.surveys.results.query(since);
    assert.equal(results.responses, 4);
    const [easy, solved, improve] = results.questions;
    assert.deepEqual(easy, { id: 'easy', label: 'How easy was it to reach us?', kind: 'scale', answered: 3, distribution: [1, 0, 0, 1, 1], mean: 3.33 });
    assert.deepEqual(solved, {
      id: 'solved',
      label: 'Was your problem solved?',
      kind: 'choice',
      answered: 4,
      counts: [
        { option: 'Yes', count: 2 },
        { option: 'No', count: 1 },
        { option: 'Partly', count: 1 },
      ],
    });
    assert.equal(improve!.kind, 'text');
    if (improve!.kind !== 'text') return;
    assert.equal(improve.answered, 3);
    assert.deepEqual(improve.recent.items.map((a) => [a.answer, a.rating, a.agentName]), [
      ['Weekend hours', 3, 'Sam Carter'],
      ['Faster replies', 4, 'Sam Carter'],
      ['Nothing', 5, 'Sam Carter'],
    ]);
    assert.equal(improve.recent.nextCursor, null);

    // More text answers, a page at a time.
    const first = await sam.surveys.textAnswers.query({ ...since, questionId: 'improve', limit: 2 });
    assert.deepEqual(first.items.map((a) => a.answer), ['Weekend hours', 'Faster replies']);
    const second = await sam.surveys.textAnswers.query({ ...since, questionId: 'improve', limit: 2, cursor: first.nextCursor! });
    assert.deepEqual([second.items.map((a) => a.answer), second.nextCursor], [['Nothing'], null]);
    await assert.rejects(sam.surveys.textAnswers.query({ ...since, questionId: 'improve', cursor: 'nope' }), trpcError('BAD_REQUEST', 'cursor'));
    await assert.rejects(sam.surveys.textAnswers.query({ ...since, questionId: 'solved' }), trpcError('NOT_FOUND'));
    await assert.rejects(alice.surveys.textAnswers.query({ ...since, questionId: 'improve' }), trpcError('FORBIDDEN'));
    // An option no longer offered still counts, after the current ones.
    await ada.surveys.update.mutate({ ...survey, questions: [{ id: 'solved', kind: 'choice', label: 'Solved?', required: false, options: ['Yes', 'No'] }] });
    const retired = await sam.surveys.results.query(since);
    assert.deepEqual(retired.questions[0]!.kind === 'choice' && retired.questions[0]!.counts.map((c) => [c.option, c.count]), [['Yes', 2], ['No', 1], ['Partly', 1]]);
    await ada.surveys.update.mutate(survey);
  });

  test('with surveys off, closed chats get no survey', async () => {
    const survey = await ada.surveys.get.query();
    await ada.surveys.update.mutate({ ...survey, enabled: false });
    const chat = await closedChat(sam);
    assert.equal(await chat.visitor.webchat.survey.query({ conversationId: chat.id }), null);
    await assert.rejects(chat.visitor.webchat.answerSurvey.mutate({ conversationId: chat.id, rating: 5, answers: {} }), trpcError('CONFLICT'));
    await ada.surveys.update.mutate({ ...survey, enabled: true });
  });
});
