// The slots a resource offers: its hours within its branch's opening hours, day by day in the
// member's time zone, cut into slots of fixed real length that never run past closing time.
import { DateTime } from 'luxon';
import { type BranchHours, type OpenInterval, type ResourceSchedule, WEEKDAYS, closedDate, intersect } from './opening-hours.js';

export interface SlotTime {
  /** UTC ISO instants (toISOString form), the keys slots are stored under. */
  start: string;
  end: string;
}

export interface SlotPlan {
  timezone: string;
  hours: BranchHours;
  schedule?: ResourceSchedule | null;
  slotMinutes: number;
}

/** Every slot starting in [from, to). */
export function slotsBetween(plan: SlotPlan, from: Date, to: Date): SlotTime[] {
  const slots: SlotTime[] = [];
  const slotMs = plan.slotMinutes * 60_000;
  const last = DateTime.fromJSDate(to, { zone: plan.timezone }).startOf('day');
  // A day's slots can start before its midnight in UTC, so start from the local day of `from`.
  for (let day = DateTime.fromJSDate(from, { zone: plan.timezone }).startOf('day'); day <= last; day = day.plus({ days: 1 })) {
    const date = day.toISODate()!;
    if (plan.hours.closed.some((day) => closedDate(day) === date)) continue;
    for (const [open, close] of openIntervals(plan, date, WEEKDAYS[day.weekday - 1]!)) {
      const opens = atMinute(day, open).toMillis();
      const closes = atMinute(day, close).toMillis();
      // Slots run in real time: on a daylight-saving day an interval is an hour shorter or
      // longer, and it holds one slot fewer or more.
      for (let start = opens; start + slotMs <= closes; start += slotMs) {
        if (start < from.getTime() || start >= to.getTime()) continue;
        slots.push({ start: new Date(start).toISOString(), end: new Date(start + slotMs).toISOString() });
      }
    }
  }
  return slots;
}

/** The slot that starts and ends exactly at these instants, if the resource offers it. */
export function findSlot(plan: SlotPlan, start: Date, end: Date): SlotTime | undefined {
  const candidates = slotsBetween(plan, new Date(start.getTime() - 1), new Date(start.getTime() + 1));
  return candidates.find((slot) => Date.parse(slot.start) === start.getTime() && Date.parse(slot.end) === end.getTime());
}

function openIntervals(plan: SlotPlan, date: string, weekday: (typeof WEEKDAYS)[number]): Array<[number, number]> {
  // A seasonal period, where one covers the day, replaces the branch's usual week.
  const week = plan.hours.periods?.find((period) => period.from <= date && date <= period.to)?.weekly ?? plan.hours.weekly;
  const branch: OpenInterval[] = week[weekday] ?? [];
  const exception = plan.schedule?.exceptions?.[date];
  const own: OpenInterval[] | undefined = exception ?? plan.schedule?.weekly?.[weekday] ?? (plan.schedule?.weekly ? [] : undefined);
  return intersect(branch, own ?? branch);
}

/** The instant of a minute of a local day; 24:00 is the next midnight, whatever the day's length. */
function atMinute(day: DateTime, minute: number): DateTime {
  if (minute === 24 * 60) return day.plus({ days: 1 }).startOf('day');
  // Set the wall-clock time: a time skipped by a daylight-saving change moves forward.
  return day.set({ hour: Math.floor(minute / 60), minute: minute % 60, second: 0, millisecond: 0 });
}
