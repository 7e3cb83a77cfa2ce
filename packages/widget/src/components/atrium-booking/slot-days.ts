// Free slots arranged by day in the member's time zone: the rows of the booking grid. Every
// day of the coming week gets a row, with or without slots, so a closed day reads as closed.
import type { Slot } from '@atrium/sdk';

export interface SlotDay {
  /** YYYY-MM-DD in the member's time zone. */
  date: string;
  /** An instant inside that day, for naming it. */
  instant: string;
  slots: Slot[];
}

const DAY_MS = 86_400_000;

export function slotDays(slots: readonly Slot[], timeZone: string, days = 7, now = Date.now()): SlotDay[] {
  const dateOf = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const byDate = new Map<string, SlotDay>();
  for (let index = 0; index < days; index++) {
    const instant = new Date(now + index * DAY_MS).toISOString();
    const date = dateOf.format(Date.parse(instant));
    if (!byDate.has(date)) byDate.set(date, { date, instant, slots: [] });
  }
  for (const slot of slots) {
    const date = dateOf.format(Date.parse(slot.start));
    const day = byDate.get(date) ?? { date, instant: slot.start, slots: [] };
    day.slots.push(slot);
    byDate.set(date, day);
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}
