// Bookings made in this browser, per relay: only the id and the patron token are kept, so
// a reload can still show them and cancel them. Storage may be unavailable (private modes,
// sandboxed frames); then nothing is remembered and booking still works.
import type { Booking } from '@atrium/sdk';

export interface SavedBooking {
  id: string;
  token: string;
}

const key = (relay: string) => `atrium-bookings ${relay}`;

export function savedBookings(relay: string): SavedBooking[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key(relay)) ?? '[]');
    return Array.isArray(value)
      ? value.filter((entry): entry is SavedBooking => typeof entry?.id === 'string' && typeof entry?.token === 'string')
      : [];
  } catch {
    return [];
  }
}

function save(relay: string, entries: readonly SavedBooking[]): void {
  try {
    localStorage.setItem(key(relay), JSON.stringify(entries));
  } catch {
    // Not remembered; the confirmation on screen still has everything.
  }
}

export function rememberBooking(relay: string, booking: Pick<Booking, 'id' | 'token'>): void {
  save(relay, [...savedBookings(relay).filter((entry) => entry.id !== booking.id), { id: booking.id, token: booking.token }]);
}

export function forgetBooking(relay: string, id: string): void {
  save(
    relay,
    savedBookings(relay).filter((entry) => entry.id !== id),
  );
}
