/** Base class of every error the SDK throws, so callers can catch them all at once. */
export class AtriumError extends Error {
  override name = 'AtriumError';
}
