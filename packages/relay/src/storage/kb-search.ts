// Knowledge base search expressions for both dialects, from the catalogue's own query parser
// and tokens, so an answer is found by exactly the words (and scripts) a record would be.
import { parseQuery, type QueryTerm } from './search/query-parser.js';
import { indexTokens } from './search/text.js';

/** What a knowledge base query asks of the search table; `everything` lists the newest entries. */
export type KbMatch = { kind: 'everything' } | { kind: 'nothing' } | { kind: 'match'; include: QueryTerm[][]; exclude: QueryTerm[] };

export function kbMatch(q: string): KbMatch {
  const parsed = parseQuery(q);
  if (parsed.kind !== 'query') return parsed;
  const usable = (term: QueryTerm) => term.tokens.length > 0;
  const include = parsed.include.map((group) => group.filter(usable)).filter((group) => group.length > 0);
  const exclude = parsed.exclude.filter(usable);
  if (include.length === 0 && exclude.length === 0) return { kind: 'nothing' };
  return { kind: 'match', include, exclude };
}

/** The indexed form of a text: its folded tokens, separated by spaces. */
export function kbTokens(text: string): string[] {
  return indexTokens(text);
}

// Tokens are letters and digits only (the tokenizer splits on everything else), so quoting is safe.
function ftsTerm(term: QueryTerm): string {
  return `"${term.tokens.join(' ')}"${term.prefix ? ' *' : ''}`;
}

function ftsGroups(groups: QueryTerm[][]): string {
  return groups.map((group) => (group.length === 1 ? ftsTerm(group[0]!) : `(${group.map(ftsTerm).join(' OR ')})`)).join(' AND ');
}

/** FTS5 expressions: what must match, and what must not (either may be absent). */
export function ftsExpressions(match: Extract<KbMatch, { kind: 'match' }>): { include?: string; exclude?: string } {
  return {
    ...(match.include.length > 0 ? { include: ftsGroups(match.include) } : {}),
    ...(match.exclude.length > 0 ? { exclude: match.exclude.map(ftsTerm).join(' OR ') } : {}),
  };
}

function quote(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

function tsTerm(term: QueryTerm): string {
  const last = term.tokens.length - 1;
  const parts = term.tokens.map((token, index) => `${quote(token)}${index === last && term.prefix ? ':*' : ''}`);
  return parts.length === 1 ? parts[0]! : `(${parts.join(' <-> ')})`;
}

/** A PostgreSQL tsquery literal for the match. */
export function tsQuery(match: Extract<KbMatch, { kind: 'match' }>): string {
  const include = match.include.map((group) => (group.length === 1 ? tsTerm(group[0]!) : `(${group.map(tsTerm).join(' | ')})`));
  const exclude = match.exclude.map((term) => `!${tsTerm(term)}`);
  return [...include, ...exclude].join(' & ');
}

const MAX_POSITION = 16383;
// Phrases must not run from the question into the answer.
const FIELD_GAP = 8;

/** A PostgreSQL tsvector literal: question tokens weighted A, answer tokens B. */
export function tsVector(question: readonly string[], answer: readonly string[]): string {
  const positions = new Map<string, string[]>();
  let position = 1;
  for (const [tokens, weight] of [
    [question, 'A'],
    [answer, 'B'],
  ] as const) {
    for (const token of tokens) {
      const list = positions.get(token) ?? [];
      if (list.length < 256) list.push(`${Math.min(position, MAX_POSITION)}${weight}`);
      positions.set(token, list);
      position += 1;
    }
    position += FIELD_GAP;
  }
  return [...positions].map(([lexeme, list]) => `${quote(lexeme)}:${list.join(',')}`).join(' ');
}
