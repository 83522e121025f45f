/**
 * @license MIT
 * The list's virtualizer layout.
 */
import { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';

/**
 * A flow layout (given to the directive, so nothing loads on demand) whose first
 * guess of a row's height is the real one, read through `estimate()` (e.g. from an
 * element sized by `--row-height`). The virtualizer measures rows inside a
 * ResizeObserver callback; had it guessed wrong, it would add or drop rows within
 * that callback, which browsers report as "ResizeObserver loop completed with
 * undelivered notifications" (benign, but test runners and error trackers see it).
 *
 * Make one per element and keep it: the directive compares layouts by class.
 */
export function rowLayout(estimate: () => number) {
  class RowLayout extends FlowLayout {
    private estimated = false;

    constructor(...args: ConstructorParameters<typeof FlowLayout>) {
      super(...args);
      // Render a few rows beyond the viewport (the default is 1000px): fewer rows in the DOM.
      this._overhang = 300;
    }

    override _getAverageSize(): number {
      if (!this.estimated) {
        const height = estimate();
        if (height > 0) {
          this._itemSize = { width: this._itemSize.width, height };
          this.estimated = true;
        }
      }
      return super._getAverageSize();
    }
  }
  return { type: RowLayout };
}
