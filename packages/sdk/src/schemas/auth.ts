// Staff sign-in: librarians exchange an email and password for a signed, expiring token
// that staff routes and the /librarian namespace take as `Authorization: Bearer <token>`.
import { z } from 'zod/mini';
import { MemberId } from './common.js';

export const LoginRequest = z.object({
  email: z.string().check(z.trim(), z.email('must be an email address, e.g. librarian@riverside-library.example.org')),
  password: z.string().check(
    z.minLength(1, 'is required'),
    // Hashing a megabyte-long "password" would let one request tie up the relay.
    z.maxLength(1024, 'must be at most 1024 characters'),
  ),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** Choosing a password through a one-time link (`#password-link=…` in the console's address). */
export const ChoosePasswordRequest = z.object({
  link: z.string().check(z.minLength(1, 'is required'), z.maxLength(200, 'is not a link this relay made')),
  password: z.string().check(z.minLength(1, 'is required'), z.maxLength(1024, 'must be at most 1024 characters')),
});
export type ChoosePasswordRequest = z.infer<typeof ChoosePasswordRequest>;

/** A librarian as other librarians and the console see them. */
export const Librarian = z.object({
  id: z.string(),
  /** The member whose patrons this librarian answers first; `null` for a consortium administrator. */
  member: z.nullable(MemberId),
  email: z.string(),
  /** How the librarian is shown to patrons and colleagues. */
  name: z.string(),
});
export type Librarian = z.infer<typeof Librarian>;

export const LoginResponse = z.object({
  /** Send as `Authorization: Bearer <token>`. */
  token: z.string(),
  /** When the token stops working (ISO 8601, UTC); sign in again after it. */
  expiresAt: z.iso.datetime(),
  librarian: Librarian,
});
export type LoginResponse = z.infer<typeof LoginResponse>;
