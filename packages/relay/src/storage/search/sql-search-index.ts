// Search done in SQL: parse, match, filter, rank or sort, page, count facets (one grouped
// pass) and highlight. A subclass says how its search table matches and scores; PostgreSQL
// uses it, where several relay nodes share the database and nothing can be cached in one.
// As in SQLite, a query matching more than SCORED_MATCHES_LIMIT records is not scored: its
// records rank by tier, then shorter titles first.
import type { SearchSort } from '@atrium/sdk';
import { type Kysely, type QueryResult, type RawBuilder, sql } from 'kysely';
import type { Database } from '../schema.js';
import { type CubeColumn, type CubeRow, type FilterRequest, countFacets, cubeColumns } from './facet-counts.js';
import { type HighlightRow, highlightedHit } from './highlight.js';
import { type MatchGroups, type MatchPlan, SCORED_MATCHES_LIMIT, matchPlan } from './match-plan.js';
import { parseQuery, positiveTerms } from './query-parser.js';
import type { SearchIndex, SearchRequest, SearchResult } from './search-index.js';

/**
 * Where matching records come from: a FROM clause exposing `r`, and its conditions. `r` has
 * the columns search filters, counts and sorts by (`seq`, `id`, `member`, `type`, `language`,
 * `year`, `decade`, `available`, `title_sort`, and `title_length` when it has a score); the
 * page's text is read from `records` afterwards, for its rows only.
 */
export interface MatchSource {
  from: RawBuilder<unknown>;
  conditions: RawBuilder<unknown>[];
  /** The text score of `r` (higher is better), when the query has words to score. */
  score?: RawBuilder<unknown>;
  /** The conditions are answered by an index, so counting the first few thousand matches is cheap. */
  indexed?: boolean;
}

const RECORDS_ONLY: MatchSource = { from: sql`records as r`, conditions: [] };

function filterConditions(request: FilterRequest): RawBuilder<unknown>[] {
  const conditions: RawBuilder<unknown>[] = [];
  if (request.member?.length) conditions.push(sql`r.member in (${sql.join(request.member)})`);
  if (request.type?.length) conditions.push(sql`r.type in (${sql.join(request.type)})`);
  if (request.language?.length) conditions.push(sql`r.language in (${sql.join(request.language)})`);
  if (request.year?.from !== undefined) conditions.push(sql`r.year >= ${request.year.from}`);
  if (request.year?.to !== undefined) conditions.push(sql`r.year <= ${request.year.to}`);
  if (request.available !== undefined) conditions.push(sql`r.available = ${request.available ? 1 : 0}`);
  return conditions;
}

function where(conditions: readonly RawBuilder<unknown>[]): RawBuilder<unknown> {
  return conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
}

/** Orders other than relevance; relevance without words falls back to title order. */
function sortOrder(sort: SearchSort): RawBuilder<unknown> {
  switch (sort) {
    case 'year':
      return sql`(r.year is null), r.year, r.id`;
    case '-year':
      return sql`(r.year is null), r.year desc, r.id`;
    default:
      return sql`r.title_sort, r.id`;
  }
}

export abstract class SqlSearchIndex implements SearchIndex {
  constructor(protected readonly db: Kysely<Database>) {}

  /** The records matching the plan's include and exclude terms. */
  protected abstract matchSource(plan: MatchPlan, scored: boolean): MatchSource;

  /** A condition on `r` true for records matching all groups. */
  protected abstract tierCondition(groups: MatchGroups): RawBuilder<unknown>;

  /**
   * Runs one statement of a search; `manyMatches` says the query matches more than
   * SCORED_MATCHES_LIMIT records, so a dialect may plan it for a large share of the catalog.
   */
  protected run<R>(query: RawBuilder<R>, _manyMatches: boolean): Promise<QueryResult<R>> {
    return query.execute(this.db);
  }

  /** Whether more than `limit` records match, counting no further than that. */
  private async matchesMoreThan(source: MatchSource, limit: number): Promise<boolean> {
    const result = await sql<{ count: number | string }>`
      select count(*) as count
      from (select 1 from ${source.from} ${where(source.conditions)} limit ${limit + 1}) as counted`.execute(this.db);
    return Number(result.rows[0]?.count ?? 0) > limit;
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    const query = parseQuery(request.q);
    const facets = [...new Set(request.facets)];
    if (query.kind === 'nothing') {
      return { total: 0, hits: [], facets: Object.fromEntries(facets.map((facet) => [facet, []])) };
    }
    const plan = query.kind === 'query' ? matchPlan(query) : undefined;
    const ranked = request.sort === 'relevance' && plan !== undefined && plan.include.length > 0;
    const source = plan ? this.matchSource(plan, ranked) : RECORDS_ONLY;
    const conditions = [...source.conditions, ...filterConditions(request)];
    const manyMatches = source.indexed === true && (await this.matchesMoreThan(source, SCORED_MATCHES_LIMIT));

    let order = sortOrder(request.sort);
    if (ranked && plan && source.score) {
      // Tiers first, then the text score (or title length for very large matches), then id.
      const tiers = plan.tiers.map((tier) => sql`(case when ${this.tierCondition(tier.groups)} then ${sql.lit(tier.weight)} else 0 end)`);
      order = sql`${sql.join([
        ...(tiers.length > 0 ? [sql`${sql.join(tiers, sql` + `)} desc`] : []),
        manyMatches ? sql`r.title_length` : sql`${source.score} desc`,
        sql`r.id`,
      ])}`;
    }

    // The page's seqs in order first; only their rows are then read from `records`.
    const pagePromise = this.run(
      sql<HighlightRow>`
        select p.id, p.title, p.creators, p.description
        from unnest(array(
          select r.seq from ${source.from}
          ${where(conditions)}
          order by ${order}
          limit ${request.limit} offset ${request.offset}
        )) with ordinality as page (seq, position)
        join records as p on p.seq = page.seq
        order by page.position`,
      manyMatches,
    );

    let countsPromise: Promise<ReturnType<typeof countFacets>>;
    if (facets.length > 0) {
      const columns = cubeColumns({ ...request, facets });
      countsPromise = this.cube(source, columns, manyMatches).then((cube) => countFacets(cube, { ...request, facets }));
    } else {
      countsPromise = this.run(
        sql<{ count: number | string }>`select count(*) as count from ${source.from} ${where(conditions)}`,
        manyMatches,
      ).then((result) => ({ total: Number(result.rows[0]?.count ?? 0), facets: {} }));
    }
    const [page, counts] = await Promise.all([pagePromise, countsPromise]);

    const terms = positiveTerms(query);
    return {
      total: counts.total,
      facets: counts.facets,
      hits: page.rows.map((row) => highlightedHit(terms, row)),
    };
  }

  /** Records per combination of `columns` over the match source, before any filter. */
  protected async cube(source: MatchSource, columns: readonly CubeColumn[], manyMatches: boolean): Promise<CubeRow[]> {
    const selected = columns.map((column) => sql.ref(`r.${column}`));
    const grouped = selected.length > 0 ? sql`group by ${sql.join(selected)}` : sql``;
    const result = await this.run(
      sql<CubeRow>`
        select ${sql.join([...selected, sql`count(*) as count`])}
        from ${source.from}
        ${where(source.conditions)}
        ${grouped}`,
      manyMatches,
    );
    return result.rows;
  }
}
