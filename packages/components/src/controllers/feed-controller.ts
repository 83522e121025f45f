import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AgentLiveEvent } from '@deskkit/client';
import type { DeskFeed } from '../internal/desk-feed.js';

export interface FeedControllerOptions {
  /** The feed to follow (usually the element's consumed `feedContext`). */
  feed(): DeskFeed | undefined;
  /** Called for every event after the snapshot, in order. */
  onEvent(event: AgentLiveEvent, id: string): void;
}

/**
 * Follows the shared live feed for an element: `follow(lastEventId)` after loading
 * a snapshot, and it listens from there; it stops in `hostDisconnected` and picks up
 * from the last event it saw in `hostConnected`, so moving the element misses nothing.
 * Calls `requestUpdate()` after every event, and while it listens whenever the feed's
 * `status` changes (so the host can say the live stream stopped).
 *
 * @example
 * ```ts
 * private live = new FeedController(this, { feed: () => this.feed, onEvent: (e) => this.apply(e) });
 * const page = await client.conversations.list.query({ view });
 * this.live.follow(page.lastEventId);
 * ```
 */
export class FeedController implements ReactiveController {
  /** The id of the last event delivered (or the snapshot's position). */
  lastEventId: string | null = null;
  private unlisten?: () => void;
  private wanted = false;
  /** Only a connected host listens (one that left while loading its snapshot picks up when it returns). */
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: FeedControllerOptions,
  ) {
    host.addController(this);
  }

  /**
   * Listens from `lastEventId` (exclusive). The new listener joins before the old one
   * leaves, so the shared stream is never dropped and reopened in between (an open
   * stream is what keeps the agent online).
   */
  follow(lastEventId: string): void {
    const previous = this.unlisten;
    this.unlisten = undefined;
    this.wanted = true;
    this.lastEventId = lastEventId;
    this.listen();
    previous?.();
  }

  /** Stops until `follow()` is called again. */
  stop(): void {
    this.wanted = false;
    this.unlisten?.();
    this.unlisten = undefined;
  }

  hostConnected(): void {
    this.connected = true;
    if (this.wanted && !this.unlisten) this.listen();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unlisten?.();
    this.unlisten = undefined;
  }

  private listen(): void {
    const feed = this.options.feed();
    if (!feed || !this.connected || this.lastEventId === null) return;
    const unlisten = feed.listen((event, id) => {
      this.lastEventId = id;
      this.options.onEvent(event, id);
      this.host.requestUpdate();
    }, this.lastEventId);
    const unwatch = feed.onStatus(() => this.host.requestUpdate());
    this.unlisten = () => {
      unlisten();
      unwatch();
    };
  }
}
