// One acknowledged socket event: validate the payload with its schema in the shared event map,
// run the use case, answer `{ ok: true, ... }` or `{ ok: false, error }`. Nothing runs without a
// valid payload, and the answer's type is the map's acknowledgement.
import type { AckError, RequestAnswer, RequestMap } from '@atrium/sdk';
import { toFieldErrors } from '@atrium/sdk';
import type { FastifyBaseLogger } from 'fastify';
import type { Socket } from 'socket.io';
import type { z } from 'zod/mini';
import { ChatError } from '../domain/chat/chat-error.js';
import { RateLimitedError } from '../domain/chat/rate-limited-error.js';

type AckFn = (answer: unknown) => void;

export function onAcked<M extends RequestMap, E extends keyof M & string>(
  socket: Socket,
  log: FastifyBaseLogger,
  requests: M,
  event: E,
  work: (payload: z.output<M[E]['payload']>) => Promise<RequestAnswer<M, E>>,
): void {
  const schema = requests[event]!.payload;
  // Listened to untyped on purpose: what arrives is anything until the schema has said otherwise.
  (socket as Socket).on(event as string, (...args: unknown[]) => {
    const ack = args.at(-1);
    // Every chat event is a request: one sent without a callback could never learn its outcome.
    if (typeof ack !== 'function') return;
    const payload = args.length > 1 ? args[0] : undefined;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      (ack as AckFn)({ ok: false, error: invalidPayload(event, parsed.error.issues) });
      return;
    }
    work(parsed.data as z.output<M[E]['payload']>).then(
      (answer) => (ack as AckFn)({ ok: true, ...answer }),
      (error: unknown) => (ack as AckFn)({ ok: false, error: toAckError(error, log, event) }),
    );
  });
}

/** The `error` of an `ok: false` ack: a refusal the patron or librarian can act on, or a logged failure. */
export function toAckError(error: unknown, log: FastifyBaseLogger, event: string): AckError {
  if (error instanceof RateLimitedError) return { code: error.code, message: error.message, retryAfterSeconds: error.retryAfterSeconds };
  if (error instanceof ChatError) return { code: error.code, message: error.message };
  log.error({ err: error, event }, 'chat event failed');
  return { code: 'internal_error', message: 'The relay could not do this just now; try again.' };
}

function invalidPayload(event: string, issues: readonly { path: readonly PropertyKey[]; message: string }[]): AckError {
  const details = toFieldErrors(issues).map((detail) => ({ ...detail, path: detail.path || 'payload' }));
  const first = details[0];
  return {
    code: 'invalid_payload',
    message: first ? `${event}: ${first.path}: ${first.message}` : `${event}: the payload is not valid`,
    details,
  };
}
