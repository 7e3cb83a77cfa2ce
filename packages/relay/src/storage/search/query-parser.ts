// Atrium's query syntax, read leniently: words, "phrases", field:value, -exclusions and OR.
// Whatever a patron types becomes a query or "nothing searchable"; it never throws.
import { toIsbn13 } from '../../importers/isbn.js';
import { queryTokens } from './text.js';

export type QueryField = 'title' | 'creator' | 'subject' | 'isbn';

export interface QueryTerm {
  /** The text as the patron wrote it (without quotes or field prefix). */
  text: string;
  /** Folded tokens to match as a phrase (a single word is a phrase of one, or of several for 李白 or jean-paul). */
  tokens: string[];
  /** The last token matches as a prefix (a lone CJK character). */
  prefix: boolean;
  /** Restricts the match to one field; absent means any text field. */
  field?: QueryField;
  /** Written in quotes. */
  quoted: boolean;
}

export type ParsedQuery =
  /** A blank query: every record matches. */
  | { kind: 'everything' }
  /** Something was typed but none of it can be searched (only punctuation, emoji, a lone "-"). */
  | { kind: 'nothing' }
  /**
   * Every group in `include` must match (AND); a group matches when any of its terms does
   * (OR). Records matching any `exclude` term are left out. `include` is empty for a
   * query of exclusions only, which matches everything else.
   */
  | { kind: 'query'; include: QueryTerm[][]; exclude: QueryTerm[] };

const FIELDS: Record<string, QueryField> = {
  title: 'title',
  creator: 'creator',
  author: 'creator',
  subject: 'subject',
  isbn: 'isbn',
};

interface Lexeme {
  kind: 'term' | 'or';
  text: string;
  quoted: boolean;
  negated: boolean;
  field?: QueryField;
}

// Quotes as phones and word processors type them count as quotes.
const QUOTES = /["“”„«»＂]/;
const SPACE = /[\s\u3000()（）]/;

/** Splits the raw query into terms and OR operators, tolerating any punctuation. */
function lex(input: string): Lexeme[] {
  const lexemes: Lexeme[] = [];
  const chars = [...input];
  let i = 0;
  let pendingField: QueryField | undefined;
  let pendingNegation = false;
  while (i < chars.length) {
    const char = chars[i]!;
    if (SPACE.test(char)) {
      i += 1;
      continue;
    }
    const negated: boolean = pendingNegation;
    pendingNegation = false;
    if (char === '-' || char === '−') {
      // A minus before a word, a quote or a field negates it; a lone one is noise.
      const next = chars[i + 1];
      if (next !== undefined && !SPACE.test(next)) {
        pendingNegation = true;
        pendingField = undefined;
        i += 1;
        continue;
      }
      i += 1;
      continue;
    }
    if (QUOTES.test(char)) {
      let end = i + 1;
      while (end < chars.length && !QUOTES.test(chars[end]!)) end += 1;
      lexemes.push({ kind: 'term', text: chars.slice(i + 1, end).join(''), quoted: true, negated, field: pendingField });
      pendingField = undefined;
      i = end + 1;
      continue;
    }
    let end = i;
    while (end < chars.length && !SPACE.test(chars[end]!) && !QUOTES.test(chars[end]!)) end += 1;
    let word = chars.slice(i, end).join('');
    i = end;
    const fieldMatch = /^([A-Za-z]+):(.*)$/s.exec(word);
    const field = fieldMatch ? FIELDS[fieldMatch[1]!.toLowerCase()] : undefined;
    if (field) {
      word = fieldMatch![2]!;
      if (word.length === 0) {
        // `title:"a phrase"` or `title: word`: the field applies to what follows.
        pendingField = field;
        pendingNegation = negated;
        continue;
      }
      lexemes.push({ kind: 'term', text: word, quoted: false, negated, field });
      pendingField = undefined;
      continue;
    }
    if (fieldMatch && !field) {
      // An unknown field (`foo:bar`) is just the words on either side.
      for (const part of word.split(':')) {
        if (part.length > 0) lexemes.push({ kind: 'term', text: part, quoted: false, negated, field: pendingField });
      }
      pendingField = undefined;
      continue;
    }
    if (word === 'OR' && !negated && pendingField === undefined) {
      lexemes.push({ kind: 'or', text: word, quoted: false, negated: false });
      continue;
    }
    lexemes.push({ kind: 'term', text: word, quoted: false, negated, field: pendingField });
    pendingField = undefined;
  }
  return lexemes;
}

/** The terms one lexeme stands for; a bare ISBN is sought as an ISBN and as text. */
function toTerms(lexeme: Lexeme): QueryTerm[] {
  const terms: QueryTerm[] = [];
  if (lexeme.field === 'isbn') {
    const isbn = toIsbn13(lexeme.text);
    const digits = lexeme.text.replace(/[^0-9Xx]/g, '').toUpperCase();
    const value = isbn ?? digits;
    if (value.length > 0)
      terms.push({ text: lexeme.text, tokens: [value.toLowerCase()], prefix: false, field: 'isbn', quoted: lexeme.quoted });
    return terms;
  }
  if (lexeme.field === undefined && !lexeme.quoted) {
    const isbn = /^[0-9][0-9-]{8,16}[0-9Xx]$/.test(lexeme.text) ? toIsbn13(lexeme.text) : undefined;
    if (isbn) terms.push({ text: lexeme.text, tokens: [isbn], prefix: false, field: 'isbn', quoted: false });
  }
  const { tokens, prefix } = queryTokens(lexeme.text);
  if (tokens.length > 0) {
    const term: QueryTerm = { text: lexeme.text, tokens, prefix, quoted: lexeme.quoted };
    if (lexeme.field) term.field = lexeme.field;
    terms.push(term);
  }
  return terms;
}

export function parseQuery(input: string): ParsedQuery {
  if (input.trim().length === 0) return { kind: 'everything' };
  const include: QueryTerm[][] = [];
  const exclude: QueryTerm[] = [];
  // An OR joins the group before it with the next term; anywhere else it is ignored.
  let joinNext = false;
  for (const lexeme of lex(input)) {
    if (lexeme.kind === 'or') {
      joinNext = include.length > 0;
      continue;
    }
    const terms = toTerms(lexeme);
    if (terms.length === 0) continue;
    if (lexeme.negated) {
      exclude.push(...terms);
      joinNext = false;
      continue;
    }
    if (joinNext) include.at(-1)!.push(...terms);
    else include.push(terms);
    joinNext = false;
  }
  if (include.length === 0 && exclude.length === 0) return { kind: 'nothing' };
  return { kind: 'query', include, exclude };
}

/** Every term a record can match on, for ranking and highlighting. */
export function positiveTerms(query: ParsedQuery): QueryTerm[] {
  return query.kind === 'query' ? query.include.flat() : [];
}
