// The generated custom-elements.json is the components' documentation for editors and partner
// web teams: every element is in it, and every --atrium-* property the styles read is
// documented there and in the README, so no styling hook is secret.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const widgetSrc = path.join(root, 'packages/widget/src');

interface Declaration {
  tagName?: string;
  cssProperties?: { name: string; description?: string }[];
  cssParts?: { name: string }[];
  events?: { name: string }[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[];
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const manifest = JSON.parse(readFileSync(path.join(root, 'packages/widget/custom-elements.json'), 'utf8')) as Manifest;
const declarations = manifest.modules.flatMap((module) => module.declarations ?? []);
const elements = new Map(declarations.filter((d) => d.tagName).map((d) => [d.tagName!, d]));
const code = sources(widgetSrc).map((file) => readFileSync(file, 'utf8'));

describe('custom-elements.json', () => {
  it('describes every element the widget package defines', () => {
    const defined = new Set(
      code.flatMap((text) => [...text.matchAll(/customElements\.define\(\s*'([a-z][a-z0-9-]*)'/g)].map((m) => m[1]!)),
    );
    assert.ok(defined.has('atrium-widget'));
    for (const tag of defined) assert.ok(elements.has(tag), `<${tag}> is missing from custom-elements.json`);
  });

  it('documents every --atrium-* property the styles read, with its default, in the manifest and the README', () => {
    const used = new Set(code.flatMap((text) => [...text.matchAll(/var\(\s*(--atrium-[a-z0-9-]+)/g)].map((m) => m[1]!)));
    assert.ok(used.size >= 15, 'the styles read the theming properties');
    const documented = new Map(declarations.flatMap((d) => d.cssProperties ?? []).map((p) => [p.name, p.description ?? '']));
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const name of used) {
      assert.ok(documented.has(name), `${name} is read by the styles but no component documents it (@cssproperty)`);
      assert.match(documented.get(name)!, /Default/, `${name} is documented without its default`);
      assert.ok(readme.includes(`\`${name}\``), `${name} is not in the README's theming table`);
    }
  });

  it('lists the widget’s events and parts', () => {
    const widget = elements.get('atrium-widget')!;
    const events = (widget.events ?? []).map((e) => e.name);
    for (const name of ['atrium-open', 'atrium-close', 'atrium-search']) assert.ok(events.includes(name), `${name} is not documented`);
    const parts = (widget.cssParts ?? []).map((p) => p.name);
    for (const name of ['launcher', 'panel', 'tabs', 'tabpanel']) assert.ok(parts.includes(name), `::part(${name}) is not documented`);
  });
});
