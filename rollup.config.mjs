// Builds the browser ESM bundles: every element in one file, and the typed client.
// The plugin list is exported: the bundle-size benchmark (bench/suites/bundles.ts) builds with it.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

/** TypeScript sources import `./x.js`; the file on disk is `./x.ts`. */
const tsJsExtensions = () => ({
  name: 'ts-js-extensions',
  resolveId(source, importer) {
    if (!importer || !source.startsWith('.') || !source.endsWith('.js') || !importer.endsWith('.ts')) return null;
    const candidate = resolve(dirname(importer), source.replace(/\.js$/, '.ts'));
    return existsSync(candidate) ? candidate : null;
  },
});

/** Prints each chunk's minified and gzipped size. */
const sizes = () => ({
  name: 'sizes',
  generateBundle(options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      const min = Buffer.byteLength(chunk.code);
      const gz = gzipSync(chunk.code, { level: 9 }).length;
      const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
      console.log(`  ${options.dir ?? ''}/${chunk.fileName}: ${kb(min)} min, ${kb(gz)} gzip`);
    }
  },
});

/** The plugins every deskkit bundle is built with; `report: false` leaves out the size printout. */
export const plugins = ({ report = true } = {}) => [
  tsJsExtensions(),
  nodeResolve({ browser: true, exportConditions: ['browser', 'import', 'default'] }),
  esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', minify: false }),
  // The markup and styles inside html`` and css`` templates, which terser leaves as they are.
  // Closing slashes stay: an svg`` fragment has no <svg> around it while minified, and
  // without them `<rect/><path/>` would become a rect holding a path, which never draws.
  minifyLiterals({ failOnError: true, options: { minifyOptions: { keepClosingSlash: true } } }),
  terser({ ecma: 2022, module: true, format: { comments: false } }),
  ...(report ? [sizes()] : []),
];

/**
 * Empties the output folder before a build: chunk names are hashed, so without it every build
 * would leave the last one's chunks beside the new ones (and the demo server serves `dist`).
 */
const clean = (dir) => ({
  name: 'clean',
  async buildStart() {
    await rm(dir, { recursive: true, force: true });
  },
});

export const quiet = (warning, warn) => {
  // tRPC's ESM sets `this` at the top level of some helpers; harmless in bundles.
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  warn(warning);
};

export default [
  {
    input: { 'deskkit-components': 'packages/components/src/index.ts' },
    output: { dir: 'packages/components/dist', format: 'es', sourcemap: true },
    plugins: [clean('packages/components/dist'), ...plugins()],
    onwarn: quiet,
  },
  {
    input: { 'deskkit-client': 'packages/client/src/index.ts' },
    output: { dir: 'packages/client/dist', format: 'es', sourcemap: true },
    plugins: [clean('packages/client/dist'), ...plugins()],
    onwarn: quiet,
  },
];
