import { consume } from '@lit/context';
import { virtualize, virtualizerRef, type VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import type { RangeChangedEvent, VisibilityChangedEvent } from '@lit-labs/virtualizer/events.js';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type {
  AgentLiveEvent,
  AgentProfile,
  ConversationCounts,
  ConversationFilter,
  ConversationSort,
  ConversationView,
  DepartmentView,
} from '@deskkit/client';
import { FeedController } from '../../controllers/feed-controller.js';
import { SizeController } from '../../controllers/size-controller.js';
import { feedContext } from '../../context/feed-context.js';
import type { DeskSession } from '../../context/session-context.js';
import type { DeskFeed } from '../../internal/desk-feed.js';
import { DeskAgentElement } from '../../internal/desk-agent-element.js';
import componentStyles from '../../styles/component.styles.js';
import { langOf, LocalizeController } from '../../utilities/localize.js';
import { commonTerms } from '../../translations/en/common.js';
import { queueTerms } from '../../translations/en/agent-queue.js';
import { activeFilters, emptyForm, filterKey, renderFilterPanel, toFilter, type FilterForm } from './agent-queue.filters.js';
import { ClockController } from './agent-queue.format.js';
import { acceptCellId, isAcceptable, renderRow, rowId, type RowContext } from './agent-queue.row.js';
import { rowLayout } from './agent-queue.layout.js';
import { pruneOrphanMarkers } from './agent-queue.markers.js';
import { queueRules, type QueueView } from './agent-queue.rules.js';
import { QueueStore } from './agent-queue.store.js';
import styles from './agent-queue.styles.js';

/** The English terms this element shows. */
const terms = { ...commonTerms, ...queueTerms };

const VIEWS: readonly QueueView[] = ['pending', 'mine', 'all', 'tickets', 'closed'];
const SORTS: readonly ConversationSort[] = ['lastActivity', 'waitTime', 'priority', 'created'];
/** Search typing and tab counts wait this long for things to settle. */
const DEBOUNCE_MS = 300;
/** Load the next page when the rendered rows come this close to the end. */
const LOOKAHEAD = 20;
/** Rows PageUp/PageDown move. */
const PAGE_STEP = 10;

/** What tab counts depend on: a change elsewhere (a new message, a read mark) leaves them as they are. */
const countedBy = (c: ConversationView) =>
  [c.kind, c.status, c.assigneeId, c.departmentId, c.priority, c.channel, c.tags.join(','), c.unread.agent > 0].join('|');

const canSupervise = (session: DeskSession | null) => Boolean(session?.agent.permissions.includes('conversations:supervise'));

/**
 * @tag agent-queue
 * @summary The agent's queues (Pending, Mine, All for supervisors, Tickets, Closed) with live
 * counts, search, filters and sorting; a virtualised, keyboard-driven list that updates live
 * and accepts pending chats. Lives inside `<desk-provider>`.
 *
 * Give it a height (it fills it; the list scrolls). Keys on the list: ↑/↓, Home/End,
 * PageUp/PageDown move; Enter opens; `a` (or → then Enter) accepts a pending chat.
 *
 * @fires desk-conversation-select - A conversation was chosen (click, Enter, or after accepting it): `{ conversationId }`.
 * @fires desk-conversation-accept - The agent accepted a pending chat and the server assigned it: `{ conversationId }`.
 *
 * @csspart base - The wrapper.
 * @csspart tabs - The tab list.
 * @csspart tab - One tab; also `tab-selected` for the current one.
 * @csspart tab-count - A tab's conversation count.
 * @csspart toolbar - The search, sort and filter toggle row (a search landmark).
 * @csspart search - The search box.
 * @csspart sort - The sort select.
 * @csspart filter-toggle - The button that shows or hides the filters.
 * @csspart filters - The filter controls.
 * @csspart list - The scrolling list (`role="grid"`).
 * @csspart row - One conversation; also `row-selected`, `row-active` (keyboard position) and `row-unread`.
 * @csspart customer - The customer's name.
 * @csspart verified - The verified-customer mark.
 * @csspart badge - The unread count.
 * @csspart subject - The subject or first message.
 * @csspart priority - The priority; also `priority-low|normal|high|urgent`.
 * @csspart channel - The channel.
 * @csspart assignee - The assigned agent (supervisors, outside Pending and Mine).
 * @csspart tags - The tags; each is a `tag` (and `tag tag-more` for "+N").
 * @csspart wait - How long a pending chat has waited (updates live).
 * @csspart activity - When a non-pending conversation last had activity.
 * @csspart accept - The Accept button of a pending chat; also `accept-active` at the keyboard position.
 * @csspart empty - Shown when the tab has nothing (or nobody is signed in).
 * @csspart error - An error (`role="alert"`).
 * @csspart loading - Loading indicators.
 *
 * @cssprop --accent-color - Selection, focus and active tab (defaults to `--desk-color-accent`).
 * @cssprop --border-color - Separators (defaults to `--desk-color-border`).
 * @cssprop --muted-color - Secondary text (defaults to `--desk-color-muted`).
 * @cssprop --surface-color - Background (defaults to `--desk-color-surface`).
 * @cssprop --selected-background - Background of the selected row.
 * @cssprop --hover-background - Background of a hovered row.
 * @cssprop --danger-color - Errors and urgent priority (defaults to `--desk-color-danger`).
 * @cssprop --warning-color - High priority.
 * @cssprop --badge-color - Unread badge background (defaults to the accent colour).
 * @cssprop --on-accent-color - Text on the accent colour: Accept button and badge (defaults to `--desk-color-on-accent`).
 * @cssprop --row-height - Height of one row.
 * @cssprop --list-min-height - Smallest height of the list when the element is not given one.
 */
export class AgentQueue extends DeskAgentElement {
  static override styles = [componentStyles, styles];

  @consume({ context: feedContext, subscribe: true })
  @state()
  feed?: DeskFeed;

  /** The tab shown. `all` is for supervisors; others see Pending instead. */
  @property({ reflect: true }) view: QueueView = 'pending';

  /** The selected conversation's id; set when the agent picks one, and settable by the page. */
  @property() selected: string | null = null;

  /** How many conversations one page loads (1-200). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 100;

  /** The order of the list; empty for the server's default of each tab. */
  @property() sort: ConversationSort | '' = '';

  @state() private rows: readonly ConversationView[] = [];
  @state() private counts: ConversationCounts | null = null;
  @state() private departments: DepartmentView[] = [];
  @state() private agents: AgentProfile[] = [];
  @state() private loading = false;
  @state() private loadingMore = false;
  @state() private loadError = '';
  @state() private moreError = '';
  @state() private acceptError = '';
  @state() private accepting: ReadonlySet<string> = new Set();
  @state() private announcement = '';
  @state() private form: FilterForm = emptyForm();
  /** The search box's text, and the text searched for (after the debounce). */
  @state() private query = '';
  @state() private searched = '';
  @state() private filtersOpen = false;
  @state() private activeId: string | null = null;
  @state() private activeCell: 'row' | 'accept' = 'row';
  /** Rendered rows (from the virtualizer). */
  @state() private range = { first: -1, last: -1 };
  /** Rows in sight (not state: only read on focus). */
  private visible = { first: -1, last: -1 };

  @query('[part=list]') private list?: HTMLElement & VirtualizerHostElement;
  /** Sized by `--row-height`: tells the virtualizer how tall a row is before it measures one. */
  @query('.row-probe') private rowProbe?: HTMLElement;

  private readonly localize = new LocalizeController(this, terms);
  private readonly clock = new ClockController(this, 10_000);
  /** The search box's width: where the full placeholder would be cut, a shorter one shows. */
  private readonly searchSize = new SizeController(this, { target: () => this.renderRoot.querySelector('[part=search]') });
  private placeholderFit?: { width: number; text: string };
  private readonly layout = rowLayout(() => this.rowProbe?.getBoundingClientRect().height ?? 0);
  /** While a tab reloads, live events wait: the new page's `lastEventId` replays them after it. */
  private livePaused = true;
  private readonly live = new FeedController(this, {
    feed: () => this.feed,
    onEvent: (event) => {
      if (!this.livePaused) this.handleLive(event);
    },
  });
  private store = new QueueStore(queueRules({ view: 'pending', filter: {}, agentId: '' }));
  /** What the loaded rows answer: view, filter, sort and page size. */
  private loadedKey = '';
  private request?: { view: QueueView; filter: ConversationFilter; sort?: ConversationSort; limit: number };
  private cursor: string | null = null;
  private loadTicket = 0;
  /** The filter the counts answer (tabs share it, so switching tabs keeps them). */
  private countedKey = '';
  private countsTicket = 0;
  private pageAbort?: AbortController;
  private searchTimer?: ReturnType<typeof setTimeout>;
  private countsTimer?: ReturnType<typeof setTimeout>;
  private unwatchFeed?: () => void;
  private feedWasLive = false;
  /** A load was cut short by a disconnect. */
  private interrupted = false;

  /** Reloads the first page and the counts. Resolves when the page is in. */
  refresh(): Promise<void> {
    this.countedKey = '';
    return this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
    clearTimeout(this.countsTimer);
    if (this.loading || this.loadingMore) {
      this.pageAbort?.abort();
      this.interrupted = true;
    }
    this.unwatchFeed?.();
    this.unwatchFeed = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved in the page: the rows are kept and the feed resumes where it left off;
    // a page that was still loading is loaded again.
    if (this.feed && !this.unwatchFeed) this.watchFeed();
    if (this.interrupted) {
      this.interrupted = false;
      void this.load();
    }
  }

  private get supervisor(): boolean {
    return canSupervise(this.session);
  }

  /** The tab really shown: `all` falls back to Pending for agents who cannot supervise. */
  /**
   * Shows only conversations assigned to `agentId` (`'none'`: unassigned; `null` clears it),
   * as if picked in the Assignee filter. Supervisors only (e.g. from `<agent-load>`'s `desk-agent-select`).
   */
  filterByAssignee(agentId: string | null): void {
    this.form = { ...this.form, assignee: agentId ?? '' };
    if (agentId) this.filtersOpen = true;
  }

  private get currentView(): QueueView {
    return this.view === 'all' && !this.supervisor ? 'pending' : this.view;
  }

  private get filter(): ConversationFilter {
    return toFilter(this.form, this.searched, this.supervisor);
  }

  private get limit(): number {
    return Math.min(200, Math.max(1, Math.floor(this.pageSize) || 100));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('feed')) this.watchFeed();
    const sessionChanged = changed.has('session') && changed.get('session')?.token !== this.session?.token;
    if (changed.has('client') || sessionChanged) {
      this.counts = null;
      this.departments = [];
      this.agents = [];
      void this.loadLookups();
    }
    const key = this.requestKey();
    if (changed.has('client') || sessionChanged || changed.has('feed') || key !== this.loadedKey) void this.load();
    if (changed.has('selected') && this.selected && !this.activeId) this.activeId = this.selected;
  }

  private requestKey(): string {
    return JSON.stringify([this.session?.token ?? null, this.currentView, filterKey(this.filter), this.sort, this.limit]);
  }

  /** Loads the first page of the current tab, then follows the live feed from exactly there. */
  private async load(): Promise<void> {
    const ticket = ++this.loadTicket;
    this.loadedKey = this.requestKey();
    this.pageAbort?.abort();
    this.livePaused = true;
    this.cursor = null;
    this.loadingMore = false;
    this.loadError = '';
    this.moreError = '';
    const client = this.client;
    const session = this.session;
    const view = this.currentView;
    const filter = this.filter;
    const sort = this.sort || undefined;
    this.store = new QueueStore(queueRules({ view, filter, sort, agentId: session?.agent.id ?? '' }));
    this.rows = this.store.rows;
    this.request = { view, filter, sort, limit: this.limit };
    if (!client || !session) {
      this.live.stop();
      this.livePaused = true;
      this.loading = false;
      return;
    }
    this.loading = true;
    if (this.list) this.list.scrollTop = 0;
    const countsKey = JSON.stringify([session.token, filterKey(filter)]);
    if (countsKey !== this.countedKey) {
      this.countedKey = countsKey;
      this.scheduleCounts();
    }
    const abort = (this.pageAbort = new AbortController());
    try {
      const page = await client.conversations.list.query(this.request, { signal: abort.signal });
      if (ticket !== this.loadTicket) return;
      this.store.addPage(page.items, page.nextCursor);
      this.cursor = page.nextCursor;
      this.rows = this.store.rows;
      this.livePaused = false;
      this.live.follow(page.lastEventId);
      this.keepActive(0);
    } catch (err) {
      if (ticket === this.loadTicket && !abort.signal.aborted) this.loadError = this.message(err);
    } finally {
      if (ticket === this.loadTicket) this.loading = false;
    }
    if (ticket === this.loadTicket) {
      await this.updateComplete;
      this.loadMoreIfNear();
    }
  }

  /** Loads the page after the last one (keyset: `cursor` is the previous page's `nextCursor`). */
  private async loadMore(): Promise<void> {
    const client = this.client;
    const cursor = this.cursor;
    if (!client || !cursor || !this.request || this.loading || this.loadingMore) return;
    const ticket = this.loadTicket;
    this.loadingMore = true;
    this.moreError = '';
    try {
      const page = await client.conversations.list.query({ ...this.request, cursor }, { signal: this.pageAbort?.signal });
      if (ticket !== this.loadTicket) return;
      this.store.addPage(page.items, page.nextCursor);
      this.cursor = page.nextCursor;
      this.rows = this.store.rows;
    } catch (err) {
      if (ticket === this.loadTicket && !this.pageAbort?.signal.aborted) this.moreError = this.message(err);
    } finally {
      if (ticket === this.loadTicket) this.loadingMore = false;
    }
    if (ticket === this.loadTicket && !this.moreError) {
      await this.updateComplete;
      this.loadMoreIfNear();
    }
  }

  private loadMoreIfNear(): void {
    if (this.cursor && this.range.last >= this.rows.length - LOOKAHEAD) void this.loadMore();
  }

  /** Departments (for the filter) and, for supervisors, agents (assignee filter and names). */
  private async loadLookups(): Promise<void> {
    const client = this.client;
    const session = this.session;
    if (!client || !session) return;
    const [departments, agents] = await Promise.all([
      client.departments.list.query().catch(() => [] as DepartmentView[]),
      canSupervise(session) ? client.agents.list.query().catch(() => [] as AgentProfile[]) : Promise.resolve([] as AgentProfile[]),
    ]);
    if (client !== this.client || session.token !== this.session?.token) return;
    this.departments = departments;
    this.agents = agents;
  }

  /** Tab counts with the current filter, debounced: bursts of events cost one request. */
  private scheduleCounts(): void {
    clearTimeout(this.countsTimer);
    this.countsTimer = setTimeout(() => void this.loadCounts(), DEBOUNCE_MS);
  }

  private async loadCounts(): Promise<void> {
    const client = this.client;
    if (!client || !this.session) return;
    const ticket = ++this.countsTicket;
    try {
      const counts = await client.conversations.counts.query({ filter: this.filter });
      if (ticket === this.countsTicket) this.counts = counts;
    } catch {
      // Counts are a hint; the list itself reports errors.
    }
  }

  private handleLive(event: AgentLiveEvent): void {
    if (event.type !== 'conversation' && event.type !== 'removed') return;
    const before = event.type === 'conversation' ? this.store.latest(event.conversation.id) : undefined;
    const index = this.activeIndex();
    if (this.store.apply(event)) {
      this.rows = this.store.rows;
      this.keepActive(index);
    }
    // Most events are new messages; the counts only change when what they count by changes.
    if (event.type === 'removed' || !before || this.searched || countedBy(before) !== countedBy(event.conversation)) {
      this.scheduleCounts();
    }
  }

  private watchFeed(): void {
    this.unwatchFeed?.();
    this.feedWasLive = false;
    const feed = this.feed;
    this.unwatchFeed = feed?.onStatus(() => {
      // A restart we asked for goes through idle; a dropped connection goes straight to connecting.
      if (feed.status === 'live' || feed.status === 'idle') this.feedWasLive = feed.status === 'live';
      this.requestUpdate();
    });
  }

  // Keyboard position ------------------------------------------------------

  private activeIndex(): number {
    return this.activeId ? this.store.indexOf(this.activeId) : -1;
  }

  /** After the rows change: when the active row left, the row now in its place takes over. */
  private keepActive(previousIndex: number): void {
    if (!this.activeId || this.store.get(this.activeId)) return;
    const fallback = this.rows[Math.min(Math.max(previousIndex, 0), this.rows.length - 1)];
    this.activeId = fallback?.id ?? null;
    if (!fallback || !isAcceptable(fallback)) this.activeCell = 'row';
  }

  private async activate(index: number, cell: 'row' | 'accept' = 'row'): Promise<void> {
    const row = this.rows[index];
    if (!row) return;
    this.activeId = row.id;
    this.activeCell = cell === 'accept' && isAcceptable(row) ? 'accept' : 'row';
    await this.updateComplete;
    this.list?.[virtualizerRef]?.element(index)?.scrollIntoView({ block: 'nearest' });
  }

  private select(conversationId: string): void {
    this.selected = conversationId;
    this.emit('desk-conversation-select', { conversationId });
  }

  /** Accepts a pending chat; on success it leaves Pending (and appears in Mine) and is selected. */
  private async accept(conversationId: string): Promise<void> {
    const client = this.client;
    if (!client || this.accepting.has(conversationId)) return;
    const name = this.store.get(conversationId)?.customer.name ?? '';
    this.accepting = new Set([...this.accepting, conversationId]);
    this.acceptError = '';
    this.announcement = '';
    try {
      const conversation = await client.conversations.accept.mutate({ conversationId });
      this.handleLive({ type: 'conversation', conversation });
      this.announcement = this.localize.term('queueAccepted', name);
      this.emit('desk-conversation-accept', { conversationId });
      this.select(conversationId);
    } catch (err) {
      this.acceptError = this.localize.term('queueAcceptFailed', err instanceof Error ? err.message : String(err));
    } finally {
      const accepting = new Set(this.accepting);
      accepting.delete(conversationId);
      this.accepting = accepting;
    }
  }

  private message(err: unknown): string {
    return `${this.localize.term('errorPrefix')} ${err instanceof Error ? err.message : String(err)}`;
  }

  // Handlers -----------------------------------------------------------------

  private async selectTab(view: QueueView, focus = false): Promise<void> {
    if (view !== this.view) this.acceptError = '';
    this.view = view;
    if (!focus) return;
    await this.updateComplete;
    this.shadowRoot!.getElementById(`tab-${view}`)?.focus();
  }

  private handleTabKeydown(event: KeyboardEvent): void {
    const tabs = this.tabs();
    const at = tabs.indexOf(this.currentView);
    const next =
      event.key === 'ArrowRight' ? (at + 1) % tabs.length
      : event.key === 'ArrowLeft' ? (at - 1 + tabs.length) % tabs.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? tabs.length - 1
      : -1;
    if (next < 0) return;
    event.preventDefault();
    void this.selectTab(tabs[next]!, true);
  }

  private handleSearchInput(event: InputEvent): void {
    this.query = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => (this.searched = this.query), DEBOUNCE_MS);
  }

  /** Enter searches at once; Escape clears the search. */
  private handleSearchKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' && !(event.key === 'Escape' && this.query)) return;
    event.preventDefault();
    clearTimeout(this.searchTimer);
    if (event.key === 'Escape') this.query = '';
    this.searched = this.query;
  }

  private handleSortChange(event: Event): void {
    this.sort = (event.target as HTMLSelectElement).value as ConversationSort | '';
  }

  private handleFilterChange(event: Event): void {
    const control = event.target as HTMLInputElement | HTMLSelectElement;
    const name = control.name as keyof FilterForm;
    if (!(name in this.form)) return;
    this.form = { ...this.form, [name]: control.value };
  }

  private handleClearFilters(): void {
    this.form = emptyForm();
  }

  /** Focus lands on the selected row if it is in sight, else on the first row in sight (no scrolling). */
  private handleListFocus(): void {
    if (this.activeId && this.store.get(this.activeId)) return;
    const { first, last } = this.visible;
    const selected = this.selected ? this.store.indexOf(this.selected) : -1;
    const index = selected >= first && selected <= last && selected >= 0 ? selected : Math.max(first, 0);
    const row = this.rows[index];
    if (!row) return;
    this.activeId = row.id;
    this.activeCell = 'row';
  }

  private handleListKeydown(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey || !this.rows.length) return;
    const last = this.rows.length - 1;
    const at = this.activeIndex();
    const row = at >= 0 ? this.rows[at] : undefined;
    let next: number;
    switch (event.key) {
      case 'ArrowDown':
        next = Math.min(at + 1, last);
        break;
      case 'ArrowUp':
        next = Math.max(at - 1, 0);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = last;
        break;
      case 'PageDown':
        next = Math.min(at + PAGE_STEP, last);
        break;
      case 'PageUp':
        next = Math.max(at - PAGE_STEP, 0);
        break;
      case 'ArrowRight':
      case 'ArrowLeft':
        if (!row) return;
        event.preventDefault();
        this.activeCell = event.key === 'ArrowRight' && isAcceptable(row) ? 'accept' : 'row';
        return;
      case 'Enter':
      case ' ':
        if (!row) return;
        event.preventDefault();
        if (this.activeCell === 'accept' && isAcceptable(row)) void this.accept(row.id);
        else this.select(row.id);
        return;
      case 'a':
      case 'A':
        if (!row || !isAcceptable(row)) return;
        event.preventDefault();
        void this.accept(row.id);
        return;
      default:
        return;
    }
    event.preventDefault();
    void this.activate(next, this.activeCell);
  }

  /** Keeps focus on the list when an Accept button is pressed (the row may vanish). */
  private handleListMousedown(event: MouseEvent): void {
    if ((event.target as Element).closest('[data-accept]')) event.preventDefault();
  }

  private handleListClick(event: MouseEvent): void {
    const target = event.target as Element;
    const rowElement = target.closest<HTMLElement>('[role=row]');
    const id = rowElement?.dataset.id;
    if (!id) return;
    const index = this.store.indexOf(id);
    this.list?.focus({ preventScroll: true });
    const acceptId = target.closest<HTMLElement>('[data-accept]')?.dataset.accept;
    void this.activate(index, acceptId ? 'accept' : 'row');
    if (acceptId) void this.accept(acceptId);
    else this.select(id);
  }

  private handleRangeChanged(event: RangeChangedEvent): void {
    this.range = { first: event.first, last: event.last };
    this.loadMoreIfNear();
    // After the directive has re-rendered the new range (it listens for this event too).
    const list = this.list;
    if (list) queueMicrotask(() => pruneOrphanMarkers(list));
  }

  private handleVisibilityChanged(event: VisibilityChangedEvent): void {
    this.visible = { first: event.first, last: event.last };
  }

  // Rendering ------------------------------------------------------------------

  private tabs(): QueueView[] {
    return VIEWS.filter((view) => view !== 'all' || this.supervisor);
  }

  protected override render() {
    if (!this.session) {
      return html`<div part="base"><p part="empty">${this.localize.term('queueSignIn')}</p></div>`;
    }
    const view = this.currentView;
    return html`
      <div part="base">
        <div part="tabs" role="tablist" aria-label=${this.localize.term('queueTabs')} @keydown=${this.handleTabKeydown}>
          ${this.tabs().map((tab) => this.renderTab(tab, tab === view))}
        </div>
        <div role="tabpanel" id="panel" class="panel" aria-labelledby="tab-${view}">
          ${this.renderToolbar()} ${this.filtersOpen ? this.renderFilters() : nothing} ${this.renderList(view)}
        </div>
        <div class="visually-hidden" role="status">${this.announcement}</div>
      </div>
    `;
  }

  private renderTab(tab: QueueView, selected: boolean) {
    const count = this.counts?.[tab];
    const label = this.localize.term('queueTab', tab);
    return html`<button
      part="tab${selected ? ' tab-selected' : ''}"
      role="tab"
      type="button"
      id="tab-${tab}"
      aria-selected=${selected ? 'true' : 'false'}
      aria-controls="panel"
      tabindex=${selected ? 0 : -1}
      data-view=${tab}
      @click=${() => void this.selectTab(tab)}
      ><span class="tab-label" data-label=${label}>${label}</span>${count === undefined
        ? nothing
        : html`<span part="tab-count" title=${this.localize.term('queueTabCount', count)}>${count}</span>`}</button
    >`;
  }

  /** The longest of the placeholders that fits the search box (measured in its font, once per width). */
  private searchPlaceholder(): string {
    const t = this.localize;
    const texts = [t.term('queueSearchPlaceholder'), t.term('queueSearchPlaceholderShort'), t.term('queueSearchPlaceholderShortest')];
    const width = this.searchSize.size?.width;
    const input = this.renderRoot.querySelector<HTMLInputElement>('[part=search]');
    if (!width || !input) return texts[0]!;
    if (this.placeholderFit?.width !== width || !texts.includes(this.placeholderFit.text)) {
      const context = document.createElement('canvas').getContext('2d');
      if (context) context.font = getComputedStyle(input).font;
      const text = texts.find((text) => !context || context.measureText(text).width <= width) ?? texts.at(-1)!;
      this.placeholderFit = { width, text };
    }
    return this.placeholderFit.text;
  }

  private renderToolbar() {
    const active = activeFilters(this.form);
    return html`
      <div part="toolbar" role="search">
        <input
          part="search"
          type="search"
          .value=${this.query}
          aria-label=${this.localize.term('queueSearch')}
          placeholder=${this.searchPlaceholder()}
          maxlength="200"
          @input=${this.handleSearchInput}
          @keydown=${this.handleSearchKeydown}
        />
        <select part="sort" aria-label=${this.localize.term('queueSort')} @change=${this.handleSortChange}
          ><option value="" ?selected=${!this.sort}>${this.localize.term('queueSortName', 'default')}</option
          >${SORTS.map(
            (sort) => html`<option value=${sort} ?selected=${this.sort === sort}>${this.localize.term('queueSortName', sort)}</option>`,
          )}</select
        >
        <button
          part="filter-toggle"
          type="button"
          aria-expanded=${this.filtersOpen ? 'true' : 'false'}
          aria-controls="filters"
          @click=${() => (this.filtersOpen = !this.filtersOpen)}
        >
          ${this.localize.term('queueFilters', active)}
        </button>
      </div>
    `;
  }

  private renderFilters() {
    return renderFilterPanel({
      form: this.form,
      departments: this.departments,
      // Only supervisors filter by assignee.
      agents: this.supervisor ? this.agents : null,
      localize: this.localize,
      onChange: this.handleFilterChange,
      onClear: this.handleClearFilters,
    });
  }

  /** Notices float over the top of the list: resizing it would make the virtualizer re-measure. */
  private renderNotices() {
    const feed = this.feed;
    const liveStopped = feed?.status === 'error' && !this.loading;
    const error = this.loadError || this.moreError;
    return html`
      <div class="notices">
      ${this.acceptError
        ? html`<div part="error" role="alert">
            <span>${this.acceptError}</span>
            <button type="button" @click=${() => (this.acceptError = '')}>${this.localize.term('queueDismiss')}</button>
          </div>`
        : nothing}
      ${error || liveStopped
        ? html`<div part="error" role="alert">
            <span>${error || this.localize.term('queueLiveStopped')}</span>
            <button type="button" @click=${() => (this.moreError && !this.loadError ? void this.loadMore() : void this.refresh())}>
              ${this.localize.term('queueRetry')}
            </button>
          </div>`
        : nothing}
      ${feed?.status === 'connecting' && this.feedWasLive
        ? html`<p part="loading" class="reconnecting">${this.localize.term('queueReconnecting')}</p>`
        : nothing}
      </div>
    `;
  }

  private renderList(view: QueueView) {
    const active = this.activeId;
    const activeRow = active ? this.store.get(active) : undefined;
    const activeIndex = this.activeIndex();
    const onAccept = this.activeCell === 'accept' && activeRow !== undefined && isAcceptable(activeRow);
    // Point only at a rendered row (the virtualizer drops those far out of sight).
    const rendered = activeIndex >= this.range.first && activeIndex <= this.range.last;
    const descendant = activeRow && rendered ? (onAccept ? acceptCellId(activeRow.id) : rowId(activeRow.id)) : undefined;
    const rowCount = this.cursor ? (this.counts?.[view] ?? -1) : this.rows.length;
    const ctx: RowContext = {
      localize: this.localize,
      lang: langOf(this),
      now: Math.max(this.clock.now, Date.now()),
      selected: this.selected,
      active,
      activeCell: onAccept ? 'accept' : 'row',
      accepting: this.accepting,
      agentNames: new Map(this.agents.map((a) => [a.id, a.name])),
      showAssignee: view !== 'pending' && view !== 'mine',
    };
    const empty = !this.loading && !this.loadError && this.rows.length === 0;
    return html`
      <div class="frame">
        <div class="row-probe" aria-hidden="true"></div>
        <div
          part="list"
          role="grid"
          tabindex="0"
          aria-label=${this.localize.term('queueList', this.localize.term('queueTab', view))}
          aria-description=${this.localize.term('queueKeyboardHelp')}
          aria-keyshortcuts="a"
          aria-rowcount=${rowCount}
          aria-activedescendant=${descendant ?? nothing}
          aria-busy=${this.loading || this.loadingMore ? 'true' : 'false'}
          @focus=${this.handleListFocus}
          @keydown=${this.handleListKeydown}
          @mousedown=${this.handleListMousedown}
          @click=${this.handleListClick}
          @rangeChanged=${this.handleRangeChanged}
          @visibilityChanged=${this.handleVisibilityChanged}
        >
          ${virtualize({
            items: this.rows as ConversationView[],
            keyFunction: (c) => c.id,
            renderItem: (c, index) => renderRow(c, index, ctx),
            scroller: true,
            layout: this.layout,
          })}
        </div>
        ${this.loading ? html`<p part="loading" class="overlay">${this.localize.term('loading')}</p>` : nothing}
        ${empty
          ? html`<p part="empty" class="overlay">
              ${this.searched || activeFilters(this.form) ? this.localize.term('queueNoMatches') : this.localize.term('queueEmpty', view)}
            </p>`
          : nothing}
        ${this.loadingMore ? html`<p part="loading" class="more">${this.localize.term('queueLoadingMore')}</p>` : nothing}
        ${this.renderNotices()}
      </div>
    `;
  }
}
