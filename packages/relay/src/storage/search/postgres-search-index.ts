// The PostgreSQL search index: one weighted tsvector per record (title A, creators B,
// subjects and series C, the rest D) under a GIN index, ranked with ts_rank_cd. Each row also
// carries the record's filter, facet and sort columns (migration 0010), so a query matching
// most of the catalog is counted and paged from the rows the index found, without a join.
// Vectors and queries are written as literals from the relay's own tokens rather than
// parsed by a text search configuration, so PostgreSQL's parser and locale cannot split
// or alter a token and both dialects match exactly the same tokens.
import { type Kysely, type QueryResult, type RawBuilder, sql } from 'kysely';
import type { Database } from '../schema.js';
import type { MatchGroups, MatchPlan, MatchScope, MatchTerm } from './match-plan.js';
import { DOCUMENT_FIELDS, type IndexedRow, type SearchDocument, type SearchDocumentWriter } from './search-document.js';
import { type MatchSource, SqlSearchIndex } from './sql-search-index.js';

const FIELD_WEIGHT: Record<keyof SearchDocument, 'A' | 'B' | 'C' | 'D'> = {
  title: 'A',
  creators: 'B',
  subjects: 'C',
  series: 'C',
  description: 'D',
  identifiers: 'D',
  isbn: 'D',
};

const SCOPE_WEIGHTS: Record<Exclude<MatchScope, 'isbn'>, string> = {
  any: '',
  title: 'A',
  creator: 'B',
  subject: 'C',
  'title-creator': 'AB',
};

// ISBNs live in the same vector under their own spelling, so only an ISBN query reaches them.
const ISBN_LEXEME_PREFIX = 'isbn:';
// ts_rank_cd weights for D, C, B, A: title and creators far above the rest, as in SQLite's bm25 weights.
const RANK_WEIGHTS = sql.lit('{0.1, 0.2, 1.0, 1.0}');
// Phrases must not run from one field into the next.
const FIELD_GAP = 8;
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 256;
const ROWS_PER_INSERT = 1000;

function quote(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

export function vectorLiteral(document: SearchDocument): string {
  const positions = new Map<string, string[]>();
  let position = 1;
  for (const field of DOCUMENT_FIELDS) {
    const weight = FIELD_WEIGHT[field];
    for (const token of document[field]) {
      const lexeme = field === 'isbn' ? ISBN_LEXEME_PREFIX + token : token;
      const list = positions.get(lexeme) ?? [];
      if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${Math.min(position, MAX_POSITION)}${weight}`);
      positions.set(lexeme, list);
      position += 1;
    }
    position += FIELD_GAP;
  }
  return [...positions].map(([lexeme, list]) => `${quote(lexeme)}:${list.join(',')}`).join(' ');
}

function termQuery(term: MatchTerm): string {
  if (term.scope === 'isbn') return quote(ISBN_LEXEME_PREFIX + term.tokens.join(''));
  const weights = SCOPE_WEIGHTS[term.scope];
  const last = term.tokens.length - 1;
  const parts = term.tokens.map((token, index) => {
    const label = `${index === last && term.prefix ? '*' : ''}${weights}`;
    return label ? `${quote(token)}:${label}` : quote(token);
  });
  return parts.length === 1 ? parts[0]! : `(${parts.join(' <-> ')})`;
}

function groupsQuery(groups: MatchGroups): string {
  return groups.map((group) => (group.length === 1 ? termQuery(group[0]!) : `(${group.map(termQuery).join(' | ')})`)).join(' & ');
}

function tsquery(text: string): RawBuilder<unknown> {
  return sql`${text}::tsquery`;
}

export class PostgresSearchIndex extends SqlSearchIndex implements SearchDocumentWriter {
  constructor(db: Kysely<Database>) {
    super(db);
  }

  async write(trx: Kysely<Database>, rows: readonly IndexedRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const values = rows.slice(i, i + ROWS_PER_INSERT).map((row) => sql`(${row.seq}::integer, ${vectorLiteral(row.document)}::tsvector)`);
      // The catalog columns come from the records just written in this transaction, so they always agree.
      await sql`
        insert into record_search (seq, id, member, type, language, year, decade, available, title_sort, document)
        select r.seq, r.id, r.member, r.type, r.language, r.year, r.decade, r.available, r.title_sort, written.document
        from (values ${sql.join(values)}) as written (seq, document)
        join records as r on r.seq = written.seq
        on conflict (seq) do update set
          id = excluded.id, member = excluded.member, type = excluded.type, language = excluded.language,
          year = excluded.year, decade = excluded.decade, available = excluded.available,
          title_sort = excluded.title_sort, document = excluded.document`.execute(trx);
    }
  }

  async remove(trx: Kysely<Database>, seqs: readonly number[]): Promise<void> {
    // The foreign key would cascade too; deleting here keeps the index's rows its own business.
    if (seqs.length > 0) await sql`delete from record_search where seq = any(${[...seqs]}::integer[])`.execute(trx);
  }

  protected matchSource(plan: MatchPlan, scored: boolean): MatchSource {
    const from = sql`record_search as r`;
    const exclude = plan.exclude.length > 0 ? groupsQuery([plan.exclude]) : undefined;
    if (plan.include.length === 0) {
      return { from, conditions: exclude ? [sql`not (r.document @@ ${tsquery(exclude)})`] : [] };
    }
    const include = groupsQuery(plan.include);
    const query = exclude ? `(${include}) & !(${exclude})` : include;
    return {
      from,
      conditions: [sql`r.document @@ ${tsquery(query)}`],
      indexed: true,
      ...(scored ? { score: sql`ts_rank_cd(${RANK_WEIGHTS}::float4[], r.document, ${tsquery(include)}, 1)` } : {}),
    };
  }

  protected tierCondition(groups: MatchGroups): RawBuilder<unknown> {
    return sql`r.document @@ ${tsquery(groupsQuery(groups))}`;
  }

  /**
   * The planner prices testing a document against a query like comparing two numbers, so for
   * a word in half the catalog it reads the whole table and tests every document, where the
   * GIN index would hand it the matches untested: about twice as slow. A query known to match
   * many records is told to take them from the index.
   */
  protected override run<R>(query: RawBuilder<R>, manyMatches: boolean): Promise<QueryResult<R>> {
    if (!manyMatches) return query.execute(this.db);
    return this.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      return query.execute(trx);
    });
  }
}
