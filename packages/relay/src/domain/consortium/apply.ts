// `apply`: makes the stored consortium say what the file says. Every object the file declares
// is created or updated to exactly its description; objects the file leaves out are kept, or
// removed with `prune` when nothing depends on them. All in one transaction: a run that is
// refused, or fails half-way, changes nothing. Applying the same file twice changes nothing.
import { randomUUID } from 'node:crypto';
import type { ConsortiumFile, LibrarianConfig, MemberConfig, WidgetKeyConfig } from '@atrium/sdk';
import {
  type ConsortiumStore,
  type ConsortiumWriter,
  DEFAULT_CHAT_CAPACITY,
  DEFAULT_CHAT_WAIT_SECONDS,
  DEFAULT_RETENTION_DAYS,
  RESOURCE_DEFAULTS,
  type StoredConsortium,
  type ChangeActor,
} from '../../storage/consortium-store.js';

export type { ChangeActor };
import { newWidgetKey } from '../chat/widget-keys.js';

export type ObjectKind = 'consortium' | 'member' | 'branch' | 'resource' | 'lending policy' | 'widget key' | 'librarian' | 'administrator';

export interface Change {
  action: 'create' | 'update' | 'remove';
  kind: ObjectKind;
  /** `member`, `member/branch`, `member/resource`, an email, or a widget key's `member/label`. */
  id: string;
}

export interface ApplyOptions {
  /** Say what would change and change nothing. */
  dryRun?: boolean;
  /** Remove what the file no longer declares, unless something still depends on it. */
  prune?: boolean;
  now?: Date;
  /** Recorded in the audit log with each change (default: the command line). */
  actor?: ChangeActor;
}

export interface ApplyResult {
  changes: Change[];
  /** Objects the file declares that are already as it says. */
  unchanged: number;
  /** Stored objects the file leaves out, kept because `prune` was not asked for. */
  notInFile: Change[];
  dryRun: boolean;
}

/** Removals that `prune` would make but may not: what still depends on each. */
export class PruneRefusedError extends Error {
  constructor(readonly blocked: ReadonlyArray<{ change: Change; reasons: string[] }>) {
    super(
      `Nothing was applied: ${blocked.length} object${blocked.length === 1 ? '' : 's'} the file leaves out cannot be removed:\n` +
        blocked.map(({ change, reasons }) => `  ${change.kind} ${change.id}: still has ${reasons.join(', ')}`).join('\n') +
        '\nKeep them in the file (a librarian can be kept with "disabled: true"), or move what depends on them first.',
    );
    this.name = 'PruneRefusedError';
  }
}

/** The password hash of an account made by a file: matches no password until its owner sets one. */
export const NO_PASSWORD = '!';

/**
 * Applies `file`, or the file `edit` makes from what is stored: edit runs inside the
 * transaction, so a change checked against the stored state (the admin API's If-Match) cannot
 * be overtaken by another before it is written; throwing from it refuses the apply.
 */
export async function applyConsortium(
  store: ConsortiumStore,
  fileOrEdit: ConsortiumFile | ((stored: StoredConsortium) => ConsortiumFile),
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const now = (options.now ?? new Date()).toISOString();
  return store.transaction(async (writer) => {
    const stored = await store.read(writer.db);
    const file = typeof fileOrEdit === 'function' ? fileOrEdit(stored) : fileOrEdit;
    const plan = new Plan(stored, file);
    const left = plan.removals();
    const removals = options.prune ? left : [];
    if (removals.length > 0) {
      const blocked = [];
      for (const removal of removals) {
        const reasons = await removalBlockers(store, writer, removal);
        if (reasons.length > 0) blocked.push({ change: removal.change, reasons });
      }
      if (blocked.length > 0) throw new PruneRefusedError(blocked);
    }
    const result: ApplyResult = {
      changes: [...plan.changes, ...removals.map((removal) => removal.change)],
      unchanged: plan.unchanged,
      notInFile: options.prune ? [] : left.map((removal) => removal.change),
      dryRun: options.dryRun === true,
    };
    if (options.dryRun) return result;
    for (const removal of removals) await removal.run(writer);
    for (const write of plan.writes) await write(writer, now);
    const actor: ChangeActor = options.actor ?? { id: null };
    const entries = [
      ...plan.audit,
      ...removals.map((removal) => ({ change: removal.change, member: removal.member, before: removal.before, after: undefined })),
    ];
    await writer.recordChanges(
      entries.map((entry) => ({
        at: now,
        actor,
        member: entry.member,
        kind: entry.change.kind,
        objectId: entry.change.id,
        action: entry.change.action,
        before: entry.before,
        after: entry.after,
      })),
    );
    return result;
  });
}

