// The components' public surface (attributes, properties, methods, events, parts and
// --atrium-* properties, from their JSDoc) as custom-elements.json, for editors and docs.
export default {
  globs: ['src/components/*/atrium-*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
};
