// Staff sign-in: a token for the librarian console, staff routes and the /librarian namespace.
import { type ChoosePasswordRequest, Librarian, LoginResponse } from '../schemas/auth.js';
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
  /**
   * Sets a librarian's password through the one-time link an administrator gave them, and signs
   * them in. Throws ApiError 410 `link_expired` (used, expired or unknown), 400 with `errors`
   * naming `password` when it will not do (the link keeps working), 403 `account_disabled`.
   */
  choosePassword(request: ChoosePasswordRequest, options?: CallOptions): Promise<LoginResponse>;
}

export function createAuthApi(transport: Transport): AuthApi {
  return {
    login: ({ email, password }, options = {}) =>
      transport.request({ method: 'POST', path: '/v1/auth/login', body: { email, password }, schema: LoginResponse, ...options }),
    choosePassword: ({ link, password }, options = {}) =>
      transport.request({ method: 'POST', path: '/v1/auth/password-link', body: { link, password }, schema: LoginResponse, ...options }),
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