/** The member a change is about, for the audit log; null for the consortium and its administrators. */
function memberOf(kind: ObjectKind, id: string): string | null {
  return kind === 'consortium' || kind === 'administrator' || kind === 'librarian' ? null : id.split('/')[0]!;
}

interface Removal {
  change: Change;
  /** The member it belongs to and the object as stored, for the audit log. */
  member: string | null;
  before: unknown;
  target: { member: string; branch?: string; resource?: string } | { librarian: string };
  run(writer: ConsortiumWriter): Promise<void>;
}

async function removalBlockers(store: ConsortiumStore, writer: ConsortiumWriter, removal: Removal): Promise<string[]> {
  if ('librarian' in removal.target) return store.referencesToLibrarian(removal.target.librarian, writer.db);
  if (removal.change.kind === 'widget key' || removal.change.kind === 'lending policy') return [];
  return store.referencesTo(removal.target, writer.db);
}

type Write = (writer: ConsortiumWriter, now: string) => Promise<void>;

/** The differences between the stored consortium and a file, as changes and the writes that make them. */
class Plan {
  readonly changes: Change[] = [];
  readonly writes: Write[] = [];
  /** Each change with the object before and after it, for the audit log. */
  readonly audit: Array<{ change: Change; member: string | null; before: unknown; after: unknown }> = [];
  unchanged = 0;
  readonly #stored: StoredConsortium;
  readonly #file: ConsortiumFile;

  constructor(stored: StoredConsortium, file: ConsortiumFile) {
    this.#stored = stored;
    this.#file = file;
    const { administrators, ...settings } = file.consortium;
    this.#compare('consortium', 'settings', stored.settings, settings, (writer) => writer.setSettings(settings));
    for (const member of file.members) this.#member(member);
    this.#staff(administrators ?? [], null);
    for (const member of file.members) this.#staff(member.librarians ?? [], member.id);
  }

