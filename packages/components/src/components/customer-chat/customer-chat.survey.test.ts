import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { deskEnv, signInAs } from '../../internal/test-env.js';
import type { CustomerChat } from './customer-chat.js';
import './customer-chat.js';

const $ = <T extends Element = HTMLElement>(chat: CustomerChat, selector: string) => chat.shadowRoot!.querySelector<T>(selector);

async function mount() {
  const env = await deskEnv();
  const support = env.departments.find((d) => d.name === 'Support')!;
  return fixture<CustomerChat>(html`<customer-chat server=${env.url} tenant=${env.tenant} department=${support.id}></customer-chat>`);
}

/** Starts a chat through the form; the conversation id once started. */
async function start(chat: CustomerChat, message: string): Promise<string> {
  await waitUntil(() => $(chat, '[part=form]'), 'start form', { timeout: 5_000 });
  $<HTMLInputElement>(chat, 'input[name=name]')!.value = 'Rita Rater';
  $<HTMLTextAreaElement>(chat, 'textarea[name=message]')!.value = message;
  $<HTMLButtonElement>(chat, '[part=start]')!.click();
  await waitUntil(() => chat.conversation?.id, 'started', { timeout: 5_000 });
  return chat.conversation!.id;
}

describe('<customer-chat> satisfaction survey', () => {
  beforeEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('deskkit.visitor:')) localStorage.removeItem(key);
  });

  it('appears when the agent closes the chat, validates, is stored once and thanks the customer', async () => {
    const chat = await mount();
    const conversationId = await start(chat, 'Rate me afterwards');
    expect($(chat, '[part=survey]')).to.equal(null, 'no survey while open');
    const ada = await signInAs('ada@demo.deskkit.dev');
    await ada.client.conversations.close.mutate({ conversationId });

    await waitUntil(() => $(chat, '[part=survey]'), 'survey shown', { timeout: 5_000 });
    const survey = (await ada.client.surveys.get.query())!;
    expect($(chat, '#survey-rating-label')!.textContent).to.equal(survey.ratingQuestion);
    const radios = [...chat.shadowRoot!.querySelectorAll<HTMLInputElement>('[part=survey-rating] input[type=radio]')];
    expect(radios.map((r) => r.getAttribute('aria-label'))).to.deep.equal(['1 out of 5', '2 out of 5', '3 out of 5', '4 out of 5', '5 out of 5']);
    expect($(chat, '[role=radiogroup]')!.getAttribute('aria-labelledby')).to.equal('survey-rating-label');

    // Its Send button is the chat's primary button, not the browser's grey one.
    chat.style.setProperty('--desk-color-accent', 'rgb(1, 2, 3)');
    expect(getComputedStyle($(chat, '[part=survey-submit]')!).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle($(chat, '[part=survey-submit]')!).backgroundColor).to.equal(getComputedStyle($(chat, '[part=new-chat]')!).backgroundColor);

    // Without a rating: the question is named in an alert, nothing is sent.
    $<HTMLButtonElement>(chat, '[part=survey-submit]')!.click();
    await waitUntil(() => $(chat, '[part=survey-error]'), 'rating required');
    expect($(chat, '[part=survey-error]')!.getAttribute('role')).to.equal('alert');

    radios[4]!.click();
    const comment = $<HTMLTextAreaElement>(chat, '#survey-comment')!;
    comment.value = 'Great <b>help</b>';
    comment.dispatchEvent(new Event('input'));
    await chat.updateComplete;
    $<HTMLButtonElement>(chat, '[part=survey-submit]')!.click();
    await waitUntil(() => $(chat, '[part=survey-thanks]'), 'thank-you', { timeout: 5_000 });
    expect($(chat, '[part=survey-thanks]')!.textContent!.trim()).to.equal(survey.thankYou);
    expect($(chat, '[part=survey]')).to.equal(null);

    // Stored once: the results count it with its comment as text.
    const now = Date.now();
    const results = await ada.client.surveys.results.query({ from: new Date(now - 3_600_000).toISOString(), to: new Date(now + 60_000).toISOString() });
    const mine = results.comments.find((c) => c.conversationId === conversationId);
    expect(mine).to.deep.include({ rating: 5, comment: 'Great <b>help</b>' });

    // After a reload the answered survey is not asked again.
    chat.remove();
    const again = await mount();
    await waitUntil(() => again.conversation?.id === conversationId, 'the ended chat', { timeout: 5_000 });
    await new Promise((r) => setTimeout(r, 300));
    expect($(again, '[part=survey]')).to.equal(null);
  });

  it('asks a 1–5 scale question as a radio group; the answer counts in its results', async () => {
    const ada = await signInAs('ada@demo.deskkit.dev');
    const before = await ada.client.surveys.get.query();
    await ada.client.surveys.update.mutate({ ...before, questions: [{ id: 'effort', kind: 'scale', label: 'How easy was it to get help?', required: true }] });
    try {
      const chat = await mount();
      const conversationId = await start(chat, 'Scale me');
      await ada.client.conversations.close.mutate({ conversationId });
      await waitUntil(() => $(chat, '[part~=survey-scale]'), 'scale shown', { timeout: 5_000 });
      const group = $(chat, '[part~=survey-scale]')!;
      expect(group.getAttribute('role')).to.equal('radiogroup');
      expect(chat.shadowRoot!.getElementById(group.getAttribute('aria-labelledby')!)!.textContent).to.equal('How easy was it to get help?');
      chat.shadowRoot!.querySelectorAll<HTMLInputElement>('[part=survey-rating] input')[4]!.click();
      group.querySelectorAll<HTMLInputElement>('input[type=radio]')[3]!.click();
      await chat.updateComplete;
      $<HTMLButtonElement>(chat, '[part=survey-submit]')!.click();
      await waitUntil(() => $(chat, '[part=survey-thanks]'), 'thank-you', { timeout: 5_000 });
      const now = Date.now();
      const results = await ada.client.surveys.results.query({ from: new Date(now - 60_000).toISOString(), to: new Date(now + 60_000).toISOString() });
      const effort = results.questions.find((q) => q.id === 'effort')!;
      expect(effort.kind === 'scale' && effort.distribution[3]).to.be.greaterThan(0);
    } finally {
      await ada.client.surveys.update.mutate(before);
    }
  });

  it('can be dismissed', async () => {
    const chat = await mount();
    const conversationId = await start(chat, 'Dismiss the survey');
    const ada = await signInAs('ada@demo.deskkit.dev');
    await ada.client.conversations.close.mutate({ conversationId });
    await waitUntil(() => $(chat, '[part=survey]'), 'survey shown', { timeout: 5_000 });
    $<HTMLButtonElement>(chat, '[part=survey-dismiss]')!.click();
    await chat.updateComplete;
    expect($(chat, '[part=survey]')).to.equal(null);
    expect($(chat, '[part=new-chat]')).to.exist;
  });
});
