import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface Unsubscribable {
  unsubscribe(): void;
}

export interface SubscriptionHandlers<T> {
  onData(event: { id: string; data: T }): void;
  onError(error: unknown): void;
  onStarted?(): void;
}

export interface SubscriptionControllerOptions<T> {
  /** Opens the subscription from `lastEventId` (tRPC resumes from it without gaps). */
  subscribe(lastEventId: string | null, handlers: SubscriptionHandlers<T>): Unsubscribable;
  /** Called for every event, in order. */
  onData(data: T, id: string): void;
}

/**
 * Holds one tRPC subscription for an element: opened in `hostConnected`, closed in
 * `hostDisconnected`, reopened from the last event id it saw, so an element moved
 * in the DOM or reconnected misses nothing. Calls `requestUpdate()` on every event.
 *
 * @example
 * ```ts
 * private feed = new SubscriptionController(this, {
 *   subscribe: (lastEventId, handlers) => this.client!.presence.onChange.subscribe({ lastEventId }, handlers),
 *   onData: (entry) => this.apply(entry),
 * });
 * ```
 */
export class SubscriptionController<T> implements ReactiveController {
  /** Id of the last event delivered. */
  lastEventId: string | null = null;
  /** The error that ended the subscription, if one did. */
  error: unknown = null;
  status: 'idle' | 'connecting' | 'live' | 'error' = 'idle';

  private subscription?: Unsubscribable;
  private wanted = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: SubscriptionControllerOptions<T>,
  ) {
    host.addController(this);
  }

  /** Starts (or restarts) from `lastEventId`; `null` means "from now". */
  start(lastEventId: string | null = this.lastEventId): void {
    this.close();
    this.wanted = true;
    this.lastEventId = lastEventId;
    this.open();
  }

  /** Stops for good, until `start()` is called again. */
  stop(): void {
    this.wanted = false;
    this.close();
    this.status = 'idle';
  }

  hostConnected(): void {
    if (this.wanted && !this.subscription) this.open();
  }

  hostDisconnected(): void {
    this.close();
  }

  private open(): void {
    this.status = 'connecting';
    this.error = null;
    this.subscription = this.options.subscribe(this.lastEventId, {
      onStarted: () => {
        this.status = 'live';
        this.host.requestUpdate();
      },
      onData: ({ id, data }) => {
        this.lastEventId = id;
        this.status = 'live';
        this.options.onData(data, id);
        this.host.requestUpdate();
      },
      onError: (error) => {
        this.status = 'error';
        this.error = error;
        this.subscription = undefined;
        this.host.requestUpdate();
      },
    });
  }

  private close(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
  }
}
