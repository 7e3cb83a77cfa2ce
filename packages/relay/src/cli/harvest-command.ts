// `atrium-relay harvest`: harvests a member's OAI-PMH repository with a progress display and
// prints what it did. The source comes from the flags (and is kept for the next harvest) or
// from what an earlier harvest or the consortium file saved.
import type { Writable } from 'node:stream';
import { HarvestDatestamp, HarvestSource, toFieldErrors } from '@atrium/sdk';
import { HarvestError } from '../harvest/oai-pmh/harvest-error.js';
import { harvestMember } from '../harvest/oai-pmh/harvest-member.js';
import { formatHarvestSummary } from '../harvest/oai-pmh/harvest-summary.js';
import type { HarvestOptions, HarvestSummary } from '../harvest/oai-pmh/harvester.js';
import { createProgressReporter } from '../importers/progress.js';
import { HarvestBusyError } from '../storage/harvest-store.js';
import type { Storage } from '../storage/index.js';

export const HARVEST_USAGE = `Usage: atrium-relay harvest --member ID [--url URL --metadata-prefix PREFIX [--set SPEC]] [--from DATE | --full] [--quiet] [--database URL]

  --member ID              The member whose catalogue the repository holds (e.g. riverside-library)
  --url URL                The repository's OAI-PMH base URL (kept for the next harvest)
  --metadata-prefix P      oai_dc | marcxml | marc21
  --set SPEC               Only this set of the repository
  --from DATE              Only records changed since DATE (2024-05-01 or 2024-05-01T12:00:00Z)
  --full                   Every record, not only the changes since the last harvest
  --quiet                  No progress bar; the summary is still printed
  --database URL           sqlite:PATH or postgres://... (default DATABASE_URL or sqlite:.atrium/atrium.db)

Without --url, the member's saved source is harvested. Each harvest after the first asks only
for the records changed since the last one; records the repository marks deleted leave the
union catalogue. A harvest cut off part-way goes on from where it stopped the next time.`;

export interface HarvestCommandOptions {
  member: string;
  url?: string | undefined;
  metadataPrefix?: string | undefined;
  set?: string | undefined;
  from?: string | undefined;
  full?: boolean;
  quiet?: boolean;
  signal?: AbortSignal;
  /** Retries and waits as the harvester takes them (tests shorten them). */
  retry?: HarvestOptions['retry'];
  stdout?: Writable;
  /** Where progress and errors go (default stderr); the bar is drawn only when it is a TTY. */
  stderr?: Writable & { isTTY?: boolean; columns?: number };
}

/** The source the flags give, or undefined when they give none; a problem is a usage message. */
function sourceOf(options: HarvestCommandOptions): { source?: HarvestSource; problem?: string } {
  if (options.url === undefined && options.metadataPrefix === undefined && options.set === undefined) return {};
  const parsed = HarvestSource.safeParse({
    url: options.url,
    metadataPrefix: options.metadataPrefix,
    ...(options.set === undefined ? {} : { set: options.set }),
  });
  if (parsed.success) return { source: parsed.data };
  const flags: Record<string, string> = { url: '--url', metadataPrefix: '--metadata-prefix', set: '--set' };
  const problems = toFieldErrors(parsed.error.issues).map((issue) => `${flags[issue.path] ?? issue.path}: ${issue.message}`);
  return { problem: problems.join('; ') };
}

/**
 * Exit code 0 when the harvest reached the end of the list (rejected records are reported,
 * not failures); 2 for flags to correct; 1 when the harvest could not run or stopped.
 */
export async function harvestCommand(storage: Storage, options: HarvestCommandOptions): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const { source, problem } = sourceOf(options);
  if (problem !== undefined) {
    stderr.write(`${problem}\n`);
    return 2;
  }
  if (options.from !== undefined && !HarvestDatestamp.safeParse(options.from).success) {
    stderr.write(`--from: must be a date such as 2024-05-01 or a UTC time such as 2024-05-01T12:00:00Z\n`);
    return 2;
  }
  const progress = createProgressReporter({ label: options.member, quiet: options.quiet ?? false, stream: stderr });
  let summary: HarvestSummary;
  try {
    summary = await harvestMember(storage, options.member, source, {
      ...(options.from === undefined ? {} : { from: options.from }),
      ...(options.full ? { full: true } : {}),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.retry === undefined ? {} : { retry: options.retry }),
      onProgress: (update) =>
        progress.update({ bytesRead: update.position ?? update.records, totalBytes: update.completeListSize ?? 0, rows: update.records }),
    });
  } catch (error) {
    progress.finish();
    if (error instanceof HarvestError || error instanceof HarvestBusyError) {
      stderr.write(`Harvest stopped: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  progress.finish();
  stdout.write(formatHarvestSummary(summary));
  return 0;
}
