// Harvests a member's records from its OAI-PMH repository into the union catalog: Identify,
// then ListRecords page by page, from where the last complete harvest got to. Each page is
// applied (records added or updated, deleted ones removed) and the next page's resumption
// token saved before the next page is asked for, so a harvest that is cut off resumes there.
import type { HarvestCounts, HarvestProblem, HarvestSource } from '@atrium/sdk';
import type { CatalogStore } from '../../storage/catalog-store.js';
import type { HarvestStore } from '../../storage/harvest-store.js';
import { HarvestError } from './harvest-error.js';
import { atGranularity, HarvestRun, later } from './harvest-run.js';
import { harvestFormat } from './metadata-format.js';
import { OaiClient, type OaiClientOptions, type OaiRequest } from './oai-client.js';
import type { Identify, OaiResponse, RawRecord } from './oai-response.js';

export interface HarvestStorage {
  catalog: CatalogStore;
  harvests: HarvestStore;
}

export interface HarvestProgressEvent {
  pages: number;
  /** Records read so far in this harvest (a resumed one counts from where it resumed). */
  records: number;
  /** How far into the whole list the harvest has got, when the repository says (its cursor). */
  position?: number;
  /** The repository's count of the whole list, when it gives one. */
  completeListSize?: number;
}

/** A running harvest that has not finished a page for this long was cut off, and may be taken over. */
export const STALE_HARVEST_MS = 30 * 60_000;

export interface HarvestOptions {
  member: string;
  /** Saved as the member's source before harvesting; without it the stored source is used. */
  source?: HarvestSource;
  /** Ask only for records changed since this datestamp, whatever the last harvest got to. */
  from?: string;
  /** Everything the repository has, not only the changes since the last harvest. */
  full?: boolean;
  signal?: AbortSignal;
  retry?: OaiClientOptions['retry'];
  onRequest?: OaiClientOptions['onRequest'];
  onProgress?: (progress: HarvestProgressEvent) => void;
  now?: () => Date;
  /** Tests pass their own waits between retries (see OaiClientOptions.wait). */
  wait?: OaiClientOptions['wait'];
}

export interface HarvestSummary {
  member: string;
  source: HarvestSource;
  identify: Identify;
  /** The `from` asked with (absent: everything). */
  from?: string;
  /** Went on from the resumption token of a harvest that had been cut off. */
  resumed: boolean;
  /** The repository refused the saved token, so the list was asked for again from `from`. */
  restarted: boolean;
  pages: number;
  counts: HarvestCounts;
  rejectedByReason: Record<string, number>;
  /** The first records rejected, by identifier, with why. */
  problems: HarvestProblem[];
  /** Where the next harvest starts from. */
  lastDatestamp?: string;
  durationMs: number;
}

/** Records read on a page, or the whole list's position after it when the repository gives a cursor. */
function positionAfter(response: OaiResponse): number | undefined {
  const cursor = response.resumptionToken?.cursor;
  return cursor === undefined ? undefined : cursor + response.recordCount;
}

function repositoryError(response: OaiResponse, what: string): HarvestError {
  const errors = response.errors.map((error) => `${error.code}${error.message ? ` (${error.message})` : ''}`).join('; ');
  return new HarvestError('repository-error', `The repository refused ${what}: ${errors}`);
}

/** Says which formats the repository does offer, when it can tell. */
async function withFormatsOffered(error: HarvestError, client: OaiClient): Promise<HarvestError> {
  const formats = await client.request({ verb: 'ListMetadataFormats' }).catch(() => undefined);
  const offered = formats?.metadataPrefixes;
  if (offered === undefined || offered.length === 0) return error;
  return new HarvestError('repository-error', `${error.message}. The repository offers: ${offered.join(', ')}.`);
}

