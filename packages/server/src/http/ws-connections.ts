import type { IncomingMessage } from 'node:http';
import {
  callTRPCProcedure,
  getTRPCErrorFromUnknown,
  getTRPCErrorShape,
  isTrackedEnvelope,
  transformTRPCResponse,
  TRPCError,
  type AnyTRPCRouter,
} from '@trpc/server';
import { parseConnectionParamsFromUnknown, type TRPCRequestInfo } from '@trpc/server/http';
import { isObservable, observableToAsyncIterable } from '@trpc/server/observable';
import { parseTRPCMessage, type TRPCClientOutgoingMessage, type TRPCResponseMessage } from '@trpc/server/rpc';
import { isAbortError, isAsyncIterable, isObject } from '@trpc/server/unstable-core-do-not-import';
import type { WebSocket, WebSocketServer } from 'ws';

const OPEN = 1; // WebSocket.OPEN
const RECONNECT = JSON.stringify({ id: null, method: 'reconnect' });

type Id = number | string;
/** The connection's context once made: every call waits for it, and fails with its error. */
type Context = { ok: true } | { ok: false; error: TRPCError };

export interface WsConnectionOptions {
  wss: WebSocketServer;
  router: AnyTRPCRouter;
  createContext: (opts: { req: IncomingMessage; res: WebSocket; info: TRPCRequestInfo }) => Promise<unknown>;
  /**
   * The context each query, mutation and new subscription runs with, made from the
   * connection's (say its credential resolved again, so a credential that dies while the
   * socket stays open is refused from the next call on, as HTTP refuses it). Without it,
   * every call gets the connection's context as it was made.
   */
  callContext?: (ctx: unknown) => Promise<unknown>;
  onError?: (opts: { error: TRPCError; path?: string; type: string }) => void;
  /** Sends `PING` to a connection quiet this long, and ends it if nothing comes back within `pongWaitMs`. */
  keepAlive?: { pingMs: number; pongWaitMs: number };
  /**
   * What one connection may ask of the server at once. Queries and mutations beyond
   * `callsInFlight` wait their turn, and the socket is not read meanwhile (so a frame of
   * thousands of calls costs what `callsInFlight` do); subscriptions beyond `subscriptions`
   * are refused with `TOO_MANY_REQUESTS`. tRPC's client sends everything it has queued as
   * one frame, so calls are queued, not refused.
   */
  limits?: { callsInFlight: number; subscriptions: number };
}

const LIMITS = { callsInFlight: 50, subscriptions: 100 };

/**
 * Serves tRPC's WebSocket protocol (what `wsLink` speaks: connection params, `PING`/`PONG`,
 * JSON-RPC queries, mutations, subscriptions and `subscription.stop`, `reconnect`) with
 * less kept per connection than `applyWSSHandler`: the procedures run through tRPC as its
 * adapter runs them (`callTRPCProcedure`, input parsing, errors through the router's
 * formatter, the transformer), but an idle subscription holds one small record, its
 * AbortController and the one read it waits on, rather than the adapter's async frames,
 * disposables, a race and an abort promise per subscription; the connection keeps its
 * context and not its upgrade request; one timer keeps every connection alive rather
 * than two per connection.
 *
 * tRPC pieces used: `callTRPCProcedure`, `getTRPCErrorShape`, `getTRPCErrorFromUnknown`,
 * `isTrackedEnvelope`, `transformTRPCResponse`, `parseTRPCMessage`,
 * `parseConnectionParamsFromUnknown`, `observableToAsyncIterable`, and from
 * `unstable-core-do-not-import` (fine while @trpc/server is pinned to 11.x)
 * `isAbortError`, `isAsyncIterable`, `isObject`.
 */
export class WsConnections {
  private readonly connections = new Set<WsConnection>();
  private timer: NodeJS.Timeout | undefined;

  constructor(readonly options: WsConnectionOptions) {
    options.wss.on('connection', (ws: WebSocket, req: IncomingMessage) => this.accept(ws, req));
  }

  /** Connections open now. */
  get size(): number {
    return this.connections.size;
  }

  /** Tells every client to reconnect (before this process goes away). */
  broadcastReconnectNotification(): void {
    for (const { ws } of this.connections) if (ws.readyState === OPEN) ws.send(RECONNECT);
  }

