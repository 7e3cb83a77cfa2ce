import type { Librarian } from '@atrium/sdk';
import type { StoredLibrarian } from '../../storage/staff-store.js';

/** What may be shown of an account: never its password hash or state flags. */
export function publicLibrarian(stored: StoredLibrarian): Librarian {
  return { id: stored.id, member: stored.member, email: stored.email, name: stored.name };
}

/** A librarian with a desk at a member: who answers patrons, holds and questions. */
export type DeskLibrarian = Librarian & { member: string };

/** Consortium administrators (no member) set the consortium up; they have no desk of their own. */
export function hasDesk(librarian: Librarian): librarian is DeskLibrarian {
  return librarian.member !== null;
}

export const NO_DESK_MESSAGE =
  "A consortium administrator has no desk of their own: sign in as one of a member's librarians to answer patrons.";
