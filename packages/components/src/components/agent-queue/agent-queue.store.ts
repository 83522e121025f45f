/**
 * @license MIT
 * The rows of one queue tab: keyset pages merged with live events.
 */
import type { AgentLiveEvent, ConversationView } from '@deskkit/client';
import type { QueueRules } from './agent-queue.rules.js';

type Known = { revision: number; view: ConversationView | null };

/**
 * The loaded part of a queue, in the server's order. Pages are a prefix of the
 * whole list; a live event only places a conversation inside that prefix (past its
 * end, the next page brings it). Every conversation is kept at the highest
 * revision seen, and `removed` events leave tombstones, so replayed or late
 * events and pages read before an event never bring back an old state.
 */
export class QueueStore {
  /** The listed conversations, sorted. A new array after every change. */
  rows: readonly ConversationView[] = [];
  /** More pages follow the loaded ones. */
  hasMore = false;

  private readonly listed = new Map<string, ConversationView>();
  private readonly known = new Map<string, Known>();
  /** The last row of the last page as the server read it: the keyset cursor's position. */
  private boundary: ConversationView | null = null;

  constructor(private readonly rules: QueueRules) {}

  get size(): number {
    return this.rows.length;
  }

  get(id: string): ConversationView | undefined {
    return this.listed.get(id);
  }

  /** The newest state seen of a conversation, listed or not (`null` after a removal). */
  latest(id: string): ConversationView | null | undefined {
    return this.known.get(id)?.view;
  }

  indexOf(id: string): number {
    const view = this.listed.get(id);
    return view ? this.locate(view) : -1;
  }

  /** Merges the next page (`nextCursor` is the page's, `null` at the end). */
  addPage(items: readonly ConversationView[], nextCursor: string | null): void {
    this.hasMore = nextCursor !== null;
    this.boundary = items.at(-1) ?? this.boundary;
    for (const item of items) {
      const view = this.resolve(item);
      if (view && this.rules.belongs(view, true) && this.placeable(view)) this.listed.set(view.id, view);
      else this.listed.delete(item.id);
    }
    this.rows = [...this.listed.values()].sort(this.rules.compare);
  }

  /** Applies a live event; returns whether the rows changed. */
  apply(event: AgentLiveEvent): boolean {
    if (event.type === 'removed') {
      const known = this.known.get(event.conversationId);
      if (known && known.revision > event.revision) return false;
      this.known.set(event.conversationId, { revision: event.revision, view: null });
      return this.drop(event.conversationId);
    }
    if (event.type !== 'conversation') return false;
    const view = event.conversation;
    const known = this.known.get(view.id);
    if (known && known.revision >= view.revision) return false;
    this.known.set(view.id, { revision: view.revision, view });
    const vouched = this.listed.has(view.id);
    if (this.rules.belongs(view, vouched) && this.placeable(view)) return this.upsert(view);
    return this.drop(view.id);
  }

  /** The newest state known for a page item, or `null` when it was removed since. */
  private resolve(item: ConversationView): ConversationView | null {
    const known = this.known.get(item.id);
    if (!known || item.revision > known.revision) {
      this.known.set(item.id, { revision: item.revision, view: item });
      return item;
    }
    return known.view;
  }

  /** Inside the loaded prefix (anything after it comes with a later page). */
  private placeable(view: ConversationView): boolean {
    return !this.hasMore || !this.boundary || this.rules.compare(view, this.boundary) <= 0;
  }

  private upsert(view: ConversationView): boolean {
    const rows = [...this.rows];
    const previous = this.listed.get(view.id);
    if (previous) rows.splice(this.locate(previous), 1);
    rows.splice(this.insertionPoint(rows, view), 0, view);
    this.listed.set(view.id, view);
    this.rows = rows;
    return true;
  }

  private drop(id: string): boolean {
    const previous = this.listed.get(id);
    if (!previous) return false;
    const rows = [...this.rows];
    rows.splice(this.locate(previous), 1);
    this.listed.delete(id);
    this.rows = rows;
    return true;
  }

  /** Index of a listed view (binary search: the order is total). */
  private locate(view: ConversationView): number {
    const at = this.insertionPoint(this.rows, view) - 1;
    return this.rows[at]?.id === view.id ? at : this.rows.findIndex((row) => row.id === view.id);
  }

  /** First index whose row sorts after `view`. */
  private insertionPoint(rows: readonly ConversationView[], view: ConversationView): number {
    let low = 0;
    let high = rows.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.rules.compare(rows[mid]!, view) <= 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
