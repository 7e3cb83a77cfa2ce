// The origins a widget key allows: exactly scheme://host[:port], as browsers send them in
// the Origin header, so comparing is plain string equality after normalizing.
import { z } from 'zod/mini';

const EXAMPLE = 'e.g. https://www.riverside.example.org or http://localhost:8080';

/** An origin an operator typed: http(s), a host, an optional port; no path, query or user. */
export const Origin = z.pipe(
  z.string(),
  z.transform((value: string, ctx): string => {
    const input = value.trim();
    let url: URL | undefined;
    try {
      url = new URL(input);
    } catch {
      url = undefined;
    }
    const problem = !url
      ? 'is not a URL'
      : url.protocol !== 'http:' && url.protocol !== 'https:'
        ? 'must start with http:// or https://'
        : url.username || url.password
          ? 'must not contain a user name or password'
          : undefined;
    if (problem) {
      ctx.issues.push({ code: 'custom', input: value, message: `"${value}" ${problem}: an origin is scheme://host[:port], ${EXAMPLE}` });
      return z.NEVER;
    }
    const origin = url!.origin;
    // Anything after the host and port (a path, a query) would never match an Origin header.
    if (input.replace(/\/$/, '').toLowerCase() !== origin.toLowerCase()) {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: `"${value}" has more than scheme://host[:port]; use ${origin} (${EXAMPLE})`,
      });
      return z.NEVER;
    }
    return origin;
  }),
);
