import type { IncomingMessage, ServerResponse } from 'node:http';
import { getTRPCErrorFromUnknown, getTRPCErrorShape, isTrackedEnvelope, TRPCError, type AnyTRPCRouter } from '@trpc/server';
import { parseConnectionParamsFromString, type TRPCRequestInfo } from '@trpc/server/http';
import { isObservable, observableToAsyncIterable } from '@trpc/server/observable';
import { getProcedureAtPath, isAbortError, isAsyncIterable, isObject, urlPathToProcedurePath } from '@trpc/server/unstable-core-do-not-import';
import { drained } from './drained.js';

/** tRPC's SSE response headers (its `sseHeaders`, and the `vary` every tRPC answer carries), flat for `writeHead`. */
const SSE_HEADERS = [
  'vary', 'trpc-accept, accept',
  'content-type', 'text/event-stream',
  'cache-control', 'no-cache, no-transform',
  'x-accel-buffering', 'no',
  'connection', 'keep-alive',
];
const PING = sseFrame({ event: 'ping', data: '' });
const RETURN = sseFrame({ event: 'return', data: '' });
const STREAM = Symbol('sse stream');

type Call = { path: string; input: unknown; ctx: unknown };
type Tagged = ServerResponse & { [STREAM]?: SseStream };

export interface SseSubscriptionOptions {
  router: AnyTRPCRouter;
  createContext: (opts: { req: IncomingMessage; res: ServerResponse; info: TRPCRequestInfo }) => Promise<unknown>;
  onError?: (opts: { error: TRPCError; path?: string }) => void;
  /** Keep-alive interval; by default the router's `sse.ping` (pings off if that is off). */
  pingMs?: number;
}

/**
 * Serves subscription GETs over SSE without tRPC's fetch layer: the procedure runs
 * through tRPC as `resolveResponse` runs it (context, middlewares, input parsing,
 * errors through the router's formatter), and its events are framed exactly as
 * `sseStreamProducer` frames them — `connected` with the client options, `tracked()`
 * ids as `id:`, `serialized-error`, `return`, `ping` — for `httpSubscriptionLink`.
 *
 * What an idle stream holds is its response, the procedure's generator, one
 * AbortController and a small record here: frames go straight to the `ServerResponse`
 * (waiting for `drain` when the socket is full), and one interval pings every open
 * stream, instead of a fetch `Request`, signal combinations, web streams and a
 * timer per stream. Anything else (batches, POSTs, `trpc-accept`, malformed
 * paths or connection params) is left to `resolveResponse`, which answers it as before.
 *
 * tRPC pieces used: `getTRPCErrorShape`, `getTRPCErrorFromUnknown`, `isTrackedEnvelope`,
 * `parseConnectionParamsFromString`, `observableToAsyncIterable`, and from
 * `unstable-core-do-not-import` (fine while @trpc/server is pinned to 11.x)
 * `getProcedureAtPath`, `urlPathToProcedurePath`, `isAbortError`, `isAsyncIterable`, `isObject`.
 */
export class SseSubscriptions {
  private readonly streams = new Set<SseStream>();
  private pinger: NodeJS.Timeout | undefined;
  private readonly pingMs: number;
  /** The `connected` frame: tRPC's `sse.client` options (`reconnectAfterInactivityMs`). */
  readonly connected: string;

  constructor(readonly options: SseSubscriptionOptions) {
    const sse = options.router._def._config.sse;
    if (sse?.maxDurationMs || sse?.emitAndEndImmediately) throw new Error('sse.maxDurationMs and sse.emitAndEndImmediately are not supported here');
    const client = sse?.client ?? {};
    this.connected = sseFrame({ event: 'connected', data: JSON.stringify(client) });
    this.pingMs = options.pingMs ?? (sse?.ping?.enabled ? (sse.ping.intervalMs ?? 1_000) : 0);
    // As tRPC checks: clients would reconnect between two pings.
    if (this.pingMs > 0 && client.reconnectAfterInactivityMs && this.pingMs > client.reconnectAfterInactivityMs) {
      throw new Error(`SSE ping interval (${this.pingMs} ms) must be below the clients' reconnectAfterInactivityMs (${client.reconnectAfterInactivityMs} ms)`);
    }
  }

  /** Streams open now. */
  get size(): number {
    return this.streams.size;
  }

