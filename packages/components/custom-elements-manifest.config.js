// `npm run analyze` writes custom-elements.json (referenced by package.json "customElements").
export default {
  // The base classes too, so members the elements inherit (client, session) are listed.
  globs: ['src/components/**/*.component.ts', 'src/internal/desk-*element.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
};
