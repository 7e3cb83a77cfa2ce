// RFC 9457 problem details: the one shape of every HTTP error the relay sends.
import type { FieldError, Problem } from '@atrium/sdk';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Thrown by routes and the domain adapters; the error handler turns it into problem+json. */
export class ProblemError extends Error {
  override name = 'ProblemError';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    /** Sent with the problem: `Retry-After` on a 429, `WWW-Authenticate` on a 401. */
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(detail);
  }
}

export function problemBody(status: number, code: string, detail: string, requestId: string, errors?: FieldError[]): Problem {
  return {
    type: `https://atrium.dev/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    requestId,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}
