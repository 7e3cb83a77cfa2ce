// axe-core as the accessibility judge of every browser test, with WCAG 2.2's target-size rule
// (targets of at least 24 × 24 px, or spaced as far apart), which axe leaves off by default.
import 'axe-core';
import type { AxeResults, RunOptions } from 'axe-core';

const axe = (window as unknown as { axe: { run(context: Element, options?: RunOptions): Promise<AxeResults> } }).axe;

/** Each violation as `rule: selectors`, so a failing test names what to fix. */
export async function axeViolations(context: Element, options: RunOptions = {}): Promise<string[]> {
  const results = await axe.run(context, {
    resultTypes: ['violations'],
    ...options,
    rules: { 'target-size': { enabled: true }, ...options.rules },
  });
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
