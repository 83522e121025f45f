// Builds the browser ESM bundles (every element in one file, and the typed client), then the
// client's Node ESM entry and its type declarations. The configs build in order: the client's
// browser build empties packages/client/dist before the Node build writes beside it.
// The plugin list is exported: the bundle-size benchmark (bench/suites/bundles.ts) builds with it.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
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

/**
 * Workspace packages are bundled from their sources, never from their own `dist` (which
 * `@deskkit/client`'s `browser` export points at, and which may be stale or not built yet).
 */
const workspaceSources = () => ({
  name: 'workspace-sources',
  resolveId(source) {
    return source === '@deskkit/client' ? fileURLToPath(new URL('packages/client/src/index.ts', import.meta.url)) : null;
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
  workspaceSources(),
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

/** The client's runtime dependencies: the Node build imports them, it does not bundle them. */
const clientDependencies = Object.keys(JSON.parse(readFileSync(new URL('packages/client/package.json', import.meta.url), 'utf8')).dependencies);
const isClientDependency = (id) => clientDependencies.some((dep) => id === dep || id.startsWith(`${dep}/`));

/** Emits the client's `.d.ts` files (see packages/client/tsconfig.types.json) once its Node build is written. */
const clientDeclarations = () => ({
  name: 'client-declarations',
  async writeBundle() {
    const tsc = fileURLToPath(import.meta.resolve('typescript/bin/tsc'));
    const project = fileURLToPath(new URL('packages/client/tsconfig.types.json', import.meta.url));
    await promisify(execFile)(process.execPath, [tsc, '-p', project]).catch((err) => {
      throw new Error(`client declarations: ${err.stdout || err.message}`);
    });
    console.log('  packages/client/dist/types: declarations');
  },
});

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
  {
    // Node 20 (plain `node`, no TypeScript loader): `src/node.ts` supplies EventSource and WebSocket.
    // Not minified; the client's dependencies stay imports, resolved from the partner's node_modules.
    input: { 'deskkit-client': 'packages/client/src/node.ts' },
    output: { dir: 'packages/client/dist/node', format: 'es', sourcemap: true },
    external: isClientDependency,
    plugins: [tsJsExtensions(), esbuild({ target: 'node20', tsconfig: 'tsconfig.json', minify: false }), clientDeclarations()],
    onwarn(warning, warn) {
      // An import missing from the client's `dependencies` would fail on a partner's machine.
      if (warning.code === 'UNRESOLVED_IMPORT') throw new Error(`${warning.message}: add it to packages/client/package.json dependencies`);
      quiet(warning, warn);
    },
  },
];
