// The demo widget keys: one per demo member, `demo-<member-id>`, allowing the demo page as
// `npm start` serves it (http://localhost:8080 and http://127.0.0.1:8080). Seeding never
// changes a key that exists.
import type { Kysely } from 'kysely';
import { WidgetKeys } from '../domain/chat/widget-keys.js';
import type { Database } from '../storage/schema.js';
import { WidgetKeyStore } from '../storage/widget-key-store.js';
import { DEMO_MEMBERS } from './consortium.js';

export const DEMO_WIDGET_ORIGINS = ['http://localhost:8080', 'http://127.0.0.1:8080'] as const;

export function demoWidgetKey(member: string): string {
  return `demo-${member}`;
}

/** Creates the demo keys that are missing, for the demo members that exist; returns the keys created. */
export async function seedDemoWidgetKeys(storage: { db: Kysely<Database> }): Promise<string[]> {
  const store = new WidgetKeyStore(storage.db);
  const keys = new WidgetKeys(store);
  const existing = new Set((await store.list()).map((stored) => stored.key));
  const created: string[] = [];
  for (const member of DEMO_MEMBERS) {
    const key = demoWidgetKey(member.id);
    if (existing.has(key) || !(await store.memberExists(member.id))) continue;
    const added = await keys
      .add({ key, member: member.id, origins: [...DEMO_WIDGET_ORIGINS], label: 'Demo partner page' })
      .catch((error: unknown) => {
        // Another node seeding at the same moment made it first.
        if ((error as { field?: string }).field === 'key') return undefined;
        throw error;
      });
    if (added) created.push(added.key);
  }
  return created;
}
