/**
 * @license MIT
 * The queue's filter form: what the controls hold, and the server filter it makes.
 */
import { html, nothing } from 'lit';
import type { AgentProfile, ConversationFilter, ConversationView, DepartmentView } from '@deskkit/client';
import type { LocalizeController } from '../../utilities/localize.js';
import type { QueueTerms } from '../../translations/en/agent-queue.js';

export const statuses: ReadonlyArray<ConversationView['status']> = ['pending', 'open', 'on-hold', 'solved', 'closed'];
export const channels = ['web', 'sms', 'whatsapp', 'email'] as const;
export const priorities: ReadonlyArray<ConversationView['priority']> = ['urgent', 'high', 'normal', 'low'];

/** The controls' values; `''` means "any". */
export interface FilterForm {
  status: '' | ConversationView['status'];
  channel: '' | (typeof channels)[number];
  departmentId: string;
  priority: '' | ConversationView['priority'];
  tag: string;
  /** An agent id, `'none'` for unassigned, or `''`. */
  assignee: string;
  /** `yyyy-mm-dd` from a date input (local day). */
  from: string;
  to: string;
}

export const emptyForm = (): FilterForm => ({
  status: '',
  channel: '',
  departmentId: '',
  priority: '',
  tag: '',
  assignee: '',
  from: '',
  to: '',
});

/** How many filters are set (for the "Filters (2)" toggle). */
export const activeFilters = (form: FilterForm): number => Object.values(form).filter((value) => value !== '').length;

/** Start of a local calendar day, as an ISO timestamp; `days` shifts it. */
function dayStart(date: string, days = 0): string | undefined {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return undefined;
  return new Date(y, m - 1, d + days).toISOString();
}

/** A tag as the server stores it (lowercase, trimmed), or `undefined` if it could not be one. */
function normalizeTag(tag: string): string | undefined {
  const value = tag.trim().toLowerCase();
  return /^[\p{L}\p{N}][\p{L}\p{N} _-]{0,39}$/u.test(value) ? value : undefined;
}

/** The server filter for the form and search text. `to` is inclusive of its day. */
export function toFilter(form: FilterForm, q: string, canSupervise: boolean): ConversationFilter {
  const filter: ConversationFilter = {};
  const text = q.trim().slice(0, 200);
  if (text) filter.q = text;
  if (form.status) filter.status = [form.status];
  if (form.channel) filter.channel = [form.channel];
  if (form.departmentId) filter.departmentId = [form.departmentId];
  if (form.priority) filter.priority = [form.priority];
  const tag = normalizeTag(form.tag);
  if (tag) filter.tag = [tag];
  if (canSupervise && form.assignee) filter.assigneeId = form.assignee === 'none' ? null : form.assignee;
  const from = form.from ? dayStart(form.from) : undefined;
  const to = form.to ? dayStart(form.to, 1) : undefined;
  if (from) filter.from = from;
  if (to) filter.to = to;
  return filter;
}

/** A stable key: two equal filters give the same key. */
export const filterKey = (filter: ConversationFilter): string => JSON.stringify(filter, Object.keys(filter).sort());

export interface FilterPanelOptions {
  form: FilterForm;
  departments: readonly DepartmentView[];
  /** Agents to filter by assignee, or `null` to leave that filter out. */
  agents: readonly AgentProfile[] | null;
  localize: LocalizeController<keyof QueueTerms>;
  /** Called with the `change` event of any control (its `name` is a `FilterForm` key). */
  onChange(event: Event): void;
  onClear(): void;
}

function renderSelect(form: FilterForm, name: keyof FilterForm, label: string, any: string, options: Array<[string, string]>) {
  const value = form[name];
  return html`
    <label>
      <span>${label}</span>
      <select name=${name}>
        <option value="" ?selected=${value === ''}>${any}</option>
        ${options.map(([id, text]) => html`<option value=${id} ?selected=${value === id}>${text}</option>`)}
      </select>
    </label>
  `;
}

/** The filter controls; every control is labelled, and a change of any of them reloads the list. */
export function renderFilterPanel(options: FilterPanelOptions) {
  const { form, localize: t } = options;
  const any = t.term('queueAny');
  return html`
    <div part="filters" id="filters" @change=${options.onChange}>
      ${renderSelect(form, 'status', t.term('queueFilterStatus'), any, statuses.map((s) => [s, t.term('queueStatusName', s)]))}
      ${renderSelect(form, 'channel', t.term('queueFilterChannel'), any, channels.map((c) => [c, t.term('queueChannelName', c)]))}
      ${renderSelect(form, 'departmentId', t.term('queueFilterDepartment'), any, options.departments.map((d) => [d.id, d.name]))}
      ${renderSelect(form, 'priority', t.term('queueFilterPriority'), any, priorities.map((p) => [p, t.term('queuePriorityName', p)]))}
      ${options.agents
        ? renderSelect(form, 'assignee', t.term('queueFilterAssignee'), any, [
            ['none', t.term('queueUnassigned')],
            ...options.agents.map((a): [string, string] => [a.id, a.name]),
          ])
        : nothing}
      <label>
        <span>${t.term('queueFilterTag')}</span>
        <input name="tag" type="text" .value=${form.tag} maxlength="40" />
      </label>
      <label>
        <span>${t.term('queueFilterFrom')}</span>
        <input name="from" type="date" .value=${form.from} max=${form.to || nothing} />
      </label>
      <label>
        <span>${t.term('queueFilterTo')}</span>
        <input name="to" type="date" .value=${form.to} min=${form.from || nothing} />
      </label>
      <button type="button" class="clear" ?disabled=${activeFilters(form) === 0} @click=${options.onClear}>
        ${t.term('queueClearFilters')}
      </button>
    </div>
  `;
}
