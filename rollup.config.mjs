// Builds the browser files the relay serves at /widget/: the full widget as one
// self-contained ES module, the few-KB loader that partner pages embed, and the librarian console.
// Input is tsc's output (`tsc -b packages/sdk packages/widget` runs first).
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';

const widgetDir = 'packages/widget';

/** Prints each file's minified, gzip and brotli size; the bundle budget is about gzip. */
function reportSize() {
  return {
    name: 'report-size',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        const bytes = Buffer.byteLength(file.code);
        const gzip = gzipSync(file.code, { level: 9 }).length;
        const brotli = brotliCompressSync(file.code, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length;
        const kb = (n) => (n / 1024).toFixed(1);
        console.log(`${file.fileName}: ${kb(bytes)} KB min, ${kb(gzip)} KB gzip, ${kb(brotli)} KB brotli`);
      }
    },
  };
}

const plugins = () => [
  // Without the "development" condition Lit resolves to its production build (no dev warnings).
  nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }),
  replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
  terser({ ecma: 2020, module: true, format: { comments: false } }),
  reportSize(),
];

const onwarn = (warning, warn) => {
  // TypeScript's decorator helper reads `this` at module level; in a module it is undefined by design.
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  // Dependencies' own comment placement and import cycles are theirs to fix, not warnings about our code.
  const inDependency = [warning.id, ...(warning.ids ?? [])].some((id) => id?.includes('node_modules'));
  if (inDependency && (warning.code === 'INVALID_ANNOTATION' || warning.code === 'CIRCULAR_DEPENDENCY')) return;
  warn(warning);
};

export default [
  {
    input: `${widgetDir}/dist/bundle.js`,
    // Code loaded only on demand (socket.io-client, when a chat starts) goes to its own chunks,
    // named by content so they can be cached for good.
    output: {
      dir: `${widgetDir}/bundle`,
      entryFileNames: 'atrium-widget.js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      // Fewer, larger chunks where that loads nothing extra: each request costs a round trip on a
      // slow link, and small files compress poorly.
      experimentalMinChunkSize: 10_000,
      format: 'es',
      sourcemap: true,
    },
    plugins: plugins(),
    onwarn,
  },
  {
    // The librarian console: a bundle of its own, so the patron widget's size is untouched.
    input: `${widgetDir}/dist/console.js`,
    output: {
      dir: `${widgetDir}/bundle`,
      entryFileNames: 'atrium-console.js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      format: 'es',
      sourcemap: true,
    },
    plugins: plugins(),
    onwarn,
  },
  {
    input: `${widgetDir}/dist/loader/atrium.js`,
    output: { file: `${widgetDir}/bundle/atrium.js`, format: 'es', sourcemap: true },
    plugins: plugins(),
    onwarn,
  },
];
