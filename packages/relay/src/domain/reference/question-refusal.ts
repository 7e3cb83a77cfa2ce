// Why a question could not be read or changed, in terms the caller can act on. The HTTP layer
// sends it as problem+json with this status and code (and the fields at fault, when known).

export type QuestionRefusalStatus = 403 | 404 | 409 | 422;

/** A field of the request at fault, by its path on the wire (`records.1`). */
export interface RefusedField {
  path: string;
  message: string;
}

export class QuestionRefusal extends Error {
  override name = 'QuestionRefusal';
  constructor(
    readonly status: QuestionRefusalStatus,
    readonly code: string,
    readonly detail: string,
    readonly fields?: readonly RefusedField[],
  ) {
    super(detail);
  }
}
