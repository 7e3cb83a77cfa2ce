// Days and times as the library lives them: "today" and clock times in the member's time
// zone, whatever the time zone of the librarian's computer.

/** Today's date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** A calendar day written out for a reader (weekday included), independent of any time zone. */
export function formatDay(date: string, lang: string): string {
  const time = Date.parse(`${date}T12:00:00Z`);
  if (Number.isNaN(time)) return date;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeZone: 'UTC' }).format(time);
}

export function clockFormat(lang: string, timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', timeZone });
}

export function dateTimeFormat(lang: string, timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone });
}
