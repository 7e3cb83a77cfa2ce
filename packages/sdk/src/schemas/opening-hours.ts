// Opening hours as data: a branch's weekly hours, its seasonal periods and closed days, and a
// resource's own hours (a librarian's weekly schedule with exceptions), all in local time.
import { z } from 'zod/mini';
import { LocalDate } from './booking.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `HH:MM` on a 24-hour clock; `24:00` is the end of the day. */
const ClockTime = z.string().check(z.regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time such as 09:30 (24:00 ends the day)'));

/** Opening and closing time; closing after opening on the same day. */
export const OpenInterval = z
  .tuple([ClockTime, ClockTime])
  .check(z.refine(([open, close]) => open < close, 'closing time must be after opening time'));
export type OpenInterval = z.infer<typeof OpenInterval>;

/** A day's intervals, in order and apart: two that overlap would be one day read two ways. */
const DayIntervals = z.array(OpenInterval).check(
  z.check<OpenInterval[]>((ctx) => {
    const intervals = ctx.value;
    const sorted = [...intervals].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]![0] < sorted[i - 1]![1]) {
        ctx.issues.push({
          code: 'custom',
          input: intervals,
          message: `opening hours overlap: ${sorted[i - 1]!.join('-')} and ${sorted[i]!.join('-')}`,
        });
        return;
      }
    }
  }),
);

export const WeeklyHours = z.strictObject({
  mon: z.optional(DayIntervals),
  tue: z.optional(DayIntervals),
  wed: z.optional(DayIntervals),
  thu: z.optional(DayIntervals),
  fri: z.optional(DayIntervals),
  sat: z.optional(DayIntervals),
  sun: z.optional(DayIntervals),
});
export type WeeklyHours = z.infer<typeof WeeklyHours>;

/** A season with hours of its own (summer, exam weeks), from one date to another, both included. */
export const OpeningPeriod = z.strictObject({
  name: z.optional(z.string().check(z.maxLength(200))),
  from: LocalDate,
  to: LocalDate,
  weekly: WeeklyHours,
});
export type OpeningPeriod = z.infer<typeof OpeningPeriod>;

/** A day the branch is closed: a date, or a date with the holiday's name. */
export const ClosedDay = z.union([LocalDate, z.strictObject({ date: LocalDate, name: z.optional(z.string().check(z.maxLength(200))) })]);
export type ClosedDay = z.infer<typeof ClosedDay>;

export const BranchHours = z.strictObject({
  weekly: WeeklyHours,
  periods: z.optional(
    z.array(OpeningPeriod).check(
      z.check<OpeningPeriod[]>((ctx) => {
        const periods = ctx.value;
        periods.forEach((period, index) => {
          if (period.to < period.from) {
            ctx.issues.push({
              code: 'custom',
              input: period,
              path: [index, 'to'],
              message: `ends (${period.to}) before it starts (${period.from})`,
            });
          }
        });
        const sorted = periods.map((period, index) => ({ ...period, index })).sort((a, b) => (a.from < b.from ? -1 : 1));
        for (let i = 1; i < sorted.length; i++) {
          if (sorted[i]!.from <= sorted[i - 1]!.to) {
            ctx.issues.push({
              code: 'custom',
              input: periods,
              path: [sorted[i]!.index, 'from'],
              message: `period overlaps another (${sorted[i - 1]!.from} to ${sorted[i - 1]!.to}): a day has one set of hours`,
            });
          }
        }
      }),
    ),
  ),
  closed: z.array(ClosedDay),
});
export type BranchHours = z.infer<typeof BranchHours>;

/** The date of a closed day, however it was written. */
export function closedDate(day: ClosedDay): string {
  return typeof day === 'string' ? day : day.date;
}

/**
 * A resource's own hours inside the branch's: `weekly` replaces the branch's week, an
 * exception replaces one date (an empty list: not available that day).
 */
export const ResourceSchedule = z.strictObject({
  weekly: z.optional(WeeklyHours),
  exceptions: z.optional(z.record(LocalDate, DayIntervals)),
});
export type ResourceSchedule = z.infer<typeof ResourceSchedule>;
