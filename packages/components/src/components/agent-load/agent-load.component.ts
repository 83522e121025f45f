import { consume } from '@lit/context';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { DeskClient } from '@deskkit/client';
import { feedContext } from '../../context/feed-context.js';
import { FeedController } from '../../controllers/feed-controller.js';
import type { DeskFeed } from '../../internal/desk-feed.js';
import { DeskAgentElement } from '../../internal/desk-agent-element.js';
import componentStyles from '../../styles/component.styles.js';
import { LocalizeController } from '../../utilities/localize.js';
import { commonTerms } from '../../translations/en/common.js';
import { agentLoadTerms } from '../../translations/en/agent-load.js';
import styles from './agent-load.styles.js';

/** The English terms this element shows. */
const terms = { ...commonTerms, ...agentLoadTerms };

export type AgentLoadRow = Awaited<ReturnType<DeskClient['agents']['load']['query']>>[number];
export type AgentLoadSort = 'load' | 'name';

/** Share of the agent's chat capacity in use (0-1; over 1 when over the cap). */
export const loadOf = (row: AgentLoadRow) => (row.maxChats > 0 ? row.openChats / row.maxChats : row.openChats > 0 ? 1 : 0);

/**
 * @tag agent-load
 * @summary The supervisor's view of the team: each active agent's status, whether
 * they are online, open chats against their cap, open tickets and departments.
 * Follows the desk feed (chats and presence changes), re-querying `agents.load` (debounced).
 *
 * @fires desk-agent-select - An agent was picked (click or Enter on their name).
 *
 * @csspart base - The wrapper.
 * @csspart header - Title and sort switch.
 * @csspart sort - The sort button.
 * @csspart table - The table of agents.
 * @csspart row - One agent's row; also `row-selected`.
 * @csspart agent - The button with the agent's name.
 * @csspart dot - The status dot; also `dot-available` or `dot-unavailable`.
 * @csspart online - Online/offline text.
 * @csspart bar - The load bar (a `meter`).
 * @csspart chats - "n of m chats".
 * @csspart tickets - Open tickets.
 * @csspart departments - The agent's departments.
 * @csspart empty - No agents / not allowed.
 * @csspart error - An error message (`role="alert"`).
 *
 * @cssprop --available-color - Colour of Available.
 * @cssprop --unavailable-color - Colour of Unavailable.
 * @cssprop --bar-color - Load bar fill.
 * @cssprop --full-color - Load bar fill at or over the cap.
 */
export class AgentLoad extends DeskAgentElement {
  static override styles = [componentStyles, styles];

  @consume({ context: feedContext, subscribe: true })
  @state()
  feed?: DeskFeed;

  /** Row order: busiest first (`load`) or alphabetical (`name`). */
  @property({ reflect: true }) sort: AgentLoadSort = 'load';

  /** The highlighted agent's id; set on select, settable by the page. */
  @property() selected: string | null = null;

  /** Milliseconds to wait after a change before re-querying. */
  @property({ type: Number }) debounce = 250;

  @state() private rows: AgentLoadRow[] = [];
  @state() private loading = false;
  @state() private error = '';

  private readonly localize = new LocalizeController(this, terms);
  private loadTicket = 0;
  private timer?: ReturnType<typeof setTimeout>;

  private readonly live = new FeedController(this, {
    feed: () => this.feed,
    onEvent: (event) => {
      if (event.type !== 'typing' && event.type !== 'message') this.schedule();
    },
  });

