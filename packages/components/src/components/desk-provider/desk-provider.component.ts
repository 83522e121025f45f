import { ContextProvider } from '@lit/context';
import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { closeDeskClient, createDeskClient, type DeskClient } from '@deskkit/client';
import { clientContext } from '../../context/client-context.js';
import { feedContext } from '../../context/feed-context.js';
import { serverContext } from '../../context/server-context.js';
import { linkEmojiFont } from '../../internal/emoji-font.js';
import { DeskFeed } from '../../internal/desk-feed.js';
import { sessionContext, type DeskSession } from '../../context/session-context.js';
import { DeskElement } from '../../internal/desk-element.js';
import { errorCode } from '../../internal/errors.js';
import componentStyles from '../../styles/component.styles.js';
import styles from './desk-provider.styles.js';

/** How long to wait before asking again for a session the server could not answer for, doubling up to the most. */
const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 15_000;

/**
 * @tag desk-provider
 * @summary The root of an embedded desk: creates the typed client and shares it,
 * with the signed-in session, with every deskkit element inside it.
 *
 * @slot - The desk elements (and any of the host page's own markup).
 *
 * @fires desk-session-change - Signed in, signed out, or a given token was rejected (`session: null`).
 */
export class DeskProvider extends DeskElement {
  static override styles = [componentStyles, styles];

  /** Base URL of the deskkit server; defaults to the page's origin. */
  @property() server = globalThis.location?.origin ?? '';

  /** A session token obtained by the host page (e.g. from its own backend). */
  @property() token: string | null = null;

  /** How subscriptions travel. */
  @property() transport: 'sse' | 'ws' = 'sse';

  /** The signed-in session, or `null`. */
  get session(): DeskSession | null {
    return this.sessionProvider.value;
  }

  /** The signed-in agent's live stream, shared by the elements inside. */
  get feed(): DeskFeed | undefined {
    return this.feedProvider.value;
  }

  /** The typed client elements use. */
  get client(): DeskClient | undefined {
    return this.clientProvider.value;
  }

  private readonly clientProvider = new ContextProvider(this, { context: clientContext });
  private readonly sessionProvider = new ContextProvider(this, { context: sessionContext, initialValue: null });
  private readonly feedProvider = new ContextProvider(this, { context: feedContext });
  private readonly serverProvider = new ContextProvider(this, { context: serverContext });
  private loading = 0;

  /** Signs an agent in with email and password; resolves with the session. */
  async signIn(credentials: { tenant: string; email: string; password: string }): Promise<DeskSession> {
    const anonymous = createDeskClient({ url: this.server });
    const result = await anonymous.auth.signIn.mutate(credentials);
    const session: DeskSession = { token: result.token, expiresAt: result.expiresAt, agent: result.agent };
    this.adoptToken(session.token);
    // Share the session only once the client carrying its token is in place.
    await this.updateComplete;
    this.setSession(session);
    return session;
  }

  /**
   * Forgets the session here at once (so a reload or a closing tab cannot bring it
   * back), then ends it on the server through the client that still carries it.
   */
  async signOut(): Promise<void> {
    const client = this.client;
    const signedIn = Boolean(this.session);
    this.adoptToken(null);
    this.setSession(null);
    if (signedIn && client) await client.auth.signOut.mutate().catch(() => undefined);
  }

  /**
   * Reloads the session (e.g. after a profile change). Only a rejected token ends it;
   * while the server cannot be reached the token is kept and the call retried, backing off.
   */
  async refreshSession(): Promise<DeskSession | null> {
    const client = this.client;
    const token = this.token;
    if (!client || !token) return null;
    const ticket = ++this.loading;
    for (let attempt = 0; ; attempt++) {
      try {
        const me = await client.auth.me.query();
        if (ticket !== this.loading) return this.session;
        const session: DeskSession = { token, expiresAt: me.expiresAt, agent: me.agent };
        this.setSession(session);
        return session;
      } catch (err) {
        if (ticket !== this.loading) return this.session;
        if (errorCode(err) !== 'UNAUTHORIZED') {
          // Unreachable, restarting or overloaded: the token may well be good.
          await new Promise((resolve) => setTimeout(resolve, Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** attempt)));
          if (ticket !== this.loading || !this.isConnected) return this.session;
          continue;
        }
        // The token was rejected (expired, signed out elsewhere): tell the host even if nobody was signed in.
        this.adoptToken(null);
        this.replaceFeed(null);
        this.sessionProvider.setValue(null);
        this.emit('desk-session-change', { session: null });
        return null;
      }
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.feed?.close();
    const client = this.client;
    if (client) void closeDeskClient(client);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Uploads, the emoji picker's data and the emoji font go to the server directly.
    this.serverProvider.setValue(this.server.replace(/\/+$/, ''));
    if (changed.has('server')) linkEmojiFont(this.server);
    if (changed.has('server') || changed.has('transport') || changed.has('token') || !this.client) {
      const previous = this.client;
      const token = this.token;
      this.clientProvider.setValue(
        createDeskClient({ url: this.server, token: token ?? undefined, transport: this.transport }),
      );
      if (previous) void closeDeskClient(previous);
      // A live stream runs over the client: follow the new one.
      if (previous && this.feed) {
        this.feed.close();
        this.feedProvider.setValue(new DeskFeed(this.clientProvider.value!));
      }
      if (token && token !== this.session?.token) void this.refreshSession();
    }
  }

  protected override render() {
    return html`<slot></slot>`;
  }

  /** Sets the token without re-fetching the session we already have. */
  private adoptToken(token: string | null): void {
    this.loading++;
    this.token = token;
  }

  private setSession(session: DeskSession | null): void {
    if (session === this.session) return;
    this.replaceFeed(session);
    this.sessionProvider.setValue(session);
    this.emit('desk-session-change', { session });
  }

  /** A new session (or none) gets its own stream; elements reload and follow it. */
  private replaceFeed(session: DeskSession | null): void {
    const client = this.client;
    if (session && client && this.feed && session.token === this.session?.token) return;
    this.feed?.close();
    this.feedProvider.setValue(session && client ? new DeskFeed(client) : undefined);
  }
}
