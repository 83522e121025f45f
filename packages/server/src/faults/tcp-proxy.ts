import net from 'node:net';

/** One client connection through the proxy and its upstream twin. */
export interface ProxiedConnection {
  /** The start of the request currently on this connection (HTTP request line and headers, or a wire message). */
  readonly request: string;
  /** The connection carries a live stream: an SSE subscription or an upgraded WebSocket. */
  readonly streaming: boolean;
  /** When the current request was sent, and whether anything has come back for it since. */
  readonly requestedAt: number;
  readonly answered: boolean;
  /** Drops both sides at once, as a network failure would. */
  cut(): void;
}

interface Connection extends ProxiedConnection {
  request: string;
  streaming: boolean;
  requestedAt: number;
  answered: boolean;
  /** Bytes the client sent since the last reply began, for interceptors that match a whole request. */
  sent: Buffer;
  awaitingRequest: boolean;
  intercepted?: () => void;
}

interface Interceptor {
  match: (request: Buffer) => boolean;
  onReply: () => void;
}

const streamingRequest = (head: string) => /^GET \/trpc\/[^ ]*onEvent/.test(head) || /\r\nupgrade: websocket/i.test(head);

/**
 * A loopback TCP proxy for fault tests: sits between clients and the desk, or
 * between the desk and its database, and can cut every connection, refuse new
 * ones, or swallow the reply to one chosen request (a lost response).
 */
export class TcpProxy {
  readonly connections = new Set<ProxiedConnection>();
  /** Called with the start of every request (or wire message) a client sends. */
  onRequest?: (head: string) => void;
  private readonly server: net.Server;
  private refusing = false;
  private interceptors: Interceptor[] = [];

  private constructor(private readonly target: { host: string; port: number }) {
    this.server = net.createServer((client) => this.accept(client));
  }

  /** Listens on a free loopback port (or `port`) and forwards to `target`. */
  static async start(target: { host: string; port: number }, port = 0): Promise<TcpProxy> {
    const proxy = new TcpProxy(target);
    await new Promise<void>((resolve, reject) => {
      proxy.server.once('error', reject);
      proxy.server.listen(port, '127.0.0.1', resolve);
    });
    return proxy;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  /** Cuts the open connections (those `which` selects); returns how many. */
  cut(which: (connection: ProxiedConnection) => boolean = () => true): number {
    const chosen = [...this.connections].filter(which);
    for (const connection of chosen) connection.cut();
    return chosen.length;
  }

  /** Cuts everything and resets every new connection until `restore()`: the far side is gone. */
  down(): void {
    this.refusing = true;
    this.cut();
  }

  restore(): void {
    this.refusing = false;
  }

  /**
   * The next request whose bytes satisfy `match` reaches the far side, but its
   * reply never comes back: `onReply` runs when it arrives, then the connection is cut.
   */
  interceptReply(match: (request: Buffer) => boolean, onReply: () => void = () => undefined): void {
    this.interceptors.push({ match, onReply });
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    if (this.refusing) {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(this.target);
    const connection: Connection = {
      request: '',
      streaming: false,
      requestedAt: Date.now(),
      answered: false,
      sent: Buffer.alloc(0),
      awaitingRequest: true,
      cut: () => {
        client.resetAndDestroy();
        upstream.resetAndDestroy();
      },
    };
    this.connections.add(connection);
    const forget = () => {
      this.connections.delete(connection);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', forget).on('error', forget);
    upstream.on('close', forget).on('error', forget);
    client.setNoDelay(true);
    upstream.setNoDelay(true);

    client.on('data', (chunk: Buffer) => {
      if (connection.awaitingRequest) {
        connection.awaitingRequest = false;
        connection.sent = Buffer.alloc(0);
        // An upgraded WebSocket stays a stream; frames are not requests.
        if (!connection.streaming || !/upgrade: websocket/i.test(connection.request)) {
          connection.request = chunk.toString('latin1', 0, 2_000);
          connection.streaming = streamingRequest(connection.request);
          connection.requestedAt = Date.now();
          connection.answered = false;
          this.onRequest?.(connection.request);
        }
      }
      connection.sent = Buffer.concat([connection.sent, chunk]);
      const hit = connection.intercepted ? -1 : this.interceptors.findIndex((i) => i.match(connection.sent));
      if (hit >= 0) connection.intercepted = this.interceptors.splice(hit, 1)[0]!.onReply;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (connection.intercepted) {
        connection.intercepted();
        connection.cut();
        return;
      }
      connection.awaitingRequest = true;
      connection.answered = true;
      client.write(chunk);
    });
  }
}
