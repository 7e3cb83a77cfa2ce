// Turns a parsed query into what an index matches and ranks by, independent of SQL:
// term scopes, and the relevance tiers both dialects order by before their text score.
import type { ParsedQuery, QueryTerm } from './query-parser.js';
import { queryTokens } from './text.js';

/** Which fields a term may match. `any` is every text field (not `isbn`). */
export type MatchScope = 'any' | 'title' | 'creator' | 'subject' | 'isbn' | 'title-creator';

export interface MatchTerm {
  tokens: string[];
  prefix: boolean;
  scope: MatchScope;
}

/** Every group must match; a group matches when any of its terms does. */
export type MatchGroups = MatchTerm[][];

/**
 * A set of records that ranks above the others by `weight`; weights add up, so a record
 * in several tiers ranks by their sum before the text score breaks ties.
 */
export interface RankTier {
  weight: number;
  groups: MatchGroups;
}

/**
 * Above this many matches (before filters), text scores cost more than the page is worth
 * (SQLite's bm25 takes ~0.4 µs a row, PostgreSQL's ts_rank_cd several): records then rank by
 * the tiers and, within a tier, shorter titles first. Both dialects follow the same rule.
 */
export const SCORED_MATCHES_LIMIT = 5_000;

export interface MatchPlan {
  include: MatchGroups;
  exclude: MatchTerm[];
  tiers: RankTier[];
}

function matchTerm(term: QueryTerm, unfielded: MatchScope = 'any'): MatchTerm {
  return { tokens: term.tokens, prefix: term.prefix, scope: term.field ?? unfielded };
}

/**
 * The tiers, highest first: the record an ISBN names; the query words as a phrase in the
 * title or creators; all words in the title or creators; the words as a phrase anywhere.
 * So a librarian's expectations hold whatever the text scores say: title and creator
 * matches above subject and description matches, a phrase above scattered words.
 */
function rankTiers(include: QueryTerm[][]): RankTier[] {
  const tiers: RankTier[] = [];
  const isbnTerms = include.flat().filter((term) => term.field === 'isbn');
  if (isbnTerms.length > 0) tiers.push({ weight: 8, groups: [isbnTerms.map((term) => matchTerm(term))] });

  const words = include.length >= 2 && include.every((group) => group.length === 1 && !group[0]!.field && !group[0]!.quoted);
  const phrase = words ? queryTokens(include.map((group) => group[0]!.text).join(' ')) : undefined;
  if (phrase && phrase.tokens.length >= 2) {
    tiers.push({ weight: 4, groups: [[{ ...phrase, scope: 'title-creator' }]] });
  }
  if (include.some((group) => group.some((term) => !term.field))) {
    tiers.push({ weight: 2, groups: include.map((group) => group.map((term) => matchTerm(term, 'title-creator'))) });
  }
  if (phrase && phrase.tokens.length >= 2) tiers.push({ weight: 1, groups: [[{ ...phrase, scope: 'any' }]] });
  return tiers;
}

export function matchPlan(query: Extract<ParsedQuery, { kind: 'query' }>): MatchPlan {
  return {
    include: query.include.map((group) => group.map((term) => matchTerm(term))),
    exclude: query.exclude.map((term) => matchTerm(term)),
    tiers: rankTiers(query.include),
  };
}
