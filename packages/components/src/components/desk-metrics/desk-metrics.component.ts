import { consume } from '@lit/context';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { DeskClient } from '@deskkit/client';
import { serverContext } from '../../context/server-context.js';
import { LazyController } from '../../controllers/lazy-controller.js';
import { SizeController } from '../../controllers/size-controller.js';
import { DeskAgentElement } from '../../internal/desk-agent-element.js';
import componentStyles from '../../styles/component.styles.js';
import { LocalizeController } from '../../utilities/localize.js';
import { commonTerms } from '../../translations/en/common.js';
import { metricsTerms } from '../../translations/en/desk-metrics.js';
import { reportTerms } from '../../translations/en/reports.js';
import { lazyTerms } from '../../translations/en/lazy.js';
import { csatStyles, renderCsat, type SurveyResults } from './desk-metrics.csat.js';
import { downloadTranscript, formatBytes, type TranscriptFormat, type TranscriptProgress } from './desk-metrics.export.js';
import styles from './desk-metrics.styles.js';

/** The English terms this element shows. */
const terms = { ...commonTerms, ...metricsTerms, ...reportTerms, ...lazyTerms };

type Summary = Awaited<ReturnType<DeskClient['metrics']['summary']['query']>>;
type Breakdown = Summary['agents'][number];
type Bucket = 'hour' | 'day' | 'week';
export type MetricsPeriod = 'today' | '7d' | '30d' | 'custom';

const DAY = 86_400_000;

/** `45 s`, `3.5 min`, `2.1 h` */
export function formatDuration(ms: number | null): string | null {
  if (ms === null) return null;
  const s = ms / 1000;
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 5400) return `${+(s / 60).toFixed(1)} min`;
  return `${+(s / 3600).toFixed(1)} h`;
}

const startOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate());
const dateInput = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/**
 * @tag desk-metrics
 * @summary Reports for the desk: queue length, wait, first response and handle times,
 * missed chats, CSAT, per-agent and per-department reports, charts over time, and transcript exports of the
 * filtered range with progress. Supervisors choose any department or agent; agents see
 * their own numbers.
 *
 * @fires desk-transcript-export - A transcript export finished downloading.
 *
 * @csspart base - The wrapper.
 * @csspart filters - The period, department and agent pickers.
 * @csspart tiles - The KPI tiles; each is `tile` (and `tile-<name>`).
 * @csspart chart - One chart (`figure`); its numbers are in `chart-table`. The charts' code loads with the first
 *   report (while its numbers are fetched); their box is `aria-busy` until it is in.
 * @csspart agents - The per-agent table: chats, closed, missed, wait, first response, handle time and CSAT (`tr[data-agent]`).
 * @csspart departments - The per-department table beside it, with the same columns (`tr[data-department]`).
 * @csspart csat - The CSAT breakdown (supervisors): `csat-distribution` table and `csat-comments` list.
 * @csspart export - The export buttons and `export-progress`.
 * @csspart error - An error message (`role="alert"`); also `load-error` when the charts could not load, with a Retry.
 *
 * @cssprop --accent-color - Bars and focus (defaults to `--desk-color-accent`).
 * @cssprop --warning-color - Missed chats (defaults to `--desk-color-warning`).
 * @cssprop --border-color - Tiles and separators (defaults to `--desk-color-border`).
 * @cssprop --muted-color - Secondary text (defaults to `--desk-color-muted`).
 */
export class DeskMetrics extends DeskAgentElement {
  static override styles = [componentStyles, styles, csatStyles];

  @consume({ context: serverContext, subscribe: true })
  @state()
  server?: string;

  /** The reporting period. */
  @property({ reflect: true }) period: MetricsPeriod = '7d';
  /** First day of a custom period (`YYYY-MM-DD`, local time). */
  @property() from = '';
  /** Last day of a custom period, included. */
  @property() to = '';
  /** Only this department. */
  @property({ attribute: 'department-id' }) departmentId = '';
  /** Only this agent (supervisors). */
  @property({ attribute: 'agent-id' }) agentId = '';

