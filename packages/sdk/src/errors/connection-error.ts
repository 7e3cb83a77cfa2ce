import { AtriumError } from './atrium-error.js';

/** The relay could not be reached (offline, DNS, refused, CORS); nothing was answered. */
export class ConnectionError extends AtriumError {
  override name = 'ConnectionError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
