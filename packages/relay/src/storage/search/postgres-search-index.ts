// The PostgreSQL search index: one weighted tsvector per record (title A, creators B,
// subjects and series C, the rest D) under a GIN index, ranked with ts_rank_cd.
// Vectors and queries are written as literals from the relay's own tokens rather than
// parsed by a text search configuration, so PostgreSQL's parser and locale cannot split
// or alter a token and both dialects match exactly the same tokens.
import { type Kysely, type RawBuilder, sql } from 'kysely';
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
      const values = rows.slice(i, i + ROWS_PER_INSERT).map((row) => sql`(${row.seq}, ${vectorLiteral(row.document)}::tsvector)`);
      await sql`
        insert into record_search (seq, document) values ${sql.join(values)}
        on conflict (seq) do update set document = excluded.document`.execute(trx);
    }
  }

  protected matchSource(plan: MatchPlan, scored: boolean): MatchSource {
    const from = sql`records as r join record_search as s on s.seq = r.seq`;
    const exclude = plan.exclude.length > 0 ? groupsQuery([plan.exclude]) : undefined;
    if (plan.include.length === 0) {
      return { from, conditions: exclude ? [sql`not (s.document @@ ${tsquery(exclude)})`] : [] };
    }
    const include = groupsQuery(plan.include);
    const query = exclude ? `(${include}) & !(${exclude})` : include;
    const score = scored ? sql`ts_rank_cd(${RANK_WEIGHTS}::float4[], document, ${tsquery(include)}, 1)` : sql`0`;
    // OFFSET 0 keeps the planner from folding the match into the outer query: the GIN index
    // finds the matches first, rather than walking an ORDER BY index and testing every record.
    return {
      from: sql`(select seq, document, ${score} as score from record_search where document @@ ${tsquery(query)} offset 0) as s
        join records as r on r.seq = s.seq`,
      conditions: [],
      ...(scored ? { scoreOrder: sql`s.score desc` } : {}),
    };
  }

  protected tierCondition(groups: MatchGroups): RawBuilder<unknown> {
    return sql`s.document @@ ${tsquery(groupsQuery(groups))}`;
  }
}
