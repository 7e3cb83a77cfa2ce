// Why a question could not be read or changed, in terms the caller can act on. The HTTP layer
// sends it as problem+json with this status and code.

export type QuestionRefusalStatus = 403 | 404 | 409 | 422;

export class QuestionRefusal extends Error {
  override name = 'QuestionRefusal';
  constructor(
    readonly status: QuestionRefusalStatus,
    readonly code: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}
