// One acknowledged chat request over a socket: the answer is checked against the shared
// schema; `ok: false` becomes a ChatRefusedError, silence a TimeoutError.
import type { Socket } from 'socket.io-client';
import type { z } from 'zod/mini';
import type { AckError } from '../schemas/common.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { ChatRefusedError } from './chat-error.js';
import { toFieldErrors } from './issues.js';

export async function chatRequest<S extends z.ZodMiniType>(
  socket: Socket,
  event: string,
  payload: unknown,
  schema: S,
  timeoutMs: number,
): Promise<Extract<z.infer<S>, { ok: true }>> {
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
  return parsed.data as Extract<z.infer<S>, { ok: true }>;
}