  /**
   * Answers `req` if it is a subscription GET (`urlPath` is what follows the tRPC prefix,
   * `query` the query string; `headers` more response headers, flat) and resolves once its
   * head and `connected` frame are out; resolves false, having written nothing, for any
   * other request.
   */
  async serve(req: IncomingMessage, res: ServerResponse, urlPath: string, query: string, headers: readonly string[] = []): Promise<boolean> {
    const { router, onError } = this.options;
    const config = router._def._config;
    if (req.method !== 'GET' || config.sse?.enabled === false || req.headers['trpc-accept'] !== undefined) return false;
    if (req.headers.accept?.split(',').some((type) => type.trim() === 'application/jsonl')) return false;
    const params = new URLSearchParams(query);
    if (params.get('batch') === '1') return false;
    let path: string;
    try {
      path = urlPathToProcedurePath(decodeURIComponent(urlPath), config.pathSeparator);
    } catch {
      return false;
    }
    const procedure = await getProcedureAtPath(router, path);
    if (procedure?._def.type !== 'subscription') return false;
    let connectionParams: TRPCRequestInfo['connectionParams'] = null;
    try {
      const rawParams = params.get('connectionParams');
      if (rawParams !== null) connectionParams = parseConnectionParamsFromString(rawParams);
    } catch {
      return false;
    }

    // As tRPC's `getLastEventId` (Node joins a repeated header into one string).
    const lastEventId = (req.headers['last-event-id'] as string | undefined) ?? params.get('lastEventId') ?? params.get('Last-Event-Id');
    const call: Call = { path, input: undefined, ctx: undefined };
    const stream = new SseStream(this, res, call, lastEventId);
    // From here on, a client that leaves ends the stream (and aborts the procedure's signal).
    (res as Tagged)[STREAM] = stream;
    res.on('close', closed);
    const { signal } = stream.abort;

    let parsed: Promise<unknown> | undefined;
    // tRPC's JSON input: `?input=` through the transformer, `lastEventId` merged in; read once.
    const readInput = async () => {
      const raw = params.get('input');
      if (!raw) return undefined;
      try {
        return (call.input = config.transformer.input.deserialize(JSON.parse(raw)));
      } catch (cause) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: cause instanceof Error ? cause.message : 'Invalid input', cause });
      }
    };
    const getRawInput = async () => {
      const input = await (parsed ??= readInput());
      if (!lastEventId) return input;
      return isObject(input) ? { ...input, lastEventId } : (input ?? { lastEventId });
    };

    let failure: TRPCError | undefined;
    try {
      const info: TRPCRequestInfo = {
        accept: null,
        type: 'subscription',
        isBatchCall: false,
        calls: [{ path, getRawInput, result: () => call.input, procedure, batchIndex: 0 }],
        connectionParams,
        signal,
        url: null,
      };
      call.ctx = await this.options.createContext({ req, res, info });
      const data: unknown = await procedure({ path, getRawInput, ctx: call.ctx, type: 'subscription', signal, batchIndex: 0 });
      if (isObservable(data)) stream.iterator = observableToAsyncIterable(data, signal);
      else if (isAsyncIterable(data)) stream.iterator = data[Symbol.asyncIterator]();
      else throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: `Subscription ${path} did not return an observable or a AsyncGenerator` });
    } catch (cause) {
      failure = getTRPCErrorFromUnknown(cause);
      onError?.({ error: failure, path });
    }
    if (stream.done) {
      // The client left while the procedure started: let go of what it returned.
      stream.finish(undefined);
      return true;
    }

    // The head goes out as tRPC sends it: status 200 and `connected`, even when the
    // procedure failed before its stream began (the error follows as the first event).
    // In one `writeHead`, as a list: headers set one by one are kept in a table of their
    // own for the life of the response. Flushed on its own, the head is also kept as one
    // string rather than the concatenation Node builds it from (1.3 KB less a stream).
    res.writeHead(200, [...headers, ...SSE_HEADERS]);
    res.flushHeaders();
    res.write(this.connected);
    if (failure) {
      stream.finish(failure);
      return true;
    }
    this.add(stream);
    // Nothing here is kept for the life of the stream: a callback made in this function
    // would keep all of its variables (the query, the input readers, the request info).
    void stream.run();
    return true;
  }

  /** The `serialized-error` frame: the error's shape through the router's formatter, serialized by its transformer. */
  errorFrame(error: TRPCError, call: Call): string {
    const config = this.options.router._def._config;
    const shape = getTRPCErrorShape({ config, error, type: 'subscription', path: call.path, input: call.input, ctx: call.ctx as never });
    return sseFrame({ event: 'serialized-error', data: JSON.stringify(config.transformer.output.serialize(shape)) });
  }

  /** A stream is open: it gets pings from now on. */
  add(stream: SseStream): void {
    this.streams.add(stream);
    if (this.pingMs > 0 && !this.pinger) {
      // One timer pings every open stream (one that just sent an event too: a ping is 19 bytes).
      this.pinger = setInterval(() => {
        for (const open of this.streams) open.ping();
      }, this.pingMs);
      this.pinger.unref();
    }
  }

  /** A stream has ended; the timer stops with the last one. */
  remove(stream: SseStream): void {
    this.streams.delete(stream);
    if (this.streams.size === 0 && this.pinger) {
      clearInterval(this.pinger);
      this.pinger = undefined;
    }
  }
}

