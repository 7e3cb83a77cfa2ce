// Catalog errors a caller can cause; the HTTP layer turns them into 400s.

/** The `cursor` of a search request cannot be used: malformed, or issued for another search. */
export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
  /** The request parameter at fault. */
  readonly path = 'cursor';
}
