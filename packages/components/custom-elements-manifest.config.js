// `npm run analyze` writes custom-elements.json (referenced by package.json "customElements").
export default {
  globs: ['src/components/**/*.component.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
};
