import { html, svg, nothing } from 'lit';
import { cssomStyle } from '../../internal/cssom-style.js';

/** One series of a chart: a name, a CSS colour variable, a value per label. */
export interface ChartSeries {
  name: string;
  color: string;
  values: Array<number | null>;
}

const PAD = { top: 12, right: 8, bottom: 24, left: 60 };
/** Room for one label on the time axis. */
const LABEL_WIDTH = 56;

/** A round upper bound for a count axis whose middle line is a whole number too: 2, 4, 6, 8, 10, then 20, 50, 100 × 10ⁿ. */
function niceCount(value: number): number {
  if (value <= 10) return Math.max(2, 2 * Math.ceil(value / 2));
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((m) => m >= value)!;
}

/**
 * Round upper bounds for a duration axis, in seconds: each, and its half (the middle line),
 * a whole number of the seconds, minutes or hours the labels show them in.
 */
const DURATION_STEPS = [2, 4, 6, 8, 10, 20, 30, 40, 60, 120, 240, 360, 480, 600, 1200, 1800, 2400, 3600, 7200, 14_400, 21_600, 28_800, 36_000, 43_200, 86_400, 172_800];

/** A round upper bound for a duration axis (in ms). */
function niceDuration(ms: number): number {
  const seconds = DURATION_STEPS.find((step) => step * 1000 >= ms);
  return seconds ? seconds * 1000 : niceCount(ms / 3_600_000) * 3_600_000;
}

/**
 * An accessible chart drawn as inline SVG: `role="img"` with a `<title>` and `<desc>`,
 * bars (grouped per label) or lines, and the same numbers as a table beside it for
 * screen readers and copying.
 */
export function renderChart(options: {
  id: string;
  kind: 'bars' | 'lines';
  title: string;
  description: string;
  labels: string[];
  series: ChartSeries[];
  format: (value: number) => string;
  /** What the values are, for round axis lines: counts, or durations in ms. */
  axis: 'count' | 'duration';
  /** The size the chart is drawn at, in CSS pixels (its text is never stretched); 600 × 180 until known. */
  size: { width: number; height: number } | null;
  tableCaption: string;
  emptyText: string;
}) {
  const { id, kind, title, description, labels, series, format } = options;
  const { width: W, height: H } = options.size ?? { width: 600, height: 180 };
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const top = Math.max(0, ...values);
  const max = options.axis === 'duration' ? niceDuration(top) : niceCount(top);
  const plotW = Math.max(1, W - PAD.left - PAD.right);
  const plotH = Math.max(1, H - PAD.top - PAD.bottom);
  const step = labels.length ? plotW / labels.length : plotW;
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const every = Math.max(1, Math.ceil(labels.length / Math.max(1, Math.floor(plotW / LABEL_WIDTH))));

  const bars = () =>
    series.map((s, si) => {
      const barW = Math.max(1, (step * 0.8) / series.length);
      return svg`<g part="chart-series" data-series=${s.name} ${cssomStyle({ fill: s.color })}>${s.values.map((v, i) =>
        v === null ? nothing : svg`<rect x=${(PAD.left + i * step + step * 0.1 + si * barW).toFixed(1)} y=${y(v).toFixed(1)} width=${barW.toFixed(1)} height=${(PAD.top + plotH - y(v)).toFixed(1)}><title>${labels[i]}: ${s.name} ${format(v)}</title></rect>`,
      )}</g>`;
    });
  const lines = () =>
    series.map((s) => {
      const points = s.values.map((v, i) => (v === null ? null : `${(PAD.left + i * step + step / 2).toFixed(1)},${y(v).toFixed(1)}`));
      const path = points.reduce<string>((d, p, i) => (p === null ? d : `${d}${d && points[i - 1] !== null ? ' L' : ' M'}${p}`), '');
      return svg`<g part="chart-series" data-series=${s.name}>
        <path d=${path.trim()} fill="none" ${cssomStyle({ stroke: s.color })} stroke-width="2"></path>
        ${s.values.map((v, i) =>
          v === null ? nothing : svg`<circle cx=${(PAD.left + i * step + step / 2).toFixed(1)} cy=${y(v).toFixed(1)} r="3" ${cssomStyle({ fill: s.color })}><title>${labels[i]}: ${s.name} ${format(v)}</title></circle>`,
        )}
      </g>`;
    });

  return html`<figure part="chart" class="chart" data-chart=${id}>
    <svg viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-title ${id}-desc" preserveAspectRatio="none">
      <title id="${id}-title">${title}</title>
      <desc id="${id}-desc">${description}</desc>
      ${[0, 0.5, 1].map(
        (f) => svg`<line x1=${PAD.left} x2=${W - PAD.right} y1=${y(max * f)} y2=${y(max * f)} class="grid"></line>
          <text x=${PAD.left - 4} y=${y(max * f) + 4} text-anchor="end" class="axis">${format(max * f)}</text>`,
      )}
      ${labels.map((label, i) => (i % every ? nothing : svg`<text x=${PAD.left + i * step + step / 2} y=${H - 6} text-anchor="middle" class="axis">${label}</text>`))}
      ${values.length ? (kind === 'bars' ? bars() : lines()) : svg`<text x=${W / 2} y=${H / 2} text-anchor="middle" class="axis">${options.emptyText}</text>`}
    </svg>
    <figcaption>
      <span class="legend">${series.map((s) => html`<span><i ${cssomStyle({ background: s.color })}></i>${s.name}</span>`)}</span>
      <details>
        <summary>${options.tableCaption}</summary>
        <table part="chart-table">
          <thead><tr><th scope="col"></th>${series.map((s) => html`<th scope="col">${s.name}</th>`)}</tr></thead>
          <tbody>
            ${labels.map(
              (label, i) => html`<tr><th scope="row">${label}</th>${series.map((s) => html`<td>${s.values[i] === null ? '—' : format(s.values[i]!)}</td>`)}</tr>`,
            )}
          </tbody>
        </table>
      </details>
    </figcaption>
  </figure>`;
}
