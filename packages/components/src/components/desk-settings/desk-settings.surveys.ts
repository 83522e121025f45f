/**
 * @license MIT
 * The post-chat survey: on or off, the 1–5 CSAT question, up to five more questions
 * (text, a choice of options, or a 1–5 scale) and the thank-you.
 */
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import type { RouterInputs, SurveyView } from '@deskkit/client';
import { SettingsPanel } from './desk-settings.panel.js';

type Question = SurveyView['questions'][number];
type Kind = Question['kind'];
interface QuestionDraft {
  id: string;
  kind: Kind;
  label: string;
  required: boolean;
  /** One option per line (choices). */
  options: string;
}
interface SurveyDraft {
  enabled: boolean;
  ratingQuestion: string;
  thankYou: string;
  questions: QuestionDraft[];
}

export const MAX_QUESTIONS = 5;
const kinds: Kind[] = ['text', 'choice', 'scale'];

const draftOf = (s: SurveyView): SurveyDraft => ({
  enabled: s.enabled,
  ratingQuestion: s.ratingQuestion,
  thankYou: s.thankYou,
  questions: s.questions.map((q) => ({ id: q.id, kind: q.kind, label: q.label, required: q.required, options: q.kind === 'choice' ? q.options.join('\n') : '' })),
});

/** A new question's id: answers are stored under it, so it never changes once saved. */
const newId = () => `q-${crypto.randomUUID().slice(0, 8)}`;

function toInput(d: SurveyDraft): RouterInputs['surveys']['update'] {
  return {
    enabled: d.enabled,
    ratingQuestion: d.ratingQuestion,
    thankYou: d.thankYou,
    questions: d.questions.map((q) => {
      const base = { id: q.id, label: q.label, required: q.required };
      if (q.kind !== 'choice') return { ...base, kind: q.kind };
      return { ...base, kind: 'choice', options: q.options.split('\n').map((o) => o.trim()).filter(Boolean) };
    }),
  };
}

export class SurveyPanel extends SettingsPanel {
  readonly section = 'surveys';
  private draft: SurveyDraft | null = null;

  protected override async load(): Promise<void> {
    this.draft = draftOf(await this.client.surveys.get.query());
  }

  protected override clear(): void {
    this.draft = null;
  }

  private edit(change: (d: SurveyDraft) => void) {
    const next = { ...this.draft!, questions: this.draft!.questions.map((q) => ({ ...q })) };
    change(next);
    this.draft = next;
    this.host.requestUpdate();
  }

  private readonly handleSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const input = toInput(this.draft!);
    void this.run(async () => {
      this.draft = draftOf(await this.client.surveys.update.mutate(input));
    });
  };

  render() {
    const t = this.t;
    const d = this.draft;
    if (!d) return html`${this.renderStatus()}<p class="muted" role="status">${t.term('loading')}</p>`;
    const text = (name: 'ratingQuestion' | 'thankYou', label: string, multiline = false) => html`<label class="field"
        >${label}
        ${multiline
          ? html`<textarea name=${name} rows="2" maxlength="500" required aria-invalid=${this.ariaInvalid(name)} aria-describedby=${this.describedBy(name)}
              .value=${live(d[name])} @input=${(e: Event) => this.edit((x) => (x[name] = (e.target as HTMLTextAreaElement).value))}></textarea>`
          : html`<input name=${name} maxlength="200" required aria-invalid=${this.ariaInvalid(name)} aria-describedby=${this.describedBy(name)}
              .value=${live(d[name])} @input=${(e: Event) => this.edit((x) => (x[name] = (e.target as HTMLInputElement).value))} />`}</label
      >${this.fieldError(name)}`;
    return html`<form part="form surveys" aria-busy=${this.busy ? 'true' : 'false'} aria-labelledby="surveys-title" @submit=${this.handleSubmit}>
      <h3 id="surveys-title">${t.term('settingsSurvey')}</h3>
      ${this.renderStatus()}
      <label class="choice"
        ><input type="checkbox" name="enabled" .checked=${live(d.enabled)} @change=${(e: Event) => this.edit((x) => (x.enabled = (e.target as HTMLInputElement).checked))} />
        ${t.term('settingsSurveyEnabled')}</label
      >
      ${text('ratingQuestion', t.term('settingsSurveyRating'))}
      <fieldset part="questions">
        <legend>${t.term('settingsSurveyQuestions', MAX_QUESTIONS)}</legend>
        <ol class="rows">
          ${repeat(d.questions, (q) => q.id, (q, i) => this.renderQuestion(q, i))}
        </ol>
        ${this.fieldError('questions')}
        <button
          type="button"
          data-action="add-question"
          ?disabled=${d.questions.length >= MAX_QUESTIONS}
          @click=${() => {
            this.edit((x) => x.questions.push({ id: newId(), kind: 'text', label: '', required: false, options: '' }));
            this.focusLater(`[part~=question]:last-of-type [name=label]`);
          }}
        >
          ${t.term('settingsSurveyAddQuestion')}
        </button>
      </fieldset>
      ${text('thankYou', t.term('settingsSurveyThanks'), true)}
      <div class="actions"><button type="submit" class="primary" ?disabled=${this.busy}>${t.term('settingsSave')}</button></div>
    </form>`;
  }

  private renderQuestion(q: QuestionDraft, i: number) {
    const t = this.t;
    const set = (change: Partial<QuestionDraft>) => this.edit((x) => Object.assign(x.questions[i]!, change));
    const path = (field: string) => `questions.${i}.${field}`;
    const number = i + 1;
    return html`<li part="question" data-id=${q.id} role="group" aria-label=${t.term('settingsSurveyQuestion', number)}>
      <label class="field"
        >${t.term('settingsSurveyQuestionLabel', number)}
        <input name="label" maxlength="200" required aria-invalid=${this.ariaInvalid(path('label'))} aria-describedby=${this.describedBy(path('label'))}
          .value=${live(q.label)} @input=${(e: Event) => set({ label: (e.target as HTMLInputElement).value })} /></label
      >${this.fieldError(path('label'))}
      <label class="field"
        >${t.term('settingsSurveyKind')}
        <select name="kind" .value=${live(q.kind)} @change=${(e: Event) => set({ kind: (e.target as HTMLSelectElement).value as Kind })}>
          ${kinds.map((k) => html`<option value=${k} ?selected=${k === q.kind}>${t.term(`settingsSurveyKind_${k}`)}</option>`)}
        </select></label
      >
      ${q.kind === 'choice'
        ? html`<label class="field"
              >${t.term('settingsSurveyOptions')}
              <textarea name="options" rows="3" aria-invalid=${this.ariaInvalid(path('options'))} aria-describedby=${this.describedBy(path('options'))}
                .value=${live(q.options)} @input=${(e: Event) => set({ options: (e.target as HTMLTextAreaElement).value })}></textarea></label
            >${this.fieldError(path('options'))}`
        : nothing}
      <label class="choice"
        ><input type="checkbox" name="required" .checked=${live(q.required)} @change=${(e: Event) => set({ required: (e.target as HTMLInputElement).checked })} />
        ${t.term('settingsSurveyRequired')}</label
      >
      <button
        type="button"
        data-action="remove-question"
        aria-label=${t.term('settingsRemoveNamed', q.label || t.term('settingsSurveyQuestion', number))}
        @click=${() => {
          this.edit((x) => x.questions.splice(i, 1));
          this.focusLater('[data-action=add-question]');
        }}
      >
        ${t.term('settingsRemove')}
      </button>
    </li>`;
  }
}
