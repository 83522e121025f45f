/**
 * @license MIT
 * One live stream per signed-in agent (their conversations and the team's presence), shared by every element under a provider.
 */
import type { AgentLiveEvent, DeskClient } from '@deskkit/client';

export type FeedListener = (event: AgentLiveEvent, id: string) => void;
export type FeedStatus = 'idle' | 'connecting' | 'live' | 'error';

const BUFFER = 1_000;
const newer = (a: string, b: string) => Number(a) > Number(b);

/**
 * The agent's `conversations.onEvent` stream, opened once and shared. A listener
 * joins with the `lastEventId` of the snapshot it just loaded and is given every
 * event after it: from the recent-events buffer when the stream already passed
 * that point, or by restarting the stream from there (listeners ignore what they
 * already have, by revision and seq). So no element ever misses an event.
 */
export class DeskFeed {
  status: FeedStatus = 'idle';
  error: unknown = null;

  private readonly listeners = new Set<FeedListener>();
  private readonly statusListeners = new Set<() => void>();
  private subscription?: { unsubscribe(): void };
  /** Everything after `origin` has been (or is being) delivered. */
  private origin: string | null = null;
  private buffer: Array<{ id: string; event: AgentLiveEvent }> = [];
  private truncated = false;
  /** Closed by its provider (signed out, replaced): it opens no stream again. */
  private closed = false;

  constructor(private readonly client: DeskClient) {}

  /** Delivers every event after `from` to `listener` until the returned function is called. */
  listen(listener: FeedListener, from: string): () => void {
    if (this.closed) return () => undefined;
    this.listeners.add(listener);
    if (!this.subscription || this.origin === null || newer(this.origin, from)) {
      this.start(from);
    } else if (this.truncated && this.buffer[0] && newer(this.buffer[0].id, String(Number(from) + 1))) {
      this.start(from);
    } else {
      for (const { id, event } of this.buffer) if (newer(id, from)) this.deliver(listener, event, id);
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** Called when the stream's status changes (for "reconnecting…" hints). */
  onStatus(callback: () => void): () => void {
    this.statusListeners.add(callback);
    return () => this.statusListeners.delete(callback);
  }

  close(): void {
    this.closed = true;
    this.listeners.clear();
    this.statusListeners.clear();
    this.stop();
  }

  private start(from: string): void {
    this.subscription?.unsubscribe();
    this.origin = from;
    this.buffer = [];
    this.truncated = false;
    this.setStatus('connecting');
    // Presence changes too: one stream per page (browsers open at most six HTTP/1.1 connections to a host, SSE included).
    this.subscription = this.client.conversations.onEvent.subscribe(
      { lastEventId: from, presence: true },
      {
        onStarted: () => this.setStatus('live'),
        onData: ({ id, data }) => this.handle(id, data),
        onError: (error) => {
          this.error = error;
          this.subscription = undefined;
          this.setStatus('error');
        },
        onConnectionStateChange: (state) => {
          if (state.state === 'connecting' && this.status === 'live') this.setStatus('connecting');
          if (state.state === 'pending' && this.status === 'connecting') this.setStatus('live');
        },
      },
    );
  }

  private stop(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    this.origin = null;
    this.buffer = [];
    this.setStatus('idle');
  }

  private handle(id: string, event: AgentLiveEvent): void {
    this.buffer.push({ id, event });
    if (this.buffer.length > BUFFER) {
      this.buffer.splice(0, this.buffer.length - BUFFER);
      this.truncated = true;
    }
    for (const listener of [...this.listeners]) this.deliver(listener, event, id);
  }

  private deliver(listener: FeedListener, event: AgentLiveEvent, id: string): void {
    try {
      listener(event, id);
    } catch (err) {
      // One element's bug must not starve the others.
      console.error('deskkit: feed listener failed', err);
    }
  }

  private setStatus(status: FeedStatus): void {
    if (status === this.status) return;
    this.status = status;
    for (const callback of this.statusListeners) callback();
  }
}
