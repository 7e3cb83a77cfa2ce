// The catalog store over Kysely, as PostgreSQL runs it. SQLite runs a subclass that only
// swaps the bulk row writes for prepared statements; the search table behind
// `SearchDocumentWriter` is each dialect's own.
import { AVAILABLE_STATUSES, type Creator, type Holding, type HoldingStatus, type RecordType } from '@atrium/sdk';
import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { CatalogStore, MemberInput, RecordInput, UpsertSummary } from './catalog-store.js';
import type { Database, HoldingsTable, RecordsTable } from './schema.js';
import { type IndexedRow, type SearchDocumentWriter, searchDocument } from './search/search-document.js';
import { foldText } from './search/text.js';

// Rows per INSERT: large enough to amortize statement overhead, small enough to stay well
// under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
const RECORD_ROWS_PER_STATEMENT = 500;
const HOLDING_ROWS_PER_STATEMENT = 1500;
const IDS_PER_LOOKUP = 1000;

/** Every record column but the keys, in a fixed order for prepared statements. */
export const RECORD_COLUMNS = [
  'member',
  'type',
  'title',
  'title_sort',
  'creators',
  'date',
  'year',
  'decade',
  'subjects',
  'description',
  'language',
  'identifiers',
  'url',
  'thumbnail',
  'series',
  'physical_description',
  'credit_line',
  'available',
] as const satisfies readonly (keyof RecordsTable)[];

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const availableStatuses = new Set<string>(AVAILABLE_STATUSES);

export type RecordRow = Omit<Insertable<RecordsTable>, 'seq'> & Record<(typeof RECORD_COLUMNS)[number], unknown>;
export type HoldingRow = Insertable<HoldingsTable>;

function toRow(record: RecordInput): RecordRow {
  return {
    id: record.id,
    member: record.member,
    type: record.type,
    title: record.title,
    title_sort: foldText(record.title),
    creators: JSON.stringify(record.creators),
    date: record.date ?? null,
    year: record.year ?? null,
    decade: record.year === undefined ? null : Math.floor(record.year / 10) * 10,
    subjects: JSON.stringify(record.subjects),
    description: record.description ?? null,
    language: record.language ?? null,
    identifiers: JSON.stringify(record.identifiers),
    url: record.url ?? null,
    thumbnail: record.thumbnail ?? null,
    series: record.series ?? null,
    physical_description: record.physicalDescription ?? null,
    credit_line: record.creditLine ?? null,
    available: record.holdings.some((holding) => availableStatuses.has(holding.status)) ? 1 : 0,
  };
}

function toHolding(row: Selectable<HoldingsTable>): Holding {
  const holding: Holding = { member: row.member, branch: row.branch, status: row.status as HoldingStatus };
  if (row.call_number !== null) holding.callNumber = row.call_number;
  if (row.due_date !== null) holding.dueDate = row.due_date;
  return holding;
}

function toRecord(row: Selectable<RecordsTable>, holdings: Holding[]): RecordInput {
  const record: RecordInput = {
    id: row.id,
    member: row.member,
    type: row.type as RecordType,
    title: row.title,
    creators: JSON.parse(row.creators) as Creator[],
    subjects: JSON.parse(row.subjects) as string[],
    identifiers: JSON.parse(row.identifiers) as Record<string, string[]>,
    holdings,
  };
  if (row.date !== null) record.date = row.date;
  if (row.year !== null) record.year = Number(row.year);
  if (row.description !== null) record.description = row.description;
  if (row.language !== null) record.language = row.language;
  if (row.url !== null) record.url = row.url;
  if (row.thumbnail !== null) record.thumbnail = row.thumbnail;
  if (row.series !== null) record.series = row.series;
  if (row.physical_description !== null) record.physicalDescription = row.physical_description;
  if (row.credit_line !== null) record.creditLine = row.credit_line;
  return record;
}