  private get allowed(): boolean {
    return Boolean(this.session && this.session.agent.role !== 'agent');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const sessionChanged = changed.has('session') && changed.get('session')?.token !== this.session?.token;
    if (changed.has('client') || changed.has('feed') || sessionChanged) void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  /** Re-queries the numbers now (the element also does this by itself on changes). */
  async refresh(): Promise<void> {
    clearTimeout(this.timer);
    const ticket = ++this.loadTicket;
    try {
      const rows = await this.client!.agents.load.query();
      if (ticket !== this.loadTicket) return;
      this.rows = rows;
      this.error = '';
    } catch (err) {
      if (ticket === this.loadTicket) this.error = this.message(err);
    }
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), this.debounce);
  }

  /** The event position first, then the numbers, then follow on: nothing falls in between. */
  private async start(): Promise<void> {
    this.live.stop();
    this.rows = [];
    this.error = '';
    if (!this.client || !this.allowed) return;
    const client = this.client;
    this.loading = true;
    try {
      const { lastEventId } = await client.presence.list.query();
      if (client !== this.client) return;
      await this.refresh();
      this.live.follow(lastEventId);
    } catch (err) {
      this.error = this.message(err);
    } finally {
      this.loading = false;
    }
  }

  private message(err: unknown): string {
    return `${this.localize.term('errorPrefix')} ${err instanceof Error ? err.message : String(err)}`;
  }

  private sorted(): AgentLoadRow[] {
    const byName = (a: AgentLoadRow, b: AgentLoadRow) => a.name.localeCompare(b.name);
    if (this.sort === 'name') return [...this.rows].sort(byName);
    return [...this.rows].sort((a, b) => loadOf(b) - loadOf(a) || b.tickets - a.tickets || byName(a, b));
  }

  private select(row: AgentLoadRow): void {
    this.selected = row.agentId;
    this.emit('desk-agent-select', { agentId: row.agentId, name: row.name });
  }

  protected override render() {
    if (!this.session) return html`<p part="empty">${this.localize.term('signInRequired')}</p>`;
    if (!this.allowed) return html`<p part="empty">${this.localize.term('agentLoadSupervisorsOnly')}</p>`;
    const error = this.error || (this.feed?.status === 'error' ? this.message(this.feed.error) : '');
    return html`
      <div part="base">
        <div part="header">
          <strong>${this.localize.term('agentLoadTeam')}</strong>
          <button part="sort" type="button" @click=${() => (this.sort = this.sort === 'load' ? 'name' : 'load')}>
            ${this.localize.term(this.sort === 'load' ? 'agentLoadSortByName' : 'agentLoadSortByLoad')}
          </button>
        </div>
        ${error ? html`<p part="error" role="alert">${error}</p>` : nothing}
        ${this.loading && this.rows.length === 0
          ? html`<p part="empty">${this.localize.term('loading')}</p>`
          : this.rows.length === 0
            ? html`<p part="empty">${this.localize.term('agentLoadEmpty')}</p>`
            : html`<div class="table-frame"><table part="table" aria-label=${this.localize.term('agentLoadTeam')}>
                <thead>
                  <tr>
                    <th scope="col">${this.localize.term('agentLoadAgent')}</th>
                    <th scope="col">${this.localize.term('agentLoadStatus')}</th>
                    <th scope="col" aria-sort=${this.sort === 'load' ? 'descending' : 'none'}>${this.localize.term('agentLoadChats')}</th>
                    <th scope="col">${this.localize.term('agentLoadTickets')}</th>
                    <th scope="col">${this.localize.term('agentLoadDepartments')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${repeat(this.sorted(), (row) => row.agentId, (row) => this.renderRow(row))}
                </tbody>
              </table></div>`}
      </div>
    `;
  }

  private renderRow(row: AgentLoadRow) {
    const selected = row.agentId === this.selected;
    const full = row.openChats >= row.maxChats;
    return html`
      <tr
        part="row${selected ? ' row-selected' : ''}"
        data-agent-id=${row.agentId}
        data-status=${row.status}
        data-online=${row.online ? 'true' : 'false'}
        aria-selected=${selected ? 'true' : 'false'}
      >
        <td>
          <button part="agent" type="button" @click=${() => this.select(row)}>
            <span part="dot dot-${row.status}" aria-hidden="true"></span>${row.name}
          </button>
        </td>
        <td>
          <span>${this.localize.term(row.status)}</span>
          <small part="online">${this.localize.term(row.online ? 'agentLoadOnline' : 'offline')}</small>
        </td>
        <td>
          <meter part="bar${full ? ' bar-full' : ''}" min="0" max=${Math.max(row.maxChats, 1)} value=${row.openChats}></meter>
          <span part="chats">${this.localize.term('agentLoadOf', row.openChats, row.maxChats)}</span>
        </td>
        <td part="tickets">${row.tickets}</td>
        <td part="departments">${row.departments.map((d) => d.name).join(', ')}</td>
      </tr>
    `;
  }
}
