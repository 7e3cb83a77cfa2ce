// Generated demo holdings. The demo collections carry no holdings or availability, so the
// demo gives each record believable ones from a generator seeded by the record id: the same
// record always gets the same copies, branches, call numbers and statuses (and, for a given
// `today`, the same due dates). Demo data only: real members' systems supply real holdings.
import type { Holding, HoldingStatus } from '@atrium/sdk';
import type { MemberInput, RecordInput } from '../storage/catalog-store.js';

export interface DemoHoldingsOptions {
  /** The day loans are due from: a Date (read in the member's timezone) or YYYY-MM-DD. Default: now. */
  today?: Date | string;
}

type Random = () => number;

/** FNV-1a: a fast, well-spread 32-bit hash of the record id to seed its generator. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small seeded generator; statistical quality is ample for demo data. */
function seeded(seed: number): Random {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function weighted<T>(random: Random, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [value, weight] of choices) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return choices[choices.length - 1]![0];
}

function distinctBranches(random: Random, branches: readonly string[], count: number): string[] {
  const pool = [...branches];
  const chosen: string[] = [];
  for (let i = 0; i < count; i += 1) {
    if (pool.length === 0) pool.push(...branches);
    chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  }
  return chosen;
}

function isoDay(today: Date | string | undefined, timezone: string): string {
  if (typeof today === 'string') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(`${today}T00:00:00Z`))) {
      throw new RangeError(`today must be a date such as 2025-03-01, got "${today}"`);
    }
    return today;
  }
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    today ?? new Date(),
  );
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function localId(record: Pick<RecordInput, 'id'>): string {
  return record.id.slice(record.id.indexOf(':') + 1);
}

/** Three capital letters from the first creator's surname, as on a spine label. */
function cutter(record: Pick<RecordInput, 'creators' | 'title'>): string {
  const name = record.creators[0]?.name ?? record.title;
  const surname = name.trim().split(/\s+/).pop() ?? name;
  const letters = surname
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toUpperCase();
  return (letters || 'XXX').slice(0, 3);
}

type HoldingsRecord = Pick<RecordInput, 'id' | 'title' | 'creators' | 'identifiers' | 'type' | 'language'>;

function museumHoldings(record: HoldingsRecord, member: MemberInput, random: Random): Holding[] {
  // A work of art is one object in one place: on show in the galleries or in store.
  const branches = member.branches.map((branch) => branch.id);
  const accession = record.identifiers.accession?.[0] ?? localId(record);
  const onDisplay = random() < 0.2;
  if (onDisplay) {
    const gallery = 1 + Math.floor(random() * 12);
    return [{ member: member.id, branch: branches[0]!, callNumber: `${accession} · Gallery ${gallery}`, status: 'on-display' }];
  }
  const stores = branches.length > 1 ? branches.slice(1) : branches;
  const store = pick(random, ['A', 'B', 'C', 'D']);
  const rack = String(1 + Math.floor(random() * 40)).padStart(2, '0');
  const shelf = 1 + Math.floor(random() * 8);
  return [
    { member: member.id, branch: pick(random, stores), callNumber: `${accession} · Store ${store}-${rack}-${shelf}`, status: 'in-storage' },
  ];
}

const PUBLIC_LIBRARY_STATUSES: readonly (readonly [HoldingStatus, number])[] = [
  ['available', 55],
  ['on-loan', 25],
  ['on-hold', 8],
  ['in-transit', 5],
  ['reference-only', 7],
];

const UNIVERSITY_STATUSES: readonly (readonly [HoldingStatus, number])[] = [
  ['available', 50],
  ['on-loan', 20],
  ['reference-only', 20],
  ['on-hold', 5],
  ['in-transit', 5],
];

function deweyLike(record: HoldingsRecord, random: Random): string {
  if (random() < 0.55) return `FIC ${cutter(record)}`;
  const main = String(Math.floor(random() * 1000)).padStart(3, '0');
  const decimals = String(Math.floor(random() * 100)).padStart(2, '0');
  return `${main}.${decimals} ${cutter(record)}`;
}

/** In the style of the Chinese classification used in Taiwan: 851.441 is Tang poetry. */
function chineseClassificationLike(record: HoldingsRecord, random: Random): string {
  const authorNumber = String(1000 + Math.floor(random() * 9000));
  const classNumber =
    record.language === 'zh' && record.type === 'text'
      ? '851.441'
      : `${pick(random, ['011', '121', '310', '541', '573', '610', '730', '820', '857', '910'])}.${Math.floor(random() * 100)}`;
  return `${classNumber} ${authorNumber}`;
}

function libraryHoldings(record: HoldingsRecord, member: MemberInput, random: Random, today: string, university: boolean): Holding[] {
  const copies = weighted(
    random,
    university
      ? [
          [1, 60],
          [2, 40],
        ]
      : [
          [1, 50],
          [2, 35],
          [3, 15],
        ],
  );
  const callNumber = university ? chineseClassificationLike(record, random) : deweyLike(record, random);
  const statuses = university ? UNIVERSITY_STATUSES : PUBLIC_LIBRARY_STATUSES;
  return distinctBranches(
    random,
    member.branches.map((branch) => branch.id),
    copies,
  ).map((branch) => {
    const status = weighted(random, statuses);
    const holding: Holding = { member: member.id, branch, callNumber, status };
    if (status === 'on-loan') holding.dueDate = addDays(today, 1 + Math.floor(random() * 28));
    return holding;
  });
}

/** A holdings function for one member's records, for `runImport`'s `holdings` option. */
export function createDemoHoldings(member: MemberInput, options: DemoHoldingsOptions = {}): (record: HoldingsRecord) => Holding[] {
  const today = isoDay(options.today, member.timezone);
  return (record) => {
    const random = seeded(hash(record.id));
    switch (member.kind) {
      case 'museum':
      case 'archive':
        return museumHoldings(record, member, random);
      case 'university-library':
        return libraryHoldings(record, member, random, today, true);
      case 'public-library':
      case 'school-library':
      case 'special-library':
        return libraryHoldings(record, member, random, today, false);
    }
  };
}
