// Harvesting one member, for callers that hold the relay's storage: the `harvest` command,
// the `serve` schedule, and the consortium file (whose member `catalogue.harvest` is a HarvestSource).
import type { HarvestSource } from '@atrium/sdk';
import type { Storage } from '../../storage/index.js';
import { HarvestStore } from '../../storage/harvest-store.js';
import { runHarvest, type HarvestOptions, type HarvestSummary } from './harvester.js';

export type HarvestMemberOptions = Omit<HarvestOptions, 'member' | 'source'>;

/**
 * Harvests the member's repository into the union catalog. With `source`, that source is saved
 * first (a different URL, format or set starts the member's list afresh); without it, the
 * source saved by an earlier harvest is used. Rejects with a HarvestError (or
 * HarvestBusyError while another harvest of the member runs); its message is meant for staff.
 */
export function harvestMember(
  storage: Pick<Storage, 'db' | 'catalog'>,
  member: string | { id: string },
  source?: HarvestSource,
  options: HarvestMemberOptions = {},
): Promise<HarvestSummary> {
  return runHarvest(
    { catalog: storage.catalog, harvests: new HarvestStore(storage.db) },
    { ...options, member: typeof member === 'string' ? member : member.id, ...(source === undefined ? {} : { source }) },
  );
}
