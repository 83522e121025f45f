/**
 * @license MIT
 * The drawn size of an element in the host's shadow root, followed with a `ResizeObserver`:
 * the host re-renders when it changes (a chart drawn at its real size, say).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface SizeControllerOptions {
  /** The element to follow, after each render (another one when a render replaced it; none when gone). */
  target(): Element | null | undefined;
}

export class SizeController implements ReactiveController {
  /** Whole CSS pixels of the target's content box; `null` until it is laid out. */
  size: { width: number; height: number } | null = null;

  private observer?: ResizeObserver;
  private observed: Element | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: SizeControllerOptions,
  ) {
    host.addController(this);
  }

  /** Back in the page: follow the target again (none before the first render). */
  hostConnected(): void {
    this.hostUpdated();
  }

  hostUpdated(): void {
    const target = this.options.target() ?? null;
    if (target === this.observed) return;
    this.hostDisconnected();
    if (!target) return;
    this.observed = target;
    this.observer = new ResizeObserver(([entry]) => {
      const width = Math.round(entry!.contentRect.width);
      const height = Math.round(entry!.contentRect.height);
      if (!width || !height || (width === this.size?.width && height === this.size.height)) return;
      this.size = { width, height };
      this.host.requestUpdate();
    });
    this.observer.observe(target);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.observed = null;
  }
}
