// The table of kept Idempotency-Key answers (created by migrations/0002-booking.ts), shared by
// every POST that creates something: bookings, holds and patrons' questions.

export interface IdempotencyKeysTable {
  /** Which kind of request the key was used for (`bookings`, `holds`, `questions`). */
  scope: string;
  key: string;
  /** SHA-256 of the request as validated: the same key with another request is refused. */
  request_hash: string;
  status: number;
  /** JSON of the answer given the first time. */
  body: string;
  created_at: string;
}

export interface IdempotencyTables {
  idempotency_keys: IdempotencyKeysTable;
}
