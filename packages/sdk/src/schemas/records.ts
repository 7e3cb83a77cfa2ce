// A catalogue record in the union catalog, as every member's collection is presented.
import { z } from 'zod/mini';
import { MemberId } from './common.js';

export const RecordType = z.enum([
  'book',
  'ebook',
  'audio',
  'video',
  'artwork',
  'object',
  'text',
  'manuscript',
  'image',
  'map',
  'article',
  'other',
]);
export type RecordType = z.infer<typeof RecordType>;

export const HoldingStatus = z.enum([
  'available',
  'on-loan',
  'on-hold',
  'in-transit',
  'on-display',
  'in-storage',
  'reference-only',
  'missing',
]);
export type HoldingStatus = z.infer<typeof HoldingStatus>;

/** Statuses in which a patron can use the item today (borrow, read or see it). */
export const AVAILABLE_STATUSES: readonly HoldingStatus[] = ['available', 'on-display', 'reference-only'];

export const Holding = z.object({
  member: MemberId,
  branch: z.string(),
  callNumber: z.optional(z.string()),
  status: HoldingStatus,
  /** ISO date (YYYY-MM-DD) when an item on loan is due back. */
  dueDate: z.optional(z.string()),
});
export type Holding = z.infer<typeof Holding>;

export const Creator = z.object({
  name: z.string().check(z.minLength(1)),
  /** e.g. `author`, `artist`, `after`, `translator`. */
  role: z.optional(z.string()),
  /** Life dates or active dates as the source gives them. */
  dates: z.optional(z.string()),
});
export type Creator = z.infer<typeof Creator>;

/** A run of text in a highlighted field; `mark` is true where it matched the query. */
export const HighlightSegment = z.object({ text: z.string(), mark: z.optional(z.boolean()) });
export type HighlightSegment = z.infer<typeof HighlightSegment>;

export const Highlight = z.object({
  title: z.optional(z.array(HighlightSegment)),
  creators: z.optional(z.array(HighlightSegment)),
  description: z.optional(z.array(HighlightSegment)),
});
export type Highlight = z.infer<typeof Highlight>;

/** `<member>:<localId>` */
export const RecordId = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}:[^\s]{1,200}$/, 'must be a record id such as "riverside-library:2767052"'));

export const CatalogRecord = z.object({
  id: RecordId,
  member: MemberId,
  type: RecordType,
  title: z.string(),
  creators: z.array(Creator),
  /** The date as the source states it ("c.1785", "1997"). */
  date: z.optional(z.string()),
  /** A single year for sorting and filtering (the start of a range). */
  year: z.optional(z.number()),
  subjects: z.array(z.string()),
  description: z.optional(z.string()),
  /** ISO 639-1 code where known (`en`, `zh`, `fr`). */
  language: z.optional(z.string()),
  /** Identifier lists by scheme: `isbn` (ISBN-13, no hyphens), `accession`, `local`, ... */
  identifiers: z.record(z.string(), z.array(z.string())),
  url: z.optional(z.string()),
  thumbnail: z.optional(z.string()),
  /** A museum group or a book series the record belongs to. */
  series: z.optional(z.string()),
  /** Medium, dimensions, extent. */
  physicalDescription: z.optional(z.string()),
  creditLine: z.optional(z.string()),
  holdings: z.array(Holding),
  highlight: z.optional(Highlight),
  /**
   * In `GET /v1/records/:id`: whether a patron can place a hold on it, by the owning member's
   * lending policy (does it lend this kind of record?) and its copies (can one leave the shelf?).
   */
  holdable: z.optional(z.boolean()),
});
export type CatalogRecord = z.infer<typeof CatalogRecord>;
