/**
 * @license MIT
 * A part of an element that loads on first use (its code in a chunk of its own, through
 * `import()`), so the element's first render carries only what it shows. Loading starts
 * before the part is needed: when what opens it is pointed at or focused, and when the
 * browser is idle after that was first shown (`preloads()`), so the first use is normally
 * as immediate as if the part had been there all along. A use before that waits (`pending`);
 * a use whose part cannot load keeps the error (`failure`) for the host to show, with a
 * Retry (`retry()`) that tries the same use again.
 */
import { noChange, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

type Host = ReactiveControllerHost & HTMLElement;

/** How long an idle preload may wait for the browser to be idle. */
const IDLE_TIMEOUT_MS = 2_000;

export interface LazyOptions<T> {
  /**
   * Loads the part: an `import()` with a literal path (so the bundler makes it a chunk),
   * and whatever is built from it for this host (a controller, a dialog). Called again
   * after a failure.
   */
  load(): Promise<T>;
}

/** What a host needs of a lazy part whatever it loads: its state, preloading and Retry. */
export type LazyPart = Pick<LazyController<unknown>, 'pending' | 'failure' | 'preload' | 'preloadWhenIdle' | 'retry' | 'dismiss'>;

/**
 * @example
 * private readonly transfer = new LazyController(this, {
 *   load: async () => new (await import('./transfer-dialog.js')).TransferDialog(this, options),
 * });
 * // <button ${preloads(this.transfer)} @click=${() => this.transfer.use((dialog) => dialog.show())}>
 * // ${this.transfer.value?.render()}
 */
export class LazyController<T> implements ReactiveController {
  /** The part, once loaded. */
  value?: T;
  /** A use is waiting for the part to load. */
  pending = false;
  /** Why the last use could not load the part (`null` once it loads). */
  failure: Error | null = null;

  private loading?: Promise<T>;
  /** The host rendered since the part loaded (its elements are in the shadow root). */
  private rendered = false;
  private lastUse?: (value: T) => void;
  private cancelIdle?: () => void;
  /** An idle preload failed: the next try waits for the agent (pointing, focusing, using). */
  private idleFailed = false;

  constructor(
    private readonly host: Host,
    private readonly options: LazyOptions<T>,
  ) {
    host.addController(this);
  }

  /** Loads the part (once; again after a failure). */
  load(): Promise<T> {
    this.loading ??= this.options.load().then(
      (value) => {
        this.value = value;
        this.failure = null;
        this.host.requestUpdate();
        return value;
      },
      (err: unknown) => {
        this.loading = undefined;
        throw err instanceof Error ? err : new Error(String(err));
      },
    );
    return this.loading;
  }

  /** Starts loading ahead of a use; a failure shows only when the part is used. */
  readonly preload = (): void => {
    this.cancelIdle?.();
    if (!this.value) this.load().catch(() => undefined);
  };

  /** Preloads once the browser is idle (at the latest after two seconds). */
  preloadWhenIdle(): void {
    if (this.value || this.loading || this.cancelIdle || this.idleFailed) return;
    const run = () => {
      this.cancelIdle = undefined;
      if (!this.value) this.load().catch(() => (this.idleFailed = true));
    };
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS });
      this.cancelIdle = () => {
        cancelIdleCallback(id);
        this.cancelIdle = undefined;
      };
    } else {
      // Safari has no requestIdleCallback.
      const id = setTimeout(run, 200);
      this.cancelIdle = () => {
        clearTimeout(id);
        this.cancelIdle = undefined;
      };
    }
  }

  /**
   * Runs `action` with the part: at once when it is loaded and rendered, else as soon as
   * it is (`pending` meanwhile). If it cannot load, `failure` says why and `retry()` runs
   * the same action again.
   */
  async use(action: (value: T) => void): Promise<void> {
    if (this.value && this.rendered) {
      action(this.value);
      return;
    }
    this.lastUse = action;
    this.pending = true;
    this.failure = null;
    this.host.requestUpdate();
    try {
      const value = await this.load();
      await this.host.updateComplete;
      if (this.host.isConnected && this.lastUse === action) action(value);
    } catch (err) {
      if (this.lastUse === action) this.failure = err as Error;
    } finally {
      if (this.lastUse === action) this.pending = false;
      this.host.requestUpdate();
    }
  }

  /** Tries the failed use again. */
  readonly retry = (): void => {
    const action = this.lastUse;
    if (action) void this.use(action);
  };

  /** Forgets a failed use (e.g. another conversation was opened). */
  dismiss(): void {
    this.lastUse = undefined;
    this.pending = false;
    this.failure = null;
  }

  hostUpdated(): void {
    if (this.value) this.rendered = true;
  }

  hostDisconnected(): void {
    this.cancelIdle?.();
  }
}

/**
 * On the element that opens a lazy part (`<button ${preloads(part)}>`): the part starts
 * loading when the element is pointed at or focused, or else once the browser is idle.
 */
class PreloadsDirective extends Directive {
  private element?: Element;
  private lazy?: LazyPart;
  private readonly handleIntent = () => this.lazy?.preload();

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ELEMENT) throw new Error('preloads() goes on an element');
  }

  render(_lazy: LazyPart) {
    return nothing;
  }

  override update(part: ElementPart, [lazy]: [LazyPart]) {
    this.lazy = lazy;
    if (this.element !== part.element) {
      this.element = part.element;
      part.element.addEventListener('pointerenter', this.handleIntent);
      part.element.addEventListener('focus', this.handleIntent);
    }
    lazy.preloadWhenIdle();
    return noChange;
  }
}

export const preloads = directive(PreloadsDirective);
