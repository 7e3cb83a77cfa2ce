// Staff authentication for HTTP routes: `Authorization: Bearer <token>` from POST /v1/auth/login.
// Staff routes call `requireLibrarian(request)`, or take `librarianOnly` as their preHandler.
import type { Librarian } from '@atrium/sdk';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { InvalidTokenError, TokenExpiredError } from '../domain/staff/errors.js';
import { type DeskLibrarian, hasDesk, NO_DESK_MESSAGE } from '../domain/staff/librarian.js';
import type { StaffAuth } from '../domain/staff/staff-auth.js';
import { ProblemError } from './problem.js';

declare module 'fastify' {
  interface FastifyInstance {
    staffAuth: StaffAuth;
  }
  interface FastifyRequest {
    /** The signed-in librarian, once `requireLibrarian` has checked the request. */
    librarian: Librarian | null;
  }
}

const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

export function installStaffAuth(app: FastifyInstance, staffAuth: StaffAuth): void {
  app.decorate('staffAuth', staffAuth);
  app.decorateRequest('librarian', null);
}

/**
 * The librarian with a desk whom the request's bearer token belongs to; a 401 problem without
 * a valid token, a 403 `no_desk` for a consortium administrator.
 */
export async function requireLibrarian(request: FastifyRequest): Promise<DeskLibrarian> {
  const librarian = await requireStaff(request);
  if (!hasDesk(librarian)) throw new ProblemError(403, 'no_desk', NO_DESK_MESSAGE);
  return librarian;
}

/** Anyone on the staff the bearer token belongs to, administrators included; a 401 problem otherwise. */
export async function requireStaff(request: FastifyRequest): Promise<Librarian> {
  if (request.librarian) return request.librarian;
  const header = request.headers.authorization;
  if (!header) {
    throw unauthorized('Sign in first: send the token from POST /v1/auth/login as "Authorization: Bearer <token>".');
  }
  const match = BEARER.exec(header);
  if (!match) throw unauthorized('The Authorization header must be "Bearer <token>".', 'invalid_request');
  try {
    request.librarian = await request.server.staffAuth.authenticate(match[1]!);
  } catch (error) {
    if (error instanceof TokenExpiredError || error instanceof InvalidTokenError) throw unauthorized(error.message, 'invalid_token');
    throw error;
  }
  return request.librarian;
}

/** A preHandler for routes only librarians may use. */
export async function librarianOnly(request: FastifyRequest): Promise<void> {
  await requireLibrarian(request);
}

function unauthorized(detail: string, error?: 'invalid_request' | 'invalid_token'): ProblemError {
  // RFC 6750: tell the client which scheme to use and, when a token was sent, what was wrong with it.
  const challenge = error
    ? `Bearer realm="atrium", error="${error}", error_description="${detail.replace(/["\\]/g, "'")}"`
    : 'Bearer realm="atrium"';
  return new ProblemError(401, 'unauthorized', detail, undefined, { 'www-authenticate': challenge });
}