  private accept(ws: WebSocket, req: IncomingMessage): void {
    const connection = new WsConnection(this, ws);
    this.connections.add(connection);
    ws.on('message', message);
    ws.on('error', failed);
    ws.once('close', closed);
    (ws as Tagged)[CONNECTION] = connection;
    // With `?connectionParams=1` the first message carries them; otherwise the context is made now.
    if (new URL(req.url ?? '/', 'http://x').searchParams.get('connectionParams') === '1') connection.pendingReq = req;
    else connection.context = this.context(connection, req, () => null);
    const { keepAlive } = this.options;
    if (keepAlive && !this.timer) {
      this.timer = setInterval(() => this.keepAlive(), Math.min(keepAlive.pingMs, keepAlive.pongWaitMs));
      this.timer.unref();
    }
  }

  /** The connection's context, made once (each call's is made from it: `callContext`). */
  async context(connection: WsConnection, req: IncomingMessage, connectionParams: () => TRPCRequestInfo['connectionParams']): Promise<Context> {
    // Aborted if the connection closes while the context is made; not kept once it is.
    const abort = (connection.abort = new AbortController());
    try {
      const info: TRPCRequestInfo = {
        accept: null,
        type: 'unknown',
        isBatchCall: false,
        calls: [],
        connectionParams: connectionParams(),
        signal: abort.signal,
        url: null,
      };
      connection.ctx = await this.options.createContext({ req, res: connection.ws, info });
      return { ok: true };
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      this.report(error, undefined, 'unknown');
      connection.send({ id: null, error: this.shape(error, connection, undefined, 'unknown', undefined) });
      setImmediate(() => connection.ws.close());
      return { ok: false, error };
    } finally {
      connection.abort = null;
    }
  }

  /** The context one call runs with (see `callContext`). */
  callContext(connection: WsConnection): Promise<unknown> | unknown {
    const { callContext } = this.options;
    return callContext ? callContext(connection.ctx) : connection.ctx;
  }

