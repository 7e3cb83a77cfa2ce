// Builds every package: TypeScript for the SDK, widget and relay, then rollup for the browser
// bundles. Skips work that is already up to date, so `npm start` stays quick on a second run.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function newest(dir) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

const oldest = (files) => Math.min(...files.map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0)));

export function build({ force = false, quiet = false } = {}) {
  const log = (message) => quiet || process.stderr.write(`${message}\n`);
  const started = Date.now();
  // tsc -b is incremental: it only rebuilds projects whose sources changed.
  execFileSync(bin('tsc'), ['-b', 'packages/sdk', 'packages/widget', 'packages/relay'], { cwd: root, stdio: 'inherit' });

  const bundles = ['atrium.js', 'atrium-widget.js', 'atrium-console.js'].map((name) => path.join(root, 'packages/widget/bundle', name));
  const inputs = Math.max(
    newest(path.join(root, 'packages/widget/dist')),
    newest(path.join(root, 'packages/sdk/dist')),
    statSync(path.join(root, 'rollup.config.mjs')).mtimeMs,
  );
  if (force || oldest(bundles) < inputs) {
    log('Bundling the widget…');
    // Chunks are named by content: clear the old ones so only this build's are served.
    rmSync(path.join(root, 'packages/widget/bundle/chunks'), { recursive: true, force: true });
    execFileSync(bin('rollup'), ['-c', '--silent'], { cwd: root, stdio: 'inherit' });
  }
  const manifest = path.join(root, 'packages/widget/custom-elements.json');
  if (force || oldest([manifest]) < newest(path.join(root, 'packages/widget/src/components'))) {
    log('Describing the components in custom-elements.json…');
    execFileSync(bin('cem'), ['analyze', '--quiet'], { cwd: path.join(root, 'packages/widget'), stdio: 'inherit' });
  }
  log(`Build ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  build({ force: process.argv.includes('--force') });
}
