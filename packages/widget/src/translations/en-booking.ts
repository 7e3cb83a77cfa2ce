// English texts of the Book tab. They arrive with the tab's code, not with the widget,
// so a patron who only searches never downloads them; the Chinese texts keep them in
// zh-Hans.ts and zh-Hant.ts. Their shape is part of `Translation` (en.ts).
import type { ResourceKind } from '@atrium/sdk';
import type { Formatters } from '../localize/formatters.js';

export const enBooking = {
  resource: 'What would you like to book?',
  chooseResource: 'Choose…',
  loadingResources: 'Loading what can be booked…',
  noResources: 'Nothing can be booked here at the moment.',
  kinds: {
    room: 'Room',
    seat: 'Seat',
    appointment: 'Appointment',
    visit: 'Visit',
    viewing: 'Viewing',
  } satisfies Record<ResourceKind, string>,
  resourceOption: (kind: string, name: string) => `${kind}: ${name}`,
  timezoneNote: (zone: string) => `Times are in the library's time zone (${zone}).`,
  slots: 'Free times in the next 7 days',
  loadingSlots: 'Loading free times…',
  noSlots: 'No times',
  placesLeft: (count: number, f: Formatters) =>
    count === 0 ? 'full' : `${f.number(count)} ${f.plural(count) === 'one' ? 'place' : 'places'} left`,
  when: (day: string, time: string) => `${day}, ${time}`,
  slotName: (day: string, time: string, places: string) => `${day}, ${time}, ${places}`,
  chosen: (when: string) => `Chosen: ${when}`,
  details: 'Your details',
  partySize: 'Number of people',
  partySizeHint: (largest: number, f: Formatters) => `Up to ${f.number(largest)}, you included.`,
  where: (branch: string) => `At ${branch}.`,
  partyOf: (count: number, f: Formatters) => `For ${f.number(count)} ${f.plural(count) === 'one' ? 'person' : 'people'}.`,
  submit: 'Book',
  booking: 'Booking…',
  confirmed: 'Booked',
  confirmedSummary: (what: string, when: string) => `${what}, ${when}.`,
  sentTo: (email: string) => `Booked for ${email}. Keep this page or add it to your calendar.`,
  calendar: 'Add to calendar (.ics)',
  cancel: 'Cancel booking',
  cancelQuestion: 'Cancel this booking? The place is given back at once.',
  cancelYes: 'Yes, cancel it',
  cancelNo: 'Keep it',
  cancelled: 'Your booking is cancelled.',
  bookAnother: 'Book something else',
  yourBookings: 'Your bookings',
  slotTaken: 'Sorry, that time was just taken. The free times have been updated; please choose another.',
};
