import type { Librarian } from '@atrium/sdk';
import type { StoredLibrarian } from '../../storage/staff-store.js';

/** What may be shown of an account: never its password hash or state flags. */
export function publicLibrarian(stored: StoredLibrarian): Librarian {
  return { id: stored.id, member: stored.member, email: stored.email, name: stored.name };
}