  @state() private summary: Summary | null = null;
  /** Survey answers for the period (supervisors): rating distribution and comments. */
  @state() private csat: SurveyResults | null = null;
  @state() private loading = false;
  @state() private error = '';
  @state() private departments: Array<{ id: string; name: string }> = [];
  @state() private agents: Array<{ id: string; name: string }> = [];
  @state() private exporting: { format: TranscriptFormat; progress: TranscriptProgress } | null = null;
  @state() private exportDone = '';

  private readonly localize = new LocalizeController(this, terms);
  /** The charts, loaded on first use: with the first report, while its numbers are fetched. */
  private readonly charts = new LazyController(this, {
    load: async () => (await import('./desk-metrics.charts.js')).renderChart,
  });
  /** The charts are drawn at their size in the page (side by side or one above the other, as wide as they get). */
  private readonly chartSize = new SizeController(this, { target: () => this.renderRoot.querySelector('.charts svg') });
  private ticket = 0;
  private exportAbort?: AbortController;

  private get supervisor() {
    return this.session?.agent.role === 'supervisor' || this.session?.agent.role === 'admin';
  }

  /** The period as `[from, to)` instants and a bucket size. */
  range(now = new Date()): { from: Date; to: Date; bucket: Bucket } {
    const tomorrow = new Date(startOfDay(now).getTime() + DAY);
    if (this.period === 'today') return { from: startOfDay(now), to: tomorrow, bucket: 'hour' };
    if (this.period === 'custom' && this.from) {
      const from = new Date(`${this.from}T00:00`);
      const to = this.to ? new Date(new Date(`${this.to}T00:00`).getTime() + DAY) : tomorrow;
      const days = (to.getTime() - from.getTime()) / DAY;
      return { from, to: to > from ? to : new Date(from.getTime() + DAY), bucket: days <= 2 ? 'hour' : days <= 90 ? 'day' : 'week' };
    }
    const days = this.period === '30d' ? 30 : 7;
    return { from: new Date(tomorrow.getTime() - days * DAY), to: tomorrow, bucket: 'day' };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const sessionChanged = changed.has('session') && changed.get('session')?.token !== this.session?.token;
    if (changed.has('client') || sessionChanged) void this.loadOptions();
    if (['client', 'period', 'from', 'to', 'departmentId', 'agentId'].some((k) => changed.has(k as keyof DeskMetrics)) || sessionChanged) {
      void this.load();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.exportAbort?.abort();
  }

  /** Reloads the numbers (e.g. on a timer set by the host page). */
  async load(): Promise<void> {
    const ticket = ++this.ticket;
    if (!this.client || !this.session) return;
    const { from, to, bucket } = this.range();
    this.loading = true;
    if (!this.charts.value && !this.charts.pending) void this.charts.use(() => undefined);
    try {
      const filter = {
        from: from.toISOString(),
        to: to.toISOString(),
        ...(this.departmentId ? { departmentId: this.departmentId } : {}),
        ...(this.agentId && this.supervisor ? { agentId: this.agentId } : {}),
      };
      const [summary, csat] = await Promise.all([
        this.client.metrics.summary.query({ ...filter, bucket }),
        // The breakdown is for supervisors; without it the CSAT tile still shows.
        this.supervisor ? this.client.surveys.results.query(filter).catch(() => null) : null,
      ]);
      if (ticket !== this.ticket) return;
      this.summary = summary;
      this.csat = csat;
      this.error = '';
    } catch (err) {
      if (ticket === this.ticket) this.error = (err as Error).message;
    } finally {
      if (ticket === this.ticket) this.loading = false;
    }
  }

  private async loadOptions() {
    if (!this.client || !this.session) return;
    try {
      const [departments, agents] = await Promise.all([
        this.client.departments.list.query(),
        this.supervisor ? this.client.agents.list.query() : Promise.resolve([]),
      ]);
      this.departments = departments.map((d) => ({ id: d.id, name: d.name }));
      this.agents = agents.map((a) => ({ id: a.id, name: a.name }));
    } catch {
      // The pickers stay empty; the report itself shows any error.
    }
  }

  /**
   * Downloads transcripts of the filtered range: streamed into a file the user picks, with
   * progress, where the browser can; otherwise by the browser's own download manager.
   */
  async export(format: TranscriptFormat): Promise<void> {
    if (!this.client || !this.server || this.exporting) return;
    const { from, to } = this.range();
    const filter: Record<string, unknown> = { from: from.toISOString(), to: to.toISOString() };
    if (this.departmentId) filter.departmentId = this.departmentId;
    const assignee = this.supervisor ? this.agentId : this.session?.agent.id;
    if (assignee) filter.assigneeId = assignee;
    this.exportAbort = new AbortController();
    this.exportDone = '';
    this.exporting = { format, progress: { bytes: 0, conversations: 0, total: null } };
    try {
      const result = await downloadTranscript({
        client: this.client,
        server: this.server,
        target: { filter },
        format,
        signal: this.exportAbort.signal,
        onProgress: (progress) => (this.exporting = { format, progress }),
      });
      const known = result.savedBy !== 'browser';
      this.exportDone = known ? this.localize.term('metricsExported', result.conversations, formatBytes(result.bytes)) : this.localize.term('metricsExportHanded', result.fileName);
      this.emit('desk-transcript-export', {
        format,
        fileName: result.fileName,
        savedBy: result.savedBy,
        conversations: known ? result.conversations : null,
        bytes: known ? result.bytes : null,
      });
    } catch (err) {
      if ((err as Error).name !== 'AbortError') this.error = (err as Error).message;
    } finally {
      this.exporting = null;
    }
  }

  private handlePeriod(e: Event) {
    this.period = (e.target as HTMLSelectElement).value as MetricsPeriod;
    if (this.period === 'custom' && !this.from) {
      const { from, to } = this.range();
      this.from = dateInput(from);
      this.to = dateInput(new Date(to.getTime() - DAY));
    }
  }

  override render() {
    const t = this.localize;
    if (!this.session) return html`<div part="base"><p part="empty">${t.term('signInRequired')}</p></div>`;
    return html`<section part="base" aria-labelledby="title" aria-busy=${this.loading ? 'true' : 'false'}>
      <h2 id="title">${t.term('metricsTitle')}</h2>
      ${this.renderFilters()}
      ${this.error ? html`<p part="error" role="alert">${t.term('errorPrefix')} ${this.error}</p>` : nothing}
      ${this.summary ? this.renderReport(this.summary) : html`<p part="loading">${t.term('metricsLoading')}</p>`}
      ${this.summary && this.csat ? renderCsat(this.csat, t) : nothing}
      ${this.renderExport()}
    </section>`;
  }

  private renderFilters() {
    const t = this.localize;
    const periods: Array<[MetricsPeriod, string]> = [
      ['today', t.term('metricsToday')],
      ['7d', t.term('metricsLast7')],
      ['30d', t.term('metricsLast30')],
      ['custom', t.term('metricsCustom')],
    ];
    return html`<form part="filters" role="search" aria-label=${t.term('metricsFilters')} @submit=${(e: Event) => e.preventDefault()}>
      <label>${t.term('metricsPeriod')}
        <select name="period" .value=${this.period} @change=${this.handlePeriod}>
          ${periods.map(([value, label]) => html`<option value=${value} ?selected=${value === this.period}>${label}</option>`)}
        </select>
      </label>
      ${this.period === 'custom'
        ? html`<label>${t.term('metricsFrom')} <input type="date" name="from" .value=${this.from} max=${this.to || nothing}
              @change=${(e: Event) => (this.from = (e.target as HTMLInputElement).value)} /></label>
            <label>${t.term('metricsTo')} <input type="date" name="to" .value=${this.to} min=${this.from || nothing}
              @change=${(e: Event) => (this.to = (e.target as HTMLInputElement).value)} /></label>`
        : nothing}
      <label>${t.term('metricsDepartment')}
        <select name="department" .value=${this.departmentId} @change=${(e: Event) => (this.departmentId = (e.target as HTMLSelectElement).value)}>
          <option value="">${t.term('metricsAllDepartments')}</option>
          ${this.departments.map((d) => html`<option value=${d.id} ?selected=${d.id === this.departmentId}>${d.name}</option>`)}
        </select>
      </label>
      ${this.supervisor
        ? html`<label>${t.term('metricsAgent')}
            <select name="agent" .value=${this.agentId} @change=${(e: Event) => (this.agentId = (e.target as HTMLSelectElement).value)}>
              <option value="">${t.term('metricsAllAgents')}</option>
              ${this.agents.map((a) => html`<option value=${a.id} ?selected=${a.id === this.agentId}>${a.name}</option>`)}
            </select>
          </label>`
        : nothing}
    </form>`;
  }

  private renderReport(s: Summary) {
    const t = this.localize;
    const none = t.term('metricsNone');
    const duration = (name: string, label: string, stats: { average: number | null; median: number | null }) =>
      this.tile(name, label, formatDuration(stats.average) ?? none, stats.median === null ? '' : t.term('metricsMedian', formatDuration(stats.median)!));
    const labels = s.series.map((p) => this.bucketLabel(p.start, s.period.bucket, s.period.timezone));
    const renderChart = this.charts.value;
    return html`
      <ul part="tiles" class="tiles">
        ${this.tile('queue', t.term('metricsQueue'), String(s.queueLength))}
        ${this.tile('conversations', t.term('metricsConversations'), String(s.totals.conversations))}
        ${duration('wait', t.term('metricsWait'), s.totals.waitTime)}
        ${duration('first-response', t.term('metricsFirstResponse'), s.totals.firstResponseTime)}
        ${duration('handle', t.term('metricsHandle'), s.totals.handleTime)}
        ${this.tile('missed', t.term('metricsMissed'), String(s.totals.missed), t.term('metricsOfTotal', s.totals.missed, s.totals.conversations))}
        ${this.tile('csat', t.term('metricsCsat'), s.csat ? `${s.csat.score}%` : none, s.csat ? t.term('metricsCsatResponses', s.csat.responses) : t.term('metricsCsatNone'), s.csatNote ?? '')}
      </ul>
      ${this.charts.failure
        ? html`<p part="error load-error" role="alert">
            ${t.term('partLoadFailed')} <button type="button" data-action="retry-load" @click=${this.charts.retry}>${t.term('partLoadRetry')}</button>
          </p>`
        : nothing}
      <div class="charts" aria-busy=${renderChart ? 'false' : 'true'}>
        ${renderChart?.({
          id: 'volume',
          kind: 'bars',
          title: t.term('metricsVolume'),
          description: t.term('metricsVolumeDesc', s.totals.conversations, s.totals.missed, s.series.length),
          labels,
          series: [
            { name: t.term('metricsConversations'), color: 'var(--accent-color)', values: s.series.map((p) => p.conversations) },
            { name: t.term('metricsMissed'), color: 'var(--warning-color)', values: s.series.map((p) => p.missed) },
          ],
          format: (v) => String(+v.toFixed(1)),
          axis: 'count',
          size: this.chartSize.size,
          tableCaption: t.term('metricsAsTable'),
          emptyText: t.term('metricsNoData'),
        })}
        ${renderChart?.({
          id: 'wait',
          kind: 'lines',
          title: t.term('metricsWaitChart'),
          description: t.term('metricsWaitDesc'),
          labels,
          series: [
            { name: t.term('metricsWait'), color: 'var(--accent-color)', values: s.series.map((p) => p.averageWaitMs) },
            { name: t.term('metricsFirstResponse'), color: 'var(--second-color)', values: s.series.map((p) => p.averageFirstResponseMs) },
          ],
          format: (v) => formatDuration(v)!,
          axis: 'duration',
          size: this.chartSize.size,
          tableCaption: t.term('metricsAsTable'),
          emptyText: t.term('metricsNoData'),
        })}
      </div>
      <div class="breakdowns">
        ${this.renderBreakdown('agents', 'agent', t.term('metricsPerAgent'), s.agents)}
        ${this.renderBreakdown('departments', 'department', t.term('metricsPerDepartment'), s.departments)}
      </div>`;
  }

  /** One report table: a row per agent or department, averages for durations. */
  private renderBreakdown(part: 'agents' | 'departments', key: 'agent' | 'department', caption: string, rows: Breakdown[]) {
    const t = this.localize;
    const none = t.term('metricsNone');
    const average = (stats: { average: number | null }) => formatDuration(stats.average) ?? none;
    const headings = [
      t.term('metricsConversations'),
      t.term('metricsClosed'),
      t.term('metricsMissed'),
      t.term('metricsWait'),
      t.term('metricsFirstResponse'),
      t.term('metricsHandle'),
      t.term('metricsCsatColumn'),
    ];
    return html`<div class="table-frame"><table part=${part}>
      <caption>${caption}</caption>
      <thead><tr>
        <th scope="col">${t.term('metricsName')}</th>${headings.map((heading) => html`<th scope="col">${heading}</th>`)}
      </tr></thead>
      <tbody>
        ${rows.map(
          (row) => html`<tr data-agent=${key === 'agent' ? (row.id ?? '') : nothing} data-department=${key === 'department' ? (row.id ?? '') : nothing}>
            <th scope="row">${row.name}</th><td>${row.conversations}</td><td>${row.closed}</td><td data-cell="missed">${row.missed}</td>
            <td>${average(row.waitTime)}</td><td data-cell="first-response">${average(row.firstResponseTime)}</td><td>${average(row.handleTime)}</td>
            <td data-cell="csat">${row.csat ? t.term('metricsCsatCell', row.csat.score, row.csat.responses) : none}</td>
          </tr>`,
        )}
      </tbody>
    </table></div>`;
  }

  private tile(name: string, label: string, value: string, detail = '', title = '') {
    return html`<li part="tile tile-${name}" data-tile=${name} title=${title || nothing}>
      <span class="label">${label}</span><strong class="value">${value}</strong>${detail ? html`<span class="detail">${detail}</span>` : nothing}
    </li>`;
  }

  /** Buckets are the business's hours, days and weeks: labelled in its time zone. */
  private bucketLabel(iso: string, bucket: Bucket, timeZone: string) {
    const d = new Date(iso);
    const lang = this.closest('[lang]')?.getAttribute('lang') || undefined;
    if (bucket === 'hour') return d.toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit', timeZone });
    return d.toLocaleDateString(lang, { month: 'short', day: 'numeric', timeZone });
  }

  private renderExport() {
    const t = this.localize;
    const running = this.exporting;
    return html`<div part="export" role="group" aria-label=${t.term('metricsExport')}>
      <span class="label">${t.term('metricsExport')}</span>
      ${(['txt', 'html', 'csv'] as const).map(
        (format) => html`<button type="button" data-format=${format} ?disabled=${Boolean(running) || !this.server} @click=${() => this.export(format)}>
          ${t.term('metricsExportAs', format)}
        </button>`,
      )}
      ${running
        ? html`<progress part="export-progress" max=${running.progress.total ?? nothing} value=${running.progress.total === null ? nothing : running.progress.conversations}></progress>
            <span role="status" class="status">${t.term('metricsExporting', running.progress.conversations, running.progress.total, formatBytes(running.progress.bytes))}</span>
            <button type="button" @click=${() => this.exportAbort?.abort()}>${t.term('metricsExportCancel')}</button>`
        : html`<span role="status" class="status">${this.exportDone}</span>`}
    </div>`;
  }
}
