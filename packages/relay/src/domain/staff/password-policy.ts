// What a librarian password must be. Length is what makes a password hard to guess;
// composition rules mostly make passwords harder to remember, so there are none.

export const MIN_PASSWORD_LENGTH = 10;
/** Long enough for any passphrase, short enough that hashing stays cheap for the relay. */
export const MAX_PASSWORD_LENGTH = 1024;

/** Why the password cannot be used, or `undefined` when it can. */
export function passwordProblem(password: string, context: { email?: string } = {}): string | undefined {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    return `The password must be at least ${MIN_PASSWORD_LENGTH} characters long (it has ${length}); a phrase of a few words is easy to remember.`;
  }
  if (length > MAX_PASSWORD_LENGTH) return `The password must be at most ${MAX_PASSWORD_LENGTH} characters long.`;
  if (password.trim() === '') return 'The password cannot be only spaces.';
  if (new Set(password).size < 3) return 'The password repeats one or two characters; choose something harder to guess.';
  if (context.email && password.trim().toLowerCase() === context.email.trim().toLowerCase()) {
    return 'The password cannot be the email address.';
  }
  return undefined;
}
