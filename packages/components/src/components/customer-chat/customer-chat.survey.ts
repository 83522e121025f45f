/**
 * @license MIT
 * The post-chat satisfaction survey: once the chat has closed (live or on reload) the
 * element asks the desk for the survey; while unanswered it shows a 1–5 rating (a radio
 * group), the tenant's extra questions (text, a choice, or a 1–5 scale) and a comment, then
 * the thank-you. Dismissable.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { live } from 'lit/directives/live.js';
import type { DeskClient } from '@deskkit/client';
import type { LocalizeController } from '../../utilities/localize.js';
import type { ChatTerms } from '../../translations/en/customer-chat.js';
import { errorText, fieldErrors } from '../../internal/errors.js';
import type { ChatTimeline } from './customer-chat.timeline.js';

export interface SurveyPromptOptions {
  api(): DeskClient;
  timeline(): ChatTimeline | undefined;
  localize: LocalizeController<keyof ChatTerms>;
}

type Survey = NonNullable<Awaited<ReturnType<DeskClient['webchat']['survey']['query']>>>;

export const surveyStyles = css`
  [part='survey'] {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0.75rem 1rem;
    border-top: 1px solid var(--border-color);
    background: var(--agent-bubble-color);
  }
  [part='survey'] fieldset {
    margin: 0;
    padding: 0;
    border: 0;
  }
  [part='survey'] legend,
  [part='survey'] label.question {
    font-weight: 600;
    margin-bottom: 0.25rem;
  }
  [part~='survey-rating'] {
    display: flex;
    gap: 0.25rem;
  }
  [part~='survey-rating'] label {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-width: 2.25rem;
    min-height: 2.25rem;
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
    cursor: pointer;
  }
  [part~='survey-rating'] input {
    position: absolute;
    opacity: 0;
    width: 1px;
    height: 1px;
  }
  [part~='survey-rating'] label:has(input:checked) {
    background: var(--accent-color);
    color: var(--accent-text-color, #fff);
    border-color: var(--accent-color);
  }
  [part~='survey-rating'] label:has(input:focus-visible) {
    outline: var(--desk-focus-ring, 2px solid var(--accent-color));
    outline-offset: 2px;
  }
  [part='survey'] textarea,
  [part='survey'] select,
  [part='survey'] input[type='text'] {
    width: 100%;
    box-sizing: border-box;
    font: inherit;
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
  }
  [part='survey'] .actions {
    display: flex;
    gap: 0.5rem;
  }
  [part='survey-error'] {
    color: var(--danger-color);
    margin: 0;
  }
  [part='survey-thanks'] {
    margin: 0;
    padding: 0.5rem 1rem;
    border-top: 1px solid var(--border-color);
  }
`;

export class SurveyPrompt implements ReactiveController {
  /** The survey of the closed chat it was fetched for. */
  private survey: Survey | null = null;
  private fetchedFor = '';
  private rating = 0;
  private answers: Record<string, string> = {};
  private comment = '';
  private busy = false;
  private error = '';
  private thanked = false;
  private dismissed = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: SurveyPromptOptions,
  ) {
    host.addController(this);
  }

  /** Once per closed chat, asks the desk whether there is a survey to answer. */
  hostUpdated(): void {
    const timeline = this.options.timeline();
    if (!timeline?.closed || this.fetchedFor === timeline.id) return;
    const conversationId = timeline.id;
    this.fetchedFor = conversationId;
    Object.assign(this, { survey: null, rating: 0, answers: {}, comment: '', error: '', thanked: false, dismissed: false });
    this.options
      .api()
      .webchat.survey.query({ conversationId })
      .then((survey) => {
        if (this.fetchedFor !== conversationId) return;
        this.survey = survey && !survey.answered ? survey : null;
        this.host.requestUpdate();
      })
      // No survey is shown when the desk cannot be asked; the chat itself is unaffected.
      .catch(() => undefined);
  }

  private get active(): Survey | null {
    const timeline = this.options.timeline();
    return timeline?.closed && this.survey?.conversationId === timeline.id && !this.dismissed ? this.survey : null;
  }

  private readonly handleSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    const survey = this.active;
    if (!survey || this.busy) return;
    if (!this.rating) {
      this.error = survey.ratingQuestion;
      this.host.requestUpdate();
      return;
    }
    this.busy = true;
    this.error = '';
    this.host.requestUpdate();
    try {
      const answers = Object.fromEntries(Object.entries(this.answers).filter(([, v]) => v.trim()));
      await this.options.api().webchat.answerSurvey.mutate({
        conversationId: survey.conversationId,
        rating: this.rating,
        answers,
        ...(this.comment.trim() ? { comment: this.comment.trim() } : {}),
      });
      this.thanked = true;
    } catch (err) {
      const fields = fieldErrors(err);
      const first = Object.entries(fields)[0];
      this.error = first ? `${this.labelOf(survey, first[0])}: ${first[1]}` : errorText(err);
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  };

  private labelOf(survey: Survey, field: string): string {
    const id = field.startsWith('answers.') ? field.slice('answers.'.length) : '';
    return survey.questions.find((q) => q.id === id)?.label ?? field;
  }

  private set(update: () => void) {
    update();
    this.host.requestUpdate();
  }

  render() {
    const survey = this.active;
    if (!survey) return nothing;
    const t = this.options.localize;
    if (this.thanked) return html`<p part="survey-thanks" role="status">${survey.thankYou}</p>`;
    return html`
      <form part="survey" @submit=${this.handleSubmit} aria-busy=${this.busy ? 'true' : 'false'} novalidate>
        <fieldset>
          <legend id="survey-rating-label">${survey.ratingQuestion}</legend>
          <div part="survey-rating" role="radiogroup" aria-labelledby="survey-rating-label" aria-required="true">
            ${[1, 2, 3, 4, 5].map(
              (n) => html`<label title=${t.term('chatSurveyRating', n)}>
                <input
                  type="radio"
                  name="rating"
                  value=${n}
                  aria-label=${t.term('chatSurveyRating', n)}
                  .checked=${live(this.rating === n)}
                  @change=${() => this.set(() => (this.rating = n))}
                /><span aria-hidden="true">${n}</span>
              </label>`,
            )}
          </div>
        </fieldset>
        ${survey.questions.map((q) => {
          const id = `survey-q-${q.id}`;
          const value = this.answers[q.id] ?? '';
          const onInput = (e: Event) => this.set(() => (this.answers = { ...this.answers, [q.id]: (e.target as HTMLInputElement).value }));
          if (q.kind === 'scale') {
            return html`<fieldset>
              <legend id=${`${id}-label`}>${q.label}</legend>
              <div part="survey-rating survey-scale" role="radiogroup" aria-labelledby=${`${id}-label`} aria-required=${q.required ? 'true' : 'false'} data-question=${q.id}>
                ${[1, 2, 3, 4, 5].map(
                  (n) => html`<label title=${t.term('chatSurveyRating', n)}>
                    <input type="radio" name=${q.id} value=${n} aria-label=${t.term('chatSurveyRating', n)} .checked=${live(value === String(n))} @change=${onInput} /><span
                      aria-hidden="true"
                      >${n}</span
                    >
                  </label>`,
                )}
              </div>
            </fieldset>`;
          }
          return html`<div>
            <label class="question" for=${id}>${q.label}</label>
            ${q.kind === 'choice'
              ? html`<select id=${id} name=${q.id} ?required=${q.required} .value=${live(value)} @change=${onInput}>
                  <option value="">${t.term('chatSurveyChoose')}</option>
                  ${q.options.map((o) => html`<option value=${o} ?selected=${o === value}>${o}</option>`)}
                </select>`
              : html`<input id=${id} type="text" name=${q.id} maxlength="1000" ?required=${q.required} .value=${live(value)} @input=${onInput} />`}
          </div>`;
        })}
        <div>
          <label class="question" for="survey-comment">${t.term('chatSurveyComment')}</label>
          <textarea id="survey-comment" name="comment" rows="2" maxlength="2000" .value=${live(this.comment)} @input=${(e: Event) => this.set(() => (this.comment = (e.target as HTMLTextAreaElement).value))}></textarea>
        </div>
        ${this.error ? html`<p part="survey-error" role="alert">${this.error}</p>` : nothing}
        <div class="actions">
          <button type="submit" part="survey-submit" ?disabled=${this.busy}>${this.busy ? t.term('chatSurveySending') : t.term('chatSurveySubmit')}</button>
          <button type="button" part="survey-dismiss" class="link" @click=${() => this.set(() => (this.dismissed = true))}>${t.term('chatSurveyDismiss')}</button>
        </div>
      </form>
    `;
  }
}