export async function runHarvest(storage: HarvestStorage, options: HarvestOptions): Promise<HarvestSummary> {
  const started = performance.now();
  const now = options.now ?? (() => new Date());
  const { member } = options;
  const members = await storage.catalog.listMembers();
  if (!members.some((known) => known.id === member)) {
    throw new HarvestError(
      'unknown-member',
      `Unknown member "${member}". Known members: ${members.map((known) => known.id).join(', ') || 'none yet'}.`,
    );
  }
  if (options.full && options.from !== undefined) {
    throw new HarvestError('invalid-options', 'Give --full or --from, not both: a full harvest asks for every record.');
  }
  const saved = await storage.harvests.get(member);
  const source = options.source ?? saved?.source;
  if (source === undefined) {
    throw new HarvestError('no-source', `${member} has no OAI-PMH source yet: give --url and --metadata-prefix.`);
  }
  const own = members.find((known) => known.id === member)!;
  const format = harvestFormat(source.metadataPrefix, { member, branches: own.branches });
  const client = new OaiClient(source.url, {
    ...(options.retry === undefined ? {} : { retry: options.retry }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.onRequest === undefined ? {} : { onRequest: options.onRequest }),
    ...(options.wait === undefined ? {} : { wait: options.wait }),
  });

  const identified = await client.request({ verb: 'Identify' }, undefined, 'Identify');
  if (identified.errors.length > 0) throw repositoryError(identified, 'Identify');
  if (identified.identify === undefined) {
    throw new HarvestError('malformed-page', `Identify (${client.urlOf({ verb: 'Identify' })}) did not answer with <Identify>`);
  }
  const identify = identified.identify;
  // A new source is kept only once its repository has answered: a mistyped URL or a format
  // this relay cannot read never replaces the saved source and where its harvests got to.
  if (options.source !== undefined && options.source.metadataPrefix !== saved?.source.metadataPrefix) {
    // A format new to this source is checked first, so one the repository does not offer is
    // refused before it replaces the one that works.
    const formats = await client.request({ verb: 'ListMetadataFormats' }).catch(() => undefined);
    const offered = formats?.metadataPrefixes ?? [];
    if (offered.length > 0 && !offered.includes(options.source.metadataPrefix)) {
      throw new HarvestError(
        'repository-error',
        `The repository does not offer ${options.source.metadataPrefix}; it offers: ${offered.join(', ')}.`,
      );
    }
  }
  const state = options.source !== undefined ? await storage.harvests.saveSource(member, options.source) : saved!;

  const resume = !options.full && options.from === undefined && state.resumptionToken !== undefined && state.status !== 'succeeded';
  const requestedFrom = options.full ? undefined : (options.from ?? state.lastDatestamp ?? source.from);
  const from = resume ? state.runFrom : requestedFrom === undefined ? undefined : atGranularity(requestedFrom, identify);
  const run = new HarvestRun(storage.catalog, member, format, identify, resume ? state : undefined);
  const startedAt = now();
  await storage.harvests.begin(member, {
    startedAt: startedAt.toISOString(),
    staleBefore: new Date(startedAt.getTime() - STALE_HARVEST_MS).toISOString(),
    ...(from === undefined ? {} : { runFrom: from }),
    ...(resume ? { progress: run.progress(state.resumptionToken) } : {}),
  });

  const firstRequest: OaiRequest = {
    verb: 'ListRecords',
    metadataPrefix: source.metadataPrefix,
    ...(source.set === undefined ? {} : { set: source.set }),
    ...(from === undefined ? {} : { from }),
  };
  let token = resume ? state.resumptionToken : undefined;
  let restarted = false;
  try {
    for (;;) {
      const page = run.pages + 1;
      const records: RawRecord[] = [];
      const request: OaiRequest = token === undefined ? firstRequest : { verb: 'ListRecords', resumptionToken: token };
      const response = await client.request(request, (record) => records.push(record), `page ${page}`);
      if (response.errors.length > 0) {
        const codes = new Set(response.errors.map((error) => error.code));
        // Nothing changed since `from` (or nothing in the set): a harvest with nothing to do.
        if (codes.has('noRecordsMatch')) break;
        if (codes.has('badResumptionToken') && token !== undefined && !restarted) {
          // Tokens expire; the protocol's remedy is to ask for the list again. Records already
          // applied come again and count as unchanged.
          restarted = true;
          token = undefined;
          continue;
        }
        const error = repositoryError(response, `page ${page} (${client.urlOf(request)})`);
        if (codes.has('cannotDisseminateFormat')) throw await withFormatsOffered(error, client);
        throw error;
      }
      if (response.verb !== 'ListRecords') {
        throw new HarvestError(
          'malformed-page',
          `page ${page} (${client.urlOf(request)}) answered ${response.verb ?? 'nothing'}, not ListRecords`,
        );
      }
      await run.apply(records, page);
      run.pages = page;
      const next = response.resumptionToken?.value || undefined;
      await storage.harvests.saveProgress(member, now().toISOString(), run.progress(next));
      const position = positionAfter(response);
      const size = response.resumptionToken?.completeListSize;
      options.onProgress?.({
        pages: run.pages,
        records: run.records,
        ...(position === undefined ? {} : { position }),
        ...(size === undefined ? {} : { completeListSize: size }),
      });
      if (next === undefined) break;
      if (next === token) {
        throw new HarvestError(
          'malformed-page',
          `page ${page} (${client.urlOf(request)}) gives back the token it was asked with, so the list would never end`,
        );
      }
      token = next;
    }
    const lastDatestamp = later(state.lastDatestamp, run.runDatestamp);
    await storage.harvests.complete(member, now().toISOString(), lastDatestamp);
    return {
      member,
      source,
      identify,
      ...(from === undefined ? {} : { from }),
      resumed: resume,
      restarted,
      pages: run.pages,
      counts: run.counts,
      rejectedByReason: run.rejectedByReason,
      problems: run.problems,
      ...(lastDatestamp === undefined ? {} : { lastDatestamp }),
      durationMs: performance.now() - started,
    };
  } catch (error) {
    await storage.harvests.fail(member, now().toISOString(), (error as Error).message).catch(() => {});
    throw error;
  }
}
