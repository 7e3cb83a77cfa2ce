// The demo librarians: one per demo member, `librarian@<member-id>.example.org` with the
// password `atrium-demo`. Only the demo seed creates them, and it never resets an account
// that already exists (someone may have changed its password).
import { EmailTakenError } from '../domain/staff/errors.js';
import { addLibrarian } from '../domain/staff/librarian-accounts.js';
import type { CatalogStore } from '../storage/catalog-store.js';
import type { StaffStore } from '../storage/staff-store.js';
import { DEMO_MEMBERS } from './consortium.js';

export const DEMO_LIBRARIAN_PASSWORD = 'atrium-demo';

export function demoLibrarianEmail(member: string): string {
  return `librarian@${member}.example.org`;
}

/** Creates the demo librarians that are missing, for the demo members that exist; returns the emails created. */
export async function seedDemoLibrarians(storage: { catalog: CatalogStore; staff: StaffStore }): Promise<string[]> {
  const present = new Set((await storage.catalog.listMembers()).map((member) => member.id));
  const missing: { member: string; name: string; email: string }[] = [];
  for (const member of DEMO_MEMBERS) {
    const email = demoLibrarianEmail(member.id);
    if (!present.has(member.id) || (await storage.staff.findLibrarianByEmail(email))) continue;
    missing.push({ member: member.id, name: `Reference desk, ${member.name.en}`, email });
  }
  // Hashing is deliberately slow; the three run side by side on libuv's thread pool.
  const created = await Promise.all(
    missing.map(async (account) => {
      try {
        await addLibrarian(storage, { ...account, password: DEMO_LIBRARIAN_PASSWORD });
        return account.email;
      } catch (error) {
        // Another node seeding at the same moment made it first.
        if (error instanceof EmailTakenError) return undefined;
        throw error;
      }
    }),
  );
  return created.filter((email) => email !== undefined);
}