  /** The error as the client gets it: the router's formatter, or a bare shape if that fails. */
  shape(error: TRPCError, connection: WsConnection, path: string | undefined, type: string, input: unknown) {
    try {
      const config = this.options.router._def._config;
      return getTRPCErrorShape({ config, error, type: type as never, path, input, ctx: connection.ctx as never });
    } catch (cause) {
      this.report(getTRPCErrorFromUnknown(cause), path, type);
      return { code: -32603, message: 'Internal server error', data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500 } };
    }
  }

  report(error: TRPCError, path: string | undefined, type: string): void {
    try {
      this.options.onError?.({ error, path, type });
    } catch {
      // A failing error hook changes nothing here.
    }
  }

  /** A connection has closed. */
  remove(connection: WsConnection): void {
    this.connections.delete(connection);
    if (this.connections.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  /** One round for every connection: ping the quiet ones, end those that did not answer. */
  private keepAlive(): void {
    const { pingMs, pongWaitMs } = this.options.keepAlive!;
    const now = Date.now();
    for (const connection of this.connections) {
      // Not read while its calls wait: busy, not quiet.
      if (connection.queued) connection.heardAt = now;
      else if (connection.pingedAt) {
        if (now - connection.pingedAt >= pongWaitMs) connection.ws.terminate();
      } else if (now - connection.heardAt >= pingMs && connection.ws.readyState === OPEN) {
        connection.pingedAt = now;
        connection.ws.send('PING');
      }
    }
  }
}

/** The connection params a first message carries, as tRPC's adapter reads them. */
function connectionParams(text: string): TRPCRequestInfo['connectionParams'] {
  let msg: unknown;
  try {
    msg = JSON.parse(text);
    if (!isObject(msg)) throw new Error('Message was not an object');
  } catch (cause) {
    throw new TRPCError({ code: 'PARSE_ERROR', message: 'Malformed TRPCConnectionParamsMessage', cause });
  }
  return parseConnectionParamsFromUnknown(msg['data']);
}

const CONNECTION = Symbol('ws connection');
type Tagged = WebSocket & { [CONNECTION]?: WsConnection };

/** Shared listeners: the connection hangs off its socket (no closures per connection). */
function message(this: Tagged, data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
  this[CONNECTION]?.receive(data, isBinary);
}

function failed(this: Tagged, cause: Error): void {
  const connection = this[CONNECTION];
  connection?.server.report(getTRPCErrorFromUnknown(cause), undefined, 'unknown');
}

function closed(this: Tagged): void {
  this[CONNECTION]?.close();
  this[CONNECTION] = undefined;
}

/** One client's socket: its context and open subscriptions. */
class WsConnection {
  context: Promise<Context> | null = null;
  ctx: unknown = undefined;
  /** The upgrade request, until the connection params arrive to make the context with. */
  pendingReq: IncomingMessage | null = null;
  /** The signal `createContext` gets, while it runs: aborted if the connection closes meanwhile. */
  abort: AbortController | null = null;
  subscriptions: Map<Id, WsSubscription> | null = null;
  /** Queries and mutations running now, and those waiting for one of them to finish. */
  running = 0;
  queued: Array<() => void> | null = null;
  heardAt = Date.now();
  pingedAt = 0;

  constructor(
    readonly server: WsConnections,
    readonly ws: WebSocket,
  ) {}

  /** Sends a response once it is transformed, unless the socket is closing. */
  send(response: TRPCResponseMessage): void {
    if (this.ws.readyState !== OPEN) return;
    this.ws.send(JSON.stringify(transformTRPCResponse(this.server.options.router._def._config, response)));
  }

  receive(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
    this.heardAt = Date.now();
    this.pingedAt = 0;
    const text = Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8');
    if (!isBinary) {
      if (text === 'PONG') return;
      if (text === 'PING') return void this.ws.send('PONG');
    }
    const req = this.pendingReq;
    if (req) {
      // The first message: the connection params.
      this.pendingReq = null;
      this.context = this.server.context(this, req, () => connectionParams(text));
      return;
    }
    let messages: TRPCClientOutgoingMessage[];
    try {
      const json: unknown = JSON.parse(text);
      const { transformer } = this.server.options.router._def._config;
      messages = (Array.isArray(json) ? json : [json]).map((raw) => parseTRPCMessage(raw, transformer));
    } catch (cause) {
      const error = new TRPCError({ code: 'PARSE_ERROR', cause });
      this.send({ id: null, error: this.server.shape(error, this, undefined, 'unknown', undefined) });
      return;
    }
    messages.forEach((msg, index) => this.request(msg, index));
  }

  private request(msg: TRPCClientOutgoingMessage, batchIndex: number): void {
    const { id, jsonrpc } = msg;
    if (id === null) {
      const error = new TRPCError({ code: 'PARSE_ERROR', message: '`id` is required' });
      this.server.report(error, undefined, 'unknown');
      this.send({ id, jsonrpc, error: this.server.shape(error, this, undefined, 'unknown', undefined) });
      return;
    }
    if (msg.method === 'subscription.stop') {
      this.subscriptions?.get(id)?.stop();
      return;
    }
    const type = msg.method;
    const { path, lastEventId } = msg.params;
    let { input } = msg.params;
    if (lastEventId !== undefined) input = isObject(input) ? { ...input, lastEventId } : (input ?? { lastEventId });
    if (type === 'subscription') {
      const limit = this.limits.subscriptions;
      const refused = this.subscriptions?.has(id)
        ? new TRPCError({ code: 'BAD_REQUEST', message: `Duplicate id ${id}` })
        : (this.subscriptions?.size ?? 0) >= limit
          ? new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `At most ${limit} subscriptions per connection` })
          : null;
      if (refused) {
        this.server.report(refused, path, type);
        this.send({ id, jsonrpc, error: this.server.shape(refused, this, path, type, input) });
        return;
      }
      const subscription = new WsSubscription(this, id, jsonrpc, path, input);
      (this.subscriptions ??= new Map()).set(id, subscription);
      void subscription.start(batchIndex);
      return;
    }
    const call = () => void this.call(id, jsonrpc, type, path, input, batchIndex);
    if (this.running < this.limits.callsInFlight) call();
    else {
      (this.queued ??= []).push(call);
      this.ws.pause();
    }
  }

  private get limits() {
    return this.server.options.limits ?? LIMITS;
  }

  /** A call has finished: start the next waiting one, or read the socket again. */
  private finished(): void {
    this.running--;
    if (!this.queued) return;
    const next = this.queued.shift();
    if (next) return next();
    this.queued = null;
    this.ws.resume();
  }

  /** A query or a mutation: one answer. */
  private async call(id: Id, jsonrpc: '2.0' | undefined, type: 'query' | 'mutation', path: string, input: unknown, batchIndex: number): Promise<void> {
    this.running++;
    try {
      const context = await this.context!;
      if (!context.ok) throw context.error;
      const ctx = await this.server.callContext(this);
      const data = await callTRPCProcedure({ router: this.server.options.router, path, getRawInput: async () => input, ctx, type, signal: new AbortController().signal, batchIndex });
      if (isAsyncIterable(data) || isObservable(data)) {
        throw new TRPCError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: `Cannot return an async iterable or observable from a ${type} procedure with WebSockets` });
      }
      this.send({ id, jsonrpc, result: { type: 'data', data } });
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      this.server.report(error, path, type);
      try {
        this.send({ id, jsonrpc, error: this.server.shape(error, this, path, type, input) });
      } catch (err) {
        this.server.report(getTRPCErrorFromUnknown(err), path, type);
      }
    } finally {
      this.finished();
    }
  }

  /** The socket closed: end every subscription; waiting calls are dropped. */
  close(): void {
    this.server.remove(this);
    this.pendingReq = null;
    this.queued = null;
    for (const subscription of this.subscriptions?.values() ?? []) subscription.stop();
    this.abort?.abort();
  }
}

