// Reading and writing joint reference: questions and their threads, the claim (one
// conditional UPDATE, so two librarians never both get it), service policies, the knowledge
// base with its search table, and the counts of the monthly ledger. Rules live in domain/reference.
import { type Kysely, type Transaction, sql } from 'kysely';
import type { ConversationsTable } from './chat-schema.js';
import { IdempotencyKeyStore } from './idempotency-key-store.js';
import type { IdempotencyTables } from './idempotency-schema.js';
import { type KbMatch, ftsExpressions, kbTokens, tsQuery, tsVector } from './kb-search.js';
import type {
  KbEntriesTable,
  KbEntryRecordsTable,
  MemberReferenceColumns,
  QuestionMessagesTable,
  QuestionsTable,
  ReferenceTables,
  ServicePoliciesTable,
} from './reference-schema.js';
import type { Database, MembersTable } from './schema.js';
import type { SqlDialect } from './sql-dialect.js';

type ReferenceDatabase = Omit<Database, 'members'> &
  ReferenceTables &
  IdempotencyTables & { members: MembersTable & MemberReferenceColumns; conversations: ConversationsTable };

export type QuestionRow = QuestionsTable;
export type QuestionMessageRow = Omit<QuestionMessagesTable, 'seq'> & { seq: number };
export type NewQuestionMessage = Omit<QuestionMessagesTable, 'seq'>;
export type KbEntryRow = Omit<KbEntriesTable, 'seq'> & { seq: number };
export type NewKbEntry = Omit<KbEntriesTable, 'seq'>;
export type ServicePolicyRow = ServicePoliciesTable;

/** A record linked in a message or knowledge base entry: what the patron is shown of it. */
export interface LinkedRecordRow {
  record_id: string;
  member: string;
  title: string;
}

/** Who claims: the librarian and their member. */
export interface QuestionClaimant {
  id: string;
  name: string;
  member: string;
}

export interface StaffQuestionFilter {
  /** The librarian's member. */
  member: string;
  /** Now, as UTC ISO text: questions open to all from before it are visible to everyone. */
  now: string;
  statuses?: readonly string[];
  limit: number;
}

/** The per-member counts of one month; `from` inclusive, `to` exclusive (UTC ISO). */
export interface LedgerCounts {
  questionsReceived: Map<string, number>;
  questionsAnswered: Map<string, number>;
  chatsReceived: Map<string, number>;
  chatsAnswered: Map<string, number>;
}

/** Queries that run alone or inside a transaction of ReferenceStore. */
export class ReferenceQueries {
  /** Kept Idempotency-Key answers, on the same connection or transaction as these queries. */
  readonly idempotencyKeys: IdempotencyKeyStore;

  constructor(
    protected readonly db: Kysely<ReferenceDatabase> | Transaction<ReferenceDatabase>,
    protected readonly dialect: SqlDialect,
  ) {
    this.idempotencyKeys = IdempotencyKeyStore.on(db);
  }

  async insertQuestion(row: QuestionRow): Promise<void> {
    await this.db.insertInto('questions').values(row).execute();
  }

