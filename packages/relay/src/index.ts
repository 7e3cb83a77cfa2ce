export { createRelay, startRelay, type Relay } from './server.js';
export { loadConfig, ConfigError, RelayConfig, type RelayConfigInput } from './config.js';
export { openStorage, type Storage } from './storage/index.js';
