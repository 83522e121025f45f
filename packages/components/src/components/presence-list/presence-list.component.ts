import { consume } from '@lit/context';
import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { PresenceEntry } from '@deskkit/client';
import { feedContext } from '../../context/feed-context.js';
import { FeedController } from '../../controllers/feed-controller.js';
import type { DeskFeed } from '../../internal/desk-feed.js';
import { DeskAgentElement } from '../../internal/desk-agent-element.js';
import { safeUrl } from '../../internal/safe-url.js';
import componentStyles from '../../styles/component.styles.js';
import { LocalizeController } from '../../utilities/localize.js';
import { commonTerms } from '../../translations/en/common.js';
import styles from './presence-list.styles.js';

/** The English terms this element shows. */
const terms = commonTerms;

type Status = PresenceEntry['status'];

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');

/**
 * @tag presence-list
 * @summary Who is online in the team, with each agent's Available/Unavailable status,
 * and a switch for the signed-in agent's own status. Updates live.
 *
 * @fires desk-presence-change - The signed-in agent changed their own status (after the server confirmed it).
 *
 * @csspart base - The wrapper.
 * @csspart header - The row with the online count and the status switch.
 * @csspart toggle - The signed-in agent's status switch (a `role="switch"` button).
 * @csspart list - The list of online agents.
 * @csspart item - One agent; also `item-self` for the signed-in agent.
 * @csspart avatar - The agent's picture or initials.
 * @csspart dot - The status dot; also `dot-available` or `dot-unavailable`.
 * @csspart name - The agent's name.
 * @csspart status - The status text beside the name.
 * @csspart empty - Shown when nobody is online.
 * @csspart loading - Shown while the list loads.
 * @csspart error - An error message (`role="alert"`).
 *
 * @cssprop --dot-size - Diameter of the status dot.
 * @cssprop --available-color - Colour of Available (defaults to `--desk-color-available`).
 * @cssprop --unavailable-color - Colour of Unavailable (defaults to `--desk-color-unavailable`).
 * @cssprop --accent-color - Focus ring colour (defaults to `--desk-color-accent`).
 * @cssprop --border-color - Separators (defaults to `--desk-color-border`).
 * @cssprop --muted-color - Secondary text (defaults to `--desk-color-muted`).
 */
export class PresenceList extends DeskAgentElement {
  static override styles = [componentStyles, styles];

  /** The provider's live stream, which carries presence changes (and keeps the agent online). */
  @consume({ context: feedContext, subscribe: true })
  @state()
  feed?: DeskFeed;

  /** Online agents by id. */
  @state() private agents = new Map<string, PresenceEntry>();
  @state() private myStatus: Status = 'unavailable';
  @state() private loading = false;
  @state() private busy = false;
  @state() private error = '';

  private readonly localize = new LocalizeController(this, terms);
  private loadTicket = 0;

  private readonly live = new FeedController(this, {
    feed: () => this.feed,
    onEvent: (event) => event.type === 'presence' && this.apply(event.entry),
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session') && this.session) this.myStatus = this.session.agent.status;
    const sessionChanged = changed.has('session') && changed.get('session')?.token !== this.session?.token;
    if (changed.has('client') || changed.has('feed') || sessionChanged) void this.load();
  }

  /** Loads the snapshot, then follows changes from exactly where it left off. */
  private async load(): Promise<void> {
    const ticket = ++this.loadTicket;
    this.live.stop();
    this.agents = new Map();
    this.error = '';
    const client = this.client;
    if (!client || !this.session || !this.feed) {
      this.loading = false;
      return;
    }
    this.loading = true;
    try {
      const snapshot = await client.presence.list.query();
      if (ticket !== this.loadTicket) return;
      this.agents = new Map(snapshot.agents.map((entry) => [entry.agentId, entry]));
      const me = this.agents.get(this.session.agent.id);
      if (me) this.myStatus = me.status;
      this.live.follow(snapshot.lastEventId);
    } catch (err) {
      if (ticket === this.loadTicket) this.error = this.message(err);
    } finally {
      if (ticket === this.loadTicket) this.loading = false;
    }
  }

  private apply(entry: PresenceEntry): void {
    const agents = new Map(this.agents);
    if (entry.online) agents.set(entry.agentId, entry);
    else agents.delete(entry.agentId);
    this.agents = agents;
    if (entry.agentId === this.session?.agent.id) this.myStatus = entry.status;
  }

  private async handleToggle(): Promise<void> {
    if (!this.client || this.busy) return;
    const status: Status = this.myStatus === 'available' ? 'unavailable' : 'available';
    this.busy = true;
    this.error = '';
    try {
      const entry = await this.client.presence.setStatus.mutate({ status });
      this.myStatus = entry.status;
      if (entry.online) this.apply(entry);
      this.emit('desk-presence-change', { status: entry.status });
    } catch (err) {
      this.error = this.message(err);
    } finally {
      this.busy = false;
    }
  }

  private message(err: unknown): string {
    return `${this.localize.term('errorPrefix')} ${err instanceof Error ? err.message : String(err)}`;
  }

  private sorted(): PresenceEntry[] {
    const self = this.session?.agent.id;
    const rank = (e: PresenceEntry) => (e.agentId === self ? 0 : e.status === 'available' ? 1 : 2);
    return [...this.agents.values()].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
  }

  protected override render() {
    if (!this.session) return html`<p part="empty">${this.localize.term('signInRequired')}</p>`;
    const agents = this.sorted();
    const error = this.error || (this.feed?.status === 'error' ? this.message(this.feed.error) : '');
    return html`
      <div part="base">
        <div part="header">
          <span aria-live="polite">${this.loading ? '' : this.localize.term('onlineCount', agents.length)}</span>
          ${this.renderToggle()}
        </div>
        ${error ? html`<p part="error" role="alert">${error}</p>` : nothing}
        ${this.loading
          ? html`<p part="loading">${this.localize.term('loading')}</p>`
          : agents.length === 0
            ? html`<p part="empty">${this.localize.term('nobodyOnline')}</p>`
            : html`<ul part="list" aria-label=${this.localize.term('team')}>
                ${repeat(agents, (entry) => entry.agentId, (entry) => this.renderItem(entry))}
              </ul>`}
      </div>
    `;
  }

  private renderToggle() {
    const on = this.myStatus === 'available';
    return html`
      <!-- aria-disabled, not disabled: a disabled button would drop keyboard focus mid-toggle. -->
      <button
        part="toggle"
        type="button"
        role="switch"
        aria-checked=${on ? 'true' : 'false'}
        aria-disabled=${this.busy ? 'true' : 'false'}
        @click=${this.handleToggle}
      >
        <span class="track" aria-hidden="true"></span>
        <span>${this.localize.term('setMyStatus')}</span>
      </button>
    `;
  }

  private renderItem(entry: PresenceEntry) {
    const self = entry.agentId === this.session?.agent.id;
    const statusText = this.localize.term(entry.status);
    // Only web images: a `javascript:` or `data:` avatar shows the initials instead.
    const avatar = safeUrl(entry.avatarUrl);
    return html`
      <li part="item${self ? ' item-self' : ''}" data-agent-id=${entry.agentId} data-status=${entry.status}>
        <span part="avatar" aria-hidden="true">
          ${avatar ? html`<img src=${avatar} alt="" />` : initials(entry.name)}
          <span part="dot dot-${entry.status}"></span>
        </span>
        <span part="name">${entry.name}${self ? html`${' '}<small>(${this.localize.term('you')})</small>` : nothing}</span>
        <span part="status">${statusText}</span>
      </li>
    `;
  }
}
