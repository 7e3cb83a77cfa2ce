// Why a harvest as a whole could not run or stopped. A record that cannot be used is not an
// error: it is rejected, named by its identifier, and the harvest goes on.

export type HarvestErrorCode =
  | 'invalid-options'
  | 'unknown-member'
  | 'no-source'
  /** The repository cannot be reached or keeps failing after the retries. */
  | 'unreachable'
  /** A page that is not well-formed XML or not an OAI-PMH response. */
  | 'malformed-page'
  /** An OAI-PMH error other than those the protocol says to handle (cannotDisseminateFormat, badArgument, ...). */
  | 'repository-error'
  | 'unsupported-format'
  | 'aborted';

export class HarvestError extends Error {
  override readonly name = 'HarvestError';
  readonly code: HarvestErrorCode;

  constructor(code: HarvestErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
  }
}
