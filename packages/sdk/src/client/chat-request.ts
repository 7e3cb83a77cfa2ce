// One acknowledged chat request over a socket: its payload typed and its answer checked by the
// shared event map; `ok: false` becomes a ChatRefusedError, silence a TimeoutError.
import type { Socket } from 'socket.io-client';
import type { z } from 'zod/mini';
import type { RequestMap } from '../schemas/chat-events.js';
import type { AckError } from '../schemas/common.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { ChatRefusedError } from './chat-error.js';
import { toFieldErrors } from './issues.js';

export async function chatRequest<M extends RequestMap, E extends keyof M & string>(
  socket: Socket,
  requests: M,
  event: E,
  payload: z.input<M[E]['payload']>,
  timeoutMs: number,
): Promise<Extract<z.output<M[E]['ack']>, { ok: true }>> {
  const schema = requests[event]!.ack;
  let answer: unknown;
  try {
    answer = await socket.timeout(timeoutMs).emitWithAck(event, payload);
  } catch {
    throw new TimeoutError(timeoutMs);
  }
  const parsed = schema.safeParse(answer);
  if (!parsed.success) throw new ValidationError(`The relay's answer to ${event} breaks the schema`, toFieldErrors(parsed.error.issues));
  const result = parsed.data as { ok: boolean; error?: AckError };
  if (!result.ok) {
    const { code = 'refused', message = `${event} was refused`, details, retryAfterSeconds } = result.error ?? {};
    throw new ChatRefusedError(code, message, details, retryAfterSeconds);
  }
  return parsed.data as Extract<z.output<M[E]['ack']>, { ok: true }>;
}
