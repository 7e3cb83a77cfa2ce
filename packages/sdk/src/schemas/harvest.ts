// OAI-PMH harvesting: where a member's records are harvested from, on what schedule, and what
// the last harvest did (the staff route `GET /v1/staff/harvests`).
import { z } from 'zod/mini';
import { MemberId, webAddress } from './common.js';

/** The metadata formats Atrium can turn into records. */
export const HARVEST_METADATA_PREFIXES = ['marc21', 'marcxml', 'oai_dc'] as const;
export const HarvestMetadataPrefix = z.enum(HARVEST_METADATA_PREFIXES);
export type HarvestMetadataPrefix = z.infer<typeof HarvestMetadataPrefix>;

/** A day (`2024-05-01`) or an instant in UTC (`2024-05-01T12:00:00Z`), the two OAI-PMH granularities. */
export const HarvestDatestamp = z
  .string()
  .check(
    z.regex(/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}Z)?$/, 'must be a date such as 2024-05-01 or a UTC time such as 2024-05-01T12:00:00Z'),
  );

/** How often `serve` harvests a member: every N hours, or once a day at a time in UTC. */
export const HarvestSchedule = z.union(
  [
    z.strictObject({ everyHours: z.int().check(z.minimum(1), z.maximum(24 * 7)) }),
    z.strictObject({ dailyAt: z.string().check(z.regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'must be a time such as 02:30 (UTC)')) }),
  ],
  'must be { "everyHours": N } or { "dailyAt": "HH:MM" } (UTC)',
);
export type HarvestSchedule = z.infer<typeof HarvestSchedule>;

/** A member's OAI-PMH source, as the consortium file or the `harvest` command's flags give it. */
export const HarvestSource = z.strictObject({
  /** The repository's base URL, e.g. https://catalogue.example.org/oai */
  url: webAddress('https://catalogue.example.org/oai'),
  metadataPrefix: HarvestMetadataPrefix,
  /** Only this set (a setSpec) of the repository. */
  set: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  /** Without one, the member is harvested only when asked (`atrium-relay harvest`). */
  schedule: z.optional(HarvestSchedule),
  /** The first harvest asks only for records changed since this datestamp. */
  from: z.optional(HarvestDatestamp),
});
export type HarvestSource = z.infer<typeof HarvestSource>;

export const HarvestCounts = z.object({
  added: z.int(),
  updated: z.int(),
  /** Harvested again exactly as stored (a re-sent record, or the boundary of an incremental harvest). */
  unchanged: z.int(),
  deleted: z.int(),
  rejected: z.int(),
});
export type HarvestCounts = z.infer<typeof HarvestCounts>;

/** A record the harvest could not use, by its OAI identifier, or a page it could not read. */
export const HarvestProblem = z.object({
  identifier: z.optional(z.string()),
  reason: z.string(),
  detail: z.string(),
});
export type HarvestProblem = z.infer<typeof HarvestProblem>;

export const HarvestStatus = z.enum(['running', 'succeeded', 'failed']);
export type HarvestStatus = z.infer<typeof HarvestStatus>;

/** A member's last harvest. */
export const HarvestReport = z.object({
  member: MemberId,
  url: z.string(),
  metadataPrefix: HarvestMetadataPrefix,
  set: z.optional(z.string()),
  status: HarvestStatus,
  startedAt: z.string(),
  finishedAt: z.optional(z.string()),
  counts: HarvestCounts,
  /** Why the harvest failed, when it did. */
  error: z.optional(z.string()),
  /** The first records rejected, with why. */
  problems: z.array(HarvestProblem),
  /** The newest datestamp harvested: the next harvest asks for changes from here. */
  lastDatestamp: z.optional(z.string()),
  /** When `serve` harvests this member next, for a member with a schedule. */
  nextRunAt: z.optional(z.string()),
});
export type HarvestReport = z.infer<typeof HarvestReport>;

export const HarvestReportList = z.object({ items: z.array(HarvestReport) });
export type HarvestReportList = z.infer<typeof HarvestReportList>;