  #compare(kind: ObjectKind, id: string, before: unknown, after: unknown, write: Write, member?: string | null): void {
    if (before !== undefined && same(before, after)) {
      this.unchanged += 1;
      return;
    }
    const change: Change = { action: before === undefined ? 'create' : 'update', kind, id };
    this.changes.push(change);
    this.writes.push(write);
    this.audit.push({ change, member: member === undefined ? memberOf(kind, id) : member, before, after });
  }

  #member(member: MemberConfig): void {
    const stored = this.#stored.members.find((candidate) => candidate.fields.id === member.id);
    const { branches, resources, lending, chat, librarians: _librarians, widgetKeys, ...fields } = member;
    const chatSettings = {
      waitSeconds: chat?.waitSeconds ?? DEFAULT_CHAT_WAIT_SECONDS,
      retentionDays: chat?.retentionDays ?? DEFAULT_RETENTION_DAYS,
    };
    this.#compare(
      'member',
      member.id,
      stored === undefined ? undefined : { ...stored.fields, chat: stored.chat },
      { ...fields, chat: chatSettings },
      (writer) => writer.upsertMember(fields, chatSettings),
    );
    branches.forEach((branch, position) => {
      const before = stored?.branches.find((candidate) => candidate.id === branch.id);
      const beforePosition = stored?.branches.indexOf(before!);
      this.#compare(
        'branch',
        `${member.id}/${branch.id}`,
        before === undefined ? undefined : { ...before, position: beforePosition },
        { ...branch, position },
        (writer) => writer.upsertBranch(member.id, branch, position),
      );
    });
    (resources ?? []).forEach((resource, position) => {
      const index = stored?.resources.findIndex((candidate) => candidate.id === resource.id) ?? -1;
      const normalised = {
        placesPer: RESOURCE_DEFAULTS.placesPer,
        maxPartySize: RESOURCE_DEFAULTS.maxPartySize,
        maxDaysAhead: RESOURCE_DEFAULTS.maxDaysAhead,
        maxActivePerPatron: RESOURCE_DEFAULTS.maxActivePerPatron,
        ...resource,
      };
      this.#compare(
        'resource',
        `${member.id}/${resource.id}`,
        index < 0 ? undefined : { ...stored!.resources[index], position: index },
        { ...normalised, position },
        (writer) => writer.upsertResource(member.id, resource, position),
      );
    });
    if (lending !== undefined) {
      this.#compare('lending policy', member.id, stored?.lending, lending, (writer) => writer.setLending(member.id, lending));
    }
    for (const key of widgetKeys ?? []) this.#widgetKey(member.id, key, stored?.widgetKeys ?? []);
  }

  #widgetKey(member: string, key: WidgetKeyConfig, stored: ReadonlyArray<WidgetKeyConfig & { key: string }>): void {
    const before =
      (key.key === undefined ? undefined : stored.find((candidate) => candidate.key === key.key)) ??
      stored.find((candidate) => candidate.label.toLowerCase() === key.label.toLowerCase());
    const value = key.key ?? before?.key ?? newWidgetKey();
    this.#compare('widget key', `${member}/${key.label}`, before, { ...key, key: value }, async (writer, now) => {
      // A key given anew under a label replaces the old one: the old key stops working.
      if (before !== undefined && before.key !== value) await writer.removeWidgetKey(before.key);
      await writer.upsertWidgetKey(member, { ...key, key: value }, now);
    });
  }

  #staff(people: ReadonlyArray<Omit<LibrarianConfig, 'role'> & { role?: LibrarianConfig['role'] }>, member: string | null): void {
    for (const person of people) {
      const role = member === null ? 'consortium-admin' : (person.role ?? 'librarian');
      const before = this.#stored.librarians.find((candidate) => candidate.email.toLowerCase() === person.email.trim().toLowerCase());
      const after = {
        member,
        email: person.email,
        name: person.name,
        role,
        chatCapacity: person.chatCapacity ?? DEFAULT_CHAT_CAPACITY,
        disabled: person.disabled === true,
      };
      const compared =
        before === undefined
          ? undefined
          : { ...before, id: undefined, role: before.role ?? 'librarian', disabled: before.disabled === true };
      this.#compare(
        member === null ? 'administrator' : 'librarian',
        person.email,
        compared,
        { ...after, id: undefined },
        (writer, now) =>
          writer.upsertLibrarian(
            { ...person, role, member },
            { id: before?.id ?? randomUUID(), createdAt: now, passwordHash: NO_PASSWORD },
          ),
        member,
      );
    }
  }

  /** What is stored but not in the file, children before what they belong to. */
  removals(): Removal[] {
    const file = this.#file;
    const members = new Map(file.members.map((member) => [member.id, member]));
    const emails = new Set(
      [...(file.consortium.administrators ?? []), ...file.members.flatMap((member) => member.librarians ?? [])].map((person) =>
        person.email.trim().toLowerCase(),
      ),
    );
    const removals: Removal[] = [];
    for (const librarian of this.#stored.librarians) {
      if (emails.has(librarian.email.toLowerCase())) continue;
      removals.push({
        change: {
          action: 'remove',
          kind: librarian.member === null ? 'administrator' : 'librarian',
          id: librarian.email,
        },
        member: librarian.member,
        before: { ...librarian, id: undefined },
        target: { librarian: librarian.id },
        run: (writer) => writer.removeLibrarian(librarian.id),
      });
    }
    for (const stored of this.#stored.members) {
      const id = stored.fields.id;
      const member = members.get(id);
      const keys = new Set((member?.widgetKeys ?? []).flatMap((key) => [key.key, key.label.toLowerCase()]));
      for (const key of stored.widgetKeys) {
        if (keys.has(key.key) || keys.has(key.label.toLowerCase())) continue;
        removals.push({
          change: { action: 'remove', kind: 'widget key', id: `${id}/${key.label}` },
          member: id,
          before: key,
          target: { member: id },
          run: (writer) => writer.removeWidgetKey(key.key),
        });
      }
      if (member === undefined) {
        removals.push({
          change: { action: 'remove', kind: 'member', id },
          member: id,
          // Its branches, resources and policy go with it: the entry keeps them all.
          before: { ...stored.fields, chat: stored.chat, branches: stored.branches, resources: stored.resources, lending: stored.lending },
          target: { member: id },
          run: (writer) => writer.removeMember(id),
        });
        continue;
      }
      const resources = new Set((member.resources ?? []).map((resource) => resource.id));
      for (const resource of stored.resources) {
        if (resources.has(resource.id)) continue;
        removals.push({
          change: { action: 'remove', kind: 'resource', id: `${id}/${resource.id}` },
          member: id,
          before: resource,
          target: { member: id, resource: `${id}:${resource.id}` },
          run: (writer) => writer.removeResource(id, resource.id),
        });
      }
      const branches = new Set(member.branches.map((branch) => branch.id));
      for (const branch of stored.branches) {
        if (branches.has(branch.id)) continue;
        removals.push({
          change: { action: 'remove', kind: 'branch', id: `${id}/${branch.id}` },
          member: id,
          before: branch,
          target: { member: id, branch: branch.id },
          run: (writer) => writer.removeBranch(id, branch.id),
        });
      }
      if (member.lending === undefined && stored.lending !== undefined) {
        removals.push({
          change: { action: 'remove', kind: 'lending policy', id },
          member: id,
          before: stored.lending,
          target: { member: id },
          run: (writer) => writer.setLending(id, undefined),
        });
      }
    }
    return removals;
  }
}

/** Deep equality of two JSON-like values, whatever the order of their keys; undefined fields are absent. */
export function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** A JSON-like value with its keys sorted and undefined fields dropped: one form per meaning. */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, item]) => [key, canonical(item)]),
    );
  }
  return value;
}
