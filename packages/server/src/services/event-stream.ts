import type { DeskEvent } from '../events/types.js';
import { unauthorized } from './errors.js';
import type { HeldConnection } from './heartbeats.js';
import type { Principal } from './principal.js';
import type { StreamService } from './streams.js';

const NEW = 0;
const REPLAYING = 1;
const LIVE = 2;
const DONE = 3;
const ENDED: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

type Resolve<T> = (result: IteratorResult<T>) => void;

/**
 * One subscriber's live stream: replays what the caller missed since `lastEventId`,
 * then follows the tenant's feed, so a reconnecting client gets every event exactly
 * once and in order. Events published from the moment the feed is watched are queued,
 * so nothing slips between replay and live; the queue is unbounded, so a slow reader
 * loses nothing (it is read one event at a time, as the transport takes them).
 *
 * A plain `AsyncIterator` over fields rather than a pair of async generators, an inbox
 * and their closures: an idle stream holds this object, an empty queue and the one
 * promise its reader waits on (under tsx, each closure a stream made cost it ~250 bytes
 * more for its kept name; methods cost nothing per stream). It is also its own feed
 * listener (`handleEvent`), and `return()` ends it at once even while its reader
 * waits, so transports need no `AbortSignal` to end it.
 *
 * Subclasses say which events the stream takes (`carries`, asked as each event is
 * published; events that end the caller's credential always pass) and what the reader
 * gets for each (`convert`, in order, `null` to skip). `next()` is called one at a
 * time, as `for await` and tRPC's transports call it.
 */
export abstract class EventStream<T> implements AsyncIterableIterator<T> {
  /** The last seq this stream has passed (given or skipped); NaN until known. */
  private cursor: number;
  /** The feed's position when the watch began: replay runs up to it. */
  private position = 0;
  private state = NEW;
  /** Live events waiting for the reader (and, while replaying, events from after `position`). */
  private queue: DeskEvent[] = [];
  /** The replay batch being read. */
  private replay: DeskEvent[] | null = null;
  /** The waiting reader, when there is nothing to give it. */
  private resolve: Resolve<T> | null = null;
  private reject: ((error: unknown) => void) | null = null;
  /** Ends the stream once the queue is read (the agent's session ended). */
  private failure: unknown = null;
  /** The agent's presence connection, while it holds one. */
  private connection: StreamConnection | null = null;
  private starting: Promise<void> | null = null;
  private released: Promise<void> | null = null;

  constructor(
    protected readonly streams: StreamService,
    protected readonly principal: Principal,
    lastEventId: string | null | undefined,
  ) {
    this.cursor = lastEventId != null ? Number(lastEventId) : NaN;
  }

  /** Whether the stream takes `event` (asked as it is published: keep it cheap). */
  protected abstract carries(event: DeskEvent): boolean;

  /** What the reader gets for an event the stream took, or `null` for nothing. */
  protected abstract convert(event: DeskEvent): T | null | Promise<T | null>;

  /**
   * The one address (see `EventFeed`) whose addressed events are all this stream may take now
   * besides unaddressed ones, or `null` while it may take any; `readdress()` when it changes.
   */
  protected address(): string | null {
    return null;
  }

