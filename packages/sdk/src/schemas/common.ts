// Wire shapes shared by every capability: errors, acks, ids and localized text.
import { z } from 'zod/mini';

/** A list parameter of a query string, given as `a,b` or repeated (`status=a&status=b`). */
export function queryList<T extends z.ZodMiniType<string, string>>(item: T) {
  return z.pipe(
    z.union([z.string(), z.array(z.string())]),
    z.pipe(
      z.transform((value: string | string[]) =>
        (Array.isArray(value) ? value : [value])
          .flatMap((part) => part.split(','))
          .map((part) => part.trim())
          .filter((part) => part.length > 0),
      ),
      z.array(item),
    ),
  );
}

/** A member id: lower-case words joined by hyphens, e.g. `riverside-library`. */
export const MemberId = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a member id such as "riverside-library"'));
export type MemberId = z.infer<typeof MemberId>;

/**
 * Text in English with an optional Chinese form (`zh`, in the script the member writes it).
 * In answers the relay also gives `zhHans` and `zhHant`, so Simplified and Traditional
 * readers each see their own script.
 */
export const LocalizedName = z.object({
  en: z.string().check(z.minLength(1)),
  zh: z.optional(z.string()),
  zhHans: z.optional(z.string()),
  zhHant: z.optional(z.string()),
});
export type LocalizedName = z.infer<typeof LocalizedName>;

/** One failed check inside a request: where (`q`, `patron.email`) and why. */
export const FieldError = z.object({
  path: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

/** RFC 9457 problem details, the body of every HTTP error. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  code: z.string(),
  detail: z.string(),
  requestId: z.string(),
  errors: z.optional(z.array(FieldError)),
});
export type Problem = z.infer<typeof Problem>;

/** The failure half of a Socket.IO acknowledgement. */
export const AckError = z.object({
  code: z.string(),
  message: z.string(),
  details: z.optional(z.array(FieldError)),
  /** With `rate_limited`: how long to wait before trying again. */
  retryAfterSeconds: z.optional(z.number().check(z.nonnegative())),
});
export type AckError = z.infer<typeof AckError>;

export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: AckError };

/** An http:// or https:// address; the message gives an example of the one expected. */
export function webAddress(example: string) {
  return z.url({ protocol: /^https?$/, message: `must be an http:// or https:// address, e.g. ${example}` });
}
