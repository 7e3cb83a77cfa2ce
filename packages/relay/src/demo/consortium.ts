// The demo consortium: three members standing for the kinds of institution Atrium serves, each
// with the real collection it is loaded with. It is one consortium file
// (demo-data/consortium.yaml) applied by the same code as `atrium-relay apply`; the demo seed adds
// only what a file never holds: catalogues, generated copies, librarians with a known password,
// and sample questions and answers.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ConsortiumFile } from '@atrium/sdk';
import { applyConsortium, type ApplyResult } from '../domain/consortium/apply.js';
import { readConsortiumFile } from '../domain/consortium/consortium-file.js';
import type { MemberInput } from '../storage/catalog-store.js';
import type { ConsortiumStore } from '../storage/consortium-store.js';

export const HARBOUR_MUSEUM = 'harbour-museum';
export const RIVERSIDE_LIBRARY = 'riverside-library';
export const EASTERN_UNIVERSITY = 'eastern-university';

export const DEMO_CONSORTIUM_FILE = fileURLToPath(new URL('../../demo-data/consortium.yaml', import.meta.url));

export const DEMO_CONSORTIUM: ConsortiumFile = readConsortiumFile(readFileSync(DEMO_CONSORTIUM_FILE, 'utf8'), 'demo-data/consortium.yaml');

/** The demo members as the catalogue knows them (names, kinds, branches, time zones). */
export const DEMO_MEMBERS: readonly MemberInput[] = DEMO_CONSORTIUM.members.map((member) => ({
  id: member.id,
  name: member.name,
  kind: member.kind,
  branches: member.branches.map((branch) => ({ id: branch.id, name: branch.name })),
  timezone: member.timezone,
}));

/** The demo's bookable places, by their public ids (`<member>:<resource>`). */
export const DEMO_RESOURCES = DEMO_CONSORTIUM.members.flatMap((member) =>
  (member.resources ?? []).map((resource) => ({ ...resource, id: `${member.id}:${resource.id}`, member: member.id })),
);

/** The demo widget key of a member: `demo-<member-id>`, allowing the demo page `npm start` serves. */
export function demoWidgetKey(member: string): string {
  return `demo-${member}`;
}

/** Applies the demo consortium file; applying it again changes nothing. */
export function seedDemoConsortium(store: ConsortiumStore): Promise<ApplyResult> {
  return applyConsortium(store, DEMO_CONSORTIUM);
}

/** Which sample file and format each demo member is loaded from (files in packages/relay/demo-data). */
export const DEMO_CATALOGUES = [
  { member: HARBOUR_MUSEUM, format: 'tate', file: 'tate-artworks.sample.jsonl.gz' },
  { member: RIVERSIDE_LIBRARY, format: 'goodbooks', file: 'goodbooks-books.sample.csv.gz' },
  { member: EASTERN_UNIVERSITY, format: 'tang', file: 'tang-poems.sample.jsonl.gz' },
] as const;
