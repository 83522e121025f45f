import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { formatDuration } from './desk-metrics.component.js';
import { renderChart } from './desk-metrics.charts.js';

/** The labels of a chart's value axis (top, middle, zero) for one series whose largest value is `top`. */
function axisFor(top: number, axis: 'count' | 'duration'): string[] {
  const host = document.createElement('div');
  render(
    renderChart({
      id: 'c',
      kind: 'bars',
      title: 't',
      description: 'd',
      labels: ['a', 'b'],
      series: [{ name: 's', color: 'red', values: [top, 0] }],
      format: axis === 'duration' ? (v) => formatDuration(v)! : String,
      axis,
      size: { width: 600, height: 180 },
      tableCaption: 'c',
      emptyText: 'e',
    }),
    host,
  );
  return [...host.querySelectorAll('svg text.axis[text-anchor=end]')].map((t) => t.textContent!);
}

describe('desk-metrics charts', () => {
  it('count axes end on a round number whose middle line is whole too', () => {
    for (const top of [0, 1, 3, 4.5, 5, 7, 9, 10, 11, 19, 21, 49, 51, 140, 999, 1234]) {
      const labels = axisFor(top, 'count');
      expect(labels.length, String(top)).to.equal(3);
      expect(labels.every((label) => /^\d+$/.test(label)), `${top}: ${labels.join()}`).to.equal(true);
      expect(Math.max(...labels.map(Number)), String(top)).to.be.at.least(top);
    }
  });

  it('duration axes show whole seconds, minutes or hours at every line', () => {
    const minute = 60_000;
    for (const top of [0, 900, 5_000, 45_000, 61_000, 100_000, 150_000, 4.3 * minute, 5 * minute, 17 * minute, 59 * minute, 61 * minute, 100 * minute, 5 * 60 * minute, 30 * 60 * minute, 50 * 60 * minute, 300 * 60 * minute]) {
      const labels = axisFor(top, 'duration');
      expect(labels.length, String(top)).to.equal(3);
      expect(labels.every((label) => /^\d+ (s|min|h)$/.test(label)), `${top} ms: ${labels.join()}`).to.equal(true);
    }
  });
});
