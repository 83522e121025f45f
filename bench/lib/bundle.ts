/**
 * Browser bundles built the way `npm run build` builds them (the root rollup config's
 * plugins), into a temporary directory: the shipped `dist` folders are never touched.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { rollup, type OutputChunk } from 'rollup';
import { plugins, quiet } from '../../rollup.config.mjs';

/** Minified and gzipped (level 9) bytes. */
export interface Size {
  min: number;
  gzip: number;
}

export interface Bundle {
  dir: string;
  chunks: OutputChunk[];
  /** The entry chunk of each input name. */
  entries: Map<string, OutputChunk>;
  /** What an entry loads before it runs: itself and the chunks it imports statically. */
  eager(name: string): OutputChunk[];
  /** Chunks only reached through dynamic `import()` (the emoji picker…), loaded on use. */
  lazy(name: string): OutputChunk[];
  remove(): Promise<void>;
}

export const root = path.resolve(import.meta.dirname, '../..');

/** Builds `input` (names → files, relative to the repository root) as ESM chunks into a fresh temporary directory. */
export async function buildBundle(input: Record<string, string>): Promise<Bundle> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'deskkit-bench-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  const output = await write(input, dir).catch(async (err: unknown) => {
    await remove();
    throw err;
  });
  const chunks = output.filter((o): o is OutputChunk => o.type === 'chunk');
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const entries = new Map(chunks.filter((c) => c.isEntry).map((c) => [c.name, c]));
  const closure = (start: OutputChunk[], follow: (c: OutputChunk) => string[]) => {
    const seen = new Set<OutputChunk>();
    const visit = (chunk: OutputChunk) => {
      if (seen.has(chunk)) return;
      seen.add(chunk);
      for (const file of follow(chunk)) visit(byFile.get(file)!);
    };
    start.forEach(visit);
    return [...seen];
  };
  const entry = (name: string) => {
    const chunk = entries.get(name);
    if (!chunk) throw new Error(`no entry ${name}`);
    return chunk;
  };
  const eager = (name: string) => closure([entry(name)], (c) => c.imports);
  return {
    dir,
    chunks,
    entries,
    eager,
    lazy(name) {
      const before = new Set(eager(name));
      return closure([entry(name)], (c) => [...c.imports, ...c.dynamicImports]).filter((c) => !before.has(c));
    },
    remove,
  };
}

async function write(input: Record<string, string>, dir: string) {
  const build = await rollup({
    input: Object.fromEntries(Object.entries(input).map(([name, file]) => [name, path.resolve(root, file)])),
    plugins: plugins({ report: false }),
    onwarn: quiet,
  });
  try {
    return (await build.write({ dir, format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' })).output;
  } finally {
    await build.close();
  }
}

/** The total size of `chunks`, each gzipped on its own as a server would send it. */
export function sizeOf(chunks: readonly OutputChunk[]): Size {
  let min = 0;
  let gzip = 0;
  for (const chunk of chunks) {
    min += Buffer.byteLength(chunk.code);
    gzip += gzipSync(chunk.code, { level: 9 }).length;
  }
  return { min, gzip };
}
