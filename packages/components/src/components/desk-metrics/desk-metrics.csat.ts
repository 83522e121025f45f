/**
 * @license MIT
 * The CSAT breakdown under the report (supervisors): how many chats got each rating
 * and the newest comments customers left. Comments are rendered as text, never HTML.
 */
import { css, html } from 'lit';
import type { DeskClient } from '@deskkit/client';
import type { LocalizeController } from '../../utilities/localize.js';
import type { ReportTerms } from '../../translations/en/reports.js';

export type SurveyResults = Awaited<ReturnType<DeskClient['surveys']['results']['query']>>;

export const csatStyles = css`
  /* The ratings beside the comments, or above them in a narrow element. */
  [part='csat'] {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem;
    margin-top: 1rem;
  }
  [part='csat'] h3 {
    flex-basis: 100%;
    margin: 0;
    font-size: 1rem;
  }
  [part='csat'] > table {
    flex: 1 1 12rem;
  }
  [part='csat'] > div {
    flex: 2 1 16rem;
    min-width: 0;
  }
  [part='csat-comments'] {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  [part='csat-comments'] li {
    border-left: 3px solid var(--border-color);
    padding-left: 0.5rem;
  }
  [part='csat-comments'] .meta {
    color: var(--muted-color);
    font-size: 0.85em;
  }
`;

export function renderCsat(results: SurveyResults, t: LocalizeController<keyof ReportTerms>) {
  return html`<section part="csat" aria-labelledby="csat-title">
    <h3 id="csat-title">${t.term('metricsCsatTitle', results.csat, results.responses)}</h3>
    <table part="csat-distribution">
      <caption>${t.term('metricsCsatDistribution')}</caption>
      <thead><tr><th scope="col">${t.term('metricsCsatRatingHeader')}</th><th scope="col">${t.term('metricsCsatCount')}</th></tr></thead>
      <tbody>
        ${[5, 4, 3, 2, 1].map((n) => html`<tr data-rating=${n}><th scope="row">${t.term('metricsCsatRating', n)}</th><td>${results.distribution[n - 1]}</td></tr>`)}
      </tbody>
    </table>
    <div>
      <h4>${t.term('metricsCsatComments')}</h4>
      ${results.comments.length
        ? html`<ul part="csat-comments">
            ${results.comments.map(
              (c) => html`<li data-conversation=${c.conversationId}>
                <span class="comment">${c.comment}</span>
                <span class="meta">${t.term('metricsCsatRating', c.rating)}${c.agentName ? ` · ${c.agentName}` : ''} · ${new Date(c.closedAt).toLocaleString()}</span>
              </li>`,
            )}
          </ul>`
        : html`<p>${t.term('metricsCsatNoComments')}</p>`}
    </div>
  </section>`;
}
