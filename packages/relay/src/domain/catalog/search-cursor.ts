// Opaque page cursors: the offset of the next page, bound to the search that issued it by a
// fingerprint of its query, filters and sort, so a cursor cannot page through another search.
import { createHash } from 'node:crypto';
import type { SearchParams } from '@atrium/sdk';
import { z } from 'zod/mini';
import { InvalidCursorError } from './errors.js';

/** Deeper than any patron pages; keeps a forged cursor from asking for absurd offsets. */
const MAX_OFFSET = 1_000_000;

const CursorPayload = z.object({
  v: z.literal(1),
  o: z.int().check(z.minimum(0), z.maximum(MAX_OFFSET)),
  f: z.string(),
});

function sorted(values: readonly string[] | undefined): string[] | null {
  return values && values.length > 0 ? [...new Set(values)].sort() : null;
}

/** What makes two requests the same search; the page size and facets may change between pages. */
export function searchFingerprint(params: SearchParams): string {
  const identity = JSON.stringify([
    params.q.trim(),
    sorted(params.member),
    sorted(params.type),
    sorted(params.language),
    params.year ? [params.year.from ?? null, params.year.to ?? null] : null,
    params.available ?? null,
    params.sort,
  ]);
  return createHash('sha256').update(identity).digest('base64url').slice(0, 16);
}

export function encodeCursor(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ v: 1, o: offset, f: fingerprint })).toString('base64url');
}

/** The offset a cursor points at; throws InvalidCursorError unless it was issued for this search. */
export function decodeCursor(cursor: string, fingerprint: string): number {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    payload = undefined;
  }
  const parsed = CursorPayload.safeParse(payload);
  if (!parsed.success) {
    throw new InvalidCursorError(
      'cursor is not valid: pass the nextCursor of a previous response unchanged, or leave it out for the first page',
    );
  }
  if (parsed.data.f !== fingerprint) {
    throw new InvalidCursorError(
      'cursor belongs to a different search (its query, filters or sort have changed): leave it out to start from the first page',
    );
  }
  return parsed.data.o;
}
