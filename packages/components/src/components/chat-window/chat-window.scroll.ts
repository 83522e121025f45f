/**
 * @license MIT
 * The timeline's scrolling: stick to the bottom, keep the view steady when older
 * history is prepended, count what arrived below, and know when the agent sees the end.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface TimelineScrollOptions {
  /** The scrolling element in the host's last render, if any. */
  element(): HTMLElement | null;
  /** Scrolled near the top (or the content does not fill the view): load older history. */
  onTop(): void;
  /** The agent may now see the newest entries (at the bottom, visible): mark them read. */
  onSeeBottom(): void;
  /** How close to an edge counts as at it, in px. */
  threshold?: number;
}

type Adjustment = { type: 'bottom' } | { type: 'keep'; fromBottom: number };

/**
 * It follows the scrolling element `element()` finds after each update. Before an update
 * that prepends, call `keepPosition()`; before one that appends, `appended(count, own)`.
 * After the update it scrolls (in `hostUpdated`, when the new DOM is measured).
 */
export class TimelineScroll implements ReactiveController {
  /** Whether the end of the timeline is in view. */
  atBottom = true;
  /** Whether the timeline is on screen at all. */
  visible = false;
  /** Entries that arrived while the agent was scrolled up. */
  unseen = 0;

  private element?: HTMLElement;
  private adjustment: Adjustment | null = null;
  /** Where our own scroll to the end left the view: its scroll event must not unstick it. */
  private ownScrollTop: number | null = null;
  private resizeObserver?: ResizeObserver;
  private intersectionObserver?: IntersectionObserver;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: TimelineScrollOptions,
  ) {
    host.addController(this);
  }

  /** Follows `element` (a new one after a render that replaced it; none when it is gone). */
  private attach(element: HTMLElement | null): void {
    if (element === (this.element ?? null)) return;
    this.detach();
    this.element = element ?? undefined;
    if (!element) return;
    element.addEventListener('scroll', this.handleScroll, { passive: true });
    // Content or container size changes (a font loading, the window resizing) keep a stuck view stuck.
    this.resizeObserver = new ResizeObserver(() => {
      if (this.atBottom) this.toEnd();
    });
    this.resizeObserver.observe(element);
    this.intersectionObserver = new IntersectionObserver(([entry]) => {
      this.visible = Boolean(entry?.isIntersecting);
      if (this.visible) this.options.onSeeBottom();
    });
    this.intersectionObserver.observe(element);
  }

  /** Older entries are about to be prepended: keep what the agent looks at in place. */
  keepPosition(): void {
    const element = this.element;
    if (!element || this.adjustment?.type === 'bottom') return;
    this.adjustment = { type: 'keep', fromBottom: element.scrollHeight - element.scrollTop };
  }

  /** `count` entries are about to be appended; `own` ones (the agent's sends) always scroll. */
  appended(count: number, own = false): void {
    if (own || this.atBottom) {
      this.adjustment = { type: 'bottom' };
    } else if (count > 0) {
      this.unseen += count;
    }
    this.host.requestUpdate();
  }

  /** Scrolls to the newest entry after the next update. */
  scrollToBottom(): void {
    this.adjustment = { type: 'bottom' };
    this.unseen = 0;
    this.host.requestUpdate();
  }

  /** Forget the position (a new conversation). */
  reset(): void {
    this.adjustment = { type: 'bottom' };
    this.atBottom = true;
    this.unseen = 0;
  }

  hostUpdated(): void {
    this.attach(this.options.element());
    const element = this.element;
    const adjustment = this.adjustment;
    if (!element || !adjustment) return;
    this.adjustment = null;
    if (adjustment.type === 'bottom') this.toEnd();
    else element.scrollTop = element.scrollHeight - adjustment.fromBottom;
    // Nothing to scroll yet but more history exists: the scroll event would never come.
    if (element.scrollHeight <= element.clientHeight + this.threshold) queueMicrotask(() => this.options.onTop());
  }

  hostDisconnected(): void {
    this.detach();
  }

  hostConnected(): void {
    // Re-attached after a move: observe the same element again.
    const element = this.element;
    if (element && !this.resizeObserver) {
      this.element = undefined;
      this.attach(element);
    }
  }

  private get threshold(): number {
    return this.options.threshold ?? 48;
  }

  private toEnd(): void {
    const element = this.element;
    if (!element) return;
    element.scrollTop = element.scrollHeight;
    this.ownScrollTop = element.scrollTop;
    this.atBottom = true;
    if (this.unseen) {
      this.unseen = 0;
      this.host.requestUpdate();
    }
  }

  private readonly handleScroll = (): void => {
    const element = this.element;
    if (!element) return;
    const own = this.ownScrollTop !== null && element.scrollTop === this.ownScrollTop;
    this.ownScrollTop = null;
    // The event of our own scroll to the end comes a frame later, when the layout may have
    // changed (e.g. the composer grew): stay at the end instead of taking that for the agent's scroll.
    if (own && this.atBottom) {
      this.toEnd();
      return;
    }
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight <= this.threshold;
    const changed = atBottom !== this.atBottom;
    const hadUnseen = this.unseen > 0;
    this.atBottom = atBottom;
    if (atBottom) {
      this.unseen = 0;
      this.options.onSeeBottom();
    }
    if (changed || (atBottom && hadUnseen)) this.host.requestUpdate();
    if (element.scrollTop <= this.threshold) this.options.onTop();
  };

  private detach(): void {
    this.element?.removeEventListener('scroll', this.handleScroll);
    this.resizeObserver?.disconnect();
    this.intersectionObserver?.disconnect();
    this.resizeObserver = undefined;
    this.intersectionObserver = undefined;
  }
}
