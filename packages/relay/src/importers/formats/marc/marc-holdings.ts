// Copies from the item fields of a member's MARC export, stored as the record's holdings:
// Koha's 952 (one field per item) or MARC 21's 852 location field. Branch codes are matched
// to the member's branches by id or name; a code that matches none is kept and reported.
import type { Holding, HoldingStatus } from '@atrium/sdk';
import { z } from 'zod/mini';
import type { RowProblem } from '../../import-format.js';
import { clean } from '../../record-builder.js';
import type { MarcDataField, MarcRecord } from './marc-record.js';
import { dataFields, subfield, subfields } from './marc-record.js';

export const HOLDINGS_PROFILES = ['auto', 'koha', 'marc852', 'none'] as const;
export const HoldingsProfileName = z.enum(HOLDINGS_PROFILES);
/** Which item fields hold the copies: `auto` reads 952 when a record has it, else 852. */
export type HoldingsProfile = (typeof HOLDINGS_PROFILES)[number];

export interface MemberBranches {
  member: string;
  branches: readonly { id: string; name: { en: string; zh?: string | undefined } }[];
}

interface Copy {
  branch: string | undefined;
  callNumber: string | undefined;
  status: HoldingStatus;
  dueDate?: string;
}

/** Koha writes flags as numbers: 0 or empty is "no". */
function flagged(field: MarcDataField, code: string): boolean {
  const value = subfield(field, code)?.trim();
  return value !== undefined && value !== '' && value !== '0';
}

function isoDay(value: string | undefined): string | undefined {
  const match = value === undefined ? null : /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
  return match?.[1];
}

function kohaCopy(field: MarcDataField): Copy {
  const branch = clean(subfield(field, 'b')) ?? clean(subfield(field, 'a'));
  const callNumber = clean(subfield(field, 'o'));
  const dueDate = isoDay(subfield(field, 'q'));
  let status: HoldingStatus = 'available';
  if (flagged(field, '1') || flagged(field, '0')) status = 'missing';
  else if (dueDate !== undefined) status = 'on-loan';
  else if (flagged(field, '7')) status = 'reference-only';
  return { branch, callNumber, status, ...(status === 'on-loan' && dueDate !== undefined ? { dueDate } : {}) };
}

function marc852Copy(field: MarcDataField): Copy {
  const callNumber = clean(subfields(field, 'khim').join(' '));
  return { branch: clean(subfield(field, 'b')), callNumber, status: 'available' };
}

function copiesOf(record: MarcRecord, profile: HoldingsProfile): Copy[] {
  const koha = () => dataFields(record, '952').map(kohaCopy);
  const marc852 = () => dataFields(record, '852').map(marc852Copy);
  switch (profile) {
    case 'none':
      return [];
    case 'koha':
      return koha();
    case 'marc852':
      return marc852();
    case 'auto':
      return dataFields(record, '952').length > 0 ? koha() : marc852();
  }
}

/** Resolves a system's branch code to one of the member's branch ids. */
export function branchResolver(member: MemberBranches): (code: string) => string | undefined {
  const byKey = new Map<string, string>();
  for (const branch of member.branches) {
    for (const key of [branch.name.en, branch.name.zh, branch.id]) if (key !== undefined) byKey.set(key.trim().toLowerCase(), branch.id);
  }
  const ids = new Set(member.branches.map((branch) => branch.id));
  return (code) => (ids.has(code) ? code : byKey.get(code.trim().toLowerCase()));
}

export function holdingsOf(
  record: MarcRecord,
  profile: HoldingsProfile,
  member: MemberBranches,
  resolve: (code: string) => string | undefined,
): { holdings: Holding[]; warnings: RowProblem[] } {
  const holdings: Holding[] = [];
  const warnings: RowProblem[] = [];
  for (const copy of copiesOf(record, profile)) {
    if (copy.branch === undefined) {
      warnings.push({ reason: 'copy without a branch', detail: 'an item field has no branch code; the copy was left out' });
      continue;
    }
    const branch = resolve(copy.branch);
    if (branch === undefined && member.branches.length > 0) {
      warnings.push({
        reason: `branch code "${copy.branch}" matches none of ${member.member}'s branches`,
        detail: `a copy at "${copy.branch}" is kept under that code`,
      });
    }
    const holding: Holding = { member: member.member, branch: branch ?? copy.branch, status: copy.status };
    if (copy.callNumber !== undefined) holding.callNumber = copy.callNumber;
    if (copy.dueDate !== undefined) holding.dueDate = copy.dueDate;
    holdings.push(holding);
  }
  return { holdings, warnings };
}
