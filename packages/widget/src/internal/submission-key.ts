// One Idempotency-Key per thing a patron sends. When an answer is lost (a phone drops off the
// network after the relay booked the seat), sending the same form again reuses the key and gets
// the first answer back instead of a second booking; a changed form, or a send the relay has
// answered, gets a new key.
import { ApiError, newIdempotencyKey } from '@atrium/sdk';

export class SubmissionKey {
  #request: string | undefined;
  #key: string | undefined;

  async send<T>(request: unknown, create: (idempotencyKey: string) => Promise<T>): Promise<T> {
    const sent = JSON.stringify(request);
    if (sent !== this.#request || this.#key === undefined) {
      this.#request = sent;
      this.#key = newIdempotencyKey();
    }
    try {
      const result = await create(this.#key);
      this.#forget();
      return result;
    } catch (error) {
      // A refusal is an answer: the relay keeps it under the key, so trying again needs a new one.
      if (error instanceof ApiError && error.status < 500) this.#forget();
      throw error;
    }
  }

  #forget(): void {
    this.#request = undefined;
    this.#key = undefined;
  }
}
