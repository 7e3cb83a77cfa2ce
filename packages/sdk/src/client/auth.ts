// Staff sign-in: a token for the librarian console, staff routes and the /librarian namespace.
import { Librarian, LoginResponse } from '../schemas/auth.js';
import type { CallOptions, Transport } from './transport.js';

export interface LoginCredentials {
  email: string;
  password: string;
}

export interface AuthApi {
  /**
   * Signs a librarian in. Throws ApiError 401 `invalid_credentials` (wrong email or password),
   * 403 `account_disabled`, 429 `too_many_attempts` (see `Retry-After`), 400 for a malformed email.
   */
  login(credentials: LoginCredentials, options?: CallOptions): Promise<LoginResponse>;
  /** The librarian a token belongs to. Throws ApiError 401 `unauthorized` once it has expired or been revoked. */
  me(auth: { token: string }, options?: CallOptions): Promise<Librarian>;
}

export function createAuthApi(transport: Transport): AuthApi {
  return {
    login: ({ email, password }, options = {}) =>
      transport.request({ method: 'POST', path: '/v1/auth/login', body: { email, password }, schema: LoginResponse, ...options }),
    me: ({ token }, options = {}) =>
      transport.request({
        method: 'GET',
        path: '/v1/auth/me',
        headers: { authorization: `Bearer ${token}` },
        schema: Librarian,
        ...options,
      }),
  };
}
