// `atrium-relay apply FILE` and `atrium-relay export`: the consortium as one file.
import { readFile } from 'node:fs/promises';
import { applyConsortium, type ApplyResult, type Change } from '../domain/consortium/apply.js';
import { readConsortiumFile } from '../domain/consortium/consortium-file.js';
import { consortiumYaml, toConsortiumFile } from '../domain/consortium/export.js';
import type { Storage } from '../storage/index.js';

export const APPLY_USAGE = `Usage: atrium-relay apply FILE [--dry-run] [--prune] [--database URL]

Makes the stored consortium say what FILE (YAML or JSON) says: its members, branches and
opening hours, bookable resources, lending policies, chat routing, librarians and widget keys.
Objects the file declares are created or updated; objects it leaves out are kept.

  --dry-run        Say what would change, change nothing
  --prune          Also remove what the file leaves out, unless something still depends on it
  --database URL   sqlite:PATH or postgres://... (default DATABASE_URL or sqlite:.atrium/atrium.db)

A file with any problem is refused whole, each problem named by line and field.
Applying the same file again changes nothing. See docs/consortium.md.`;

export const EXPORT_USAGE = `Usage: atrium-relay export [--database URL]

Writes the stored consortium to standard output as a consortium file (YAML) that
"atrium-relay apply" reads; applying it again changes nothing.`;

interface Output {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

const SIGN: Record<Change['action'], string> = { create: '+', update: '~', remove: '-' };

export async function applyFile(
  storage: Storage,
  file: string,
  options: { dryRun?: boolean; prune?: boolean },
  output: Output = process,
): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    output.stderr.write(`Cannot read ${file}: ${(error as Error).message}\n`);
    return 2;
  }
  const consortium = readConsortiumFile(text, file);
  const result = await applyConsortium(storage.consortium, consortium, options);
  output.stdout.write(describeResult(result));
  return 0;
}

export function describeResult(result: ApplyResult): string {
  const lines = result.changes.map((change) => `  ${SIGN[change.action]} ${change.kind} ${change.id}`);
  const count = (action: Change['action']) => result.changes.filter((change) => change.action === action).length;
  lines.push(
    `${result.dryRun ? 'Dry run, nothing was changed: would create' : 'Created'} ${count('create')}, ${result.dryRun ? 'update' : 'updated'} ${count('update')}, ${result.dryRun ? 'remove' : 'removed'} ${count('remove')}; ${result.unchanged} already as the file says.`,
  );
  if (result.notInFile.length > 0) {
    lines.push(
      `${result.notInFile.length} stored object${result.notInFile.length === 1 ? ' is' : 's are'} not in the file and kept (--prune removes them):`,
    );
    for (const change of result.notInFile) lines.push(`    ${change.kind} ${change.id}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function exportConsortium(storage: Storage, output: Output = process): Promise<number> {
  output.stdout.write(consortiumYaml(toConsortiumFile(await storage.consortium.read())));
  return 0;
}