/** One subscription: reads its procedure's stream and sends each event until either side ends it. */
class WsSubscription {
  private iterator: AsyncIterator<unknown> | undefined;
  /** The procedure's signal: aborted when the subscription ends, for whatever reason. */
  private readonly abort = new AbortController();
  private done = false;

  constructor(
    private readonly connection: WsConnection,
    private readonly id: Id,
    private readonly jsonrpc: '2.0' | undefined,
    private readonly path: string,
    private readonly input: unknown,
  ) {}

  async start(batchIndex: number): Promise<void> {
    const { connection, path, input } = this;
    const { signal } = this.abort;
    try {
      const context = await connection.context!;
      if (!context.ok) throw context.error;
      const ctx = await connection.server.callContext(connection);
      if (this.done) return this.end();
      const data: unknown = await callTRPCProcedure({
        router: connection.server.options.router,
        path,
        getRawInput: async () => input,
        ctx,
        type: 'subscription',
        signal,
        batchIndex,
      });
      if (isObservable(data)) {
        if (this.done) return this.end();
        this.iterator = observableToAsyncIterable(data, signal);
      } else if (isAsyncIterable(data)) this.iterator = data[Symbol.asyncIterator]();
      else throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: `Subscription ${path} did not return an observable or a AsyncGenerator` });
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      if (this.done && isAbortError(error.cause)) return this.end();
      // As tRPC's adapter answers a subscription that fails before it starts: the error alone.
      this.fail(error);
      return this.end(false);
    }
    if (this.done) return this.end();
    connection.send({ id: this.id, jsonrpc: this.jsonrpc, result: { type: 'started' } });
    return this.run();
  }

  /** Reads events one at a time. Never rejects. */
  private async run(): Promise<void> {
    const { connection, id, jsonrpc } = this;
    try {
      for (;;) {
        const next = await this.iterator!.next();
        if (this.done || next.done) break;
        const { value } = next;
        if (isTrackedEnvelope(value)) connection.send({ id, jsonrpc, result: { type: 'data', id: value[0], data: { id: value[0], data: value[1] } } });
        else connection.send({ id, jsonrpc, result: { type: 'data', data: value } });
      }
    } catch (cause) {
      if (!this.done || !isAbortError(cause)) {
        const error = getTRPCErrorFromUnknown(cause);
        if (!this.done) this.fail(error);
        else connection.server.report(error, this.path, 'subscription');
      }
    }
    await this.end();
  }

  private fail(error: TRPCError): void {
    const { connection, path, input } = this;
    connection.server.report(error, path, 'subscription');
    try {
      connection.send({ id: this.id, jsonrpc: this.jsonrpc, error: connection.server.shape(error, connection, path, 'subscription', input) });
    } catch (err) {
      connection.server.report(getTRPCErrorFromUnknown(err), path, 'subscription');
    }
  }

  /** The client stopped it, or the socket closed: end the procedure's stream. */
  stop(): void {
    if (this.done) return;
    this.done = true;
    if (!this.abort.signal.aborted) this.abort.abort();
    // A waiting read ends once `return` runs (an EventStream ends at once); `run` then sends `stopped`.
    if (this.iterator) void this.iterator.return?.().catch((cause: unknown) => this.connection.server.report(getTRPCErrorFromUnknown(cause), this.path, 'subscription'));
  }

  /** Frees the id, then tells the client the subscription has stopped (as tRPC's adapter does). */
  private async end(stopped = true): Promise<void> {
    const wasDone = this.done;
    this.done = true;
    if (!this.abort.signal.aborted) this.abort.abort();
    if (!wasDone && this.iterator) {
      try {
        await this.iterator.return?.();
      } catch (cause) {
        this.connection.server.report(getTRPCErrorFromUnknown(cause), this.path, 'subscription');
      }
    }
    const { subscriptions } = this.connection;
    if (subscriptions?.get(this.id) === this) subscriptions.delete(this.id);
    if (stopped) this.connection.send({ id: this.id, jsonrpc: this.jsonrpc, result: { type: 'stopped' } });
  }
}