/** The response went away (or ended): stop its stream. One shared listener; the stream hangs off the response. */
function closed(this: Tagged): void {
  this[STREAM]?.stop();
}

/** One open subscription: writes its events to the response until either side ends. */
class SseStream {
  /** The procedure's stream, once it returned one. */
  iterator: AsyncIterator<unknown> | undefined;
  /** The procedure's signal: aborted when the stream ends, for whatever reason. */
  readonly abort = new AbortController();
  done = false;

  /** The id the client's EventSource holds: sent back with untracked events (see `frame`). */
  private lastEventId: string | null;

  constructor(
    private readonly server: SseSubscriptions,
    private readonly res: ServerResponse,
    private readonly call: Call,
    lastEventId: string | null | undefined,
  ) {
    // An id with these characters could not be sent back in an `id` field.
    this.lastEventId = lastEventId && !/[\0\n\r]/.test(lastEventId) ? lastEventId : null;
  }

  /** Pulls events one at a time, and the next only once the socket has taken the last. Never rejects. */
  async run(): Promise<void> {
    const { iterator, res } = this;
    let failure: TRPCError | undefined;
    try {
      for (;;) {
        const next = await iterator!.next();
        if (this.done) return;
        if (next.done) break;
        if (!res.write(this.frame(next.value))) await drained(res);
        if (this.done) return;
      }
      res.write(RETURN);
    } catch (cause) {
      // An abort ends the stream quietly; anything else is the procedure's error, sent as tRPC sends it.
      if (!isAbortError(cause) && !this.done) {
        failure = getTRPCErrorFromUnknown(cause);
        this.report(failure);
      }
    } finally {
      try {
        this.finish(failure);
      } catch (err) {
        this.report(getTRPCErrorFromUnknown(err));
      }
    }
  }

  private report(error: TRPCError): void {
    try {
      this.server.options.onError?.({ error, path: this.call.path });
    } catch {
      // A failing error hook does not keep the stream open.
    }
  }

  /** `sseStreamProducer`'s framing of one value: a tracked id as `id:`; see there for `restore-id`. */
  private frame(value: unknown): string {
    const { serialize } = this.server.options.router._def._config.transformer.output;
    if (isTrackedEnvelope(value)) {
      this.lastEventId = value[0];
      return sseFrame({ data: JSON.stringify(serialize(value[1])), id: value[0] });
    }
    const data = JSON.stringify(serialize(value));
    if (this.lastEventId === null) return sseFrame({ data });
    // EventSource gives an event without an id the last id it had: clear it for this
    // event, then restore it with one clients ignore, so a reconnect still resumes from it.
    return sseFrame({ data, id: '' }) + sseFrame({ event: 'restore-id', data: '', id: this.lastEventId });
  }

  /** A keep-alive, unless the socket is still busy with earlier frames. */
  ping(): void {
    if (!this.done && !this.res.writableNeedDrain) this.res.write(PING);
  }

  /** The client left (or the response closed): end the procedure's stream and let it clean up. */
  stop(): void {
    if (this.done) return;
    this.finish(undefined);
  }

  /** Ends the response (after the error event, if any) and releases the procedure's generator. */
  finish(failure: TRPCError | undefined): void {
    const { res } = this;
    const wasDone = this.done;
    this.done = true;
    if (!wasDone) {
      this.server.remove(this);
      let last = '';
      try {
        if (failure) last = this.server.errorFrame(failure, this.call);
      } catch {
        // The error formatter failed: the stream ends without the error, and the client reconnects.
      }
      res.end(last);
    }
    if (!this.abort.signal.aborted) this.abort.abort();
    // A generator waiting on its events finishes once the signal ends them; `return` then
    // runs its `finally` (listeners released). Resolves at once if it already finished.
    void this.iterator?.return?.().catch(() => undefined);
    (res as Tagged)[STREAM] = undefined;
    res.off('close', closed);
  }
}

/** One SSE event as tRPC writes it: `event`, `data`, `id` lines, then a blank line (and one more). */
export function sseFrame(event: { event?: string; data: string; id?: string }): string {
  let frame = event.event === undefined ? '' : `event: ${event.event}\n`;
  frame += `data: ${event.data}\n`;
  if (event.id !== undefined) frame += `id: ${event.id}\n`;
  return `${frame}\n\n`;
}
