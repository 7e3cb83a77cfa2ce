// Staff sign-in over HTTP: POST /v1/auth/login and GET /v1/auth/me.
import { ChoosePasswordRequest, LoginRequest, type LoginResponse } from '@atrium/sdk';
import type { FastifyInstance } from 'fastify';
import {
  AccountDisabledError,
  InvalidAccountError,
  InvalidCredentialsError,
  PasswordLinkError,
  TooManyAttemptsError,
} from '../../domain/staff/errors.js';
import { clientAddress } from '../../realtime/client-address.js';
import { requireStaff } from '../auth.js';
import { ProblemError } from '../problem.js';
import { parseInput } from '../validate.js';

export interface AuthRouteOptions {
  /**
   * Take the client's address from X-Forwarded-For (TRUST_PROXY). Sign-in is throttled per
   * address, so behind a proxy without it every attempt would look as if it came from the proxy.
   */
  trustProxy?: boolean;
}

export function authRoutes(app: FastifyInstance, options: AuthRouteOptions = {}): void {
  app.post('/v1/auth/login', async (request, reply): Promise<LoginResponse> => {
    const { email, password } = parseInput(LoginRequest, request.body, 'body');
    reply.header('cache-control', 'no-store');
    const address = clientAddress({ headers: request.headers, address: request.socket.remoteAddress }, options.trustProxy ?? false);
    try {
      const result = await app.staffAuth.login(email, password, address);
      return { token: result.token, expiresAt: result.expiresAt.toISOString(), librarian: result.librarian };
    } catch (error) {
      if (error instanceof InvalidCredentialsError) throw new ProblemError(401, 'invalid_credentials', error.message);
      if (error instanceof AccountDisabledError) throw new ProblemError(403, 'account_disabled', error.message);
      if (error instanceof TooManyAttemptsError) {
        throw new ProblemError(429, 'too_many_attempts', error.message, undefined, {
          'retry-after': String(Math.ceil(error.retryAfterMs / 1000)),
        });
      }
      throw error;
    }
  });

  app.post('/v1/auth/password-link', async (request, reply): Promise<LoginResponse> => {
    const { link, password } = parseInput(ChoosePasswordRequest, request.body, 'body');
    reply.header('cache-control', 'no-store');
    try {
      const result = await app.staffAuth.choosePassword(link, password);
      return { token: result.token, expiresAt: result.expiresAt.toISOString(), librarian: result.librarian };
    } catch (error) {
      if (error instanceof PasswordLinkError) throw new ProblemError(410, 'link_expired', error.message);
      if (error instanceof InvalidAccountError)
        throw new ProblemError(400, 'invalid_password', error.message, [{ path: 'password', message: error.message }]);
      if (error instanceof AccountDisabledError) throw new ProblemError(403, 'account_disabled', error.message);
      throw error;
    }
  });

  app.get('/v1/auth/me', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return requireStaff(request);
  });
}
