// Opening hours as data: a branch's weekly hours and closed days, and a resource's own hours
// (a librarian's weekly schedule with exceptions), all in the member's local time.
import type { OpenInterval } from '@atrium/sdk';

// The schemas are the SDK's (the consortium file and the admin API take the same hours).
export {
  BranchHours,
  ClosedDay,
  LocalDate,
  OpenInterval,
  OpeningPeriod,
  ResourceSchedule,
  WEEKDAYS,
  WeeklyHours,
  closedDate,
  type Weekday,
} from '@atrium/sdk';

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
