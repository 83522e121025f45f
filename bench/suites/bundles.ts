/**
 * Bundle sizes: every element on its own (everything it imports, the client included where
 * it uses it), the core set an agent desk page loads, every element together, and the client,
 * built with the root rollup config's plugins. Baseline: a bare Lit element with the same plugins.
 * The figure held to the target is what loads eagerly (before the element first renders).
 * Chunks reached only through `import()` (the dialogs, the emoji picker, the transcript
 * export…) load on first use or in idle time after the first render: their total is a figure
 * of its own and each chunk is listed in the notes, so nothing is hidden. `--quick` builds
 * only the core elements and the provider besides the sets.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { transform } from 'esbuild';
import type { OutputChunk } from 'rollup';
import { buildBundle, root, sizeOf, type Size } from '../lib/bundle.js';
import type { Figure } from '../lib/report.js';
import type { BenchContext } from '../run.js';

const SUITE = 'bundles';
const ELEMENTS = 'packages/components/src/components';
/** The core elements: each at most 30 KB gzipped. */
const CORE = ['agent-queue', 'chat-window', 'presence-list'];
const TARGET_KB = 30;

const kb = (bytes: number) => bytes / 1024;

export async function bundles(ctx: BenchContext): Promise<Figure[]> {
  const names = (await readdir(path.join(root, ELEMENTS), { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const elements = ctx.quick ? names.filter((name) => CORE.includes(name) || name === 'desk-provider') : names;
  const inputs: Array<[label: string, file: string]> = [
    ...elements.map((name): [string, string] => [`<${name}>`, `${ELEMENTS}/${name}/${name}.ts`]),
    ['core set (provider + queue + chat window + presence)', 'bench/fixtures/core-set.ts'],
    ['whole set (every element)', 'packages/components/src/index.ts'],
    ['client', 'packages/client/src/index.ts'],
  ];
  const bare = await measure('bench/fixtures/bare-element.ts');
  const figures: Figure[] = [];
  for (const [label, file] of inputs) {
    const built = await measure(file);
    const core = CORE.some((name) => label === `<${name}>`);
    const notes = [
      built.lazy.min ? `lazy chunks (gzip), loaded on first use, not in the figure: ${built.lazyChunks}` : '',
      core || label.startsWith('core') ? `largest parts, minified: ${built.largest}` : '',
      core ? 'a page also loads <desk-provider> and the client once (see the core set)' : '',
    ].filter(Boolean);
    figures.push({
      suite: SUITE,
      name: `${label} gzip`,
      value: kb(built.eager.gzip),
      unit: 'KB',
      baseline: { name: 'bare Lit element', value: kb(bare.eager.gzip) },
      target: core ? { op: '<=', value: TARGET_KB } : undefined,
      notes: notes.join('; ') || undefined,
    });
    figures.push({ suite: SUITE, name: `${label} min`, value: kb(built.eager.min), unit: 'KB', baseline: { name: 'bare Lit element', value: kb(bare.eager.min) } });
    if (built.lazy.min) {
      figures.push({
        suite: SUITE,
        name: `${label} lazy chunks gzip`,
        value: kb(built.lazy.gzip),
        unit: 'KB',
        baseline: { name: 'bare Lit element', value: kb(bare.eager.gzip) },
        notes: `${kb(built.lazy.min).toFixed(1)} KB min in ${built.lazyCount} chunks, loaded on first use`,
      });
    }
  }
  return figures;
}

/** Builds one entry on its own and sizes what loads eagerly and what loads lazily. */
async function measure(file: string): Promise<{ eager: Size; lazy: Size; lazyChunks: string; lazyCount: number; largest: string }> {
  const bundle = await buildBundle({ entry: file });
  try {
    const eager = bundle.eager('entry');
    const lazy = bundle.lazy('entry');
    return {
      eager: sizeOf(eager),
      lazy: sizeOf(lazy),
      lazyChunks: lazy
        .map((chunk) => [chunkName(chunk), sizeOf([chunk]).gzip] as const)
        .sort((a, b) => b[1] - a[1])
        .map(([name, gzip]) => `${name} ${kb(gzip).toFixed(1)} KB`)
        .join(', '),
      lazyCount: lazy.length,
      largest: await largestParts(eager),
    };
  } finally {
    await bundle.remove();
  }
}

/** The four biggest areas (a package, the translations, an element's folder…), each module's bundled code minified on its own. */
async function largestParts(chunks: readonly OutputChunk[]): Promise<string> {
  const areas = new Map<string, number>();
  for (const chunk of chunks) {
    for (const [id, module] of Object.entries(chunk.modules)) {
      if (!module.code) continue;
      const { code } = await transform(module.code, { minify: true, loader: 'js', target: 'es2022' });
      areas.set(area(id), (areas.get(area(id)) ?? 0) + Buffer.byteLength(code));
    }
  }
  return [...areas]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([name, bytes]) => `${name} ${kb(bytes).toFixed(1)} KB`)
    .join(', ');
}

/** A chunk by its main module: `chat-window.dialogs`, `emoji-picker-element/picker`. */
function chunkName(chunk: OutputChunk): string {
  const main = chunk.facadeModuleId ?? Object.keys(chunk.modules).at(-1) ?? chunk.name;
  const base = path.basename(main).replace(/\.[cm]?[jt]s$/, '');
  const where = area(main);
  return where.startsWith('components/') || where === base ? base : `${where}/${base}`;
}

/** A package name, or the source folder of a workspace file (`components/chat-window`, `translations`, `client`). */
function area(id: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id);
  // The Lit runtime is three packages.
  if (pkg) return ['lit', 'lit-html', 'lit-element', '@lit/reactive-element'].includes(pkg[1]!) ? 'lit' : pkg[1]!;
  const relative = path.relative(root, id).split(path.sep);
  if (relative[0] === 'packages' && relative[2] === 'src') {
    if (relative[1] !== 'components') return relative[1]!;
    return relative.length > 5 ? relative.slice(3, 5).join('/') : relative[3]!;
  }
  return relative.join('/');
}
