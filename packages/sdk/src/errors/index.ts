export { AtriumError } from './atrium-error.js';
export { ApiError } from './api-error.js';
export { ConnectionError } from './connection-error.js';
export { TimeoutError } from './timeout-error.js';
export { ValidationError } from './validation-error.js';
