// The embedded search index: FTS5 over the relay's own tokens (one column per field, bm25
// with column weights) finds the matching rowids; filters, facet counts, ranking tiers and
// sorting then run in one pass over them against the in-memory catalog columns.
import type { Database as SqliteConnection, Statement } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { CatalogColumns, type ColumnStatements } from './catalog-columns.js';
import { type CubeRow, countFacets, passesFilters } from './facet-counts.js';
import { type HighlightRow, highlightedHit } from './highlight.js';
import { MatchCache } from './match-cache.js';
import { type MatchGroups, type MatchPlan, type MatchScope, type MatchTerm, SCORED_MATCHES_LIMIT, matchPlan } from './match-plan.js';
import { type ParsedQuery, parseQuery, positiveTerms } from './query-parser.js';
import { DOCUMENT_FIELDS, type IndexedRow, type SearchDocumentWriter } from './search-document.js';
import type { SearchIndex, SearchRequest, SearchResult } from './search-index.js';
import { topRanked } from './top-ranked.js';

const COLUMNS: Record<MatchScope, string> = {
  any: '- {isbn}',
  title: '{title}',
  creator: '{creators}',
  subject: '{subjects series}',
  isbn: '{isbn}',
  'title-creator': '{title creators}',
};

// bm25 weights in DOCUMENT_FIELDS order: title, creators, subjects, series, description, identifiers, isbn.
const BM25 = 'bm25(record_search, 10.0, 10.0, 2.0, 3.0, 1.0, 1.0, 1.0)';

/** Rowids of remembered matches, at 4 bytes each: 16 MB at most. */
const MATCH_CACHE_ROWIDS = 4_000_000;

/** FTS5 query text for one term. Tokens are letters and digits only, so quoting is safe. */
function termExpression(term: MatchTerm): string {
  return `${COLUMNS[term.scope]} : "${term.tokens.join(' ')}"${term.prefix ? ' *' : ''}`;
}

function groupsExpression(groups: MatchGroups): string {
  return groups
    .map((group) => (group.length === 1 ? termExpression(group[0]!) : `(${group.map(termExpression).join(' OR ')})`))
    .join(' AND ');
}

interface PageRow extends HighlightRow {
  seq: number;
}

export class SqliteSearchIndex implements SearchIndex, SearchDocumentWriter {
  /** Bumped on every write through this connection; other connections' writes show in data_version. */
  private writes = 0;
  private columns: CatalogColumns | undefined;
  /** Working memory sized to the catalog, reused by every search (they run one at a time) to spare the GC. */
  private scratch = newScratch(0);
  private columnsVersion = '';
  private readonly matches = new MatchCache<Int32Array>(MATCH_CACHE_ROWIDS);
  private readonly scores = new MatchCache<{ seqs: Int32Array; scores: Float64Array; length: number }>(MATCH_CACHE_ROWIDS / 4);
  private readonly columnStatements: ColumnStatements;
  private readonly dataVersion: Statement;
  private readonly matchRowids: Statement;
  private readonly matchScores: Statement;
  private readonly pageRows: Statement;
  private readonly deleteDocument: Statement;
  private readonly insertDocument: Statement;