export class SqlCatalogStore implements CatalogStore {
  private written = 0;
  private nextAnalyzeAt = 1000;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly searchWriter: SearchDocumentWriter,
  ) {}

  async upsertMembers(members: readonly MemberInput[]): Promise<void> {
    if (members.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('members')
        .values(
          members.map((member) => ({
            id: member.id,
            name_en: member.name.en,
            name_zh: member.name.zh ?? null,
            kind: member.kind,
            timezone: member.timezone,
          })),
        )
        .onConflict((conflict) =>
          conflict.column('id').doUpdateSet((eb) => ({
            name_en: eb.ref('excluded.name_en'),
            name_zh: eb.ref('excluded.name_zh'),
            kind: eb.ref('excluded.kind'),
            timezone: eb.ref('excluded.timezone'),
          })),
        )
        .execute();
      const ids = members.map((member) => member.id);
      await trx.deleteFrom('branches').where('member_id', 'in', ids).execute();
      const branches = members.flatMap((member) =>
        member.branches.map((branch, position) => ({
          member_id: member.id,
          id: branch.id,
          name_en: branch.name.en,
          name_zh: branch.name.zh ?? null,
          position,
        })),
      );
      if (branches.length > 0) await trx.insertInto('branches').values(branches).execute();
    });
  }

  async listMembers(): Promise<MemberInput[]> {
    const [members, branches] = await Promise.all([
      this.db.selectFrom('members').selectAll().orderBy('id').execute(),
      this.db.selectFrom('branches').selectAll().orderBy('member_id').orderBy('position').execute(),
    ]);
    return members.map((member) => {
      const name: MemberInput['name'] = { en: member.name_en };
      if (member.name_zh !== null) name.zh = member.name_zh;
      return {
        id: member.id,
        name,
        kind: member.kind as MemberInput['kind'],
        timezone: member.timezone,
        branches: branches
          .filter((branch) => branch.member_id === member.id)
          .map((branch) => ({
            id: branch.id,
            name: branch.name_zh === null ? { en: branch.name_en } : { en: branch.name_en, zh: branch.name_zh },
          })),
      };
    });
  }

  async upsertRecords(input: readonly RecordInput[]): Promise<UpsertSummary> {
    // Within one batch the last copy of a record wins, as if the batch were applied in order.
    const byId = new Map<string, RecordInput>();
    for (const record of input) {
      byId.delete(record.id);
      byId.set(record.id, record);
    }
    const records = [...byId.values()];
    if (records.length === 0) return { inserted: 0, updated: 0 };

    const summary = await this.db.transaction().execute(async (trx) => {
      await this.assertMembersExist(trx, records);
      const existing = new Map<string, number>();
      for (const ids of chunks([...byId.keys()], IDS_PER_LOOKUP)) {
        const rows = await trx.selectFrom('records').select(['id', 'seq']).where('id', 'in', ids).execute();
        for (const row of rows) existing.set(row.id, Number(row.seq));
      }
      const seqById = await this.writeRecordRows(trx, records.map(toRow), existing);
      const holdings = records.flatMap((record) =>
        record.holdings.map((holding, position) => ({
          record_id: record.id,
          position,
          member: holding.member,
          branch: holding.branch,
          call_number: holding.callNumber ?? null,
          status: holding.status,
          due_date: holding.dueDate ?? null,
        })),
      );
      await this.writeHoldingRows(trx, [...existing.keys()], holdings);
      const indexed: IndexedRow[] = records.map((record) => ({
        seq: seqById.get(record.id)!,
        existed: existing.has(record.id),
        document: searchDocument(record),
      }));
      await this.searchWriter.write(trx, indexed);
      return { inserted: records.length - existing.size, updated: existing.size };
    });
    await this.noteWritten(records.length);
    return summary;
  }

  /**
   * Refreshes the planner's statistics as the catalog grows (after 1,000 records written,
   * then 2,000, 4,000...): right after a bulk import, before autovacuum gets to it, queries
   * would otherwise be planned for empty tables.
   */
  private async noteWritten(count: number): Promise<void> {
    this.written += count;
    if (this.written < this.nextAnalyzeAt) return;
    this.nextAnalyzeAt = this.written * 2;
    await this.refreshStatistics();
  }

  protected async refreshStatistics(): Promise<void> {
    await sql`analyze records, holdings, record_search`.execute(this.db);
  }

  /** Inserts new rows and updates existing ones (`existing` maps their ids to seq); returns every row's seq. */
  protected async writeRecordRows(
    trx: Kysely<Database>,
    rows: readonly RecordRow[],
    _existing: ReadonlyMap<string, number>,
  ): Promise<Map<string, number>> {
    const seqById = new Map<string, number>();
    for (const batch of chunks(rows, RECORD_ROWS_PER_STATEMENT)) {
      const written = await trx
        .insertInto('records')
        .values(batch)
        .onConflict((conflict) =>
          conflict
            .column('id')
            .doUpdateSet((eb) => Object.fromEntries(RECORD_COLUMNS.map((column) => [column, eb.ref(`excluded.${column}`)]))),
        )
        .returning(['id', 'seq'])
        .execute();
      for (const row of written) seqById.set(row.id, Number(row.seq));
    }
    return seqById;
  }

  /** Replaces the holdings of the records in `replacedIds` and adds `rows`. */
  protected async writeHoldingRows(trx: Kysely<Database>, replacedIds: readonly string[], rows: readonly HoldingRow[]): Promise<void> {
    for (const ids of chunks(replacedIds, IDS_PER_LOOKUP)) {
      await trx.deleteFrom('holdings').where('record_id', 'in', ids).execute();
    }
    for (const batch of chunks(rows, HOLDING_ROWS_PER_STATEMENT)) await trx.insertInto('holdings').values(batch).execute();
  }

  private async assertMembersExist(trx: Kysely<Database>, records: readonly RecordInput[]): Promise<void> {
    const named = [...new Set(records.map((record) => record.member))];
    const known = new Set((await trx.selectFrom('members').select('id').where('id', 'in', named).execute()).map((row) => row.id));
    const unknown = named.filter((member) => !known.has(member));
    if (unknown.length > 0) {
      throw new Error(`Records name member(s) not in the consortium: ${unknown.join(', ')}. Add the member before importing its records.`);
    }
  }

  async getRecord(id: string): Promise<RecordInput | undefined> {
    const [record] = await this.getRecords([id]);
    return record;
  }

  /** The records with these ids that exist, in the order asked for. */
  async getRecords(ids: readonly string[]): Promise<RecordInput[]> {
    if (ids.length === 0) return [];
    const unique = [...new Set(ids)];
    const [rows, holdingRows] = await Promise.all([
      this.db.selectFrom('records').selectAll().where('id', 'in', unique).execute(),
      this.db.selectFrom('holdings').selectAll().where('record_id', 'in', unique).orderBy('record_id').orderBy('position').execute(),
    ]);
    const holdings = new Map<string, Holding[]>();
    for (const row of holdingRows) {
      const list = holdings.get(row.record_id) ?? [];
      list.push(toHolding(row));
      holdings.set(row.record_id, list);
    }
    const byId = new Map(rows.map((row) => [row.id, toRecord(row, holdings.get(row.id) ?? [])]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async listRecordIds(member: string): Promise<string[]> {
    const rows = await this.db.selectFrom('records').select('id').where('member', '=', member).execute();
    return rows.map((row) => row.id);
  }

  async deleteRecords(ids: readonly string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    return this.db.transaction().execute(async (trx) => {
      const removed: string[] = [];
      for (const batch of chunks(unique, IDS_PER_LOOKUP)) {
        const rows = await trx.selectFrom('records').select(['id', 'seq']).where('id', 'in', batch).execute();
        if (rows.length === 0) continue;
        const found = rows.map((row) => row.id);
        await this.searchWriter.remove(
          trx,
          rows.map((row) => Number(row.seq)),
        );
        await trx.deleteFrom('holdings').where('record_id', 'in', found).execute();
        await trx.deleteFrom('records').where('id', 'in', found).execute();
        removed.push(...found);
      }
      return removed;
    });
  }

  async countRecords(member?: string): Promise<number> {
    let query = this.db.selectFrom('records').select((eb) => eb.fn.countAll<number | string>().as('count'));
    if (member !== undefined) query = query.where('member', '=', member);
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.count);
  }
}
