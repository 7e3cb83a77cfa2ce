// Marks the words a query matched in a record's original text (not the folded index text),
// so "schutte" marks "Schütte" and 静夜思 marks 靜夜思 exactly as the record writes them.
import type { Highlight, HighlightSegment } from '@atrium/sdk';
import type { QueryField, QueryTerm } from './query-parser.js';
import type { SearchHit } from './search-index.js';
import { type TextToken, tokenize } from './text.js';

const SNIPPET_LENGTH = 200;
/** How much of the description to show before its first match. */
const SNIPPET_LEAD = 60;

type Range = [start: number, end: number];

function matchedRanges(text: string, terms: readonly QueryTerm[]): Range[] {
  if (terms.length === 0 || text.length === 0) return [];
  const tokens = tokenize(text);
  const ranges: Range[] = [];
  for (const term of terms) {
    const last = term.tokens.length - 1;
    for (let i = 0; i + last < tokens.length; i += 1) {
      if (!phraseAt(tokens, i, term)) continue;
      const end =
        term.prefix && term.tokens[last]!.length < tokens[i + last]!.text.length ? tokens[i + last]!.headEnd : tokens[i + last]!.end;
      ranges.push([tokens[i]!.start, end]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Range[] = [];
  for (const range of ranges) {
    const previous = merged.at(-1);
    if (previous && range[0] <= previous[1]) previous[1] = Math.max(previous[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

function phraseAt(tokens: readonly TextToken[], at: number, term: QueryTerm): boolean {
  const last = term.tokens.length - 1;
  for (let k = 0; k <= last; k += 1) {
    const token = tokens[at + k]!.text;
    const wanted = term.tokens[k]!;
    if (k === last && term.prefix ? !token.startsWith(wanted) : token !== wanted) return false;
  }
  return true;
}

function segments(text: string, ranges: readonly Range[], from = 0, to = text.length): HighlightSegment[] {
  const out: HighlightSegment[] = [];
  let at = from;
  for (const [start, end] of ranges) {
    if (end <= from || start >= to) continue;
    const markStart = Math.max(start, from);
    const markEnd = Math.min(end, to);
    if (markStart > at) out.push({ text: text.slice(at, markStart) });
    out.push({ text: text.slice(markStart, markEnd), mark: true });
    at = markEnd;
  }
  if (at < to) out.push({ text: text.slice(at, to) });
  return out;
}

/** A window of about SNIPPET_LENGTH characters around the first match, cut at spaces where there are any. */
function snippet(text: string, ranges: readonly Range[]): HighlightSegment[] {
  if (text.length <= SNIPPET_LENGTH) return segments(text, ranges);
  let start = Math.max(0, ranges[0]![0] - SNIPPET_LEAD);
  let end = Math.min(text.length, start + SNIPPET_LENGTH);
  if (end === text.length) start = Math.max(0, end - SNIPPET_LENGTH);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < ranges[0]![0]) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > ranges[0]![1]) end = space;
  }
  const parts = segments(text, ranges, start, end);
  if (start > 0) parts.unshift({ text: '…' });
  if (end < text.length) parts.push({ text: '…' });
  return parts;
}

export interface HighlightSource {
  title: string;
  /** Creator names, in order. */
  creators: readonly string[];
  description?: string | undefined;
}

const CREATOR_SEPARATOR = '; ';

function termsFor(terms: readonly QueryTerm[], field: QueryField | undefined): QueryTerm[] {
  return terms.filter((term) => term.field !== 'isbn' && (term.field === undefined || term.field === field));
}

/** The highlighted fields that contain a match; undefined when none does. */
export function highlight(terms: readonly QueryTerm[], source: HighlightSource): Highlight | undefined {
  const result: Highlight = {};
  const titleRanges = matchedRanges(source.title, termsFor(terms, 'title'));
  if (titleRanges.length > 0) result.title = segments(source.title, titleRanges);
  const creators = source.creators.join(CREATOR_SEPARATOR);
  const creatorRanges = matchedRanges(creators, termsFor(terms, 'creator'));
  if (creatorRanges.length > 0) result.creators = segments(creators, creatorRanges);
  if (source.description) {
    const descriptionRanges = matchedRanges(
      source.description,
      termsFor(terms, undefined).filter((term) => !term.field),
    );
    if (descriptionRanges.length > 0) result.description = snippet(source.description, descriptionRanges);
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

/** A page row as the indexes read it: the text highlighting needs, creators still as stored JSON. */
export interface HighlightRow {
  id: string;
  title: string;
  creators: string;
  description: string | null;
}

/** The search hit for a row, highlighted when the query has terms. */
export function highlightedHit(terms: readonly QueryTerm[], row: HighlightRow): SearchHit {
  if (terms.length === 0) return { id: row.id };
  const marks = highlight(terms, {
    title: row.title,
    creators: (JSON.parse(row.creators) as { name: string }[]).map((creator) => creator.name),
    description: row.description ?? undefined,
  });
  return marks ? { id: row.id, highlight: marks } : { id: row.id };
}
