import { expect, waitUntil } from '@open-wc/testing';
import { createDeskClient } from '@deskkit/client';
import { signInAs } from '../../internal/test-env.js';
import { find, mountSettings, save, shown, type } from './desk-settings.test-utils.js';

describe('<desk-settings> survey and its results', () => {
  it('edits the CSAT question and up to five more; the results show each question’s answers', async () => {
    const { root, settings, client, env, provider } = await mountSettings('ada@demo.deskkit.dev', 'surveys');
    const before = await client.surveys.get.query();
    try {
      const form = '[part~=surveys]';
      expect(find<HTMLInputElement>(root, `${form} [name=ratingQuestion]`).value).to.equal(before.ratingQuestion);
      type(find(root, `${form} [name=ratingQuestion]`), 'How did we do today?');
      // Clear the extra questions, then add three: a scale, a choice and a text.
      // Add question is a button of its own size, like the other Add and New buttons, not a bar across the fieldset.
      const addButton = find(root, '[data-action=add-question]').getBoundingClientRect();
      expect(addButton.width).to.be.lessThan(find(root, '[part=questions]').getBoundingClientRect().width / 2);
      while (root.querySelector('[data-action=remove-question]')) {
        find<HTMLButtonElement>(root, '[data-action=remove-question]').click();
        await settings.updateComplete;
      }
      const add = async (kind: string, label: string, options = '') => {
        find<HTMLButtonElement>(root, '[data-action=add-question]').click();
        await settings.updateComplete;
        const question = [...root.querySelectorAll('[part=question]')].at(-1)!;
        type(find(question, '[name=label]'), label);
        type(find(question, '[name=kind]'), kind);
        await settings.updateComplete;
        if (options) type(find(question, '[name=options]'), options);
      };
      await add('scale', 'How easy was it to reach us?');
      await add('choice', 'Was it solved?', 'Yes\nNo\n');
      await add('text', 'Anything else?');
      await save(root, form);
      await shown(root, `${form} [part=saved]`, 'Saved');
      const saved = await client.surveys.get.query();
      expect(saved.ratingQuestion).to.equal('How did we do today?');
      expect(saved.questions.map((q) => [q.kind, q.label])).to.deep.equal([
        ['scale', 'How easy was it to reach us?'],
        ['choice', 'Was it solved?'],
        ['text', 'Anything else?'],
      ]);
      expect(saved.questions[1]!.kind === 'choice' && saved.questions[1]!.options).to.deep.equal(['Yes', 'No']);

      // At most five more: the sixth cannot be added.
      await add('text', 'Four?');
      await add('text', 'Five?');
      expect(find<HTMLButtonElement>(root, '[data-action=add-question]').disabled).to.equal(true);
      // A choice without options is refused, named by its position.
      type(find([...root.querySelectorAll('[part=question]')][1]!, '[name=options]'), '');
      await save(root, form);
      await shown(root, '[part=field-error][data-field="questions.1.options"]');

      // Customers answer; the results tab shows each question.
      const [scale, choice, text] = saved.questions;
      const ada = await signInAs('ada@demo.deskkit.dev');
      for (const [rating, answers] of [
        [5, { [scale!.id]: '5', [choice!.id]: 'Yes', [text!.id]: 'Lovely <b>people</b>' }],
        [2, { [scale!.id]: '2', [choice!.id]: 'No', [text!.id]: 'Too slow' }],
        [4, { [scale!.id]: '4', [choice!.id]: 'Yes' }],
      ] as const) {
        const started = await createDeskClient({ url: env.url }).webchat.start.mutate({
          tenant: env.tenant,
          name: 'Survey Settings',
          message: { body: 'Hello', clientMessageId: crypto.randomUUID().replaceAll('-', '') },
        });
        await ada.client.conversations.close.mutate({ conversationId: started.conversation.id });
        await createDeskClient({ url: env.url, token: started.visitorToken }).webchat.answerSurvey.mutate({ conversationId: started.conversation.id, rating, answers });
      }
      find<HTMLButtonElement>(root, '#tab-results').click();
      const scaleResult = await shown(root, `[part=question-result][data-id="${scale!.id}"]`);
      const expected = (await client.surveys.results.query({ from: new Date(Date.now() - 30 * 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() }))
        .questions[0]!;
      expect(expected.kind === 'scale' && find(scaleResult, '[data-mean]').textContent).to.equal(`Average ${expected.kind === 'scale' ? expected.mean : ''} of 5`);
      expect(find(scaleResult, '[part=result-table] tr[data-value="5"] td').textContent).to.equal(String(expected.kind === 'scale' ? expected.distribution[4] : ''));
      const choiceResult = find(root, `[part=question-result][data-id="${choice!.id}"]`);
      expect(find(choiceResult, 'tr[data-value="Yes"] td').textContent).to.equal('2');
      expect(find(choiceResult, 'tr[data-value="No"] td').textContent).to.equal('1');
      const answers = [...find(root, `[part=question-result][data-id="${text!.id}"]`).querySelectorAll('.answer')].map((a) => a.textContent);
      expect(answers).to.deep.equal(['Too slow', 'Lovely <b>people</b>']);
      expect(root.querySelector('[part=question-result] b')).to.equal(null, 'answers are text, never HTML');
      expect(root.querySelector('[part=csat]')).to.exist;
    } finally {
      await client.surveys.update.mutate(before);
    }
    await provider.signOut();
  });

  it('pages through more text answers', async () => {
    const { root, client, env, provider } = await mountSettings('ada@demo.deskkit.dev', 'surveys');
    const before = await client.surveys.get.query();
    try {
      const survey = await client.surveys.update.mutate({ ...before, questions: [{ id: 'paged', kind: 'text', label: 'Tell us more', required: true }] });
      const ada = await signInAs('ada@demo.deskkit.dev');
      for (let i = 1; i <= 7; i++) {
        const started = await createDeskClient({ url: env.url }).webchat.start.mutate({
          tenant: env.tenant,
          name: 'Pager',
          message: { body: `Hello ${i}`, clientMessageId: crypto.randomUUID().replaceAll('-', '') },
        });
        await ada.client.conversations.close.mutate({ conversationId: started.conversation.id });
        await createDeskClient({ url: env.url, token: started.visitorToken }).webchat.answerSurvey.mutate({
          conversationId: started.conversation.id,
          rating: 3,
          answers: { paged: `Answer ${i}` },
        });
      }
      find<HTMLButtonElement>(root, '#tab-results').click();
      const question = await shown(root, `[part=question-result][data-id="${survey.questions[0]!.id}"]`);
      const shownAnswers = () => [...question.querySelectorAll('.answer')].map((a) => a.textContent);
      await waitUntil(() => shownAnswers().length === 5, 'first five');
      expect(shownAnswers()[0]).to.equal('Answer 7');
      find<HTMLButtonElement>(question, '[data-action=more-answers]').click();
      await waitUntil(() => shownAnswers().length >= 7, 'more');
      expect(shownAnswers().slice(0, 7)).to.deep.equal(['Answer 7', 'Answer 6', 'Answer 5', 'Answer 4', 'Answer 3', 'Answer 2', 'Answer 1']);
    } finally {
      await client.surveys.update.mutate(before);
    }
    await provider.signOut();
  });
});
