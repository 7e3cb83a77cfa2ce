// What the search index holds for a record: the folded tokens of each searchable field.
// Both dialects store exactly these tokens, so a query matches the same records on either.
import type { Kysely } from 'kysely';
import { toIsbn13 } from '../../importers/isbn.js';
import type { RecordInput } from '../catalog-store.js';
import type { Database } from '../schema.js';
import { indexTokens } from './text.js';

export interface SearchDocument {
  title: string[];
  creators: string[];
  /** Subject terms; a query's `subject:` also looks at `series`. */
  subjects: string[];
  series: string[];
  /** The description with the physical description and credit line, the least weighty text. */
  description: string[];
  /** Accession numbers, local ids and other identifiers, as words. */
  identifiers: string[];
  /** ISBN-13 digits, matched only by ISBN queries. */
  isbn: string[];
}

export const DOCUMENT_FIELDS = ['title', 'creators', 'subjects', 'series', 'description', 'identifiers', 'isbn'] as const;

function tokensOf(values: readonly (string | undefined)[]): string[] {
  const tokens: string[] = [];
  for (const value of values) if (value) for (const token of indexTokens(value)) tokens.push(token);
  return tokens;
}

export function searchDocument(record: RecordInput): SearchDocument {
  const isbn = new Set<string>();
  const otherIdentifiers: string[] = [];
  for (const [scheme, values] of Object.entries(record.identifiers)) {
    for (const value of values) {
      const isbn13 = scheme === 'isbn' ? toIsbn13(value) : undefined;
      if (isbn13) isbn.add(isbn13);
      else otherIdentifiers.push(value);
    }
  }
  return {
    title: tokensOf([record.title]),
    creators: tokensOf(record.creators.map((creator) => creator.name)),
    subjects: tokensOf(record.subjects),
    series: tokensOf([record.series]),
    description: tokensOf([record.description, record.physicalDescription, record.creditLine]),
    identifiers: tokensOf(otherIdentifiers),
    isbn: [...isbn],
  };
}

/** A record's row as written, for the index to store its document against. */
export interface IndexedRow {
  seq: number;
  /** The row existed before this write, so its old document must go. */
  existed: boolean;
  document: SearchDocument;
}

/** Keeps a dialect's search table in step with `records`, inside the caller's transaction. */
export interface SearchDocumentWriter {
  write(trx: Kysely<Database>, rows: readonly IndexedRow[]): Promise<void>;
  /** Drops the documents of records about to be deleted (by their seq). */
  remove(trx: Kysely<Database>, seqs: readonly number[]): Promise<void>;
}
