// Why a booking or hold was not made, in terms a patron can act on. The HTTP layer sends it
// as problem+json with this status and code; an Idempotency-Key retry gets the same answer.

export type RefusalStatus = 404 | 409 | 422;

export class BookingRefusal extends Error {
  override name = 'BookingRefusal';
  constructor(
    readonly status: RefusalStatus,
    readonly code: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}
