/** One measured figure, printed beside a baseline measured in the same run. */
export interface Figure {
  /** The benchmark it belongs to, e.g. `event latency`. */
  suite: string;
  /** What was measured, e.g. `p99, 2,000 agents`. */
  name: string;
  value: number;
  unit: string;
  /** The same quantity for the baseline (a bare transport, a bare driver call, a bare element). */
  baseline?: { name: string; value: number };
  /**
   * A correctness count or ratio (over-cap agents, fairness), checked against its target; it
   * has no baseline because no other system's figure would mean anything beside it.
   */
  check?: true;
  /** The goal from the issue, where it names one. */
  target?: { op: '<' | '<=' | '>=' | '>'; value: number };
  notes?: string;
}

export function meetsTarget(figure: Figure): boolean | null {
  const target = figure.target;
  if (!target) return null;
  const v = figure.value;
  switch (target.op) {
    case '<':
      return v < target.value;
    case '<=':
      return v <= target.value;
    case '>':
      return v > target.value;
    case '>=':
      return v >= target.value;
  }
}

const format = (value: number, unit: string) => {
  const digits = Math.abs(value) >= 100 || Number.isInteger(value) ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })} ${unit}`;
};

/** Figures that are neither beside a baseline nor a correctness check: a suite's mistake. */
export function unbased(figures: Figure[]): Figure[] {
  return figures.filter((f) => !f.baseline && !(f.check && f.target));
}

/** The results as a plain-text table, one row per figure. */
export function table(figures: Figure[]): string {
  const rows = figures.map((f) => {
    const ok = meetsTarget(f);
    return [
      f.suite,
      f.name,
      format(f.value, f.unit),
      f.baseline ? `${format(f.baseline.value, f.unit)} (${f.baseline.name})` : f.check ? '(correctness check)' : '—',
      f.baseline && f.baseline.value !== 0 ? `${(f.value / f.baseline.value).toFixed(2)}×` : '—',
      f.target ? `${f.target.op} ${format(f.target.value, f.unit)} ${ok ? 'met' : 'MISSED'}` : '—',
    ];
  });
  const header = ['benchmark', 'figure', 'value', 'baseline', 'ratio', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const notes = figures.filter((f) => f.notes).map((f) => `  · ${f.suite} / ${f.name}: ${f.notes}`);
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), ...(notes.length ? ['', 'notes:', ...notes] : [])].join('\n');
}
