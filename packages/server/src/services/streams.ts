import { setMaxListeners } from 'node:events';
import { pushable, type Pushable } from 'it-pushable';
import type { EventFeed } from '../events/feed.js';
import type { DeskEvent } from '../events/types.js';
import type { Logger } from '../logger.js';
import { unauthorized } from './errors.js';
import type { EventService } from './events.js';
import type { HeartbeatService } from './heartbeats.js';
import type { PresenceService } from './presence.js';
import type { Principal } from './principal.js';

/**
 * Opens live event streams for subscriptions. A stream replays what the caller
 * missed since `lastEventId`, then follows the feed, so a reconnecting client
 * gets every event exactly once and in order. For an agent it also holds a
 * presence connection, kept alive (and its session re-checked) by the process
 * heartbeat, and ends the stream when the session or the agent is ended.
 */
export class StreamService {
  private openCount = 0;
  private idle: Array<() => void> = [];

  constructor(
    private readonly feed: EventFeed,
    private readonly events: EventService,
    private readonly heartbeats: HeartbeatService,
    private readonly presence: PresenceService,
    private readonly log: Logger,
    private readonly options: { shutdown: AbortSignal },
  ) {
    // Every open stream listens for shutdown: thousands of listeners are expected, not a leak.
    setMaxListeners(0, options.shutdown);
  }

  /** Streams open now (their clean-up not yet done). */
  get size(): number {
    return this.openCount;
  }

  /**
   * `carries` says, as each event is published, whether this stream wants it: events it
   * turns down cost one call instead of a trip through the stream (with thousands of
   * subscribers per tenant, most events concern a few of them). Events that end the
   * caller's session always pass.
   */
  async *open(
    principal: Principal,
    opts: { lastEventId?: string | null; signal?: AbortSignal; carries?: (event: DeskEvent) => boolean },
  ): AsyncGenerator<DeskEvent> {
    this.openCount++;
    let unwatch: (() => void) | undefined;
    let stopPresence: (() => Promise<void>) | undefined;
    // Buffers from before the watch starts, so nothing slips between replay and live.
    // (A small linked FIFO: an idle stream holds a few hundred bytes, not events.on's 32 KB.)
    const inbox = pushable<DeskEvent>({ objectMode: true });
    // Ends on shutdown or when the caller goes: one listener object on those signals rather
    // than an AbortController of its own (or AbortSignal.any, which holds weak references
    // and sets per stream). Methods, not named arrow functions: under tsx (esbuild's
    // keepNames) each named closure a stream makes costs it ~250 bytes more.
    const stop = {
      aborted: false,
      handleEvent() {
        stop.aborted = true;
        inbox.end();
      },
    };
    const sources = [this.options.shutdown, ...(opts.signal ? [opts.signal] : [])];
    for (const source of sources) source.addEventListener('abort', stop, { once: true });
    if (sources.some((source) => source.aborted)) stop.handleEvent();
    try {
      const { carries } = opts;
      const watched = await this.feed.watch(principal.tenantId, (event) => {
        if (wants(principal, carries, event)) inbox.push(event);
      });
      unwatch = watched.unwatch;
      const { position } = watched;
      if (principal.kind === 'agent') stopPresence = await this.holdConnection(principal, inbox);
      let cursor = opts.lastEventId != null ? Number(opts.lastEventId) : position;
      while (cursor < position && !stop.aborted) {
        const missed = await this.events.since(principal.tenantId, cursor, 500);
        if (missed.length === 0) break;
        for (const event of missed) {
          if (event.seq > position || stop.aborted) break;
          cursor = event.seq;
          if (!wants(principal, carries, event)) continue;
          this.assertStillAllowed(principal, event);
          yield event;
        }
        if (missed.at(-1)!.seq >= position) break;
      }
      for await (const event of inbox) {
        if (stop.aborted) break;
        if (event.seq <= cursor) continue;
        this.assertStillAllowed(principal, event);
        yield event;
        cursor = event.seq;
      }
    } finally {
      for (const source of sources) source.removeEventListener('abort', stop);
      stop.handleEvent();
      unwatch?.();
      await stopPresence?.();
      if (--this.openCount === 0) for (const resolve of this.idle.splice(0)) resolve();
    }
  }

  /** Resolves once every open stream has finished its cleanup (or after `timeoutMs`). */
  drained(timeoutMs = 5_000): Promise<void> {
    if (this.openCount === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.idle.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Ends the stream when the event revokes this caller. */
  private assertStillAllowed(principal: Principal, event: DeskEvent): void {
    if (revokes(principal, event)) throw unauthorized(event.type === 'agent.disabled' ? 'agent disabled' : 'session ended; sign in again');
  }

  /** Registers the agent as online while the stream lives; the process heartbeat keeps it so and re-checks its session. */
  private async holdConnection(principal: Extract<Principal, { kind: 'agent' }>, inbox: Pushable<DeskEvent>): Promise<() => Promise<void>> {
    const { tenantId, agentId, sessionId } = principal;
    const connection = await this.presence.connect(tenantId, agentId);
    this.heartbeats.hold({
      ...connection,
      sessionId,
      sessionExpiresAt: principal.expiresAt,
      revoke() {
        inbox.end(unauthorized('session ended; sign in again'));
      },
    });
    return async () => {
      this.heartbeats.release(connection.connectionId);
      await this.presence
        .disconnect(tenantId, agentId, connection.connectionId)
        .catch((err) => this.log.warn({ err, tenantId, agentId }, 'presence disconnect failed'));
    };
  }
}

/** Whether a stream takes the event: it `carries` it, or the event ends the caller's session. */
function wants(principal: Principal, carries: ((event: DeskEvent) => boolean) | undefined, event: DeskEvent): boolean {
  return !carries || carries(event) || revokes(principal, event);
}

/** Does this event end the caller's session (signed out, agent disabled)? */
function revokes(principal: Principal, event: DeskEvent): boolean {
  if (principal.kind !== 'agent') return false;
  return (
    (event.type === 'session.ended' && event.payload.sessionId === principal.sessionId) ||
    (event.type === 'agent.disabled' && event.payload.agentId === principal.agentId)
  );
}
