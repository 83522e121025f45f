import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Where a file can be read: `url` shows it in place, `downloadUrl` downloads it, `thumbnailUrl` shows an image's small copy (null: none). All absolute. */
export interface FileLink {
  url: string;
  downloadUrl: string;
  thumbnailUrl: string | null;
  expiresAt: string;
}

export interface FileLinksControllerOptions {
  /** Asks the desk for links to files of one conversation (`files.links`), at most 50 at a time. */
  fetch(conversationId: string, fileIds: string[]): Promise<{ links: Record<string, FileLink> }>;
  /** The desk's URL: links come as paths relative to it. */
  base(): string;
  /** Ask again this long before a link expires (default one minute). */
  refreshMarginMs?: number;
}

/** The most file ids one `files.links` call takes. */
const BATCH = 50;
/** After a failure, wait this long before asking again. */
const RETRY_MS = 10_000;
/** Never ask for the same file more often than this (a margin longer than the links live). */
const MIN_REFETCH_MS = 1_000;

/**
 * Signed links to message files, for an element that renders them. `get()` during
 * render returns the link it has (or `undefined`) and notes what is missing; after the
 * render, everything missing is asked for in one batch per conversation, and the host
 * re-renders when the links arrive. Links are asked for again before they expire, but
 * only those still rendered. Credentials never go into URLs here: the desk signs them.
 *
 * @example
 * ```ts
 * private links = new FileLinksController(this, {
 *   fetch: (conversationId, fileIds) => this.client.files.links.query({ conversationId, fileIds }),
 *   base: () => this.server,
 * });
 * // in render(): const link = this.links.get(conversationId, attachment.fileId);
 * ```
 */
export class FileLinksController implements ReactiveController {
  private readonly links = new Map<string, { link: FileLink; expires: number; fetched: number }>();
  private readonly wanted = new Map<string, Set<string>>();
  private readonly loading = new Set<string>();
  private readonly failures = new Map<string, { until: number; gone: boolean }>();
  private generation = 0;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: FileLinksControllerOptions,
  ) {
    host.addController(this);
  }

  private get margin(): number {
    return this.options.refreshMarginMs ?? 60_000;
  }

  /** The link to a file of `conversationId`, or `undefined` while it loads; missing or stale links are asked for after this render. */
  get(conversationId: string, fileId: string): FileLink | undefined {
    const entry = this.links.get(fileId);
    const now = Date.now();
    if (entry && entry.expires - this.margin > now) return entry.link;
    const failure = this.failures.get(fileId);
    const recent = entry !== undefined && now - entry.fetched < MIN_REFETCH_MS;
    if (!this.loading.has(fileId) && !recent && !failure?.gone && (failure?.until ?? 0) <= now) {
      let ids = this.wanted.get(conversationId);
      if (!ids) this.wanted.set(conversationId, (ids = new Set()));
      ids.add(fileId);
    }
    // A link about to expire still works while its replacement is on the way.
    return entry && entry.expires > now ? entry.link : undefined;
  }

  /** Whether the desk said the file does not exist (or is not the caller's to see). */
  unavailable(fileId: string): boolean {
    return this.failures.get(fileId)?.gone ?? false;
  }

  /** Forgets every link (e.g. another conversation, or another credential). */
  clear(): void {
    this.generation++;
    this.links.clear();
    this.wanted.clear();
    this.loading.clear();
    this.failures.clear();
    clearTimeout(this.timer);
  }

  hostUpdated(): void {
    if (!this.wanted.size) return;
    const wanted = [...this.wanted];
    this.wanted.clear();
    for (const [conversationId, ids] of wanted) {
      const list = [...ids];
      for (let i = 0; i < list.length; i += BATCH) void this.load(conversationId, list.slice(i, i + BATCH));
    }
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }

  private async load(conversationId: string, ids: string[]): Promise<void> {
    const generation = this.generation;
    ids.forEach((id) => this.loading.add(id));
    let split = false;
    try {
      const { links } = await this.options.fetch(conversationId, ids);
      if (generation !== this.generation) return;
      const base = `${this.options.base().replace(/\/+$/, '')}/`;
      for (const [id, link] of Object.entries(links)) {
        this.links.set(id, {
          link: {
            url: new URL(link.url, base).href,
            downloadUrl: new URL(link.downloadUrl, base).href,
            thumbnailUrl: link.thumbnailUrl ? new URL(link.thumbnailUrl, base).href : null,
            expiresAt: link.expiresAt,
          },
          expires: Date.parse(link.expiresAt),
          fetched: Date.now(),
        });
        this.failures.delete(id);
      }
    } catch (err) {
      if (generation !== this.generation) return;
      ids.forEach((id) => this.loading.delete(id));
      if (ids.length > 1) {
        // One missing file fails the whole batch: ask for each on its own.
        split = true;
        for (const id of ids) void this.load(conversationId, [id]);
        return;
      }
      const gone = (err as { data?: { code?: string } } | null)?.data?.code === 'NOT_FOUND';
      this.failures.set(ids[0]!, { until: Date.now() + RETRY_MS, gone });
    } finally {
      if (generation === this.generation && !split) {
        ids.forEach((id) => this.loading.delete(id));
        this.schedule();
        this.host.requestUpdate();
      }
    }
  }

  /** Re-renders when the next link needs refreshing (or a failed one may be asked for again). */
  private schedule(): void {
    clearTimeout(this.timer);
    const now = Date.now();
    const times: number[] = [];
    for (const [id, entry] of this.links) {
      if (entry.expires <= now) this.links.delete(id);
      // When it is due for refreshing, then (if nobody shows it any more) when it expires.
      else times.push(entry.expires - this.margin > now ? entry.expires - this.margin : entry.expires);
    }
    for (const failure of this.failures.values()) if (!failure.gone) times.push(failure.until);
    if (!times.length) return;
    const delay = Math.min(Math.max(1_000, Math.min(...times) - now), 2 ** 31 - 1);
    this.timer = setTimeout(() => {
      this.schedule();
      this.host.requestUpdate();
    }, delay);
  }
}
