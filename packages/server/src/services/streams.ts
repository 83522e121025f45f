import type { EventFeed, FeedListener } from '../events/feed.js';
import type { DeskEvent } from '../events/types.js';
import type { Logger } from '../logger.js';
import type { EventService } from './events.js';
import type { HeartbeatService, HeldConnection } from './heartbeats.js';
import type { LeasedConnection, PresenceService } from './presence.js';
import type { AgentPrincipal, Principal } from './principal.js';
import { tooManyStreams } from './errors.js';

/** Events read per replay query. */
const REPLAY_BATCH = 500;

/** What the service needs of a stream (an `EventStream`). */
interface OpenStream {
  end(): Promise<void>;
}

/** Whose streams count together: the agent (every session), the customer, or the API key. */
function holderOf(principal: Principal): string {
  switch (principal.kind) {
    case 'agent':
      return `a${principal.agentId}`;
    case 'visitor':
      return `c${principal.customerId}`;
    case 'partner':
      return `k${principal.keyId}`;
  }
}

/**
 * Keeps the open live streams (`EventStream`s): what they need from the feed, the event
 * log and presence, how many are open, and ending them all on shutdown (one listener
 * for all of them rather than one each). For an agent a stream also holds a presence
 * connection, kept alive (and its session re-checked) by the process heartbeat, and
 * ends when the session or the agent is ended.
 */
export class StreamService {
  private readonly open = new Set<OpenStream>();
  /** Open streams per holder (see `holderOf`). */
  private readonly held = new Map<string, number>();
  private idle: Array<() => void> = [];

  constructor(
    private readonly feed: EventFeed,
    private readonly events: EventService,
    private readonly heartbeats: HeartbeatService,
    private readonly presence: PresenceService,
    private readonly log: Logger,
    private readonly options: {
      shutdown: AbortSignal;
      /** Streams one holder may have open on this process; 0: no limit. */
      perHolder: number;
    },
  ) {
    options.shutdown.addEventListener('abort', () => {
      for (const stream of this.open) void stream.end();
    }, { once: true });
  }

  /** Streams open now (their clean-up not yet done). */
  get size(): number {
    return this.open.size;
  }

  /** The process is shutting down: streams starting now end at once. */
  get closing(): boolean {
    return this.options.shutdown.aborted;
  }

  /**
   * A stream is starting; refused (`TOO_MANY_REQUESTS`) when its agent, customer or API key
   * already has `perHolder` open here, so one caller cannot hold the process's memory.
   */
  opened(stream: OpenStream, principal: Principal): void {
    const holder = holderOf(principal);
    const count = this.held.get(holder) ?? 0;
    const { perHolder } = this.options;
    if (perHolder > 0 && count >= perHolder) throw tooManyStreams(perHolder);
    this.held.set(holder, count + 1);
    this.open.add(stream);
  }

  /** Follows the tenant's feed from now on; resolves with the position the feed was at. */
  async watch(tenantId: string, listener: FeedListener): Promise<number> {
    return (await this.feed.watch(tenantId, listener)).position;
  }

  unwatch(tenantId: string, listener: FeedListener): void {
    this.feed.unwatch(tenantId, listener);
  }

  /** Hands the listener only the events addressed to `address` (and unaddressed ones); `null`: every event. */
  readdress(tenantId: string, listener: FeedListener, address: string | null): void {
    this.feed.readdress(tenantId, listener, address);
  }

  /** Missed events after `cursor`, a batch at a time. */
  since(tenantId: string, cursor: number): Promise<DeskEvent[]> {
    return this.events.since(tenantId, cursor, REPLAY_BATCH);
  }

  /** Registers the agent as online while their stream lives. */
  connect(principal: AgentPrincipal): Promise<LeasedConnection> {
    return this.presence.connect(principal.tenantId, principal.agentId);
  }

  /** The process heartbeat keeps the connection and re-checks its session. */
  hold(connection: HeldConnection): void {
    this.heartbeats.hold(connection);
  }

  /** A stream has ended: it no longer counts for its holder, its presence connection (if any) goes, then it no longer counts at all. */
  async closed(stream: OpenStream, principal: Principal, connection: HeldConnection | null): Promise<void> {
    const holder = holderOf(principal);
    const count = (this.held.get(holder) ?? 1) - 1;
    if (count > 0) this.held.set(holder, count);
    else this.held.delete(holder);
    if (connection) {
      const { tenantId, agentId, connectionId } = connection;
      this.heartbeats.release(connectionId);
      await this.presence
        .disconnect(tenantId, agentId, connectionId)
        .catch((err) => this.log.warn({ err, tenantId, agentId }, 'presence disconnect failed'));
    }
    if (this.open.delete(stream) && this.open.size === 0) for (const resolve of this.idle.splice(0)) resolve();
  }

  /** Resolves once every open stream has finished its cleanup (or after `timeoutMs`). */
  drained(timeoutMs = 5_000): Promise<void> {
    if (this.open.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.idle.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