  async getQuestion(id: string): Promise<QuestionRow | undefined> {
    return this.db.selectFrom('questions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Changes a question only while `expected` still holds; false when it no longer did. */
  async updateQuestion(
    id: string,
    changes: Partial<QuestionRow>,
    expected: Partial<Pick<QuestionRow, 'status' | 'claimed_by_member'>> = {},
  ): Promise<boolean> {
    let query = this.db.updateTable('questions').set(changes).where('id', '=', id);
    if (expected.status !== undefined) query = query.where('status', '=', expected.status);
    if (expected.claimed_by_member !== undefined) query = query.where('claimed_by_member', '=', expected.claimed_by_member);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Gives a new question to one librarian. The status check and the change are one statement,
   * which both databases serialize: of several librarians claiming at once, exactly one wins.
   */
  async claim(id: string, claimant: QuestionClaimant, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('questions')
      .set({
        status: 'claimed',
        claimed_by_id: claimant.id,
        claimed_by_name: claimant.name,
        claimed_by_member: claimant.member,
        claimed_at: now,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('status', '=', 'new')
      .where((eb) => eb.or([eb('queue_member', '=', claimant.member), eb('open_to_all_at', '<=', now)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async addMessage(message: NewQuestionMessage): Promise<void> {
    await this.db.insertInto('question_messages').values(message).execute();
  }

  /** Links records to a message just added, in the order given. */
  async linkRecordsToMessage(messageId: string, records: readonly LinkedRecordRow[]): Promise<void> {
    if (records.length === 0) return;
    await this.db
      .insertInto('question_message_records')
      .values(records.map((record, position) => ({ message_id: messageId, position, ...record })))
      .execute();
  }

  /** The records linked in each of these messages, in the librarian's order; messages without links are absent. */
  async recordsOfMessages(messageIds: readonly string[]): Promise<Map<string, LinkedRecordRow[]>> {
    if (messageIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('question_message_records')
      .select(['message_id', 'record_id', 'member', 'title'])
      .where('message_id', 'in', [...messageIds])
      .orderBy('message_id')
      .orderBy('position')
      .execute();
    return linksByOwner(rows, ({ message_id }) => message_id);
  }

  async messages(questionId: string): Promise<QuestionMessageRow[]> {
    return this.db.selectFrom('question_messages').selectAll().where('question_id', '=', questionId).orderBy('seq').execute();
  }

  /** The threads of several questions in one query, each oldest first. */
  async messagesOf(questionIds: readonly string[]): Promise<Map<string, QuestionMessageRow[]>> {
    const threads = new Map<string, QuestionMessageRow[]>(questionIds.map((id) => [id, []]));
    if (questionIds.length === 0) return threads;
    const rows = await this.db
      .selectFrom('question_messages')
      .selectAll()
      .where('question_id', 'in', [...questionIds])
      .orderBy('seq')
      .execute();
    for (const row of rows) threads.get(row.question_id)?.push(row);
    return threads;
  }

  /**
   * The questions a member's librarians see: those in its queue, from its patrons, claimed by
   * its librarians, and new ones whose wait for their own member is over. Oldest first.
   */
  async listForStaff(filter: StaffQuestionFilter): Promise<QuestionRow[]> {
    let query = this.db
      .selectFrom('questions')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('queue_member', '=', filter.member),
          eb('member', '=', filter.member),
          eb('claimed_by_member', '=', filter.member),
          eb.and([eb('status', '=', 'new'), eb('open_to_all_at', '<=', filter.now)]),
        ]),
      );
    if (filter.statuses && filter.statuses.length > 0) query = query.where('status', 'in', [...filter.statuses]);
    return query.orderBy('created_at').orderBy('id').limit(filter.limit).execute();
  }

  async memberExists(member: string): Promise<boolean> {
    return (await this.db.selectFrom('members').select('id').where('id', '=', member).executeTakeFirst()) !== undefined;
  }

  async memberIds(): Promise<string[]> {
    return (await this.db.selectFrom('members').select('id').orderBy('id').execute()).map((row) => row.id);
  }

  async questionWaitSeconds(member: string): Promise<number | undefined> {
    const row = await this.db.selectFrom('members').select('question_wait_seconds').where('id', '=', member).executeTakeFirst();
    return row?.question_wait_seconds;
  }

  async setQuestionWaitSeconds(member: string, seconds: number): Promise<void> {
    await this.db.updateTable('members').set({ question_wait_seconds: seconds }).where('id', '=', member).execute();
  }

  async getPolicy(member: string): Promise<ServicePolicyRow | undefined> {
    return this.db.selectFrom('service_policies').selectAll().where('member_id', '=', member).executeTakeFirst();
  }

  async upsertPolicy(row: ServicePolicyRow): Promise<void> {
    await this.db
      .insertInto('service_policies')
      .values(row)
      .onConflict((oc) => oc.column('member_id').doUpdateSet({ policy: row.policy, updated_at: row.updated_at }))
      .execute();
  }

  /** Stores (or replaces) the knowledge base entry of a question and indexes its text. */
  async upsertKbEntry(entry: NewKbEntry): Promise<KbEntryRow> {
    const { id: _id, question_id: _question, ...changes } = entry;
    const stored = await this.db
      .insertInto('kb_entries')
      .values(entry)
      .onConflict((oc) => oc.column('question_id').doUpdateSet(changes))
      .returningAll()
      .executeTakeFirstOrThrow();
    const question = kbTokens(stored.question);
    const answer = kbTokens(stored.answer);
    if (this.dialect === 'sqlite') {
      await sql`delete from kb_search where rowid = ${stored.seq}`.execute(this.db);
      await sql`insert into kb_search (rowid, question, answer) values (${stored.seq}, ${question.join(' ')}, ${answer.join(' ')})`.execute(
        this.db,
      );
    } else {
      const vector = tsVector(question, answer);
      await sql`insert into kb_search (seq, document) values (${stored.seq}, ${vector}::tsvector)
        on conflict (seq) do update set document = excluded.document`.execute(this.db);
    }
    return stored;
  }

  /** Replaces the records a knowledge base entry links (a question published again links its latest answer's). */
  async setKbEntryRecords(kbId: string, records: readonly LinkedRecordRow[]): Promise<void> {
    await this.db.deleteFrom('kb_entry_records').where('kb_id', '=', kbId).execute();
    if (records.length === 0) return;
    const rows: KbEntryRecordsTable[] = records.map((record, position) => ({ kb_id: kbId, position, ...record }));
    await this.db.insertInto('kb_entry_records').values(rows).execute();
  }

  /** The records each of these entries links, in order; entries without links are absent. */
  async recordsOfKbEntries(kbIds: readonly string[]): Promise<Map<string, LinkedRecordRow[]>> {
    if (kbIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('kb_entry_records')
      .select(['kb_id', 'record_id', 'member', 'title'])
      .where('kb_id', 'in', [...kbIds])
      .orderBy('kb_id')
      .orderBy('position')
      .execute();
    return linksByOwner(rows, ({ kb_id }) => kb_id);
  }

  async getKbEntry(id: string): Promise<KbEntryRow | undefined> {
    return this.db.selectFrom('kb_entries').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Entries matching the query, best first; the newest first for a blank query. */
  async searchKb(match: KbMatch, member: string | undefined, limit: number): Promise<KbEntryRow[]> {
    if (match.kind === 'nothing') return [];
    if (match.kind === 'everything') {
      let query = this.db.selectFrom('kb_entries').selectAll();
      if (member) query = query.where('member', '=', member);
      return query.orderBy('published_at', 'desc').orderBy('seq', 'desc').limit(limit).execute();
    }
    const byMember = member ? sql`and e.member = ${member}` : sql``;
    if (this.dialect === 'sqlite') {
      const { include, exclude } = ftsExpressions(match);
      const excluded = exclude ? sql`and e.seq not in (select rowid from kb_search where kb_search match ${exclude})` : sql``;
      const query = include
        ? sql<KbEntryRow>`select e.* from (select rowid as seq, bm25(kb_search, 2.0, 1.0) as score from kb_search where kb_search match ${include}) as s
            join kb_entries as e on e.seq = s.seq where 1 = 1 ${byMember} ${excluded} order by s.score, e.seq desc limit ${limit}`
        : sql<KbEntryRow>`select e.* from kb_entries as e where 1 = 1 ${byMember} ${excluded} order by e.published_at desc, e.seq desc limit ${limit}`;
      return (await query.execute(this.db)).rows;
    }
    const tsquery = sql`${tsQuery(match)}::tsquery`;
    const rows = await sql<KbEntryRow>`select e.* from kb_search as s join kb_entries as e on e.seq = s.seq
      where s.document @@ ${tsquery} ${byMember}
      order by ts_rank_cd('{0.1, 0.2, 0.5, 1.0}'::float4[], s.document, ${tsquery}) desc, e.seq desc limit ${limit}`.execute(this.db);
    return rows.rows;
  }

  /** Per-member counts of questions and chats in [from, to). */
  async ledgerCounts(from: string, to: string): Promise<LedgerCounts> {
    const counted = (rows: Array<{ member: string | null; count: number | string | bigint }>) =>
      new Map(rows.filter((row) => row.member !== null).map((row) => [row.member!, Number(row.count)]));
    const [questionsReceived, questionsAnswered, chatsReceived, chatsAnswered] = await Promise.all([
      this.db
        .selectFrom('questions')
        .select((eb) => ['member', eb.fn.countAll<number>().as('count')])
        .where('created_at', '>=', from)
        .where('created_at', '<', to)
        .groupBy('member')
        .execute(),
      this.db
        .selectFrom('questions')
        .select((eb) => [eb.ref('answered_by_member').as('member'), eb.fn.countAll<number>().as('count')])
        .where('answered_at', '>=', from)
        .where('answered_at', '<', to)
        .groupBy('answered_by_member')
        .execute(),
      this.db
        .selectFrom('conversations')
        .select((eb) => ['member', eb.fn.countAll<number>().as('count')])
        .where('created_at', '>=', from)
        .where('created_at', '<', to)
        .groupBy('member')
        .execute(),
      this.db
        .selectFrom('conversations')
        .select((eb) => [eb.ref('librarian_member').as('member'), eb.fn.countAll<number>().as('count')])
        .where('librarian_member', 'is not', null)
        .where('created_at', '>=', from)
        .where('created_at', '<', to)
        .groupBy('librarian_member')
        .execute(),
    ]);
    return {
      questionsReceived: counted(questionsReceived),
      questionsAnswered: counted(questionsAnswered),
      chatsReceived: counted(chatsReceived),
      chatsAnswered: counted(chatsAnswered),
    };
  }
}

/** Linked records by the message or entry that links them, keeping their order. */
function linksByOwner<T extends LinkedRecordRow>(rows: readonly T[], key: (row: T) => string): Map<string, LinkedRecordRow[]> {
  const groups = new Map<string, LinkedRecordRow[]>();
  for (const row of rows) {
    const record = { record_id: row.record_id, member: row.member, title: row.title };
    const group = groups.get(key(row));
    if (group) group.push(record);
    else groups.set(key(row), [record]);
  }
  return groups;
}

export class ReferenceStore extends ReferenceQueries {
  readonly #db: Kysely<ReferenceDatabase>;

  constructor(db: Kysely<Database>, dialect: SqlDialect) {
    const typed = db as unknown as Kysely<ReferenceDatabase>;
    super(typed, dialect);
    this.#db = typed;
  }

  transaction<T>(work: (queries: ReferenceQueries) => Promise<T>): Promise<T> {
    return this.#db.transaction().execute((trx) => work(new ReferenceQueries(trx, this.dialect)));
  }
}
