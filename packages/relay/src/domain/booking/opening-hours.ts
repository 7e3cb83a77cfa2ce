// Opening hours as data: a branch's weekly hours and closed days, and a resource's own hours
// (a librarian's weekly schedule with exceptions), all in the member's local time.
import { z } from 'zod/mini';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `HH:MM` on a 24-hour clock; `24:00` is the end of the day. */
const ClockTime = z.string().check(z.regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time such as 09:30 (24:00 ends the day)'));

export const LocalDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-12-25'));

/** Opening and closing time; closing after opening on the same day. */
export const OpenInterval = z
  .tuple([ClockTime, ClockTime])
  .check(z.refine(([open, close]) => open < close, 'closing time must be after opening time'));
export type OpenInterval = z.infer<typeof OpenInterval>;

const DayIntervals = z.array(OpenInterval);

export const WeeklyHours = z.object({
  mon: z.optional(DayIntervals),
  tue: z.optional(DayIntervals),
  wed: z.optional(DayIntervals),
  thu: z.optional(DayIntervals),
  fri: z.optional(DayIntervals),
  sat: z.optional(DayIntervals),
  sun: z.optional(DayIntervals),
});
export type WeeklyHours = z.infer<typeof WeeklyHours>;

export const BranchHours = z.object({ weekly: WeeklyHours, closed: z.array(LocalDate) });
export type BranchHours = z.infer<typeof BranchHours>;

/**
 * A resource's own hours inside the branch's: `weekly` replaces the branch's week, an
 * exception replaces one date (an empty list: not available that day).
 */
export const ResourceSchedule = z.object({
  weekly: z.optional(WeeklyHours),
  exceptions: z.optional(z.record(LocalDate, DayIntervals)),
});
export type ResourceSchedule = z.infer<typeof ResourceSchedule>;

export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** The parts of two lists of intervals that overlap, as [open, close] minutes of the day. */
export function intersect(a: readonly OpenInterval[], b: readonly OpenInterval[]): Array<[number, number]> {
  const result: Array<[number, number]> = [];
  for (const [aOpen, aClose] of a) {
    for (const [bOpen, bClose] of b) {
      const open = Math.max(minutesOf(aOpen), minutesOf(bOpen));
      const close = Math.min(minutesOf(aClose), minutesOf(bClose));
      if (open < close) result.push([open, close]);
    }
  }
  return result.sort((x, y) => x[0] - y[0]);
}
