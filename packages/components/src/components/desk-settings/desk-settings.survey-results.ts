/**
 * @license MIT
 * Survey results over a period: CSAT, the rating breakdown and comments (as in
 * `<desk-metrics>`), then each question's answers: a 1–5 scale's breakdown and mean, a
 * choice's counts, a text question's newest answers with more a page at a time.
 */
import { html, nothing } from 'lit';
import type { SurveyResultsView } from '@deskkit/client';
import { renderCsat } from '../desk-metrics/desk-metrics.csat.js';
import { SettingsPanel } from './desk-settings.panel.js';

type QuestionResult = SurveyResultsView['questions'][number];
type TextResult = Extract<QuestionResult, { kind: 'text' }>;
type TextAnswer = TextResult['recent']['items'][number];

const DAY = 86_400_000;
const periods = [7, 30, 90] as const;
const PAGE = 10;

export class SurveyResultsPanel extends SettingsPanel {
  readonly section = 'survey-results';
  private days: (typeof periods)[number] = 30;
  private range = { from: '', to: '' };
  private results: SurveyResultsView | null = null;
  /** Text answers shown so far per question, and where the next page starts. */
  private answers = new Map<string, { items: TextAnswer[]; cursor: string | null }>();

  protected override async load(): Promise<void> {
    const to = new Date(Math.ceil(Date.now() / DAY) * DAY);
    this.range = { from: new Date(to.getTime() - this.days * DAY).toISOString(), to: to.toISOString() };
    const results = await this.client.surveys.results.query(this.range);
    this.results = results;
    this.answers = new Map(
      results.questions.flatMap((q) => (q.kind === 'text' ? [[q.id, { items: q.recent.items, cursor: q.recent.nextCursor }] as const] : [])),
    );
  }

  protected override clear(): void {
    this.results = null;
    this.answers = new Map();
  }

  private more(questionId: string) {
    const shown = this.answers.get(questionId)!;
    void this.run(
      async () => {
        const page = await this.client.surveys.textAnswers.query({ ...this.range, questionId, cursor: shown.cursor!, limit: PAGE });
        this.answers.set(questionId, { items: [...shown.items, ...page.items], cursor: page.nextCursor });
      },
      { quiet: true },
    );
  }

  render() {
    const t = this.t;
    const r = this.results;
    return html`<section part="form survey-results" aria-busy=${this.busy ? 'true' : 'false'} aria-labelledby="results-title">
      <h3 id="results-title">${t.term('settingsResults')}</h3>
      <label class="field inline"
        >${t.term('metricsPeriod')}
        <select
          name="period"
          .value=${String(this.days)}
          @change=${(e: Event) => {
            this.days = Number((e.target as HTMLSelectElement).value) as (typeof periods)[number];
            void this.reload();
          }}
        >
          ${periods.map((days) => html`<option value=${days} ?selected=${days === this.days}>${t.term('settingsLastDays', days)}</option>`)}
        </select></label
      >
      ${this.renderStatus()}
      ${r
        ? html`${r.responses ? renderCsat(r, t) : html`<p class="muted">${t.term('settingsNoResponses')}</p>`}
            ${r.questions.map((q) => this.renderQuestion(q))}`
        : html`<p class="muted" role="status">${t.term('loading')}</p>`}
    </section>`;
  }

  private renderQuestion(q: QuestionResult) {
    const t = this.t;
    const heading = html`<h4>${q.label} <span class="muted">${t.term('settingsAnswered', q.answered)}</span></h4>`;
    if (q.kind === 'scale') {
      return html`<div part="question-result" data-id=${q.id} data-kind="scale">
        ${heading}
        <p data-mean>${q.mean === null ? t.term('metricsNone') : t.term('settingsMean', q.mean)}</p>
        ${this.table(q.label, [5, 4, 3, 2, 1].map((n) => [String(n), q.distribution[n - 1] ?? 0]))}
      </div>`;
    }
    if (q.kind === 'choice') {
      return html`<div part="question-result" data-id=${q.id} data-kind="choice">
        ${heading} ${this.table(q.label, q.counts.map((c) => [c.option, c.count]))}
      </div>`;
    }
    const shown = this.answers.get(q.id) ?? { items: [], cursor: null };
    return html`<div part="question-result" data-id=${q.id} data-kind="text">
      ${heading}
      ${shown.items.length
        ? html`<ul part="text-answers" class="answers">
            ${shown.items.map(
              (a) => html`<li data-conversation=${a.conversationId}>
                <span class="answer">${a.answer}</span>
                <span class="muted">${t.term('metricsCsatRating', a.rating)}${a.agentName ? ` · ${a.agentName}` : ''} · ${new Date(a.closedAt).toLocaleString(this.host.locale)}</span>
              </li>`,
            )}
          </ul>`
        : html`<p class="muted">${t.term('settingsNoAnswers')}</p>`}
      ${shown.cursor
        ? html`<button type="button" data-action="more-answers" ?disabled=${this.busy} @click=${() => this.more(q.id)}>${t.term('settingsMoreAnswers')}</button>`
        : nothing}
    </div>`;
  }

  private table(caption: string, rows: Array<[string, number]>) {
    const t = this.t;
    return html`<table part="result-table">
      <caption class="visually-hidden">${caption}</caption>
      <thead><tr><th scope="col">${t.term('settingsAnswer')}</th><th scope="col">${t.term('metricsCsatCount')}</th></tr></thead>
      <tbody>
        ${rows.map(([label, count]) => html`<tr data-value=${label}><th scope="row">${label}</th><td>${count}</td></tr>`)}
      </tbody>
    </table>`;
  }
}
