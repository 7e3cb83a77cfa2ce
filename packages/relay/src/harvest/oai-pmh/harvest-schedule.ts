// When `serve` harvests a member next, by the schedule of its source, and the member's last
// harvest as staff see it (GET /v1/staff/harvests, the console).
import type { HarvestReport, HarvestSchedule } from '@atrium/sdk';
import type { HarvestState } from '../../storage/harvest-store.js';

const HOUR_MS = 3_600_000;

/** The first `HH:MM` (UTC) strictly after `after`. */
function nextDailyAt(time: string, after: Date): Date {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  const at = new Date(Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), after.getUTCDate(), hours, minutes));
  if (at.getTime() <= after.getTime()) at.setUTCDate(at.getUTCDate() + 1);
  return at;
}

/**
 * When the member is due: a member never harvested is due at once; after that, its interval
 * or next daily time counts from when the last harvest started (failed or not). Undefined for
 * a source without a schedule (harvested only when asked).
 */
export function nextHarvestAt(schedule: HarvestSchedule | undefined, lastStartedAt: string | undefined, now: Date): Date | undefined {
  if (schedule === undefined) return undefined;
  if (lastStartedAt === undefined) return now;
  const last = new Date(lastStartedAt);
  return 'everyHours' in schedule ? new Date(last.getTime() + schedule.everyHours * HOUR_MS) : nextDailyAt(schedule.dailyAt, last);
}

/** A member's harvest as staff see it; undefined for one never harvested. */
export function harvestReport(state: HarvestState, now: Date): HarvestReport | undefined {
  if (state.status === undefined || state.startedAt === undefined) return undefined;
  const next = nextHarvestAt(state.source.schedule, state.startedAt, now);
  return {
    member: state.member,
    url: state.source.url,
    metadataPrefix: state.source.metadataPrefix,
    ...(state.source.set === undefined ? {} : { set: state.source.set }),
    status: state.status,
    startedAt: state.startedAt,
    ...(state.finishedAt === undefined ? {} : { finishedAt: state.finishedAt }),
    counts: state.counts,
    ...(state.error === undefined ? {} : { error: state.error }),
    problems: state.problems,
    ...(state.lastDatestamp === undefined ? {} : { lastDatestamp: state.lastDatestamp }),
    ...(next === undefined ? {} : { nextRunAt: next.toISOString() }),
  };
}