  /** Tells the feed what `address()` says now. */
  protected readdress(): void {
    if (this.state === REPLAYING || this.state === LIVE) this.streams.readdress(this.principal.tenantId, this, this.address());
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.state === LIVE && this.queue.length === 0 && this.failure === null) return this.park();
    return this.pull();
  }

  /** Ends the stream and lets go of its listeners and presence connection; resolves once they are released. */
  async return(): Promise<IteratorResult<T>> {
    await this.end();
    return ENDED;
  }

  async throw(error?: unknown): Promise<IteratorResult<T>> {
    await this.end();
    throw error;
  }

  /** Ends the stream now: a waiting reader gets the end, and what it holds is released (resolves when done). */
  end(): Promise<void> {
    if (this.state !== DONE) {
      const started = this.state !== NEW;
      this.state = DONE;
      this.queue.length = 0;
      this.replay = null;
      const { resolve } = this;
      this.resolve = this.reject = null;
      resolve?.(ENDED);
      if (started) this.released = this.release();
    }
    return this.released ?? Promise.resolve();
  }

  /** Ends the stream with `error` once the reader has had what is queued. */
  fail(error: unknown): void {
    if (this.state === DONE) return;
    this.failure ??= error;
    this.wake();
  }

  /** The feed's listener: queues what this stream takes. */
  handleEvent(event: DeskEvent): void {
    if (this.state === DONE || !this.wants(event)) return;
    this.queue.push(event);
    this.wake();
  }

  private wants(event: DeskEvent): boolean {
    return this.carries(event) || revocation(this.principal, event) !== null;
  }

  /** The reader waits: nothing is queued. */
  private park(): Promise<IteratorResult<T>> {
    // Emptied by shift(), an array keeps the room a burst gave it (an agent stream takes
    // every event until it has read its scope): an idle stream keeps none.
    this.queue.length = 0;
    return new Promise<IteratorResult<T>>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  /** Something arrived for a waiting reader. */
  private wake(): void {
    const { resolve, reject } = this;
    if (!resolve || !reject) return;
    this.resolve = this.reject = null;
    this.pull().then(resolve, reject);
  }

  /** The next value: replayed, then live; waits when there is none. */
  private async pull(): Promise<IteratorResult<T>> {
    try {
      if (this.state === NEW) await (this.starting = this.start());
      for (;;) {
        if (this.state === DONE) return ENDED;
        let event: DeskEvent | undefined;
        if (this.state === REPLAYING) {
          event = await this.replayed();
          if (event === undefined) continue;
        } else {
          event = this.queue.shift();
          if (event === undefined) {
            if (this.failure !== null) throw this.failure;
            return this.park();
          }
          if (event.seq <= this.cursor) continue;
          this.cursor = event.seq;
        }
        if (this.state === DONE) return ENDED;
        const revoked = revocation(this.principal, event);
        if (revoked !== null) throw unauthorized(revoked);
        const value = await this.convert(event);
        if (this.state === DONE) return ENDED;
        if (value !== null) return { value, done: false };
      }
    } catch (error) {
      await this.end();
      throw error;
    }
  }

  /** The next missed event this stream takes, or undefined once the replay is over (then live). */
  private async replayed(): Promise<DeskEvent | undefined> {
    const { position } = this;
    for (;;) {
      const event = this.replay?.shift();
      if (event) {
        if (event.seq > position) break;
        this.cursor = event.seq;
        if (this.wants(event)) return event;
        continue;
      }
      if (this.cursor >= position) break;
      const missed = await this.streams.since(this.principal.tenantId, this.cursor);
      if (this.state !== REPLAYING) return undefined;
      if (missed.length === 0) break;
      this.replay = missed;
    }
    this.replay = null;
    this.state = LIVE;
    return undefined;
  }

  /** Watches the feed (queueing from here on), then for an agent holds their presence connection. */
  private async start(): Promise<void> {
    if (this.streams.closing) {
      this.state = DONE;
      return;
    }
    // Refused (too many open): the stream ends with the error, holding nothing.
    this.streams.opened(this, this.principal);
    this.state = REPLAYING;
    const { principal } = this;
    this.position = await this.streams.watch(principal.tenantId, this);
    if (Number.isNaN(this.cursor)) this.cursor = this.position;
    this.readdress();
    if (principal.kind !== 'agent' || this.state === DONE) return;
    const connection = await this.streams.connect(principal);
    this.connection = new StreamConnection(this, principal, connection);
    // Ended meanwhile: `release` waits for this start, then lets the connection go.
    if (this.state !== DONE) this.streams.hold(this.connection);
  }

  /** Lets go of the feed and the presence connection, once the start has settled. */
  private async release(): Promise<void> {
    try {
      await this.starting;
    } catch {
      // The start failed (database unreachable): what it had taken is released below.
    }
    this.streams.unwatch(this.principal.tenantId, this);
    const { connection } = this;
    this.connection = null;
    await this.streams.closed(this, this.principal, connection);
  }
}

/** An agent stream's presence connection as the process heartbeat holds it; revoking it ends the stream. */
class StreamConnection implements HeldConnection {
  readonly tenantId: string;
  readonly agentId: string;
  readonly connectionId: string;
  readonly leaseId: string;
  readonly sessionId: string;
  readonly sessionExpiresAt: Date;

  constructor(
    private readonly stream: { fail(error: unknown): void },
    principal: Extract<Principal, { kind: 'agent' }>,
    connection: { connectionId: string; leaseId: string },
  ) {
    this.tenantId = principal.tenantId;
    this.agentId = principal.agentId;
    this.connectionId = connection.connectionId;
    this.leaseId = connection.leaseId;
    this.sessionId = principal.sessionId;
    this.sessionExpiresAt = principal.expiresAt;
  }

  revoke(message = 'session ended; sign in again'): void {
    this.stream.fail(unauthorized(message));
  }
}

/** Why this event ends the caller's credential (signed out, agent disabled, API key revoked), or null. */
function revocation(principal: Principal, event: DeskEvent): string | null {
  switch (principal.kind) {
    case 'agent':
      if (event.type === 'session.ended' && event.payload.sessionId === principal.sessionId) return 'session ended; sign in again';
      if (event.type === 'agent.disabled' && event.payload.agentId === principal.agentId) return 'agent disabled';
      return null;
    case 'partner':
      return event.type === 'apiKey.revoked' && event.payload.keyId === principal.keyId ? 'API key revoked' : null;
    default:
      return null;
  }
}