  /** `connection` is the one under `db`: statements are prepared once and run while holding Kysely's connection. */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly connection: SqliteConnection,
  ) {
    this.columnStatements = CatalogColumns.prepare(connection);
    this.dataVersion = connection.prepare('pragma data_version').pluck();
    this.matchRowids = connection.prepare('select json_group_array(rowid) from record_search where record_search match ?').pluck();
    this.matchScores = connection
      .prepare(
        `select json_group_array(seq), json_group_array(score)
         from (select rowid as seq, ${BM25} as score from record_search where record_search match ? limit -1)`,
      )
      .raw();
    this.pageRows = connection.prepare(
      'select seq, id, title, creators, description from records where seq in (select value from json_each(?))',
    );
    this.deleteDocument = connection.prepare('delete from record_search where rowid = ?');
    this.insertDocument = connection.prepare(
      `insert into record_search (rowid, ${DOCUMENT_FIELDS.join(', ')}) values (?, ${DOCUMENT_FIELDS.map(() => '?').join(', ')})`,
    );
  }

  async write(_trx: Kysely<Database>, rows: readonly IndexedRow[]): Promise<void> {
    this.writes += 1;
    for (const row of rows) {
      if (row.existed) this.deleteDocument.run(row.seq);
      this.insertDocument.run(row.seq, ...DOCUMENT_FIELDS.map((field) => row.document[field].join(' ')));
    }
  }

  async remove(_trx: Kysely<Database>, seqs: readonly number[]): Promise<void> {
    this.writes += 1;
    for (const seq of seqs) this.deleteDocument.run(seq);
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    const query = parseQuery(request.q);
    const facets = [...new Set(request.facets)];
    if (query.kind === 'nothing') {
      return { total: 0, hits: [], facets: Object.fromEntries(facets.map((facet) => [facet, []])) };
    }
    // Holding Kysely's connection means no write transaction is half-way through while we read.
    return this.db.connection().execute(async () => this.searchNow(query, request, facets));
  }

  private freshColumns(): CatalogColumns {
    const version = `${this.writes}:${this.dataVersion.get()}`;
    if (!this.columns || version !== this.columnsVersion) {
      this.columns = CatalogColumns.load(this.connection, this.columnStatements);
      this.columnsVersion = version;
      this.matches.clear();
      this.scores.clear();
      this.scratch = newScratch(this.columns.size);
    }
    return this.columns;
  }

  /** The rowids an FTS5 expression matches. JSON is the fastest way out of SQLite for tens of thousands of them. */
  private matching(expression: string): Int32Array {
    let rowids = this.matches.get(expression);
    if (!rowids) {
      rowids = Int32Array.from(JSON.parse(this.matchRowids.get(expression) as string) as number[]);
      this.matches.set(expression, rowids);
    }
    return rowids;
  }

  private scoring(expression: string): { seqs: Int32Array; scores: Float64Array } {
    let scored = this.scores.get(expression);
    if (!scored) {
      const [seqs, scores] = this.matchScores.get(expression) as [string, string];
      const seqList = Int32Array.from(JSON.parse(seqs) as number[]);
      scored = { seqs: seqList, scores: Float64Array.from(JSON.parse(scores) as number[]), length: seqList.length };
      this.scores.set(expression, scored);
    }
    return scored;
  }

  private searchNow(
    query: Exclude<ParsedQuery, { kind: 'nothing' }>,
    request: SearchRequest,
    facets: SearchRequest['facets'],
  ): SearchResult {
    const columns = this.freshColumns();
    const plan = query.kind === 'query' ? matchPlan(query) : undefined;
    const passing = Uint8Array.from(columns.combos, (row) => (passesFilters(row, request) ? 1 : 0));
    const end = request.offset + request.limit;
    let total = 0;
    let cube: CubeRow[];
    let page: number[];

    if (!plan) {
      // Every record matches: counts come straight from the combinations, and the page is
      // the first passing records of a precomputed order.
      cube = [...columns.combos];
      columns.combos.forEach((row, index) => {
        if (passing[index]) total += row.count;
      });
      page = [];
      const order = columns.order(request.sort);
      for (let i = 0; i < order.length && page.length < end; i += 1) {
        const seq = order[i]!;
        if (passing[columns.combo[seq]!]) page.push(seq);
      }
      page = page.slice(request.offset);
    } else {
      const candidates = this.candidates(columns, plan);
      const counts = new Int32Array(columns.combos.length);
      // Typed arrays throughout: growing a plain array by push costs more than the whole pass.
      const passed = this.scratch.passed;
      const { combo: comboOf, size } = columns;
      for (let i = 0; i < candidates.length; i += 1) {
        const seq = candidates[i]!;
        const combo = seq < size ? comboOf[seq]! : -1;
        if (combo < 0) continue;
        counts[combo]! += 1;
        if (passing[combo]) passed[total++] = seq;
      }
      const filtered = passed.subarray(0, total);
      cube = [];
      if (facets.length > 0) {
        columns.combos.forEach((row, index) => {
          if (counts[index]! > 0) cube.push({ ...row, count: counts[index]! });
        });
      }
      const ranked = request.sort === 'relevance' && plan.include.length > 0;
      const compare = ranked ? this.relevanceOrder(columns, plan, candidates.length) : columns.compare(request.sort);
      page = topRanked(filtered, end, compare).slice(request.offset);
    }
    const facetCounts = facets.length > 0 ? countFacets(cube, { ...request, facets }).facets : {};

    const terms = positiveTerms(query);
    const rows = new Map((this.pageRows.all(JSON.stringify(page)) as PageRow[]).map((row) => [row.seq, row]));
    return {
      total,
      facets: facetCounts,
      hits: page.flatMap((seq) => {
        const row = rows.get(seq);
        return row ? [highlightedHit(terms, row)] : [];
      }),
    };
  }

  /** The seqs of the records the query matches, before filters. */
  private candidates(columns: CatalogColumns, plan: MatchPlan): ArrayLike<number> {
    const exclude = plan.exclude.length > 0 ? groupsExpression([plan.exclude]) : undefined;
    if (plan.include.length === 0) {
      const { excluded, kept } = this.scratch;
      excluded.fill(0);
      for (const seq of this.matching(exclude!)) if (seq < columns.size) excluded[seq] = 1;
      let count = 0;
      for (const seq of columns.all) if (excluded[seq] === 0) kept[count++] = seq;
      return kept.subarray(0, count);
    }
    const include = groupsExpression(plan.include);
    return this.matching(exclude ? `(${include}) NOT (${exclude})` : include);
  }

  /** Tiers first, then the text score (or title length for very large matches), then id. */
  private relevanceOrder(columns: CatalogColumns, plan: MatchPlan, matches: number): (a: number, b: number) => number {
    const { tier, score } = this.scratch;
    tier.fill(0);
    for (const { weight, groups } of plan.tiers) {
      for (const seq of this.matching(groupsExpression(groups))) if (seq < columns.size) tier[seq]! += weight;
    }
    const { idRank } = columns;
    if (matches > SCORED_MATCHES_LIMIT) {
      const { titleLength } = columns;
      return (a, b) => tier[b]! - tier[a]! || titleLength[a]! - titleLength[b]! || idRank[a]! - idRank[b]!;
    }
    score.fill(0);
    const { seqs, scores } = this.scoring(groupsExpression(plan.include));
    seqs.forEach((seq, index) => {
      if (seq < columns.size) score[seq] = scores[index]!;
    });
    // bm25 is negative: lower is better.
    return (a, b) => tier[b]! - tier[a]! || score[a]! - score[b]! || idRank[a]! - idRank[b]!;
  }
}

function newScratch(size: number) {
  return {
    passed: new Int32Array(size),
    kept: new Int32Array(size),
    excluded: new Uint8Array(size),
    tier: new Uint8Array(size),
    score: new Float64Array(size),
  };
}
