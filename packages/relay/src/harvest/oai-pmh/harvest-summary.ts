// A harvest's summary as a few lines for the terminal, like an import's: what it asked for,
// what it added, updated and deleted, and the records it rejected with why.
import type { HarvestSummary } from './harvester.js';

const integer = new Intl.NumberFormat('en');

export function formatHarvestSummary(summary: HarvestSummary): string {
  const { counts, source } = summary;
  const seconds = summary.durationMs / 1000;
  const how = [
    summary.from === undefined ? 'every record' : `changes since ${summary.from}`,
    ...(source.set === undefined ? [] : [`set ${source.set}`]),
    `${integer.format(summary.pages)} page${summary.pages === 1 ? '' : 's'}`,
    ...(summary.resumed ? ['resumed where an earlier harvest was cut off'] : []),
    ...(summary.restarted ? ['the repository refused the saved resumption token, so the list was asked for again'] : []),
  ];
  const lines = [
    `Harvested ${source.url} (${source.metadataPrefix}) into ${summary.member} in ${seconds.toFixed(1)} s: ${how.join(', ')}`,
    `  added ${integer.format(counts.added)}, updated ${integer.format(counts.updated)}, unchanged ${integer.format(counts.unchanged)}, deleted ${integer.format(counts.deleted)}, rejected ${integer.format(counts.rejected)}`,
  ];
  if (counts.rejected > 0) {
    lines.push('  rejected records by reason:');
    for (const [reason, count] of Object.entries(summary.rejectedByReason).sort((a, b) => b[1] - a[1])) {
      lines.push(`    ${integer.format(count).padStart(7)}  ${reason}`);
    }
    lines.push('  first rejected records:');
    for (const problem of summary.problems) lines.push(`    ${problem.detail}`);
    if (counts.rejected > summary.problems.length) {
      lines.push(`    ... and ${integer.format(counts.rejected - summary.problems.length)} more`);
    }
  }
  if (summary.identify.deletedRecord === 'no') {
    lines.push('  the repository does not report deletions (deletedRecord "no"): records it deletes stay in the union catalog');
  }
  if (summary.lastDatestamp !== undefined) lines.push(`  the next harvest asks for changes since ${summary.lastDatestamp}`);
  return `${lines.join('\n')}\n`;
}
