// What the console keeps for the browser tab: the librarian's token and the chats they had open,
// in sessionStorage, so a reload continues where the librarian was and closing the tab signs out.
import type { LoginResponse } from '@atrium/sdk';

const SESSION_KEY = 'atrium-console:session';
const CHATS_KEY = 'atrium-console:chats';

export type StaffSession = Pick<LoginResponse, 'token' | 'expiresAt' | 'librarian'>;

export function loadSession(storage: Storage = sessionStorage): StaffSession | undefined {
  try {
    const stored = JSON.parse(storage.getItem(SESSION_KEY) ?? 'null') as StaffSession | null;
    if (!stored?.token || !stored.librarian || Date.parse(stored.expiresAt) <= Date.now()) return undefined;
    return stored;
  } catch {
    return undefined;
  }
}

export function saveSession(session: StaffSession | undefined, storage: Storage = sessionStorage): void {
  if (session) storage.setItem(SESSION_KEY, JSON.stringify(session));
  else {
    storage.removeItem(SESSION_KEY);
    storage.removeItem(CHATS_KEY);
  }
}

/** The ids of the chats the librarian had open, oldest first. */
export function loadOpenChats(storage: Storage = sessionStorage): string[] {
  try {
    const ids = JSON.parse(storage.getItem(CHATS_KEY) ?? '[]') as unknown;
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

export function saveOpenChats(ids: readonly string[], storage: Storage = sessionStorage): void {
  storage.setItem(CHATS_KEY, JSON.stringify(ids));
}
