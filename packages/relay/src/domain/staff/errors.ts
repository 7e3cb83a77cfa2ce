// What can go wrong signing librarians in and managing their accounts; the HTTP and CLI
// adapters turn these into answers.

/** Wrong email or wrong password: deliberately the same error for both. */
export class InvalidCredentialsError extends Error {
  override name = 'InvalidCredentialsError';
  constructor() {
    super('The email or password is not right.');
  }
}

/** The password was right but the account has been switched off. */
export class AccountDisabledError extends Error {
  override name = 'AccountDisabledError';
  constructor() {
    super('This librarian account is disabled; ask an administrator of your member to enable it again.');
  }
}

/** Sign-in attempts from here must wait; waits start at a second, so short ones are told in seconds. */
export class TooManyAttemptsError extends Error {
  override name = 'TooManyAttemptsError';
  constructor(readonly retryAfterMs: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    const minutes = Math.ceil(seconds / 60);
    const wait = seconds < 60 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${minutes} minute${minutes === 1 ? '' : 's'}`;
    super(`Too many sign-in attempts; try again in ${wait}.`);
  }
}

/** The token was genuine but its time is up: sign in again. */
export class TokenExpiredError extends Error {
  override name = 'TokenExpiredError';
  constructor() {
    super('The sign-in has expired; sign in again.');
  }
}

/** Not a token this relay signed for a librarian, altered, or its account is gone or disabled. */
export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
  constructor(reason = 'The token is not valid; sign in again.') {
    super(reason);
  }
}

/** A one-time password link that is unknown, already used or past its time. */
export class PasswordLinkError extends Error {
  override name = 'PasswordLinkError';
  constructor() {
    super('This link has been used or has expired. Ask an administrator for a new one ("atrium-relay librarian link --email …").');
  }
}

/** Bad input for a new account; `field` is what to fix. */
export class InvalidAccountError extends Error {
  override name = 'InvalidAccountError';
  constructor(
    readonly field: 'member' | 'email' | 'password' | 'name',
    message: string,
  ) {
    super(message);
  }
}

export class UnknownMemberError extends Error {
  override name = 'UnknownMemberError';
  constructor(
    readonly member: string,
    known: readonly string[],
  ) {
    super(
      `There is no member "${member}"${known.length > 0 ? `; members are: ${known.join(', ')}` : ' (no members have been loaded yet)'}.`,
    );
  }
}

export class EmailTakenError extends Error {
  override name = 'EmailTakenError';
  constructor(readonly email: string) {
    super(`A librarian account with the email ${email} already exists.`);
  }
}
